import TextScanning

/// Reads `<meta>` and `<link>` tags from the start of an HTML page without building a document.
///
/// Ingest needs only two facts from HTML, the declared charset and the canonical URL, and must get
/// the charset from bytes it cannot decode yet; a small tag scanner over ASCII does both.
enum HTMLHeadScanner {
    /// How many bytes of decoded text are searched for the canonical URL.
    static let urlScanLimit = 32 * 1024

    /// The charsets a page declares in its own markup, each nil when absent.
    struct Declarations: Equatable {
        /// The first `<meta charset="…">`.
        var metaCharset: String?
        /// The first `<meta http-equiv="Content-Type" content="…; charset=…">`.
        var httpEquivCharset: String?
        /// The `encoding` of an `<?xml … ?>` declaration that opens the document.
        var xmlEncoding: String?
    }

    /// Reads the charset declarations from the first bytes of a page (ASCII, so before decoding).
    static func declarations(in bytes: ArraySlice<UInt8>) -> Declarations {
        var found = Declarations(xmlEncoding: xmlDeclarationEncoding(in: bytes))
        scanTags(bytes, named: ["meta"]) { _, attributes in
            if found.metaCharset == nil, let charset = attributes["charset"], !charset.isEmpty {
                found.metaCharset = charset
            }
            if found.httpEquivCharset == nil, attributes["http-equiv"]?.lowercased() == "content-type",
                let charset = ContentType(attributes["content"]).charset
            {
                found.httpEquivCharset = charset
            }
            return found.metaCharset == nil || found.httpEquivCharset == nil
        }
        return found
    }

    /// The `encoding="…"` of `<?xml version="1.0" encoding="…"?>` at the start (after whitespace).
    static func xmlDeclarationEncoding(in bytes: ArraySlice<UInt8>) -> String? {
        let start = bytes.firstIndex { !isSpace($0) } ?? bytes.endIndex
        guard bytes[start...].starts(with: "<?xml".utf8) else { return nil }
        let afterName = start + 5
        guard afterName < bytes.endIndex, isSpace(bytes[afterName]) else { return nil }
        guard let close = bytes[afterName...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        // `?>` ends the declaration; the `?` reads as an attribute name without a value and is ignored.
        var read: [String: String]? = [:]
        _ = readAttributes(bytes[..<(close + 1)], from: afterName, into: &read)
        guard let encoding = read?["encoding"], !encoding.isEmpty else { return nil }
        return encoding
    }

    /// `<link rel="canonical">`, else `og:url`, when it is an absolute http(s) URL.
    static func canonicalURL(in text: String) -> String? {
        var canonical: String?
        var openGraph: String?
        // The bytes copied at once from the string's storage: an `ArraySlice` built from `text.utf8` is
        // filled a byte at a time through the view's iterator, which cost more than the scan itself.
        var text = text
        let head = text.withUTF8 { ArraySlice(UnsafeBufferPointer(rebasing: $0.prefix(urlScanLimit))) }
        scanTags(head, named: ["link", "meta", "body"]) { name, attributes in
            if name == "link", attributes["rel"]?.lowercased() == "canonical", let href = attributes["href"] {
                canonical = href
                return false
            }
            if name == "meta", attributes["property"] == "og:url", let content = attributes["content"] {
                openGraph = openGraph ?? content
            }
            return name != "body"
        }
        return [canonical, openGraph].compactMap { $0 }.first { isAbsoluteWebURL($0) }
    }

    private static func isAbsoluteWebURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
    }

    /// Calls `visit` with the lowercased name and the attributes of each start tag named one of `names`
    /// (lowercase) until it returns false; other tags are stepped over without building their strings.
    static func scanTags(_ bytes: ArraySlice<UInt8>, named names: [String], visit: (String, [String: String]) -> Bool) {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            index = nextTagOpening(bytes, from: index)
            guard index < end else { return }
            index += 1
            if index < end, bytes[index] == UInt8(ascii: "!") {
                index = skipDeclaration(bytes, from: index)
                continue
            }
            let nameStart = index
            while index < end, isNameByte(bytes[index]) { index += 1 }
            guard index > nameStart else { continue }
            guard let name = names.first(where: { equalsLowercased(bytes[nameStart..<index], $0) }) else {
                var skipped: [String: String]?
                index = readAttributes(bytes, from: index, into: &skipped)
                continue
            }
            var attributes: [String: String]? = [:]
            index = readAttributes(bytes, from: index, into: &attributes)
            if !visit(name, attributes ?? [:]) { return }
        }
    }

    /// The index of the next `<` from `start`, or the end: most of a page's head is text and attribute
    /// values between tags.
    private static func nextTagOpening(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int {
        bytes[start...].withUnsafeBufferPointer { start + UTF8Search.next(UInt8(ascii: "<"), in: $0, from: 0) }
    }

    /// Whether ASCII name bytes are `lowercase` when their letters are lowercased.
    private static func equalsLowercased(_ name: ArraySlice<UInt8>, _ lowercase: String) -> Bool {
        guard name.count == lowercase.utf8.count else { return false }
        return zip(name, lowercase.utf8).allSatisfy { (byte, expected) in
            (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == expected
        }
    }

    /// The index after a `<!…>` declaration or `<!-- … -->` comment that starts at `start` (after `<`).
    private static func skipDeclaration(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int {
        let end = bytes.endIndex
        let isComment = bytes[start...].starts(with: "!--".utf8)
        var index = isComment ? start + 3 : start
        while let close = bytes[index..<end].firstIndex(of: UInt8(ascii: ">")) {
            // A comment ends only at `-->`; any other `>` inside it is text.
            if !isComment || (bytes[close - 1] == 0x2D && bytes[close - 2] == 0x2D) {
                return close + 1
            }
            index = close + 1
        }
        return end
    }

    /// Reads one tag's attributes into `attributes` (lowercased names), or only steps over them when it is
    /// nil; returns the index after the tag.
    private static func readAttributes(
        _ bytes: ArraySlice<UInt8>, from start: Int, into attributes: inout [String: String]?
    ) -> Int {
        var index = start
        let end = bytes.endIndex
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { return index + 1 }
            if isSpace(byte) || byte == UInt8(ascii: "/") {
                index += 1
                continue
            }
            let nameStart = index
            while index < end, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ">") {
                index += 1
            }
            let nameEnd = index
            func name() -> String { String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self).lowercased() }
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index < end, bytes[index] == UInt8(ascii: "=") else {
                if attributes != nil { attributes![name()] = "" }
                continue
            }
            index += 1
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index < end else { break }
            let quote = bytes[index]
            let valueStart: Int
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                index += 1
                valueStart = index
                while index < end, bytes[index] != quote { index += 1 }
                if attributes != nil { attributes![name()] = String(decoding: bytes[valueStart..<index], as: UTF8.self) }
                index = min(index + 1, end)
            } else {
                valueStart = index
                while index < end, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                if attributes != nil { attributes![name()] = String(decoding: bytes[valueStart..<index], as: UTF8.self) }
            }
        }
        return index
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}
