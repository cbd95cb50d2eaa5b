import EnrichStage
import NewslineModels
import Testing

/// The quote and date metrics of `newsline eval quotes` and `newsline eval dates` on handmade cases.
struct EvaluationScoreTests {
    @Test func quoteScoreMatchesByTextAndChecksTheSpeaker() {
        var score = QuoteScore()
        score.add(
            gold: [
                .init(key: "a", text: "좋다", exact: true, speech: true, speaker: "관계자"),
                .init(key: "a", text: "싫다", exact: true, speech: true, speaker: nil),
                .init(key: "a", text: "없다", exact: true, speech: true, speaker: "김민수"),
                .init(key: "a", text: "용어", exact: true, speech: false, speaker: nil),
            ],
            extracted: [
                Quote(text: "좋다.", speaker: "IOK컴퍼니 관계자"),
                Quote(text: "싫다", speaker: "김민수"),
                Quote(text: "용어", speaker: nil),
            ])
        #expect(score.quotes == 3 && score.found == 2 && score.right == 1)
        #expect(score.named == 2 && score.namedRight == 1 && score.unnamed == 1 && score.unnamedRight == 0)
        #expect(score.terms == 1 && score.termsExtracted == 1)
        #expect(score.errors.count == 2)
    }

    @Test func quoteScoreMatchesPrefixesInOrderWithCurlyMarksStraightened() {
        var score = QuoteScore()
        score.add(
            gold: [
                .init(key: "p", text: "It’s not enough", exact: false, speech: true, speaker: "Al-Hams"),
                .init(key: "p", text: "It's not enough", exact: false, speech: true, speaker: "Al-Hams"),
            ],
            extracted: [
                Quote(text: "It's not enough for one day.", speaker: "Al-Hams"),
                Quote(text: "It’s not   enough, he said", speaker: "Sobhi Skaik"),
            ])
        #expect(score.found == 2 && score.right == 1)
    }

    @Test func dateScoreNeedsTheRightDayOrNothingOverAnExpression() {
        let text = "지난 3일 만났고 15일째 이어졌다."
        var score = DateScore()
        score.add(
            [
                DateAnnotation(id: "s", start: 0, end: 5, text: "지난 3일", reference: "2024-11-20", date: "2024-11-03"),
                DateAnnotation(id: "s", start: 10, end: 14, text: "15일째", reference: "2024-11-20", date: nil),
            ],
            text: text,
            mentions: [DateMention(text: "3일", date: "2024-11-03"), DateMention(text: "15일", date: "2024-11-15")])
        #expect(score.expressions == 2 && score.right == 1)
        #expect(score.days == 1 && score.daysRight == 1 && score.notDays == 1 && score.notDaysRight == 0)
        #expect(score.unannotatedMentions == 0)
    }

    @Test func dateScoreCountsMentionsOutsideTheAnnotations() {
        var score = DateScore()
        score.add(
            [DateAnnotation(id: "s", start: 0, end: 3, text: "20일", reference: "2024-11-20", date: "2024-11-21")],
            text: "20일과 21일",
            mentions: [DateMention(text: "20일", date: "2024-11-20"), DateMention(text: "21일", date: "2024-11-21")])
        #expect(score.right == 0)
        #expect(score.unannotatedMentions == 1)
    }
}
