import EnrichStage
import Foundation
import NewslineModels
import Testing

/// Inputs enrich must survive: nothing to read, one enormous paragraph, scripts it does not know.
struct RobustnessTests {
    @Test func emptyArticleIsRejected() throws {
        let article = GoldenArticle.parsed(golden: ["paragraphs": ["", "  \u{00A0}"]])
        #expect(throws: RejectedInput.self) { try SharedEnricher.enricher.enrich(article) }
    }

    @Test func titleOnlyGivesAPartialResult() throws {
        let enriched = try SharedEnricher.enricher.enrich(GoldenArticle.parsed(golden: ["title": "오픈AI, 도쿄에 사무소"]))
        #expect(enriched.language == "ko")
        #expect(enriched.summary == ["오픈AI, 도쿄에 사무소"])
        #expect(enriched.fingerprint.count == 16)
    }

    @Test func megabyteParagraphWithoutPunctuationCompletes() throws {
        let unit = "대용량 기사 본문 반복 서울 "
        let paragraph = String(repeating: unit, count: 1_048_576 / unit.utf8.count)
        var article = GoldenArticle.parsed(golden: ["title": "큰 기사", "publishedDate": "2024-01-01"])
        article.paragraphs = [paragraph, String(repeating: "가", count: 300_000)]
        let enriched = try SharedEnricher.enricher.enrich(article)
        #expect(enriched.summary.count <= 3)
        #expect(enriched.summary.allSatisfy { $0.count <= 400 })
        #expect(enriched.fingerprint.count == 16)
    }

    @Test(arguments: [
        "Ⲁⲛⲟⲕ ⲡⲉ ⲡⲓⲣⲱⲙⲓ 𓀀𓀁 ∮∯∰ 🙂🙃",
        "مرحبا بالعالم هذا نص عربي",
        "これは日本語の記事です。東京で発表された。",
        "这是中文新闻报道，在北京发布。",
        "\u{0301}\u{0301}\u{200B}\u{FEFF}",
    ])
    func oddScriptsDoNotCrash(_ text: String) throws {
        var article = GoldenArticle.parsed(golden: ["title": text])
        article.paragraphs = [text, text + "\"" + text]
        let enriched = try SharedEnricher.enricher.enrich(article)
        #expect(Category.allCases.map(\.rawValue).contains(enriched.category))
    }

    @Test func languagesAreTold() throws {
        func language(_ text: String) throws -> String {
            var article = GoldenArticle.parsed(golden: ["title": "x"])
            article.paragraphs = [text]
            return try SharedEnricher.enricher.enrich(article).language
        }
        #expect(try language("샘 올트먼 오픈AI CEO는 AI 반도체를 만들겠다고 했다.") == "ko")
        #expect(try language("The city will run driverless buses on three routes from Sunday.") == "en")
        #expect(try language("これは日本語の記事です。東京で発表された。") == "ja")
        #expect(try language("这是中文新闻报道，在北京发布。") == "zh")
        #expect(try language("مرحبا بالعالم هذا نص عربي") == "other")
    }
}
