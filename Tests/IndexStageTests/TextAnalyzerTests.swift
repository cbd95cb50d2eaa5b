import Foundation
import GRDB
import NewslineModels
import Testing

@testable import IndexStage

@Suite struct TextAnalyzerTests {
    let analyzer = TextAnalyzer()

    private func tokens(_ text: String) -> [String] {
        analyzer.indexText(text).split(separator: " ").map(String.init)
    }

    @Test func particlesAndEndingsAreDroppedByPartOfSpeech() {
        #expect(tokens("도쿄에서") == ["도쿄", "도쿄에서"])
        #expect(!tokens("손정의 회장은 만났다").contains("은"))
        #expect(tokens("손정의 회장은 만났다").contains("만나"))
    }

    @Test(arguments: ["도쿄에", "도쿄의", "도쿄에서", "도쿄"])
    func queriesDropParticles(query: String) {
        #expect(analyzer.queryTerms(query).map(\.tokens) == [["도쿄"]])
    }

    @Test func compoundsAreIndexedWithTheirPartsAndQueriedWhole() {
        let indexed = tokens("경기도에서")
        #expect(indexed.starts(with: ["경기도"]))
        #expect(indexed.contains("경기") && indexed.contains("도"))
        #expect(analyzer.queryTerms("경기도").map(\.tokens) == [["경기도"]])
    }

    @Test func latinAndNumbersAreWidthAndCaseFolded() {
        #expect(analyzer.queryTerms("ｔｏｋｙｏ").map(\.tokens) == [["tokyo"]])
        #expect(analyzer.queryTerms("TOKYO").map(\.tokens) == [["tokyo"]])
        #expect(analyzer.queryTerms("１５일").map(\.tokens) == analyzer.queryTerms("15일").map(\.tokens))
        #expect(tokens("OpenAI's GPT").contains("openai"))
    }

    @Test func hanjaIsMatchedByItsReading() {
        #expect(analyzer.queryTerms("金").map(\.tokens) == [["김"]])
    }

    @Test func theRecallFieldKeepsHangulBigrams() {
        #expect(analyzer.gramsText("손정의 회장") == "손정 정의 회장")
        #expect(analyzer.gramsText("北, 美") == "北 美")
        let term = analyzer.queryTerms("손정의")[0]
        #expect(term.recallExpression == "grams : \"손정 정의\"")
    }

    @Test func aOneSyllableQueryMatchesAsAPrefix() {
        #expect(analyzer.queryTerms("북").map(\.matchExpression) == ["\"북\"*"])
    }

    @Test func normalizesToNFC() {
        let decomposed = "\u{1103}\u{1169}\u{110F}\u{116D}"  // 도쿄 as conjoining jamo
        #expect(analyzer.queryTerms(decomposed).map(\.tokens) == [["도쿄"]])
    }

    @Test func aVeryLongWordIsCutTheSameWayEverywhere() {
        let long = String(repeating: "ab", count: 500)
        #expect(tokens(long).allSatisfy { $0.count <= TextAnalyzer.maximumTokenLength })
        #expect(analyzer.queryTerms(long).first.map { Set($0.tokens).isSubset(of: Set(tokens(long))) } == true)
    }

    @Test func repeatedQueryWordsCountOnce() {
        #expect(analyzer.queryTerms("도쿄 도쿄 도쿄에").count == 1)
    }

    @Test func aHugeQueryKeepsOnlyTheFirstWords() {
        let words = (0..<5_000).map { "word\($0)" }.joined(separator: " ")
        #expect(analyzer.queryTerms(words).count == 32)
    }

    @Test(arguments: [
        "\"", "*", "AND", "OR", "NOT", "NEAR(", "title:", "(", ")", "^", "\"도쿄\" OR *", "NEAR(a b, 2)",
        "col:{title body}", "'", "-", "+",
    ])
    func userSyntaxBecomesQuotedWords(query: String) {
        for term in analyzer.queryTerms(query) {
            let expression = term.matchExpression
            #expect(expression.hasPrefix("\""))
            #expect(!expression.dropFirst().dropLast(term.matchesPrefix ? 2 : 1).contains("\""))
            #expect(term.tokens.allSatisfy { token in token.unicodeScalars.allSatisfy { !"\"*():^{}+-".unicodeScalars.contains($0) } })
        }
    }
}

/// The search cases the morphological analysis exists for, end to end through an index.
@Suite final class MorphologySearchTests {
    let location = TemporaryIndexPath()
    let index: ArticleIndex
    let analyzer = TextAnalyzer()

    init() throws {
        index = try ArticleIndex(path: location.path)
        let articles = [
            SampleArticles.make(title: "손정의 회장, 도쿄에서 투자 발표", paragraphs: ["손정의 회장은 15일 도쿄에서 말했다."]),
            SampleArticles.make(title: "손정민 씨 사건 재수사", paragraphs: ["손정민 씨의 가족이 재수사를 요청했다."]),
            SampleArticles.make(title: "경기도 새 청사", paragraphs: ["경기도가 새 청사를 열었다."]),
            SampleArticles.make(title: "프로야구 경기 결과", paragraphs: ["어제 경기에서 두산이 이겼다."]),
        ]
        _ = try index.apply(articles.enumerated().map {
            IndexInput(event: $1, topic: "articles.enriched", partition: 0, offset: Int64($0))
        })
    }

    deinit {
        location.remove()
    }

    /// Titles of the articles the analyzer's full expression (morphemes, then bigrams) matches.
    private func titles(_ query: String) throws -> [String] {
        let expression = analyzer.matchExpression(analyzer.queryTerms(query))
        return try index.pool.read { db in
            try Data.fetchAll(
                db,
                sql: """
                    SELECT article.document FROM article_fts
                    JOIN article ON article.id = article_fts.rowid WHERE article_fts MATCH ?
                    ORDER BY bm25(article_fts, \(IndexSchema.columnWeights))
                    """,
                arguments: [expression]
            ).map { try StoredDocument.decode($0).title ?? "" }
        }
    }

    @Test func sonJeongUiFindsSonJeongUiNotSonJeongMin() throws {
        #expect(try titles("손정의") == ["손정의 회장, 도쿄에서 투자 발표"])
        #expect(try index.search(SearchQuery(text: "손정의")).hits.map(\.title) == ["손정의 회장, 도쿄에서 투자 발표"])
    }

    @Test func gyeonggiDoDoesNotMatchGyeonggiAlone() throws {
        #expect(try titles("경기도") == ["경기도 새 청사"])
        #expect(try index.search(SearchQuery(text: "경기도")).hits.map(\.title) == ["경기도 새 청사"])
    }

    @Test func fullWidthDigitsAndLatinFindTheArticle() throws {
        #expect(try titles("１５일 도쿄") == ["손정의 회장, 도쿄에서 투자 발표"])
    }
}
