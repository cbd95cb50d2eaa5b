import Foundation
import Testing

@testable import IndexStage

@Suite final class SnippetTests {
    let location = TemporaryIndexPath()

    deinit {
        location.remove()
    }

    @Test func markupInTheBodyComesBackEscaped() throws {
        let index = try ArticleIndex(path: location.path)
        let article = SampleArticles.make(
            title: "보안 점검 결과",
            paragraphs: [
                "게시판에 <script>alert(\"xss\")</script> 코드를 심은 공격이 발견됐다. R&D 부서는 'alert' 문구를 차단했다.",
            ])
        _ = try index.apply([IndexInput(event: article, topic: "t", partition: 0, offset: 0)])

        let html = try #require(try index.search(SearchQuery(text: "alert")).hits.first?.snippet.html)
        #expect(html.contains("&lt;script&gt;<mark>alert</mark>(&quot;xss&quot;)&lt;/script&gt;"))
        #expect(html.contains("R&amp;D"))
        #expect(html.contains("&#39;<mark>alert</mark>&#39;"))
        let withoutMarks = html.replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(of: "</mark>", with: "")
        #expect(!withoutMarks.contains("<") && !withoutMarks.contains(">"))
    }

    @Test func aQueryThatLooksLikeMarkupIsEscapedToo() throws {
        let index = try ArticleIndex(path: location.path)
        let article = SampleArticles.make(title: "태그", paragraphs: ["<b>mark</b> 태그와 mark 단어"])
        _ = try index.apply([IndexInput(event: article, topic: "t", partition: 0, offset: 0)])
        let html = try #require(try index.search(SearchQuery(text: "<mark>")).hits.first?.snippet.html)
        #expect(html == "&lt;b&gt;<mark>mark</mark>&lt;/b&gt; 태그와 <mark>mark</mark> 단어")
    }

    @Test func koreanMatchesAreMarkedWithoutTheirParticles() {
        let terms = TextAnalyzer().queryTerms("도쿄에 오픈AI")
        let snippet = SnippetBuilder().snippet(of: "오픈AI가 도쿄의 사무소를 연다", terms: terms)
        #expect(snippet.html == "<mark>오픈AI</mark>가 <mark>도쿄</mark>의 사무소를 연다")
    }

    @Test func aWordAsTypedIsMarkedWhole() {
        let terms = TextAnalyzer().queryTerms("손정의")
        let snippet = SnippetBuilder().snippet(of: "손정의 회장과 손정 씨", terms: terms)
        #expect(snippet.html == "<mark>손정의</mark> 회장과 손정 씨")
    }

    @Test func latinWordsAreMarkedOnlyWhole() {
        let snippet = SnippetBuilder().snippet(of: "He said AI is here", terms: TextAnalyzer().queryTerms("ai"))
        #expect(snippet.html == "He said <mark>AI</mark> is here")
    }

    @Test func theWindowFollowsTheMatches() {
        let filler = String(repeating: "가나다라 ", count: 100)
        let snippet = SnippetBuilder().snippet(of: filler + "도쿄 사무소 " + filler, terms: TextAnalyzer().queryTerms("도쿄"))
        #expect(snippet.parts.first?.text == "…")
        #expect(snippet.parts.last?.text == "…")
        #expect(snippet.parts.contains(.init(text: "도쿄", isMatch: true)))
        #expect(snippet.parts.map(\.text).joined().unicodeScalars.count <= 164)
        #expect(snippet.parts[1].text.hasPrefix("가나다라"), "the passage starts at a word")
    }

    @Test func rendersForATerminal() {
        let snippet = Snippet(parts: [.init(text: "a <b>", isMatch: false), .init(text: "도쿄", isMatch: true)])
        #expect(snippet.rendered { "[\($0)]" } == "a <b>[도쿄]")
    }
}
