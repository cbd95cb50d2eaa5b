import IngestStage
import NewslineModels
import ParseStage
import Testing

/// `publishedDate` is the paper's day of its timestamp: a Korean paper's UTC instant is read on Seoul time.
struct PublishedDayTests {
    typealias Page = HTMLPageFixtures
    static let article = "<article>" + HTMLPageFixtures.prose.map { "<p>\($0)</p>" }.joined() + "</article>"
    static let koreanArticle = "<article>" + [
        "정부는 20일 오후 서울 종로구 정부서울청사에서 브리핑을 열고 새 교통 대책을 발표했다. 대책에는 심야 버스 노선 확대가 담겼다.",
        "국토교통부 관계자는 내년 상반기까지 노선 열두 개를 새로 열고 배차 간격을 줄이겠다고 설명했다.",
    ].map { "<p>\($0)</p>" }.joined() + "</article>"

    static func head(_ timestamp: String) -> String {
        "<meta property=\"article:published_time\" content=\"\(timestamp)\">"
    }

    /// 15:10 UTC on 20 May is 00:10 on 21 May in Seoul.
    @Test func utcTimestampOfAPageDeclaringKoreanTakesTheSeoulDay() throws {
        let html = Page.page(Self.koreanArticle, head: Self.head("2024-05-20T15:10:00Z"), htmlAttributes: "lang=\"ko\"")
        let parsed = try Page.parse(html)
        #expect(parsed.publishedAt == "2024-05-20T15:10:00Z")
        #expect(parsed.publishedDate == "2024-05-21")
        #expect(parsed.provenance["publishedDate"] == "meta:article:published_time+paper-time-zone")
    }

    /// A Korean paper that declares no language is known by its Hangul text; a `.kr` address by its host.
    @Test func hangulTextOrKoreanAddressMeansSeoulTime() throws {
        let hangul = try Page.parse(Page.page(Self.koreanArticle, head: Self.head("2024-05-20T11:30:00-05:00")))
        #expect(hangul.publishedDate == "2024-05-21")
        let address = try Page.parse(Page.page(Self.article, head: Self.head("2024-12-31T16:00:00Z")),
                                     sourceURL: "https://www.koreaherald.co.kr/view.php?ud=1")
        #expect(address.publishedDate == "2025-01-01")
    }

    /// A timestamp in Seoul's own offset, or without an offset, keeps the day written.
    @Test func seoulOffsetOrWallClockKeepsTheDayWritten() throws {
        let seoul = try Page.parse(Page.page(Self.koreanArticle, head: Self.head("2024-05-21T00:10:00+09:00")))
        #expect(seoul.publishedDate == "2024-05-21")
        #expect(seoul.provenance["publishedDate"] == "meta:article:published_time")
        let wallClock = try Page.parse(Page.page(Self.koreanArticle, head: Self.head("2024-05-20T23:30:00")))
        #expect(wallClock.publishedDate == "2024-05-20")
    }

    /// A paper not known to be Korean keeps the day its own offset gives (Sunday evening in New York).
    @Test func otherPapersKeepTheDayOfTheirOffset() throws {
        let parsed = try Page.parse(Page.page(Self.article, head: Self.head("2024-05-19T20:00:00-04:00")),
                                    sourceURL: "https://news.example.com/a")
        #expect(parsed.publishedDate == "2024-05-19")
    }

    /// JSON articles follow the same rule.
    @Test func jsonArticleOfAKoreanPaper() throws {
        let json = #"{"title": "심야 버스 확대", "date": "2024-02-29T20:00:00Z", "body": "정부는 심야 버스 노선을 늘리겠다고 밝혔다."}"#
        let parsed = try ArticleParser().parse(try Ingester().ingest(RawArticle(bytes: Array(json.utf8),
                                                                                sourceURL: "https://news.example.kr/1")))
        #expect(parsed.publishedDate == "2024-03-01")
    }
}
