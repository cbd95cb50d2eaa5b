import Foundation
import Testing

@testable import NewslineModels

/// The byte-level `article.ingested` coder against `JSONEncoder` and `JSONDecoder` on awkward text.
@Suite struct IngestedEventJSONTests {
    let codec = EventCodec()

    static let awkwardTexts: [String] = [
        "",
        "plain ascii",
        "quotes \" and \\ backslashes \\\" and slashes / </script>",
        String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }) + "\u{7F}",
        "line\r\nbreak\rcr\ttab\u{0B}vt\u{0C}ff\u{08}bs",
        "nbsp\u{A0}ideographic\u{3000}line sep\u{2028}para\u{2029}bom\u{FEFF}",
        "e\u{301} combining, 가 hangul, \u{1100}\u{1161} jamo, 😀👩‍👩‍👧 emoji, \u{10FFFF} last",
        "<html lang=\"ko\"><p class=\"a\">본문 \"인용\"</p>\n"
            + String(repeating: "<div data-x=\"1/2\">\\n</div>\n", count: 20_000),
    ]

    static func event(
        _ text: String, source: String? = "newsline-test", sourceURL: String? = "https://example.com/a/b?q=\"x\""
    ) -> ArticleIngested {
        ArticleIngested(
            articleId: "0123456789abcdef0123456789abcdef", contentHash: String(repeating: "f", count: 64),
            source: source,
            sourceURL: sourceURL, format: .html, charset: "windows-1252", text: text, rawBytes: text.utf8.count,
            receivedAt: Date(timeIntervalSince1970: 1_700_000_000.125))
    }

    @Test(arguments: awkwardTexts)
    func writesTheBytesJSONEncoderWrites(text: String) throws {
        for event in [Self.event(text), Self.event(text, source: nil, sourceURL: nil)] {
            #expect(try codec.encode(event) == codec.encodeWithFoundation(event))
        }
    }

    @Test(arguments: awkwardTexts)
    func readsWhatItWritesWithoutFallingBack(text: String) throws {
        let event = Self.event(text, sourceURL: nil)
        let bytes = try codec.encode(event)
        #expect(ArticleIngested(jsonBytes: bytes) == event)
        #expect(try codec.decodeWithFoundation(ArticleIngested.self, from: bytes) == event)
    }

    /// Other writers escape differently, order fields differently and space them out.
    @Test func readsOtherWritersJSONAsJSONDecoderDoes() throws {
        let event = Self.event(Self.awkwardTexts[6] + Self.awkwardTexts[3])
        let object = try JSONSerialization.jsonObject(with: Data(codec.encode(event)))
        for options: JSONSerialization.WritingOptions in [[], [.prettyPrinted], [.sortedKeys, .prettyPrinted]] {
            let bytes = Array(try JSONSerialization.data(withJSONObject: object, options: options))
            #expect(ArticleIngested(jsonBytes: bytes) == event)
            let reference = try codec.decodeWithFoundation(ArticleIngested.self, from: bytes)
            #expect(try codec.decode(ArticleIngested.self, from: bytes) == reference)
        }
    }

    static let handWritten: [String] = [
        // Escapes a Python writer uses: ensure_ascii turns every non-ASCII scalar into \u, pairs for emoji.
        #"{"type":"article.ingested","version":1,"articleId":"a","contentHash":"h","source":null,"sourceURL":null,"format":"plain","charset":"utf-8","text":"\ubcf8\ubb38 \u00e9 \ud83d\ude00 \/ \"q\"","rawBytes":7,"receivedAt":"2024-01-02T03:04:05Z"}"#,
        // A lone surrogate, high then low.
        #"{"type":"article.ingested","version":1,"articleId":"a","contentHash":"h","format":"plain","charset":"utf-8","text":"x\ud800y","rawBytes":7,"receivedAt":"2024-01-02T03:04:05.000Z"}"#,
        #"{"type":"article.ingested","version":1,"articleId":"a","contentHash":"h","format":"plain","charset":"utf-8","text":"x\udc00","rawBytes":7,"receivedAt":"2024-01-02T03:04:05.000Z"}"#,
        // An unknown field, a fractional number, an unknown escape, a raw control, a duplicate key.
        #"{"type":"article.ingested","version":1,"articleId":"a","contentHash":"h","format":"plain","charset":"utf-8","text":"t","rawBytes":7,"receivedAt":"2024-01-02T03:04:05.000Z","extra":[1,{"b":null}]}"#,
        #"{"type":"article.ingested","version":1,"articleId":"a","contentHash":"h","format":"plain","charset":"utf-8","text":"t","rawBytes":7.0,"receivedAt":"2024-01-02T03:04:05.000Z"}"#,
        #"{"type":"article.ingested","version":1,"articleId":"a","contentHash":"h","format":"plain","charset":"utf-8","text":"\q","rawBytes":7,"receivedAt":"2024-01-02T03:04:05.000Z"}"#,
        "{\"type\":\"article.ingested\",\"version\":1,\"articleId\":\"a\",\"contentHash\":\"h\",\"format\":\"plain\",\"charset\":\"utf-8\",\"text\":\"raw\ttab\",\"rawBytes\":7,\"receivedAt\":\"2024-01-02T03:04:05.000Z\"}",
        #"{"type":"article.ingested","version":1,"articleId":"a","articleId":"b","contentHash":"h","format":"plain","charset":"utf-8","text":"t","rawBytes":7,"receivedAt":"2024-01-02T03:04:05.000Z"}"#,
        // Wrong type, future version, missing field, bad timestamp, unknown format, trailing bytes, cut short.
        #"{"type":"article.parsed","version":1,"articleId":"a"}"#,
        #"{"type":"article.ingested","version":2,"articleId":"a","contentHash":"h","format":"plain","charset":"utf-8","text":"t","rawBytes":7,"receivedAt":"2024-01-02T03:04:05.000Z"}"#,
        #"{"type":"article.ingested","version":1,"contentHash":"h","format":"plain","charset":"utf-8","text":"t","rawBytes":7,"receivedAt":"2024-01-02T03:04:05.000Z"}"#,
        #"{"type":"article.ingested","version":1,"articleId":"a","contentHash":"h","format":"plain","charset":"utf-8","text":"t","rawBytes":7,"receivedAt":"yesterday"}"#,
        #"{"type":"article.ingested","version":1,"articleId":"a","contentHash":"h","format":"pdf","charset":"utf-8","text":"t","rawBytes":7,"receivedAt":"2024-01-02T03:04:05.000Z"}"#,
        #"{"type":"article.ingested","version":1,"articleId":"a","contentHash":"h","format":"plain","charset":"utf-8","text":"t","rawBytes":7,"receivedAt":"2024-01-02T03:04:05.000Z"} x"#,
        #"{"type":"article.ingested","version":1,"articleId":"a","contentHash":"h","format":"plain","charset":"utf-8","text":"t"#,
    ]

    /// Whatever the byte-level reader takes, it reads as `JSONDecoder` does; the rest goes to `JSONDecoder`.
    @Test(arguments: handWritten)
    func handWrittenEventsDecodeAsTheReferenceDoes(json: String) {
        let bytes = Array(json.utf8)
        let fast = Result { try codec.decode(ArticleIngested.self, from: bytes) }
        let reference = Result { try codec.decodeWithFoundation(ArticleIngested.self, from: bytes) }
        switch (fast, reference) {
        case (.success(let a), .success(let b)): #expect(a == b)
        case (.failure(let a), .failure(let b)): #expect("\(a)" == "\(b)")
        default: Issue.record("fast \(fast) against reference \(reference)")
        }
    }

    @Test func pythonStyleEscapesAreReadWithoutFallingBack() throws {
        let event = try #require(ArticleIngested(jsonBytes: Array(Self.handWritten[0].utf8)))
        #expect(event.text == "본문 é 😀 / \"q\"")
        #expect(event.source == nil)
        #expect(ArticleIngested(jsonBytes: Array(Self.handWritten[1].utf8)) == nil)
    }

    @Test func invalidUTF8IsLeftToTheReference() {
        let json = Self.handWritten[3]
        var bytes = Array(json.replacingOccurrences(of: "\"text\":\"t\"", with: "\"text\":\"t#\"").utf8)
        bytes[bytes.firstIndex(of: UInt8(ascii: "#"))!] = 0xFF
        #expect(ArticleIngested(jsonBytes: bytes) == nil)
        #expect(throws: EventDecodingError.self) { try codec.decode(ArticleIngested.self, from: bytes) }
    }
}
