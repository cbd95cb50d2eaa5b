import EnrichStage
import NewslineModels
import Testing

/// Date expressions resolved against the paper's date, on small handmade texts.
struct DateTests {
    func dates(_ text: String, published: String) throws -> [DateMention] {
        var article = GoldenArticle.parsed(golden: ["title": "날짜", "publishedDate": published])
        article.paragraphs = [text]
        return try SharedEnricher.enricher.enrich(article).dates
    }

    @Test func relativeKoreanDays() throws {
        let found = try dates(
            "지난달 29일과 지난 8일, 오는 20일, 이달 15일, 다음 달 1일, 오는 2월 16일, 8월 25일에 열린다.",
            published: "2024-11-12")
        #expect(
            found == [
                DateMention(text: "지난달 29일", date: "2024-10-29"),
                DateMention(text: "지난 8일", date: "2024-11-08"),
                DateMention(text: "오는 20일", date: "2024-11-20"),
                DateMention(text: "이달 15일", date: "2024-11-15"),
                DateMention(text: "다음 달 1일", date: "2024-12-01"),
                DateMention(text: "오는 2월 16일", date: "2025-02-16"),
                DateMention(text: "8월 25일", date: "2024-08-25"),
            ])
    }

    @Test func durationsAndCoarseExpressionsAreNotDates() throws {
        let found = try dates(
            "열대야가 16일째 이어졌다. 기록(16일)과 같다. 16일 연속이다. 지난해와 3분기, 내년 상반기, 지난 3월, 주 4일제.",
            published: "2024-08-07")
        #expect(found.isEmpty)
    }

    @Test func englishWeekdaysAndMonthDays() throws {
        let found = try dates("The city said on Sunday that service starts Sept. 20, not in March.", published: "2024-09-02")
        #expect(found == [DateMention(text: "Sunday", date: "2024-09-01"), DateMention(text: "Sept. 20", date: "2024-09-20")])
    }

    @Test func noPublishedDateMeansNoDates() throws {
        var article = GoldenArticle.parsed(golden: ["title": "날짜"])
        article.paragraphs = ["15일 발표했다."]
        #expect(try SharedEnricher.enricher.enrich(article).dates.isEmpty)
    }
}
