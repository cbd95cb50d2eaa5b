@testable import EnrichStage
import Morphology
import Testing

/// The facts read from a morpheme entry's bytes are those `Morpheme`'s `String` properties give, for the
/// tags and features mecab-ko-dic writes and for the edge cases of the byte reading.
struct MorphemeEntryFactsTests {
    /// The facts as the tagger read them before: through `leadingTag`, `semanticClass` and `isTrailing`.
    private func reference(_ tag: String, _ feature: String) -> MorphemeEntryFacts {
        let m = Morpheme(start: 0, end: 1, utf8Start: 0, utf8End: 3, surface: "김", tag: tag, feature: feature,
                         isUnknown: false)
        let properNoun = m.tag == "NNP"
        let semanticClass = properNoun ? m.semanticClass : nil
        var h = StableHash.offset
        for s in m.leadingTag.unicodeScalars { h = StableHash.combine(h, s.value) }
        var sh = StableHash.offset
        for s in (semanticClass ?? "").unicodeScalars { sh = StableHash.combine(sh, s.value) }
        return MorphemeEntryFacts(
            tag: UInt32(truncatingIfNeeded: h), trailing: MorphemeTags.isTrailing(m.leadingTag), properNoun: properNoun,
            semantic: semanticClass == nil ? 0 : UInt32(truncatingIfNeeded: sh), personName: semanticClass == "인명")
    }

    @Test(arguments: [
        ("NNP", "NNP,인명,T,클린턴,*,*,*,*"), ("NNP", "NNP,지명,F,경기도,Compound,*,*,경기/NNG/*+도/NNG/*"),
        ("NNP", "NNP,*,F,삼성,*,*,*,*"), ("NNP", "NNP"), ("NNP", "NNP,인명"), ("NNP", "NNP,,T"), ("NNP", "NNP,인명인,T"),
        ("NNG", "NNG,인명,T,*,*,*,*,*"), ("NNP+JKS", "NNP+JKS,인명,F,김이,Inflect,NNP,JKS,김/NNP/인명+이/JKS/*"),
        ("VV+EP", "VV+EP,*,T,만났,Inflect,VV,EP,만나/VV/*+았/EP/*"), ("XSV", "XSV,*,F,하,*,*,*,*"), ("XS", "XS"),
        ("XR", "XR,*,F,*"), ("X", "X"), ("VCP", "VCP,*,F,이,*,*,*,*"), ("VCN", "VCN"), ("VCP+EF", "VCP+EF,*,F"),
        ("VCPX", "VCPX"), ("VC", "VC"), ("JKS", "JKS,*,F,이,*,*,*,*"), ("J", "J"), ("EF", "EF,*,F,다,*,*,*,*"),
        ("E", "E"), ("UNKNOWN", "UNKNOWN"), ("", ""), ("+", "+"), ("NNPX", "NNPX,인명"), ("SL", "SL,*,*,*,*,*,*,*"),
        ("태그", "태그,인명"), ("J태그+X", "J태그+X"), ("NNP", "NNP,인명,T,김,*,*,*,*"),
    ])
    func bytesReadAsTheStrings(tag: String, feature: String) {
        #expect(MorphemeEntryFacts(tag: tag, feature: feature) == reference(tag, feature))
    }

    @Test func personNamesAndTheirClass() {
        let person = MorphemeEntryFacts(tag: "NNP", feature: "NNP,인명,T,클린턴,*,*,*,*")
        #expect(person.properNoun && person.personName && person.semantic != 0)
        let place = MorphemeEntryFacts(tag: "NNP", feature: "NNP,지명,F,경기도,*,*,*,*")
        #expect(place.properNoun && !place.personName && place.semantic != person.semantic)
        #expect(MorphemeEntryFacts(tag: "VV+EP", feature: "VV+EP").tag == MorphemeEntryFacts(tag: "VV", feature: "VV").tag)
        #expect(MorphemeEntryFacts(tag: "JKB", feature: "JKB").trailing)
        #expect(!MorphemeEntryFacts(tag: "NNG", feature: "NNG").trailing)
    }
}
