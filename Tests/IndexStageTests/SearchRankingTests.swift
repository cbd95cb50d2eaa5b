import Foundation
import NewslineModels
import Testing
import TestSupport

@testable import IndexStage

/// The ranking that forgives: fewer words still match, signals are boosts inside one score, stories
/// fold into one hit, and pages cover the ranked list exactly once.
@Suite final class SearchRankingTests {
    let location = TemporaryIndexPath()
    let index: ArticleIndex

    init() throws {
        index = try ArticleIndex(path: location.path)
    }

    deinit {
        location.remove()
    }

    private func apply(_ events: [ArticleEnriched]) throws {
        let start = try index.documentCount()
        _ = try index.apply(
            events.enumerated().map {
                IndexInput(event: $1, topic: "articles.enriched", partition: 0, offset: Int64(start + $0))
            })
    }

    private func applySamples() throws {
        try apply(SampleArticles.all.keys.sorted().map(SampleArticles.named))
    }

    /// Two-syllable words of random syllables: each article's text, and so its fingerprint, differs.
    private static func randomWords(_ count: Int, _ random: inout SplitMix64) -> [String] {
        (0..<count).map { _ in
            String((0..<2).map { _ in Character(Unicode.Scalar(UInt32(0xAC00 + random.below(11_172)))!) })
        }
    }

    @Test(arguments: ["도쿄 쿼크글루온", "도쿄 사무소 쿼크글루온", "오픈AI zxqvbn"])
    func aQueryWithOneUnknownWordStillFindsTheArticle(text: String) throws {
        try applySamples()
        let hits = try index.search(SearchQuery(text: text)).hits
        #expect(hits.first?.articleId == SampleArticles.id("archive/openai-tokyo"))
    }

    @Test func everyWordRanksAboveSomeWords() throws {
        try applySamples()
        let withEvery = try #require(try index.search(SearchQuery(text: "도쿄 사무소")).hits.first)
        let withOne = try #require(try index.search(SearchQuery(text: "도쿄 쿼크글루온")).hits.first)
        #expect(withEvery.articleId == withOne.articleId)
        #expect(withEvery.score > withOne.score)
    }

    @Test func fewerThanHalfOfTheWordsDoNotMatch() throws {
        try apply([SampleArticles.make(title: "수소 열차", paragraphs: ["수소 열차가 시험 운행을 마쳤다."])])
        #expect(try index.search(SearchQuery(text: "수소 쿼크 글루온 보존")).hits.isEmpty)
        #expect(try index.search(SearchQuery(text: "수소 열차 글루온 보존")).hits.count == 1)
    }

    @Test func aTitleMatchOutranksABodyMatch() throws {
        var random = SplitMix64(seed: 7)
        let inTitle = SampleArticles.make(
            title: "양자컴퓨터 시대", paragraphs: [Self.randomWords(40, &random).joined(separator: " ")])
        let inBody = SampleArticles.make(
            title: "연구소 소식",
            paragraphs: [(Self.randomWords(20, &random) + ["양자컴퓨터"] + Self.randomWords(19, &random)).joined(separator: " ")])
        // The body match is indexed first, so the order cannot come from insertion.
        try apply([inBody, inTitle])
        let hits = try index.search(SearchQuery(text: "양자컴퓨터")).hits
        #expect(hits.map(\.articleId) == [inTitle.articleId, inBody.articleId])
        #expect(hits[0].highlightedTitle?.html == "<mark>양자컴퓨터</mark> 시대")
    }

    @Test func wordsStandingTogetherRankAboveWordsApart() throws {
        var random = SplitMix64(seed: 11)
        let apart = SampleArticles.make(
            title: "소식",
            paragraphs: [(["탄소"] + Self.randomWords(30, &random) + ["포집"]).joined(separator: " ")])
        let together = SampleArticles.make(
            title: "소식",
            paragraphs: [(["탄소", "포집"] + Self.randomWords(30, &random)).joined(separator: " ")])
        try apply([apart, together])
        #expect(try index.search(SearchQuery(text: "탄소 포집")).hits.map(\.articleId) == [together.articleId, apart.articleId])
    }

    @Test func nearDuplicatesCollapseIntoOneHitWithTheirCount() throws {
        let original = SampleArticles.named("archive/openai-tokyo")
        var paragraphs = original.article.paragraphs
        paragraphs[1] = paragraphs[1].replacingOccurrences(of: "예사롭지", with: "심상치")
        let copy = SampleArticles.make(
            title: original.article.title, subtitle: original.article.subtitle, paragraphs: paragraphs,
            publishedDate: "2024-04-04", sourceURL: "https://example.com/syndicated/openai-tokyo")
        try applySamples()
        try apply([copy])

        let results = try index.search(SearchQuery(text: "도쿄"))
        let story = results.hits.filter { $0.storyId == original.articleId }
        #expect(story.count == 1)
        #expect(story.first?.moreInStory == 1)
        #expect(results.total == results.hits.count)

        let both = try index.search(SearchQuery(text: "도쿄", story: original.articleId))
        #expect(Set(both.hits.map(\.articleId)) == [original.articleId, copy.articleId])
        #expect(both.hits.allSatisfy { $0.moreInStory == 0 })
        #expect(both.total == 2)
    }

    @Test(arguments: [1, 4, 7, 23, 100])
    func pagesHaveNoOverlapAndNoGap(limit: Int) throws {
        var random = SplitMix64(seed: 3)
        // Same length and one match each: most scores tie, so the order rests on the tie-breaks.
        let articles = (0..<23).map { number in
            SampleArticles.make(
                title: "보고서", paragraphs: [(["기후"] + Self.randomWords(20, &random)).joined(separator: " ")],
                publishedDate: "2024-05-\(10 + number % 5)")
        }
        try apply(articles)
        let all = try index.search(SearchQuery(text: "기후", limit: 100))
        #expect(all.total == 23)
        var paged: [String] = []
        var offset = 0
        while true {
            let page = try index.search(SearchQuery(text: "기후", limit: limit, offset: offset))
            #expect(page.total == 23)
            #expect(page.offset == offset)
            paged += page.hits.map(\.articleId)
            guard page.hasMore else { break }
            offset += limit
        }
        #expect(paged == all.hits.map(\.articleId))
        #expect(Set(paged).count == 23)
        #expect(try index.search(SearchQuery(text: "기후", limit: limit, offset: 23)).hits.isEmpty)
    }

    @Test func facetCountsAreTheHitsAFilterShows() throws {
        try applySamples()
        let results = try index.search(SearchQuery(text: "반도체 일본"))
        #expect(!results.facets.sections.isEmpty)
        for facet in results.facets.sections {
            let narrowed = try index.search(SearchQuery(text: "반도체 일본", section: facet.value))
            #expect(narrowed.total == facet.count, "section \(facet.value)")
            #expect(narrowed.hits.allSatisfy { $0.section == facet.value })
        }
        for facet in results.facets.categories {
            #expect(try index.search(SearchQuery(text: "반도체 일본", category: facet.value)).total == facet.count)
        }
        for facet in results.facets.entities {
            #expect(try index.search(SearchQuery(text: "반도체 일본", entity: facet.value)).total == facet.count)
        }
        for facet in results.facets.months {
            let from = facet.value + "-01"
            let last = CalendarDay.daysIn(year: Int(facet.value.prefix(4))!, month: Int(facet.value.suffix(2))!)
            let to = facet.value + "-\(last)"
            #expect(try index.search(SearchQuery(text: "반도체 일본", from: from, to: to)).total == facet.count)
        }
        #expect(results.facets.months.map(\.value) == results.facets.months.map(\.value).sorted(by: >))
    }

    @Test func entityFacetsShowTheCanonicalSpelling() throws {
        try applySamples()
        let entities = try index.search(SearchQuery(text: "driverless")).facets.entities.map(\.value)
        #expect(entities.contains("Hanbit University"))
        #expect(!entities.contains("hanbit university"))
    }

    @Test func recentOrderLiftsNewerArticlesAndNewestSortsByDate() throws {
        var random = SplitMix64(seed: 5)
        let older = SampleArticles.make(
            title: "소식", paragraphs: [(["반도체", "반도체"] + Self.randomWords(20, &random)).joined(separator: " ")],
            publishedDate: "2024-01-05")
        let newer = SampleArticles.make(
            title: "소식", paragraphs: [(["반도체"] + Self.randomWords(21, &random)).joined(separator: " ")],
            publishedDate: "2024-06-01")
        try apply([older, newer])
        #expect(try index.search(SearchQuery(text: "반도체")).hits.map(\.articleId) == [older.articleId, newer.articleId])
        #expect(
            try index.search(SearchQuery(text: "반도체", order: .recent)).hits.map(\.articleId)
                == [newer.articleId, older.articleId])
        #expect(
            try index.search(SearchQuery(text: "반도체", order: .newest)).hits.map(\.articleId)
                == [newer.articleId, older.articleId])
    }

    @Test func anOffsetPastTheBudgetIsRefused() throws {
        #expect(throws: SearchQueryError.invalidOffset(-1)) { try index.search(SearchQuery(text: "a", offset: -1)) }
        #expect(throws: SearchQueryError.self) {
            try index.search(SearchQuery(text: "a", offset: SearchQuery.maximumOffset + 1))
        }
    }

    @Test(arguments: [
        ("2024-03-01", 19_783), ("1970-01-01", 0), ("2000-02-29", 11_016), ("1969-12-31", -1),
    ])
    func calendarDaysCountFromTheEpoch(text: String, days: Int) throws {
        #expect(try #require(CalendarDay(text)).daysSinceEpoch == days)
    }
}

/// The match expression that leaves out articles holding too few of the words.
@Suite struct MinimumShouldMatchTests {
    @Test func groupsEveryChoiceOfTheMinimum() {
        #expect(SearchRanking.matchExpression(atLeast: 1, of: ["a", "b"]) == "a OR b")
        #expect(SearchRanking.matchExpression(atLeast: 2, of: ["a", "b"]) == "a AND b")
        #expect(SearchRanking.matchExpression(atLeast: 2, of: ["a", "b", "c"]) == "(a AND b) OR (a AND c) OR (b AND c)")
        #expect(SearchRanking.matchExpression(atLeast: 3, of: ["a", "b", "c", "d"]).components(separatedBy: " OR ").count == 4)
    }

    @Test func tooManyGroupsFallBackToOr() {
        let words = (0..<12).map { "w\($0)" }
        #expect(SearchRanking.matchExpression(atLeast: 6, of: words) == words.joined(separator: " OR "))
    }

    @Test(arguments: [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (32, 16)])
    func halfTheWordsRoundedUpMustMatch(terms: Int, minimum: Int) {
        #expect(SearchRanking.minimumShouldMatch(termCount: terms) == minimum)
    }
}
