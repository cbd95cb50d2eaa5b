import TextScanning

/// Whitespace handling shared by every format, done on UTF-8 bytes because it runs on every line.
enum TextCleanup {
    /// Collapses every run of whitespace (including NBSP, U+3000, tabs and newlines) to one space and trims.
    static func collapse<S: StringProtocol>(_ text: S) -> String {
        if let result = text.utf8.withContiguousStorageIfAvailable(collapse) {
            return result
        }
        return Array(text.utf8).withUnsafeBufferPointer(collapse)
    }

    /// The same for text given as UTF-8 bytes (invalid sequences repaired).
    static func collapse(utf8 bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer(collapse)
    }

    private static func collapse(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { output in
            var written = 0
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let invisible = invisibleWidth(bytes, at: index)
                if invisible > 0 {
                    index += invisible
                    continue
                }
                let width = whitespaceWidth(bytes, at: index)
                if width > 0 {
                    pendingSpace = written > 0
                    index += width
                    continue
                }
                if pendingSpace {
                    output[written] = 0x20
                    written += 1
                    pendingSpace = false
                }
                output[written] = bytes[index]
                written += 1
                index += 1
            }
            return written
        }
    }

    /// The byte length of a character that is never drawn, or 0: zero-width space U+200B and the BOM U+FEFF,
    /// left between words by editors and concatenated files.
    ///
    /// The soft hyphen U+00AD (`Pfan­nen­sti­el`, hyphenation hints of German pages) stays: it is part of
    /// the text as published, and the words the page itself prints are what readers and the evaluation
    /// snippets quote; search normalizes it away when it tokenizes.
    @inline(__always)
    static func invisibleWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        guard byte == 0xE2 || byte == 0xEF else { return 0 }
        let remaining = bytes.count - index
        if byte == 0xE2, remaining >= 3, bytes[index + 1] == 0x80, bytes[index + 2] == 0x8B { return 3 }
        if byte == 0xEF, remaining >= 3, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF { return 3 }
        return 0
    }

    /// The byte length of the White_Space character starting at `index`, or 0 when there is none.
    @inline(__always)
    static func whitespaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        if byte < 0x80 {
            return byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) ? 1 : 0
        }
        let remaining = bytes.count - index
        switch byte {
        case 0xC2 where remaining >= 2:
            return bytes[index + 1] == 0xA0 || bytes[index + 1] == 0x85 ? 2 : 0
        case 0xE1 where remaining >= 3:
            return bytes[index + 1] == 0x9A && bytes[index + 2] == 0x80 ? 3 : 0
        case 0xE2 where remaining >= 3:
            let second = bytes[index + 1]
            let third = bytes[index + 2]
            if second == 0x80 {
                return (0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF ? 3 : 0
            }
            return second == 0x81 && third == 0x9F ? 3 : 0
        case 0xE3 where remaining >= 3:
            return bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80 ? 3 : 0
        default:
            return 0
        }
    }

    /// The text without leading and trailing whitespace, or nil when nothing is left.
    static func trimmed(_ text: String) -> String? {
        trimmed(text[...])
    }

    /// The text without leading and trailing whitespace, or nil when nothing is left.
    static func trimmed(_ text: Substring) -> String? {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isSpace }) else { return nil }
        let last = scalars.lastIndex(where: { !$0.isSpace })!
        return String(scalars[first...last])
    }

    /// Splits text into lines on `\n` by scanning UTF-8, which is much cheaper than Character splitting.
    static func lines(_ text: String) -> [Substring] {
        var result: [Substring] = []
        var start = text.utf8.startIndex
        var index = start
        let end = text.utf8.endIndex
        while index < end {
            if text.utf8[index] == UInt8(ascii: "\n") {
                result.append(text[start..<index])
                start = text.utf8.index(after: index)
            }
            index = text.utf8.index(after: index)
        }
        result.append(text[start..<end])
        return result
    }

    /// Paragraphs of plain text: blocks separated by blank lines, each block's lines joined by a space.
    static func blankLineBlocks<Lines: Collection<Substring>>(_ lines: Lines) -> [String] {
        var paragraphs: [String] = []
        var block: [String] = []
        for line in lines {
            if let text = trimmed(line) {
                block.append(text)
            } else if !block.isEmpty {
                paragraphs.append(collapse(block.joined(separator: " ")))
                block.removeAll()
            }
        }
        if !block.isEmpty {
            paragraphs.append(collapse(block.joined(separator: " ")))
        }
        return paragraphs
    }

    /// The number of Characters (grapheme clusters), counting scalars when no scalar can join a cluster.
    ///
    /// Korean and Latin article text is almost entirely made of scalars that always stand alone, and
    /// counting them avoids grapheme breaking; anything else takes the exact path.
    static func characterCount(_ text: String) -> Int {
        var count = 0
        for scalar in text.unicodeScalars {
            guard standsAlone(scalar) else { return text.count }
            count += 1
        }
        return count
    }

    @inline(__always)
    private static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0D: false
        case 0x00..<0x0300, 0xAC00...0xD7A3, 0x4E00...0x9FFF, 0x3130...0x318F, 0xFF00...0xFFEF: true
        case 0x2000...0x2BFF: !(scalar.value == 0x200C || scalar.value == 0x200D || (0x20D0...0x20FF).contains(scalar.value))
        case 0x3000...0x30FF: !((0x302A...0x302F).contains(scalar.value) || scalar.value == 0x3099 || scalar.value == 0x309A)
        default: false
        }
    }
}
