/// Whether every scalar of a text is a `Character` of its own, so that `Character` questions (counts,
/// prefixes, splits, set membership) can be answered on the scalars without grapheme breaking.
///
/// `String`'s `Character` view finds grapheme bounds with Unicode property lookups on every scalar, and its
/// comparisons are by canonical equivalence; on the short texts quotes and names are this was a visible
/// share of enrich. The scalars admitted here are ones with no grapheme bond to a neighbour of the same
/// kind and no canonical decomposition onto another admitted scalar: printable ASCII, Latin-1 and Latin
/// Extended letters (U+00A0–U+02FF, before the combining marks), general punctuation other than spaces and
/// format characters (U+2010–U+2027, U+2030–U+205E), CJK punctuation without its tone marks, Hangul
/// compatibility jamo, precomposed Hangul syllables (one syllable never joins the next; the conjoining
/// jamo that do join are not admitted), CJK ideographs and fullwidth forms. Over such scalars one
/// `Character` is one scalar, and two runs are equal as strings exactly when their scalars are; any text
/// with another scalar takes the `Character` path.
enum SingleScalarCharacters {
    @inline(__always)
    static func admits(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7e, 0xa0...0x2ff, 0x2010...0x2027, 0x2030...0x205e, 0x3000...0x3029, 0x3030...0x303f,
            0x3131...0x318e, 0x4e00...0x9fff, 0xac00...0xd7a3, 0xff01...0xff60:
            return true
        default:
            return false
        }
    }

    /// Whether every scalar of `scalars` is admitted.
    static func all(_ scalars: some Sequence<Unicode.Scalar>) -> Bool {
        scalars.allSatisfy(admits)
    }

    /// `text.count`, from the scalars where each is a `Character`.
    static func characterCount(_ text: String) -> Int {
        var count = 0
        for scalar in text.unicodeScalars {
            guard admits(scalar) else { return text.count }
            count += 1
        }
        return count
    }

    /// Whether `text` holds the `Character` " ", from the bytes where each scalar is a `Character`.
    static func containsSpace(_ text: String) -> Bool {
        all(text.unicodeScalars) ? text.utf8.contains(UInt8(ascii: " ")) : text.contains(" ")
    }
}
