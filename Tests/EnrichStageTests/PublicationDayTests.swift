import EnrichStage
import NewslineModels
import Testing

/// Which day relative dates resolve against when the article carries a full timestamp.
struct PublicationDayTests {
    func dates(_ text: String, publishedAt: String?, publishedDate: String, sourceURL: String? = nil) throws
        -> [DateMention]
    {
        var article = GoldenArticle.parsed(golden: ["title": "발표", "publishedDate": publishedDate])
        article.publishedAt = publishedAt
        article.sourceURL = sourceURL
        article.paragraphs = [text]
        return try SharedEnricher.enricher.enrich(article).dates
    }

    /// 15:10 UTC on 20 May is 00:10 on 21 May in Seoul: the Korean paper's day is the 21st.
    @Test func utcTimestampOfAKoreanPaperIsConvertedToKoreanTime() throws {
        let found = try dates("정부는 어제 발표했다.", publishedAt: "2024-05-20T15:10:00Z", publishedDate: "2024-05-20")
        #expect(found == [DateMention(text: "어제", date: "2024-05-20")])
    }

    @Test func anyOffsetOfAKoreanPaperIsConvertedToKoreanTime() throws {
        // 11:30 at UTC−5 is 16:30 UTC, 01:30 on the 21st in Seoul.
        let west = try dates("정부는 오늘 발표했다.", publishedAt: "2024-05-20T11:30:00-05:00", publishedDate: "2024-05-20")
        #expect(west == [DateMention(text: "오늘", date: "2024-05-21")])
        let seoul = try dates("정부는 오늘 발표했다.", publishedAt: "2024-05-21T00:10:00+09:00", publishedDate: "2024-05-21")
        #expect(seoul == [DateMention(text: "오늘", date: "2024-05-21")])
        let compact = try dates("정부는 오늘 발표했다.", publishedAt: "2024-05-20T23:59:59.5+0000", publishedDate: "2024-05-20")
        #expect(compact == [DateMention(text: "오늘", date: "2024-05-21")])
    }

    /// A timestamp without an offset is the publisher's wall clock: its day is the one written.
    @Test func timestampWithoutOffsetKeepsItsDay() throws {
        let found = try dates("정부는 오늘 발표했다.", publishedAt: "2024-05-20T23:30:00", publishedDate: "2024-05-20")
        #expect(found == [DateMention(text: "오늘", date: "2024-05-20")])
    }

    /// A paper not known to be Korean keeps the day its own offset gives: Sunday evening in New York is
    /// still Sunday, so "Sunday" is the one before (in Seoul it would already be Monday).
    @Test func nonKoreanPaperKeepsTheDayOfItsOffset() throws {
        let found = try dates("The ministry said on Sunday it would act.", publishedAt: "2024-05-19T20:00:00-04:00",
                              publishedDate: "2024-05-19")
        #expect(found == [DateMention(text: "Sunday", date: "2024-05-12")])
    }

    /// An English article of a `.kr` paper is dated on Korean time too.
    @Test func koreanAddressMeansKoreanTime() throws {
        let found = try dates("The ministry said on Sunday it would act.", publishedAt: "2024-05-19T16:00:00Z",
                              publishedDate: "2024-05-19", sourceURL: "https://www.koreaherald.co.kr/view.php?ud=1")
        // 16:00 UTC on Sunday the 19th is 01:00 on Monday the 20th in Seoul: "Sunday" is the 19th.
        #expect(found == [DateMention(text: "Sunday", date: "2024-05-19")])
    }

    @Test func malformedTimestampFallsBackToThePublishedDate() throws {
        let found = try dates("정부는 오늘 발표했다.", publishedAt: "2024-05-20T99:00", publishedDate: "2024-05-20")
        #expect(found == [DateMention(text: "오늘", date: "2024-05-20")])
    }
}
