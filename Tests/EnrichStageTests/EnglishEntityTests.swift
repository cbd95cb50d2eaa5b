import EnrichStage
import NewslineModels
import Testing
import TestSupport

/// Entities in English text, found by rule rather than by the Korean-trained tagger.
struct EnglishEntityTests {
    func entities(_ text: String) throws -> [String: EntityType] {
        let mentions = SharedEnricher.enricher.entityRecognizer.recognize(text)
        return Dictionary(mentions.map { ($0.text, $0.type) }, uniquingKeysWith: { a, _ in a })
    }

    /// A person cue (`X Y, a startup`) does not make a person of a run ending in an acronym.
    @Test func aRunEndingInAnAcronymIsNoPerson() throws {
        let found = try entities("The model was trained by Brightwave AI, a startup in Boston, and by Jane Morrison, a professor.")
        #expect(found["Brightwave AI"] != .person)
        #expect(found["Jane Morrison"] == .person)
    }

    @Test func namesAreTypedByTheirLastWordAPlaceListOrAPersonCue() throws {
        let found = try entities(
            """
            The Bank of Korea said Thursday that Seoul's exports rose, according to Mr. Choi. "It was a good month," \
            said Jane Morrison, an economist at Hanbit University, adding that shipments to the U.S. through \
            Busan Port and Sinsa-dong stores grew as well.
            """)
        #expect(found["Bank of Korea"] == .organization)
        #expect(found["Seoul"] == .location)
        #expect(found["Choi"] == .person)
        #expect(found["Jane Morrison"] == .person)
        #expect(found["Hanbit University"] == .organization)
        #expect(found["U.S."] == .location)
        #expect(found["Busan Port"] == .location)
        #expect(found["Sinsa-dong"] == .location)
        #expect(found["Thursday"] == nil && found["The Bank of Korea"] == nil && found["It"] == nil)
    }

    @Test func capitalizedWordsItCannotTypeAreLeftOut() throws {
        let found = try entities(
            "City says buses will run late. Rides will be free until March, the University said on Sunday evening.")
        #expect(found.isEmpty, "\(found)")
    }

    @Test func koreanTextWithEnglishWordsStillGoesToTheTagger() throws {
        let found = try entities("손정의 소프트뱅크 회장은 OpenAI와 Microsoft의 AI 투자에 대해 말했다.")
        #expect(found["손정의"] == .person)
    }

    @Test func randomEnglishLikeTextGivesSpansInsideTheText() throws {
        let words = [
            "The", "of", "Of", "Mr.", "Dr.", "said", "says", "Lee", "Soo-jin", "Bank", "Korea", "University",
            "Station", "5-ga", "Seoul's", "U.S.", "a", "the", "who", ",", ".", "\"", "(", ")", "Inc.", "City",
            "Jongno", "Mapo-gu", "-", "'s", "’s", "Ö", "of.", "The.", "Sept.", "x", "1", "",
        ]
        var generator = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<(20 + generator.below(40)) {
                text += words[generator.below(words.count)]
                text += generator.below(4) == 0 ? "" : " "
            }
            let scalars = Array(text.unicodeScalars)
            for mention in SharedEnricher.enricher.entityRecognizer.recognize(text) {
                #expect(mention.start >= 0 && mention.start < mention.end && mention.end <= scalars.count, "\(text)")
            }
        }
    }
}
