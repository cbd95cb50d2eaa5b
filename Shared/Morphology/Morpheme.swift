/// One morpheme (or dictionary word) of an analyzed text, as mecab-ko-dic describes it.
///
/// `start`/`end` are Unicode scalar offsets into the analyzed string (what enrich and the KLUE files
/// count), `utf8Start`/`utf8End` its UTF-8 byte offsets; ends are exclusive. The feature string is
/// mecab-ko-dic's CSV: `tag,semantic class,final consonant,reading,type,first tag,last tag,expression`,
/// e.g. `NNP,인명,T,클린턴,*,*,*,*` or `NNP,지명,F,경기도,Compound,*,*,경기/NNG/*+도/NNG/*`.
public struct Morpheme: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var utf8Start: Int
    public var utf8End: Int
    public var surface: String
    /// The part-of-speech tag of the whole entry (Sejong tag set as mecab-ko-dic uses it): `NNP`,
    /// `JKS`, or `VV+EP` for an inflected form.
    public var tag: String
    /// The raw feature CSV.
    public var feature: String
    /// Whether the dictionary did not know the word and MeCab guessed it from its characters.
    public var isUnknown: Bool

    public init(
        start: Int, end: Int, utf8Start: Int, utf8End: Int, surface: String, tag: String, feature: String,
        isUnknown: Bool
    ) {
        self.start = start
        self.end = end
        self.utf8Start = utf8Start
        self.utf8End = utf8End
        self.surface = surface
        self.tag = tag
        self.feature = feature
        self.isUnknown = isUnknown
    }

    /// The `index`th field of the feature CSV, or nil for `*` or a missing field. Scans the UTF-8 bytes
    /// for commas instead of splitting: it runs for several fields of every morpheme of every article.
    private func field(_ index: Int) -> Substring? {
        let bytes = feature.utf8
        var start = bytes.startIndex
        var field = 0
        var i = start
        while i < bytes.endIndex {
            if bytes[i] == UInt8(ascii: ",") {
                if field == index { break }
                field += 1
                start = bytes.index(after: i)
            }
            i = bytes.index(after: i)
        }
        guard field == index else { return nil }
        let value = feature[start..<i]
        return value == "*" ? nil : value
    }

    /// The dictionary's semantic class of a proper noun: `인명` (person), `지명` (place), …
    public var semanticClass: String? { field(1).map(String.init) }

    /// How the dictionary reads the entry; for Hanja (`金` → `김`) its Hangul reading.
    public var reading: String? { field(3).map(String.init) }

    /// `Compound`, `Inflect` or `Preanalysis`, for entries made of several morphemes.
    public var entryType: String? { field(4).map(String.init) }

    /// The first tag of the entry: `VV` for `VV+EP`.
    public var leadingTag: Substring {
        guard let plus = tag.utf8.firstIndex(of: UInt8(ascii: "+")) else { return tag[...] }
        return tag[..<plus]
    }

    /// The parts of a compound noun (`경기도` → `경기`, `도`) with their tags; empty for other entries.
    public var compoundParts: [(surface: String, tag: String)] {
        entryType == "Compound" ? expressionParts : []
    }

    /// The morphemes an inflected or pre-analysed entry is made of (`만났` → `만나`/VV, `았`/EP), as for
    /// compounds; empty for a simple entry.
    public var expressionParts: [(surface: String, tag: String)] {
        guard entryType != nil, let expression = field(7) else { return [] }
        return expression.split(separator: "+").compactMap { part in
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count >= 2, !pieces[0].isEmpty else { return nil }
            return (String(pieces[0]), String(pieces[1]))
        }
    }

    /// Content words: nouns, verb and adjective stems, adverbs, foreign words, numbers and Hanja.
    public var isContent: Bool { PartOfSpeech.isContent(leadingTag) }

    /// Nouns (general, proper, dependent, pronouns and numerals are not included: `NNG`, `NNP`).
    public var isNoun: Bool { tag == "NNG" || tag == "NNP" }
}
