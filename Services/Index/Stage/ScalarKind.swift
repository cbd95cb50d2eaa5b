/// What a unicode scalar is to the analyzer: part of a CJK run, of another word run, or a separator.
enum ScalarKind: Equatable {
    case cjk
    case other
    case separator

    static func of(_ scalar: Unicode.Scalar) -> ScalarKind {
        let value = scalar.value
        if value < 0x80 {
            // ASCII is by far the most common case outside Hangul; decide it without property lookups.
            switch value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .other
            default: return .separator
            }
        }
        switch value {
        case 0xAC00...0xD7A3, 0x1100...0x11FF, 0x3130...0x318F, 0xA960...0xA97F, 0xD7B0...0xD7FF,
            0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F:
            return .cjk
        // Punctuation, arrows, shapes and CJK symbols that articles are full of (…, ·, “ ”, ▲, 「」):
        // answered here because the property lookup below is the analyzer's slowest step.
        case 0x80...0xA9, 0xAB...0xB1, 0xB4, 0xB6...0xB8, 0xBB, 0xBF, 0xD7, 0xF7, 0x2000...0x206F,
            0x2190...0x23FF, 0x2500...0x2775, 0x3000...0x3004, 0x3008...0x3020, 0xFF01...0xFF0F:
            return .separator
        default:
            break
        }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil {
            return .other
        }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .other
        default: return .separator
        }
    }

    /// Lowercases one scalar into one scalar, so folded text keeps the positions of the original.
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        if value < 0x80 {
            return (0x41...0x5A).contains(value) ? Unicode.Scalar(value + 0x20)! : scalar
        }
        // Hangul, kana and Han have no case; skipping the property lookup for them halves analysis time.
        if (0x3000..<0xFF00).contains(value) {
            return scalar
        }
        guard scalar.properties.changesWhenLowercased else { return scalar }
        return scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
    }
}
