import Foundation

/// Unicode NFC with a fast path for text that is NFC already, as nearly every article is.
enum NFC {
    static func normalize(_ text: String) -> String {
        text.unicodeScalars.allSatisfy(isStable) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Scalars that NFC never changes, decomposes or reorders, whatever surrounds them: most of
    /// Latin, punctuation, CJK and precomposed Hangul. Anything else takes the full normalization.
    private static func isStable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x300, 0x2010..<0x2070, 0x3000..<0x302A, 0x3041..<0x3097, 0x30A1..<0x30FB, 0x3131..<0x318F,
            0x3200..<0x3400, 0x4E00..<0xA000, 0xAC00..<0xD7A4, 0xFF01..<0xFF5F:
            true
        default:
            false
        }
    }
}
