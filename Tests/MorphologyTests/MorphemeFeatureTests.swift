import Morphology
import Testing

/// Fields read from a morpheme's feature CSV, on features written out as mecab-ko-dic gives them.
struct MorphemeFeatureTests {
    private func morpheme(_ tag: String, _ feature: String) -> Morpheme {
        Morpheme(start: 0, end: 3, utf8Start: 0, utf8End: 9, surface: "위원회", tag: tag, feature: feature, isUnknown: false)
    }

    @Test func fieldsOfASimpleAndACompoundEntry() {
        let simple = morpheme("NNP", "NNP,인명,T,클린턴,*,*,*,*")
        #expect(simple.semanticClass == "인명")
        #expect(simple.reading == "클린턴")
        #expect(simple.entryType == nil)
        let compound = morpheme("NNG", "NNG,*,F,위원회,Compound,*,*,위원/NNG/*+회/NNG/*")
        #expect(compound.semanticClass == nil)
        #expect(compound.entryType == "Compound")
        #expect(compound.compoundParts.map(\.surface) == ["위원", "회"])
    }

    @Test func leadingTagAndShortFeatures() {
        let inflected = morpheme("VV+EP", "VV+EP,*,T,만났,Inflect,VV,EP,만나/VV/*+았/EP/*")
        #expect(inflected.leadingTag == "VV")
        #expect(inflected.expressionParts.map(\.tag) == ["VV", "EP"])
        let unknown = morpheme("UNKNOWN", "UNKNOWN")
        #expect(unknown.leadingTag == "UNKNOWN")
        #expect(unknown.semanticClass == nil)
        #expect(unknown.expressionParts.isEmpty)
    }
}
