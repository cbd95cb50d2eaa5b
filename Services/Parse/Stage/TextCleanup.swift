/// Whitespace handling shared by every format.
enum TextCleanup {
    /// Collapses every run of whitespace (including NBSP, U+3000, tabs and newlines) to one space and trims.
    static func collapse<S: StringProtocol>(_ text: S) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            result.append(scalar)
        }
        return String(result)
    }

    /// The text without leading and trailing whitespace, or nil when nothing is left.
    static func trimmed(_ text: String) -> String? {
        trimmed(text[...])
    }

    /// The text without leading and trailing whitespace, or nil when nothing is left.
    static func trimmed(_ text: Substring) -> String? {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return nil }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
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
}
