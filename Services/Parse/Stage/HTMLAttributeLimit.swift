/// Caps the attributes of each start tag before libxml2 reads a page.
///
/// libxml2's HTML parser checks every new attribute of a tag against the ones before it, so one tag
/// with 200,000 attributes (a 2 MiB page) takes minutes to parse. No real page comes close: the
/// limit is far above what markup carries, and the attributes past it are left out, the tag and
/// everything after it kept. The scan is one pass over the bytes and copies nothing unless a tag is
/// over the limit.
enum HTMLAttributeLimit {
    /// Attributes kept per start tag; libxml2's duplicate check then costs at most about 32,000
    /// comparisons a tag.
    static let maxAttributesPerTag = 256

    /// The page with every start tag cut to `limit` attributes, or nil when no tag has more.
    static func limited(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int = maxAttributesPerTag) -> [UInt8]? {
        var output: [UInt8]?
        var copiedUpTo = 0
        var index = 0
        let count = bytes.count
        while index < count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < count, isLetter(bytes[index + 1]) else {
                index += 1
                continue
            }
            index += 1
            while index < count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
            var attributes = 0
            var cutFrom: Int?
            while index < count {
                while index < count, isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { index += 1 }
                guard index < count, bytes[index] != UInt8(ascii: ">") else { break }
                attributes += 1
                if attributes > limit, cutFrom == nil { cutFrom = index }
                index = endOfAttribute(bytes, from: index)
            }
            if let cutFrom {
                if output == nil {
                    output = []
                    output!.reserveCapacity(count)
                }
                output!.append(contentsOf: bytes[copiedUpTo..<cutFrom])
                copiedUpTo = index
            }
        }
        guard var output else { return nil }
        output.append(contentsOf: bytes[copiedUpTo..<count])
        return output
    }

    /// The index after one attribute: its name, and `=` with a quoted or bare value when present.
    private static func endOfAttribute(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        let count = bytes.count
        while index < count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ">") {
            index += 1
        }
        var afterName = index
        while afterName < count, isSpace(bytes[afterName]) { afterName += 1 }
        guard afterName < count, bytes[afterName] == UInt8(ascii: "=") else { return index }
        index = afterName + 1
        while index < count, isSpace(bytes[index]) { index += 1 }
        guard index < count else { return index }
        let quote = bytes[index]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            index += 1
            while index < count, bytes[index] != quote { index += 1 }
            return min(index + 1, count)
        }
        while index < count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
        return index
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}
