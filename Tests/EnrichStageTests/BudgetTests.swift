import EnrichStage
import Foundation
import NewslineModels
import Testing

/// Articles built to make enrich slow or trap: each is enriched within its budgets, says which budget
/// cut it short, and finishes well inside a bound that only a quadratic blow-up or a hang would pass.
struct BudgetTests {
    /// Far above what these inputs take in a debug build; only there to turn a stall into a failure.
    static let bound = Duration.seconds(30)

    private func enrich(_ article: ArticleParsed) throws -> (ArticleEnriched, Duration) {
        var enriched: ArticleEnriched?
        let elapsed = try ContinuousClock().measure { enriched = try SharedEnricher.enricher.enrich(article) }
        return (enriched!, elapsed)
    }

    private func article(title: String? = "큰 기사", subtitle: String? = nil, _ paragraphs: [String]) -> ArticleParsed {
        var article = GoldenArticle.parsed(golden: ["publishedDate": "2024-04-03"])
        article.title = title
        article.subtitle = subtitle
        article.paragraphs = paragraphs
        return article
    }

    /// A distinct Hangul syllable without a final consonant for every `n` below 399.
    private func syllable(_ n: Int) -> String { String(Unicode.Scalar(UInt32(0xac00 + 28 * (n % 399)))!) }

    @Test func titleThatUsesUpTheTextBudgetLeavesTheSubtitleOut() throws {
        let title = String(repeating: "가", count: 200_000)
        let (enriched, elapsed) = try enrich(article(title: title, subtitle: "부제", ["본문 첫 문장이다."]))
        #expect(enriched.article.quality.warnings.contains("enrich-partial-text"))
        #expect(enriched.summary.count >= 1)
        #expect(enriched.fingerprint.count == 16)
        #expect(elapsed < Self.bound)
    }

    @Test func titleAndSubtitleWithinBudgetAreBothRead() throws {
        let (enriched, _) = try enrich(article(title: "오픈AI 도쿄", subtitle: "아시아 첫 거점", ["본문이다."]))
        #expect(enriched.article.quality.warnings.isEmpty)
        #expect(enriched.summary == ["본문이다."])
    }

    @Test func oneCharacterParagraphsStopAtTheParagraphBudget() throws {
        let (enriched, elapsed) = try enrich(article(Array(repeating: "가", count: 150_000)))
        #expect(enriched.article.quality.warnings.contains("enrich-partial-paragraphs"))
        #expect(enriched.summary.count <= 3)
        #expect(elapsed < Self.bound)
    }

    @Test func oneCharacterMentionParagraphsStayLinear() throws {
        // `日` is always a place (일본): every paragraph is a mention, a quote search and a date search.
        let (enriched, elapsed) = try enrich(article(Array(repeating: "日", count: 150_000)))
        #expect(enriched.article.quality.warnings.contains("enrich-partial-paragraphs"))
        #expect(enriched.entities.map(\.canonical) == ["일본"])
        #expect(elapsed < Self.bound)
    }

    @Test func thirtyThousandDistinctNamesKeepTheEntityBudget() throws {
        let surnames = ["김", "이", "박", "최", "정"]
        let names = (0..<30_000).map { n in surnames[n % 5] + syllable(n / 5) + syllable(n / 5 / 399) + " 씨는" }
        let paragraphs = stride(from: 0, to: names.count, by: 10).map { names[$0..<$0 + 10].joined(separator: " ") }
        let (enriched, elapsed) = try enrich(article(paragraphs))
        #expect(enriched.article.quality.warnings.contains("enrich-partial-entities"))
        #expect(enriched.entities.count == 1_000)
        // The title rule reads `X 씨` as a person; the tagger types a few odd syllable pairs otherwise.
        #expect(enriched.entities.filter { $0.type == .person }.count > 900)
        #expect(elapsed < Self.bound)
    }

    @Test func manyQuotesStopAtTheQuoteBudget() throws {
        let paragraphs = (0..<2_000).map { n in "김\(syllable(n))\(syllable(n / 399)) 교수는 \"\(syllable(n))다\"라고 말했다." }
        let (enriched, elapsed) = try enrich(article(paragraphs))
        #expect(enriched.quotes.count == 300)
        #expect(enriched.article.quality.warnings.contains("enrich-partial-quotes"))
        #expect(enriched.quotes.first?.text == "가다")
        #expect(elapsed < Self.bound)
    }

    @Test func manyQuotesInOneParagraphStayLinear() throws {
        let paragraph = (0..<5_000).map { n in "\"\(syllable(n))다\"고 김\(syllable(n)) 교수는 말했다." }.joined(separator: " ")
        let (enriched, elapsed) = try enrich(article([paragraph, String(repeating: "가)는 \"나\" ", count: 20_000)]))
        #expect(enriched.quotes.count == 300)
        #expect(elapsed < Self.bound)
    }

    @Test func manyDistinctOrganizationsKeepTheEntityBudget() throws {
        let names = (0..<20_000).map { n in "\(syllable(n))\(syllable(n / 399))연구소와" }
        let paragraphs = stride(from: 0, to: names.count, by: 20).map { names[$0..<$0 + 20].joined(separator: " ") }
        let (enriched, elapsed) = try enrich(article(paragraphs))
        #expect(enriched.article.quality.warnings.contains("enrich-partial-entities"))
        #expect(enriched.entities.count == 1_000)
        #expect(elapsed < Self.bound)
    }

    @Test func longRunOfCapitalizedEnglishWordsStaysLinear() throws {
        let words = (0..<40_000).map { n in "K" + String(n, radix: 26).map { c in c.isNumber ? "x" : String(c) }.joined() }
        let (enriched, elapsed) = try enrich(article([words.joined(separator: " ")]))
        #expect(enriched.language == "en" || enriched.language == "other")
        #expect(elapsed < Self.bound)
    }

    @Test func manyDatesStopAtTheDateBudget() throws {
        let paragraphs = (0..<1_000).map { n in "지난달 \(n % 28 + 1)일 \(n % 12 + 1)월 \(n % 28 + 1)일 \(2000 + n)년 3월 5일" }
        let (enriched, elapsed) = try enrich(article(paragraphs))
        #expect(enriched.dates.count == 300)
        #expect(enriched.article.quality.warnings.contains("enrich-partial-dates"))
        #expect(elapsed < Self.bound)
    }
}
