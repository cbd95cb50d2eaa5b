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

    static func ingested(text: String) -> ArticleIngested {
        ArticleIngested(
            articleId: "0123456789abcdef0123456789abcdef", contentHash: String(repeating: "b", count: 64),
            source: "test", sourceURL: "https://example.com/a/b", format: .html, charset: "utf-8", text: text,
            rawBytes: text.utf8.count, receivedAt: Date(timeIntervalSince1970: 1_700_000_000.5))
    }

    /// Every character JSON escapes, C0 controls, DEL, C1, the line separators, a lone BOM, non-BMP scalars,
    /// jamo and combining marks: each comes back as it went in, and standard JSON readers read the same text.
    @Test func ingestedTextRoundTripsWithEscapesControlsAndAstralScalars() throws {
        let controls = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) }))
        let texts = [
            "", "\"", "\\", "<p class=\"a\">x</p>\n<a href=\"https://e.example/x/y\">\\n</a>\r\n\t",
            controls + "\u{7F}\u{85}\u{9F}\u{2028}\u{2029}\u{FEFF}",
            "😀𝄞\u{10FFFF}\u{1F3FD}", "\u{1112}\u{1161}\u{11AB} e\u{301}\u{316} 한국어 中文",
            String(repeating: "\"\n", count: 10_000) + String(repeating: "가", count: 10_000),
        ]
        for text in texts {
            let event = Self.ingested(text: text)
            let bytes = try codec.encode(event)
            #expect(try codec.decode(ArticleIngested.self, from: bytes) == event)
            let object = try JSONSerialization.jsonObject(with: Data(bytes)) as! [String: Any]
            #expect((object["text"] as? String).map { Array($0.unicodeScalars) } == Array(text.unicodeScalars))
        }
    }

    /// The wire format other clients read: sorted keys, the envelope inside, slashes not escaped,
    /// non-ASCII text as UTF-8, quotes and newlines escaped.
    @Test func ingestedEncodesToTheDocumentedJSON() throws {
        let bytes = try codec.encode(Self.ingested(text: "<a href=\"/x\">é</a>\n"))
        let expected = #"{"articleId":"0123456789abcdef0123456789abcdef","charset":"utf-8","contentHash":""#
            + String(repeating: "b", count: 64) + #"","format":"html","rawBytes":20,"#
            + #""receivedAt":"2023-11-14T22:13:20.500Z","source":"test","sourceURL":"https://example.com/a/b","#
            + #""text":"<a href=\"/x\">é</a>\n","type":"article.ingested","version":1}"#
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    /// Bytes cut from a larger buffer decode like any others; empty input is malformed, not a crash.
    @Test func decodesBytesCutFromALargerBufferAndRefusesEmptyInput() throws {
        let event = Self.ingested(text: "본문 \"인용\"")
        let padded = Array("xxxx".utf8) + (try codec.encode(event)) + Array("yyyy".utf8)
        let bytes = Array(padded[4..<(padded.count - 4)])
        #expect(try codec.decode(ArticleIngested.self, from: bytes) == event)
        #expect(throws: EventDecodingError.malformed("article.ingested", "not valid JSON")) {
            try codec.decode(ArticleIngested.self, from: [])
        }
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
