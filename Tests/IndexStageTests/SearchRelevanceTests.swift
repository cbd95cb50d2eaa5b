import Foundation
import NewslineModels
import Testing

@testable import IndexStage

/// Searches over the sample articles, indexed once per test.
@Suite final class SearchRelevanceTests {
    let location = TemporaryIndexPath()
    let index: ArticleIndex

    init() throws {
        index = try ArticleIndex(path: location.path)
        let inputs = SampleArticles.all.keys.sorted().enumerated().map { offset, name in
            IndexInput(event: SampleArticles.named(name), topic: "articles.enriched", partition: 0, offset: Int64(offset))
        }
        _ = try index.apply(inputs)
    }

    deinit {
        location.remove()
    }

    private func ids(_ query: SearchQuery) throws -> [String] {
        try index.search(query).hits.map(\.articleId)
    }

    @Test(arguments: ["도쿄", "도쿄에", "오픈AI", "오픈ai", "손정의", "일본 총리"])
    func findsTheTokyoArticle(text: String) throws {
        let found = try ids(SearchQuery(text: text))
        #expect(found.first == SampleArticles.id("archive/openai-tokyo"))
    }

    @Test func articlesWithEveryWordRankFirst() throws {
        #expect(try ids(SearchQuery(text: "도쿄 반도체")).first == SampleArticles.id("archive/openai-tokyo"))
        let found = try ids(SearchQuery(text: "일본 총리"))
        #expect(Set(found.prefix(2)) == [SampleArticles.id("archive/openai-tokyo"), SampleArticles.id("archive/north-korea-missile")])
    }

    @Test func aiChipsRanksTheArticleAboutThemFirst() throws {
        let found = try ids(SearchQuery(text: "AI 반도체"))
        #expect(found.first == SampleArticles.id("archive/openai-tokyo"))
        #expect(found.contains(SampleArticles.id("archive/column-power-grid")))
    }

    @Test func aTitleMatchRanksFirst() throws {
        let found = try ids(SearchQuery(text: "반도체"))
        #expect(found.first == SampleArticles.id("archive/us-chip-export-controls"))
        #expect(found.count == 3)
    }

    @Test func englishWordsMatchCaseInsensitively() throws {
        let found = try ids(SearchQuery(text: "DRIVERLESS buses"))
        #expect(found == [SampleArticles.id("archive/english-driverless-buses")])
    }

    @Test func filtersNarrowTheHits() throws {
        #expect(try ids(SearchQuery(text: "반도체", section: "국제")) == [SampleArticles.id("archive/us-chip-export-controls")])
        #expect(try ids(SearchQuery(text: "반도체", from: "2024-05-01", to: "2024-05-31")) == [SampleArticles.id("archive/us-chip-export-controls")])
        #expect(try ids(SearchQuery(text: "반도체", to: "2024-04-30")) == [SampleArticles.id("archive/openai-tokyo")])
        #expect(try ids(SearchQuery(text: "반도체", category: Category.opinion.rawValue)) == [SampleArticles.id("archive/column-power-grid")])
        #expect(try ids(SearchQuery(text: "반도체", entity: "손정의")) == [SampleArticles.id("archive/openai-tokyo")])
        #expect(try ids(SearchQuery(text: "반도체", entity: "아무도 아닌 사람")).isEmpty)
    }

    @Test func entityFilterIgnoresCase() throws {
        let found = try ids(SearchQuery(text: "", entity: "hanbit university"))
        #expect(found == [SampleArticles.id("archive/english-driverless-buses")])
    }

    @Test func aQueryWithoutWordsListsTheFilteredArticlesNewestFirst() throws {
        let hits = try index.search(SearchQuery(text: "", section: "사회", limit: 100)).hits
        #expect(hits.count >= 3)
        let dates = hits.compactMap(\.publishedDate)
        #expect(dates == dates.sorted(by: >))
        #expect(hits.allSatisfy { $0.section == "사회" })
    }

    @Test func limitAndHasMore() throws {
        let results = try index.search(SearchQuery(text: "반도체", limit: 2))
        #expect(results.hits.count == 2)
        #expect(results.hasMore)
        #expect(try !index.search(SearchQuery(text: "반도체", limit: 3)).hasMore)
    }

    @Test func hitsCarryWhatAResultListShows() throws {
        let hit = try #require(try index.search(SearchQuery(text: "손정의")).hits.first)
        #expect(hit.title == "오픈AI, 아시아 첫 거점은 도쿄")
        #expect(hit.publishedDate == "2024-04-03")
        #expect(hit.section == "종합")
        #expect(hit.authors == [Author(name: "오로라", role: "특파원")])
        #expect(hit.snippet.html.contains("<mark>손정의</mark>"))
        #expect(hit.score > 0)
    }

    @Test func invalidDatesAreRefused() throws {
        #expect(throws: SearchQueryError.self) { try index.search(SearchQuery(text: "도쿄", from: "2024-02-30")) }
        #expect(throws: SearchQueryError.self) { try index.search(SearchQuery(text: "도쿄", to: "yesterday")) }
        #expect(throws: SearchQueryError.emptyDateRange) {
            try index.search(SearchQuery(text: "도쿄", from: "2024-05-01", to: "2024-04-01"))
        }
    }

    @Test func articleByIdReturnsTheStoredArticle() throws {
        let article = try #require(try index.article(id: SampleArticles.id("archive/openai-tokyo")))
        #expect(article.revision == 1)
        #expect(article.paragraphs == SampleArticles.named("archive/openai-tokyo").article.paragraphs)
        #expect(try index.article(id: "unknown") == nil)
        #expect(try index.documentCount() == SampleArticles.all.count)
    }
}
