import TextScanning
import Foundation

/// Brings decoded text to the contract's form: `\n` line endings, no control characters, NFC.
enum TextNormalizer {
    static func normalize(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            defer { previousWasCR = value == 0x0D }
            switch value {
            case 0x0A:
                // The LF of a CRLF pair was already written for the CR.
                if !previousWasCR { scalars.append("\n") }
            case 0x0D, 0x2028, 0x2029:
                scalars.append("\n")
            case 0x09:
                scalars.append(scalar)
            case 0x00...0x1F, 0x7F...0x9F, 0xFEFF:
                // Control characters and stray byte order marks carry no article text.
                continue
            default:
                scalars.append(scalar)
            }
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    /// True when the text holds nothing but whitespace (spaces, tabs, newlines, NBSP, U+3000, …).
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.isSpace }
    }
}
