import Foundation
import Testing

@testable import IndexStage

/// User text is data: FTS5 syntax, huge and odd input neither fail nor change what is searched.
@Suite final class QueryInjectionTests {
    let location = TemporaryIndexPath()
    let index: ArticleIndex
    let tokyo = SampleArticles.id("archive/openai-tokyo")

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

    /// Each query holds the word 도쿄 plus syntax that must act as plain text or be ignored.
    @Test(arguments: [
        "\"도쿄\"", "도쿄*", "*도쿄", "\"도쿄", "도쿄\"", "(도쿄)", "^도쿄", "도쿄^", "{도쿄}", "도쿄:",
        "-도쿄", "+도쿄", "도쿄 \"\"", "도쿄 ()", "도쿄 * ^ : \" ( ) ' ,",
    ])
    func punctuationIsIgnored(query: String) throws {
        #expect(try index.search(SearchQuery(text: query)).hits.map(\.articleId) == [tokyo])
    }

    /// Operators are searched as the words they are: they neither widen (OR), narrow (AND) nor negate (NOT).
    @Test(arguments: [
        "도쿄 NOT 일본", "NOT 도쿄", "도쿄 AND", "AND 도쿄", "도쿄 OR", "title:도쿄", "NEAR(도쿄", "도쿄 NEAR(",
    ])
    func operatorsNeitherNegateNorNarrow(query: String) throws {
        #expect(try index.search(SearchQuery(text: query)).hits.first?.articleId == tokyo, "\(query)")
    }

    /// An OR or NEAR that acted as an operator would find the articles holding one of the words.
    @Test(arguments: ["도쿄 OR 배터리", "도쿄 AND 배터리", "NEAR(도쿄 배터리)", "OR", "NEAR", "title:"])
    func operatorsDoNotWiden(query: String) throws {
        let hits = try index.search(SearchQuery(text: query)).hits
        #expect(hits.isEmpty, "no article holds half of the words of \(query)")
    }

    @Test(arguments: ["AND", "NOT", "and", "Not"])
    func anOperatorAloneIsTheEnglishWord(query: String) throws {
        let english = SampleArticles.id("archive/english-driverless-buses")
        #expect(try index.search(SearchQuery(text: query)).hits.map(\.articleId) == [english])
    }

    @Test func aTenKilobyteQueryIsFine() throws {
        let repeated = String(repeating: "도쿄 ", count: 3_400)
        #expect(repeated.utf8.count > 10_000)
        #expect(try index.search(SearchQuery(text: repeated)).hits.map(\.articleId) == [tokyo])

        let alphabet = Array("\"*()^:NEAR AND OR NOT title: 가나다 abc")
        let noise = String((0..<10_240).map { alphabet[$0 % alphabet.count] })
        _ = try index.search(SearchQuery(text: noise))
    }

    @Test(arguments: [
        "\u{0}", "도쿄\u{0}", "\u{FFFD}", "\u{FEFF}도쿄", "도\u{200B}쿄", "\u{202E}도쿄", "\u{301}\u{301}", "🇰🇷 도쿄", "👩‍👩‍👧",
        "ｔｏｋｙｏ", "İstanbul", "\u{1100}", "\u{D7FF}", "\u{10FFFF}", "a\u{0301}", String(repeating: "\u{301}", count: 5_000),
        "\\", "\\\"", "%00", "'; DROP TABLE article; --",
    ])
    func oddUnicodeNeverFails(query: String) throws {
        _ = try index.search(SearchQuery(text: query))
        _ = try index.search(SearchQuery(text: query, section: query, category: query, entity: query))
        #expect(try index.documentCount() == SampleArticles.all.count)
    }

    @Test func aByteOrderMarkOrJoinerDoesNotHideAWord() throws {
        #expect(try index.search(SearchQuery(text: "\u{FEFF}도쿄")).hits.map(\.articleId) == [tokyo])
        #expect(try index.search(SearchQuery(text: "🇰🇷 도쿄")).hits.map(\.articleId) == [tokyo])
    }
}
