/// Renders rows as an aligned plain-text table; wide (Hangul) characters count as two columns.
enum TextTable {
    static func render(header: [String], rows: [[String]], maxWidth: Int = 48) -> String {
        let cells = ([header] + rows).map { row in row.map { truncate($0, to: maxWidth) } }
        var widths = [Int](repeating: 0, count: header.count)
        for row in cells {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], displayWidth(cell))
            }
        }
        var lines: [String] = []
        for (number, row) in cells.enumerated() {
            lines.append(
                row.enumerated().map { index, cell in
                    cell + String(repeating: " ", count: max(0, widths[index] - displayWidth(cell)))
                }.joined(separator: "  ").trimmingTrailingSpaces())
            if number == 0 {
                lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    static func truncate(_ text: String, to width: Int) -> String {
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = displayWidth(String(character))
            if used + characterWidth > width - 1 && displayWidth(text) > width {
                return result + "…"
            }
            result.append(character)
            used += characterWidth
        }
        return result
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6:
            true
        default:
            false
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var result = self
        while result.hasSuffix(" ") { result.removeLast() }
        return result
    }
}
