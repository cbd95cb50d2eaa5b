/// The coarse script class of a Unicode scalar, as the recognizers and the language detector see it.
enum ScalarClass: UInt8 {
    case space, hangul, latin, digit, han, kana, punctuation, other

    init(_ s: Unicode.Scalar) {
        let v = s.value
        switch v {
        case 0x20, 0x09, 0x0a, 0x0d, 0xa0, 0x3000: self = .space
        case 0xac00...0xd7a3, 0x1100...0x11ff, 0x3130...0x318f: self = .hangul
        case 0x41...0x5a, 0x61...0x7a, 0xc0...0x24f: self = .latin
        case 0x30...0x39, 0xff10...0xff19: self = .digit
        case 0x4e00...0x9fff, 0x3400...0x4dbf, 0xf900...0xfaff: self = .han
        case 0x3040...0x30ff: self = .kana
        case 0x21...0x2f, 0x3a...0x40, 0x5b...0x60, 0x7b...0x7e, 0x2000...0x206f, 0x3001...0x303f,
            0xff01...0xff0f, 0xb7:
            self = .punctuation
        default: self = s.properties.isWhitespace ? .space : .other
        }
    }

    /// Letters that can be part of a name: Hangul, Latin, Han and Kana.
    var isLetter: Bool {
        switch self {
        case .hangul, .latin, .han, .kana: return true
        default: return false
        }
    }

    /// Letters or digits: what a word is made of.
    var isWordPart: Bool { isLetter || self == .digit }
}
