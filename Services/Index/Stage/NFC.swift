import Foundation

/// Unicode NFC with a fast path for text that is NFC already, as nearly every article is.
enum NFC {
    /// Non-starters (combining marks) in a row before a combining grapheme joiner is put between them.
    ///
    /// Normalization sorts each run of combining marks, and Foundation's sort is quadratic: one base letter
    /// with a megabyte of marks after it took minutes. Unicode's stream-safe text format (UAX #15) bounds
    /// runs the same way, at the same 30; no text in any language needs more.
    static let maximumNonStarters = 30

    static func normalize(_ text: String) -> String {
        text.unicodeScalars.allSatisfy(isStable)
            ? text : foundationLock.withLock { streamSafe(text).precomposedStringWithCanonicalMapping }
    }

    /// Held around Foundation's normalization, which shares buffers between threads on Linux: concurrent
    /// searches over text that needed it corrupted the heap.
    static let foundationLock = NSLock()

    /// `text` with U+034F COMBINING GRAPHEME JOINER after every `maximumNonStarters` non-starters in a row.
    static func streamSafe(_ text: String) -> String {
        var run = 0
        var longest = 0
        for scalar in text.unicodeScalars {
            run = scalar.properties.canonicalCombiningClass == .notReordered ? 0 : run + 1
            longest = max(longest, run)
        }
        guard longest > maximumNonStarters else { return text }
        var result = String.UnicodeScalarView()
        run = 0
        for scalar in text.unicodeScalars {
            if scalar.properties.canonicalCombiningClass == .notReordered {
                run = 0
            } else {
                run += 1
                if run > maximumNonStarters {
                    result.append("\u{034F}")
                    run = 1
                }
            }
            result.append(scalar)
        }
        return String(result)
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
