import NewslineModels
import TextScanning

/// Brings decoded text to the contract's form: `\n` line endings, no control characters, NFC.
enum TextNormalizer {
    /// Works on the UTF-8 bytes and copies only when something changes: real pages are mostly text that
    /// needs nothing, and building the result scalar by scalar cost more than all other ingest work.
    static func normalize(_ text: String) -> String {
        var text = text
        let cleaned = text.withUTF8 { cleanLines($0) }
        return CanonicalComposition.nfc(cleaned.map { String(decoding: $0, as: UTF8.self) } ?? text)
    }

    /// The bytes with CR, CRLF, U+2028 and U+2029 as `\n` and without C0/C1 controls (tab kept) or stray
    /// byte order marks; nil when nothing changes. The bytes are valid UTF-8.
    static func cleanLines(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var output: [UInt8]?
        var copied = 0  // bytes before this offset are in `output` or were dropped
        var index = 0
        let count = bytes.count

        /// Moves the unchanged run before `index` into the output, then writes `replacement`.
        func replace(length: Int, with replacement: UInt8?) {
            if output == nil {
                output = []
                output!.reserveCapacity(count)
            }
            output!.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
            if let replacement { output!.append(replacement) }
            index += length
            copied = index
        }

        while index < count {
            if index + 8 <= count, ByteWords.isPrintable(ByteWords.load(bytes, at: index)) {
                index += 8
                continue
            }
            let byte = bytes[index]
            switch byte {
            case 0x0D:
                // A CRLF pair is one line break, a lone CR another.
                replace(length: index + 1 < count && bytes[index + 1] == 0x0A ? 2 : 1, with: 0x0A)
            case 0x00..<0x20 where byte != 0x09 && byte != 0x0A, 0x7F:
                // Control characters carry no article text.
                replace(length: 1, with: nil)
            case 0xC2 where index + 1 < count && bytes[index + 1] >= 0x80 && bytes[index + 1] <= 0x9F:
                // C1 controls, U+0080–U+009F.
                replace(length: 2, with: nil)
            case 0xE2 where index + 2 < count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR.
                replace(length: 3, with: 0x0A)
            case 0xEF where index + 2 < count && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF:
                // A stray byte order mark (U+FEFF).
                replace(length: 3, with: nil)
            default:
                index += 1
            }
        }
        guard var output else { return nil }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<count]))
        return output
    }

    /// True when the text holds nothing but whitespace (spaces, tabs, newlines, NBSP, U+3000, …).
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.isSpace }
    }
}
