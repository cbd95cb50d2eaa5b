import Foundation
import Testing

@testable import NewslineModels

@Suite struct EventCodecTests {
    let codec = EventCodec()

    static func parsed() -> ArticleParsed {
        ArticleParsed(
            articleId: "0123456789abcdef0123456789abcdef", contentHash: String(repeating: "a", count: 64),
            source: "test", sourceURL: "https://example.com/a", format: .archiveText, charset: "utf-8",
            rawBytes: 10, receivedAt: Date(timeIntervalSince1970: 1_700_000_000.125),
            title: "제목", subtitle: nil,
            byline: Byline(raw: "실리콘밸리=오로라 특파원", dateline: "실리콘밸리", authors: [Author(name: "오로라", role: "특파원")]),
            publishedDate: "2024-04-03", section: "종합", page: "A1", paragraphs: ["본문"], declaredCharCount: 2,
            bodyCharCount: 2, hasMedia: true, quality: Quality(score: 1, warnings: []), provenance: ["title": "archive"])
    }

    @Test func enrichedRoundTripsWithFlatFields() throws {
        let enriched = ArticleEnriched(
            article: Self.parsed(), language: "ko",
            entities: [Entity(text: "오픈AI", type: .organization, canonical: "오픈AI", mentions: 3)],
            keywords: [Keyword(term: "AI", score: 0.5)], summary: ["본문"], quotes: [], dates: [],
            category: Category.science.rawValue, fingerprint: "00ff00ff00ff00ff")
        let bytes = try codec.encode(enriched)
        let object = try JSONSerialization.jsonObject(with: Data(bytes)) as! [String: Any]
        #expect(object["type"] as? String == "article.enriched")
        #expect(object["version"] as? Int == 1)
        #expect(object["title"] as? String == "제목")
        #expect(object["language"] as? String == "ko")
        #expect(object["receivedAt"] as? String == "2023-11-14T22:13:20.125Z")
        #expect(try codec.decode(ArticleEnriched.self, from: bytes) == enriched)
    }

    @Test func unknownMajorVersionIsRejected() throws {
        var object = try JSONSerialization.jsonObject(with: Data(codec.encode(Self.parsed()))) as! [String: Any]
        object["version"] = 2
        let bytes = Array(try JSONSerialization.data(withJSONObject: object))
        #expect(throws: EventDecodingError.unsupportedVersion(type: "article.parsed", version: 2)) {
            try codec.decode(ArticleParsed.self, from: bytes)
        }
    }

    @Test func unknownFieldsAreIgnored() throws {
        var object = try JSONSerialization.jsonObject(with: Data(codec.encode(Self.parsed()))) as! [String: Any]
        object["somethingNew"] = ["nested": true]
        let bytes = Array(try JSONSerialization.data(withJSONObject: object))
        #expect(try codec.decode(ArticleParsed.self, from: bytes) == Self.parsed())
    }

    @Test func wrongTypeIsRejected() throws {
        let bytes = try codec.encode(Self.parsed())
        #expect(throws: EventDecodingError.unexpectedType(expected: "article.enriched", found: "article.parsed")) {
            try codec.decode(ArticleEnriched.self, from: bytes)
        }
    }

    @Test func garbageIsMalformed() {
        #expect(throws: EventDecodingError.self) { try codec.decode(ArticleParsed.self, from: Array("{\"type\":".utf8)) }
    }

    @Test func articleIdPrefersNormalizedURL() {
        let a = ArticleIdentity.articleId(sourceURL: "HTTPS://Example.com:443/news/1/?utm_source=x#top", text: "a")
        let b = ArticleIdentity.articleId(sourceURL: "https://example.com/news/1", text: "different text")
        #expect(a == b)
        #expect(a.count == 32)
        #expect(a.allSatisfy { "0123456789abcdef".contains($0) })
        let textOnly = ArticleIdentity.articleId(sourceURL: nil, text: "본문  내용\n")
        #expect(textOnly == ArticleIdentity.articleId(sourceURL: "not a url", text: "본문 내용"))
        #expect(textOnly != a)
    }

    @Test func contentHashIgnoresWhitespaceLayoutOnly() {
        #expect(ArticleIdentity.contentHash(text: "가 나\n다") == ArticleIdentity.contentHash(text: "가  나 다 "))
        #expect(ArticleIdentity.contentHash(text: "가 나") != ArticleIdentity.contentHash(text: "가 다"))
        #expect(ArticleIdentity.contentHash(text: "x").count == 64)
    }
}
