import Foundation
import NewslineModels
import Testing

@testable import IndexStage

/// Inputs built to make indexing or search quadratic: each is handled correctly and well inside a bound
/// that only a blow-up or a hang would pass.
@Suite final class WorstCaseInputTests {
    let location = TemporaryIndexPath()
    /// Far above what these inputs take in a debug build; only there to turn a stall into a failure.
    static let bound = Duration.seconds(30)

    deinit {
        location.remove()
    }

    private func apply(_ events: [ArticleEnriched], to index: ArticleIndex, from offset: Int = 0) throws -> [ArticleIndexed] {
        try index.apply(
            events.enumerated().map {
                IndexInput(event: $1, topic: "articles.enriched", partition: 0, offset: Int64(offset + $0))
            }
        ).map(\.event)
    }

    @Test func longRunsOfCombiningMarksAreCutAsStreamSafeText() {
        let marks = String(repeating: "\u{301}\u{316}", count: 50)
        let safe = NFC.streamSafe("a" + marks + " b")
        #expect(safe.unicodeScalars.filter { $0 == "\u{34F}" }.count == 3)
        #expect(safe.unicodeScalars.filter { $0 != "\u{34F}" }.elementsEqual(("a" + marks + " b").unicodeScalars))
        let ordinary = "e\u{301}\u{316} 한국어 café"
        #expect(NFC.streamSafe(ordinary) == ordinary)
        #expect(NFC.normalize("e\u{301}") == "é")
    }

    @Test func letterWithHundredsOfThousandsOfMarksIsIndexed() throws {
        let index = try ArticleIndex(path: location.path)
        let body = "표시 a" + String(repeating: "\u{301}\u{316}", count: 100_000) + " 결합문자"
        // The identity is made from a short text: only the index's own handling of the body is under test.
        var article = SampleArticles.make(title: "결합 문자 기사", paragraphs: ["표시"])
        article.article.paragraphs = [body]
        var indexed: [ArticleIndexed] = []
        let elapsed = try ContinuousClock().measure { indexed = try apply([article], to: index) }
        #expect(indexed.count == 1)
        #expect(elapsed < Self.bound)
        #expect(try index.search(SearchQuery(text: "결합문자")).hits.map(\.articleId) == [article.articleId])
    }

    @Test func longQueryWordOverARepeatingArticleIsBounded() throws {
        let index = try ArticleIndex(path: location.path)
        let article = SampleArticles.make(title: "반복", paragraphs: [String(repeating: "가", count: 300_000)])
        _ = try apply([article], to: index)
        var hits: [SearchHit] = []
        let elapsed = try ContinuousClock().measure {
            hits = try index.search(SearchQuery(text: String(repeating: "가", count: 2_000))).hits
        }
        #expect(hits.map(\.articleId) == [article.articleId])
        #expect(hits.first?.snippet.parts.contains { $0.isMatch } == true)
        #expect(elapsed < Self.bound)
    }

    @Test func queryTermsKeepTheirTokenAndSpellingCaps() {
        let analyzer = TextAnalyzer()
        let long = analyzer.queryTerms(String(repeating: "가나", count: 1_000))
        #expect(long.count == 1)
        #expect(long.first?.tokens.count == TextAnalyzer.maximumTokensPerTerm)
        let particles = ["은", "는", "이", "가", "을", "를", "에", "의", "와", "과", "로", "도", "만", "에서", "에게", "으로",
                         "까지", "부터", "처럼", "보다", "마다"]
        let spellings = analyzer.queryTerms(particles.map { "도쿄" + $0 }.joined(separator: " "))
        // `도쿄도` (the metropolis) and `도쿄만` (the bay) are words of their own to the analyzer.
        #expect(spellings.count <= 3)
        #expect(spellings.first!.surfaces.count <= TextAnalyzer.maximumSurfaces + 1)
    }

    @Test func snippetMatchesAreFoundByKMPLikeByScanning() {
        let text = Array("abaababaab".unicodeScalars)
        var found: [Int] = []
        SnippetBuilder.forEachOccurrence(of: Array("aba".unicodeScalars), in: text) { found.append($0) }
        #expect(found == [0, 3, 5])
    }

    /// More articles than the near-duplicate check compares share one band with the original; a copy one
    /// bit away still finds it through the bands it shares with it alone.
    @Test func nearDuplicateIsFoundPastACrowdedBand() throws {
        let index = try ArticleIndex(path: location.path)
        let original: UInt64 = 0x0000_0000_0000_1234
        func article(_ text: String, _ bits: UInt64) -> ArticleEnriched {
            var event = SampleArticles.make(title: text, paragraphs: [text])
            let hex = String(bits, radix: 16)
            event.fingerprint = String(repeating: "0", count: 16 - hex.count) + hex
            return event
        }
        let crowd = (0..<(ArticleIndex.nearDuplicateCandidatesPerBand + 100)).map { n -> ArticleEnriched in
            let far = UInt64(0xffff ^ (n & 0xff))
            return article("군중 기사 \(n)", 0x1234 | far << 16 | far << 32 | far << 48)
        }
        var offset = 0
        for batch in stride(from: 0, to: crowd.count, by: 500).map({ crowd[$0..<min($0 + 500, crowd.count)] }) {
            _ = try apply(Array(batch), to: index, from: offset)
            offset += batch.count
        }
        let first = article("원래 기사", original)
        let indexed = try apply([first], to: index, from: offset)
        #expect(indexed.first?.duplicateOf == nil)
        var copies: [ArticleIndexed] = []
        let elapsed = try ContinuousClock().measure {
            copies = try apply(
                [article("사본 기사 하나", original ^ (1 << 20)), article("사본 기사 둘", original ^ 1)], to: index,
                from: offset + 1)
        }
        #expect(copies.map(\.duplicateOf) == [first.articleId, first.articleId])
        #expect(elapsed < Self.bound)
    }
}
