import Foundation
import IngestStage
import NewslineModels
import Testing
import TestSupport

@testable import ParseStage

/// Format-specific behaviour beyond the golden samples.
struct ArticleParserTests {
    func parse(_ text: String, contentType: String? = nil) throws -> ArticleParsed {
        try ArticleParser().parse(try Ingester().ingest(RawArticle(bytes: Array(text.utf8), contentType: contentType)))
    }

    @Test func warnsWhenDeclaredLengthDisagrees() throws {
        let body = String(repeating: "가", count: 300)
        let page = "타이틀\n\n제목\n\n    홍길동 기자\n\n    발행일 : 2024.01.02 / 사회 A3 면\n\n    \(body)\n    본문자수 : 400\n"
        let parsed = try parse(page)
        #expect(parsed.bodyCharCount == 300)
        #expect(parsed.quality.warnings == ["declared-length-mismatch"])
        #expect(parsed.quality.score < 1 && parsed.quality.score > 0)
        #expect(parsed.section == "사회" && parsed.page == "A3")
    }

    @Test func archiveWithoutPublishedLineTakesBylineAfterTitle() throws {
        let parsed = try parse("타이틀\n\n제목이다\n\n    대전=오민재 기자\n\n    첫 문단이다.\n\n    둘째 문단이다.\n")
        #expect(parsed.title == "제목이다")
        #expect(parsed.byline?.dateline == "대전")
        #expect(parsed.paragraphs == ["첫 문단이다.", "둘째 문단이다."])
        #expect(parsed.quality.warnings.contains("missing-date"))
        #expect(parsed.quality.warnings.contains("short-body"))
    }

    @Test func archiveFallsBackToContributorLine() throws {
        let parsed = try parse("타이틀\n\n제목\n\n    발행일 : 2024.01.02 / 사회 A3 면\n\n    본문.\n    기고자 : 워싱턴=김민수 특파원\n")
        #expect(parsed.byline?.dateline == "워싱턴")
        #expect(parsed.provenance["byline"] == "archive:contributor-line")
    }

    @Test func htmlDropsFurnitureAndSplitsOnDoubleBreaks() throws {
        let html = """
            <html><head><title>제목 - 한빛일보</title></head><body>
            <div class="ad">광고 문구</div>
            <div id="body">첫 <b>문단</b>이다.<br><br>둘째<br>줄이다.<br/><br/>셋째 문단&amp;끝.
            <div class="related"><ul><li>관련 기사</li></ul></div></div>
            <footer><p>ⓒ 한빛일보</p></footer></body></html>
            """
        let parsed = try parse(html)
        #expect(parsed.title == "제목")
        #expect(parsed.paragraphs == ["첫 문단이다.", "둘째 줄이다.", "셋째 문단&끝."])
    }

    @Test func jsonBodyWithOneParagraphPerLine() throws {
        let parsed = try parse(#"{"title": "제목", "body": "첫 문단.\n둘째 문단.", "date": "2024-02-03"}"#)
        #expect(parsed.paragraphs == ["첫 문단.", "둘째 문단."])
        #expect(parsed.publishedDate == "2024-02-03")
        #expect(parsed.provenance["publishedDate"] == "json:date")
    }

    @Test func jsonAuthorObjects() throws {
        let parsed = try parse(#"[{"headline": "제목", "content": ["문단"], "author": [{"name": "정다은", "jobTitle": "기자"}]}]"#)
        #expect(parsed.byline?.authors == [Author(name: "정다은", role: "기자")])
        #expect(parsed.title == "제목")
    }

    @Test func plainTextJoinsWrappedLines() throws {
        let parsed = try parse("\n제목\n\n첫 줄\n이어진 줄\n\n\n둘째 문단\n")
        #expect(parsed.title == "제목")
        #expect(parsed.paragraphs == ["첫 줄 이어진 줄", "둘째 문단"])
        #expect(parsed.byline == nil)
    }

    @Test func titleOnlyPlainTextIsKeptWithWarnings() throws {
        let parsed = try parse("제목만 있는 기사")
        #expect(parsed.paragraphs.isEmpty)
        #expect(parsed.quality.warnings.contains("short-body"))
    }

    @Test func parsedEventRoundTripsThroughTheCodec() throws {
        let raw = RawArticle(
            bytes: try Fixtures.sample("archive/openai-tokyo").bytes(), receivedAt: Date(timeIntervalSince1970: 1_712_000_000))
        let parsed = try ArticleParser().parse(try Ingester().ingest(raw))
        let codec = EventCodec()
        #expect(try codec.decode(ArticleParsed.self, from: codec.encode(parsed)) == parsed)
    }
}
