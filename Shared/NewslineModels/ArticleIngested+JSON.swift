/// `article.ingested` written and read over UTF-8 bytes, the same JSON as `JSONEncoder` gives it.
///
/// The event is the page text plus a few short fields, and it crosses two stages for every page: the
/// general coder's handling of that one long string was a third of the parse stage. Writing matches
/// `EventCodec`'s `JSONEncoder` output byte for byte (sorted keys, absent optionals left out, slashes
/// unescaped). Reading takes the shape this writer and other clients give the event (known fields, any
/// order, whitespace, `null` optionals); anything else, from an unknown field to a malformed value, gets
/// nil, and `EventCodec` hands the bytes to `JSONDecoder`, which accepts or rejects them as before.
extension ArticleIngested {
    func jsonBytes() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8 + 512)
        func key(_ name: String, first: Bool = false) {
            if !first { output.append(UInt8(ascii: ",")) }
            JSONStringBytes.write(name, to: &output)
            output.append(UInt8(ascii: ":"))
        }
        output.append(UInt8(ascii: "{"))
        key("articleId", first: true)
        JSONStringBytes.write(articleId, to: &output)
        key("charset")
        JSONStringBytes.write(charset, to: &output)
        key("contentHash")
        JSONStringBytes.write(contentHash, to: &output)
        key("format")
        JSONStringBytes.write(format.rawValue, to: &output)
        key("rawBytes")
        output.append(contentsOf: Array(String(rawBytes).utf8))
        key("receivedAt")
        JSONStringBytes.write(Timestamp.format(receivedAt), to: &output)
        if let source {
            key("source")
            JSONStringBytes.write(source, to: &output)
        }
        if let sourceURL {
            key("sourceURL")
            JSONStringBytes.write(sourceURL, to: &output)
        }
        key("text")
        JSONStringBytes.write(text, to: &output)
        key("type")
        JSONStringBytes.write(Self.eventType, to: &output)
        key("version")
        output.append(contentsOf: Array(String(Self.majorVersion).utf8))
        output.append(UInt8(ascii: "}"))
        return output
    }

    /// The event in `bytes`, or nil when they are not the plain shape read here (see the type's note).
    init?(jsonBytes bytes: [UInt8]) {
        guard let fields = bytes.withUnsafeBufferPointer({ IngestedFields.read($0) }),
            fields.strings["type"] == Self.eventType, fields.integers["version"] == Self.majorVersion,
            let articleId = fields.strings["articleId"], let contentHash = fields.strings["contentHash"],
            let format = fields.strings["format"].flatMap(ArticleFormat.init(rawValue:)),
            let charset = fields.strings["charset"], let text = fields.strings["text"],
            let rawBytes = fields.integers["rawBytes"],
            let receivedAt = fields.strings["receivedAt"].flatMap(Timestamp.parse)
        else { return nil }
        self.init(
            articleId: articleId, contentHash: contentHash, source: fields.strings["source"],
            sourceURL: fields.strings["sourceURL"], format: format, charset: charset, text: text,
            rawBytes: rawBytes, receivedAt: receivedAt)
    }
}

/// The top-level fields of an `article.ingested` object, read without a general JSON parser.
private struct IngestedFields {
    var strings: [String: String] = [:]
    var integers: [String: Int] = [:]
    var nulls: Set<String> = []

    private static let stringKeys: Set<String> = [
        "type", "articleId", "contentHash", "charset", "format", "receivedAt", "text",
    ]
    private static let optionalKeys: Set<String> = ["source", "sourceURL"]
    private static let integerKeys: Set<String> = ["version", "rawBytes"]

    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> IngestedFields? {
        var fields = IngestedFields()
        var index = skipSpace(bytes, from: 0)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        index = skipSpace(bytes, from: index + 1)
        while true {
            guard let (key, afterKey) = JSONStringBytes.read(bytes, at: index) else { return nil }
            guard fields.strings[key] == nil, fields.integers[key] == nil, !fields.nulls.contains(key) else {
                return nil
            }
            index = skipSpace(bytes, from: afterKey)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index = skipSpace(bytes, from: index + 1)
            guard index < bytes.count else { return nil }
            if integerKeys.contains(key) {
                guard let (value, end) = integer(bytes, at: index) else { return nil }
                fields.integers[key] = value
                index = end
            } else if optionalKeys.contains(key), bytes[index] == UInt8(ascii: "n") {
                guard index + 4 <= bytes.count, Array(bytes[index..<index + 4]) == Array("null".utf8) else {
                    return nil
                }
                fields.nulls.insert(key)
                index += 4
            } else if stringKeys.contains(key) || optionalKeys.contains(key) {
                guard let (value, end) = JSONStringBytes.read(bytes, at: index) else { return nil }
                fields.strings[key] = value
                index = end
            } else {
                return nil
            }
            index = skipSpace(bytes, from: index)
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "}") { break }
            guard bytes[index] == UInt8(ascii: ",") else { return nil }
            index = skipSpace(bytes, from: index + 1)
        }
        return skipSpace(bytes, from: index + 1) == bytes.count ? fields : nil
    }

    private static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        return index
    }

    /// A plain decimal integer (`-`, digits, no leading zero, no fraction or exponent) and the offset after it.
    private static func integer(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (Int, Int)? {
        var index = start
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let digitsStart = index
        var value = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (added, overflowAdd) = shifted.addingReportingOverflow(Int(bytes[index] - UInt8(ascii: "0")))
            guard !overflow, !overflowAdd else { return nil }
            value = added
            index += 1
        }
        let digits = index - digitsStart
        guard digits > 0, digits == 1 || bytes[digitsStart] != UInt8(ascii: "0") else { return nil }
        if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) {
            return nil
        }
        return (negative ? -value : value, index)
    }
}
