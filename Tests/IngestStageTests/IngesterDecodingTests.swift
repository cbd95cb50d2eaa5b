import Foundation
import NewslineModels
import Testing
import TestSupport

@testable import IngestStage

/// Charset detection, text normalization, format detection and identity.
struct IngesterDecodingTests {
    let ingester = Ingester()

    @Test(arguments: Fixtures.goodSamples)
    func detectsFormatAndCharsetOfSample(sample: Fixtures.Sample) throws {
        let expected = try sample.expectedObject()
        let ingested = try ingester.ingest(RawArticle(bytes: try sample.bytes()))
        #expect(ingested.format.rawValue == expected["format"] as? String)
        #expect(ingested.charset == expected["charset"] as? String)
        #expect(ingested.rawBytes == (try sample.bytes()).count)
        #expect(!ingested.text.contains("\r"))
        #expect(ingested.text == ingested.text.precomposedStringWithCanonicalMapping)
    }

    @Test func decodesCP949OnlyCharacters() throws {
        let ingested = try ingester.ingest(RawArticle(bytes: try Fixtures.sample("euc-kr/itaewon-food-alley-2007").bytes()))
        #expect(ingested.charset == "euc-kr")
        #expect(ingested.text.contains("똠얌꿍"))
    }

    @Test func readsTheCharsetOfTheContentTypeHeader() throws {
        let bytes: [UInt8] = [0xB1, 0xE2, 0xBB, 0xE7, 0x20, 0xC1, 0xA6, 0xB8, 0xF1]  // "기사 제목" in EUC-KR
        let ingested = try ingester.ingest(RawArticle(bytes: bytes, contentType: "text/plain; charset=\"EUC-KR\""))
        #expect(ingested.charset == "euc-kr")
        #expect(ingested.text == "기사 제목")
    }

    @Test func decodesUTF16BigEndianWithBOM() throws {
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in "제목\r\n본문".utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let ingested = try ingester.ingest(RawArticle(bytes: bytes))
        #expect(ingested.charset == "utf-16")
        #expect(ingested.text == "제목\n본문")
    }

    @Test func decodesUTF16DeclaredWithoutBOM() throws {
        var bytes: [UInt8] = []
        for unit in "Title line".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let ingested = try ingester.ingest(RawArticle(bytes: bytes, contentType: "text/plain; charset=utf-16"))
        #expect(ingested.text == "Title line")
    }

    @Test func normalizesLineEndingsControlsAndComposition() throws {
        let decomposed = "\u{1112}\u{1161}\u{11AB}"  // 한 as conjoining jamo
        let text = "제목\r\n\u{0007}본문\r둘째 줄\u{0000}\t끝\u{FEFF}\n" + decomposed
        let ingested = try ingester.ingest(RawArticle(bytes: Array(text.utf8)))
        #expect(ingested.text == "제목\n본문\n둘째 줄\t끝\n한")
    }

    @Test(arguments: [
        ("{\"title\": \"t\"}", ArticleFormat.json),
        ("  [ {\"title\": \"t\"} ]", .json),
        ("<!DOCTYPE html><html><body><p>본문</p></body></html>", .html),
        ("<div><p>조각</p></div>", .html),
        ("타이틀\n\n제목\n", .archiveText),
        ("제목\n\n본문 문단이다.", .plain),
        ("<3 이 기호는 하트다", .plain),
    ])
    func detectsFormat(text: String, format: ArticleFormat) throws {
        #expect(try ingester.ingest(RawArticle(bytes: Array(text.utf8))).format == format)
    }

    @Test func findsHTMLPastALongOpeningStyleSheetOrServerWarning() throws {
        let style = "<style>\n" + String(repeating: "  .box { margin: 0 auto; padding: 4px; }\n", count: 100) + "</style>\n"
        let warning = String(repeating: "<br />\n<b>Deprecated</b>:  Assigning the return value of new is deprecated\n", count: 40)
        for opening in [style, warning] {
            #expect(opening.utf8.count > 2048)
            let page = opening + "<html><body><div><p>Der Artikel.</p></div></body></html>"
            #expect(try ingester.ingest(RawArticle(bytes: Array(page.utf8))).format == .html)
        }
        // Text that only opens with `<` is still plain.
        let plain = "<3 " + String(repeating: "Ein Satz ohne Markup. ", count: 200)
        #expect(try ingester.ingest(RawArticle(bytes: Array(plain.utf8))).format == .plain)
    }

    @Test func trustsContentTypeForUnmarkedHTML() throws {
        let raw = RawArticle(bytes: Array("<section>기사</section>".utf8), contentType: "text/html")
        #expect(try ingester.ingest(raw).format == .html)
    }

    @Test func identifiesByHeaderURLThenEmbeddedURLThenText() throws {
        let sample = Fixtures.sample("json/flat-ott")
        let fromHeader = try ingester.ingest(
            RawArticle(bytes: try sample.bytes(), sourceURL: "https://Example.com/a?utm_source=x#top"))
        #expect(fromHeader.articleId == ArticleIdentity.articleId(sourceURL: "https://example.com/a", text: ""))

        let fromBody = try ingester.ingest(RawArticle(bytes: try sample.bytes()))
        #expect(fromBody.sourceURL == "https://news.hanbit.example/economy/2024/06/18/ott-subscribers-decline")

        let html = try ingester.ingest(RawArticle(bytes: try Fixtures.sample("html/modern-quick-commerce").bytes()))
        #expect(html.sourceURL == "https://econ.hanbit.example/article/2024/11/05/quick-commerce")

        let plainBytes = try Fixtures.sample("plain/bookstore-cafe").bytes()
        let plain = try ingester.ingest(RawArticle(bytes: plainBytes, source: "crawler"))
        #expect(plain.sourceURL == nil)
        #expect(plain.source == "crawler")
        #expect(plain.articleId == (try ingester.ingest(RawArticle(bytes: plainBytes))).articleId)
        #expect(plain.articleId.count == 32)
        #expect(plain.contentHash == ArticleIdentity.contentHash(text: plain.text))
    }

    @Test func keepsReceivedAt() throws {
        let date = Date(timeIntervalSince1970: 1_717_000_000)
        let ingested = try ingester.ingest(RawArticle(bytes: Array("제목\n\n본문".utf8), receivedAt: date))
        #expect(ingested.receivedAt == date)
    }
}
