import Foundation
import Hummingbird
import HummingbirdTesting
import IndexStage
import NewslineModels
import Testing

@testable import SearchAPI

/// The HTML search page and article page, rendered from an index holding hostile text.
@Suite final class SearchPageTests {
    let storage: TemporaryIndex
    var index: ArticleIndex { storage.index }
    static let hostileId = String(repeating: "b7", count: 16)

    init() throws {
        var hostile = SearchAPITests.article(
            id: "b7", title: "<script>window.pwned=1</script> 도쿄 \"인용\" & 'quote'", date: "2024-06-02",
            section: "사회<b>", body: "본문 <img src=x onerror=alert(1)> 도쿄 이야기", entity: "<i>손정의</i>")
        hostile.quotes = [Quote(text: "<script>alert('q')</script> 도쿄는 중요하다", speaker: "<b>대변인</b>")]
        hostile.dates = [DateMention(text: "15일", date: "2024-06-15")]
        hostile.article.provenance = ["title": "<h1> rule"]
        hostile.article.sourceURL = "javascript:alert(1)"
        let articles = [
            SearchAPITests.article(
                id: "a1", title: "오픈AI, 아시아 첫 거점은 도쿄", date: "2024-04-03", section: "종합",
                body: "오픈AI가 일본 도쿄에 사무소를 연다. 손정의 회장과의 협력도 모색한다.", entity: "손정의"),
            SearchAPITests.article(
                id: "a2", title: "도쿄 증시 마감", date: "2024-05-14", section: "경제",
                body: "도쿄 증시가 올랐다.", entity: "도쿄증권거래소"),
            hostile,
        ]
        storage = try TemporaryIndex("search-page", articles: articles)
    }

    deinit {
        storage.remove()
    }

    private func app() -> some ApplicationProtocol {
        Application(router: makeSearchRouter(index: index))
    }

    private static func body(_ response: TestResponse) -> String {
        String(decoding: response.body.readableBytesView, as: UTF8.self)
    }

    private static func encoded(_ text: String) -> String {
        PageLink.encode(text)
    }

    @Test func theSearchPageListsRankedHitsWithMarkedTitlesAndSnippets() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/?q=\(Self.encoded("도쿄"))", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                let html = Self.body(response)
                #expect(html.contains("<mark>도쿄</mark>"))
                #expect(html.contains("value=\"도쿄\""))
                #expect(html.contains("class=\"hit-title\" href=\"/view/\(String(repeating: "a1", count: 16))?q=%EB%8F%84%EC%BF%84\""))
                #expect(html.contains("1–3 of 3 stories"))
                #expect(html.contains("data-facet=\"Section\""))
                #expect(html.contains("href=\"/?q=%EB%8F%84%EC%BF%84&amp;section=%EA%B2%BD%EC%A0%9C\""))
                #expect(html.contains("홍길동 기자"))
            }
        }
    }

    @Test func thePageAndTheAPIShowTheSameHitsInTheSameOrder() async throws {
        let query = "q=\(Self.encoded("도쿄 증시"))&sort=recent&limit=2"
        try await app().test(.router) { client in
            let api = try await client.execute(uri: "/search?\(query)", method: .get) { response in
                let json = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                return (json?["hits"] as? [[String: Any]] ?? []).compactMap { $0["articleId"] as? String }
            }
            let page = try await client.execute(uri: "/?\(query)", method: .get) { response in
                Self.body(response).components(separatedBy: "class=\"hit-title\" href=\"/view/").dropFirst()
                    .map { String($0.prefix(32)) }
            }
            #expect(api.count == 2)
            #expect(page == api)
        }
    }

    @Test func aFormSubmissionReadsPlusAsASpace() async throws {
        try await app().test(.router) { client in
            let form = "q=\(Self.encoded("도쿄"))+\(Self.encoded("증시"))"
            try await client.execute(uri: "/?\(form)", method: .get) { response in
                #expect(Self.body(response).contains("value=\"도쿄 증시\""))
            }
            try await client.execute(uri: "/search?\(form)", method: .get) { response in
                let json = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                let first = (json?["hits"] as? [[String: Any]])?.first
                #expect(first?["articleId"] as? String == String(repeating: "a2", count: 16))
            }
            try await client.execute(uri: "/?q=C%2B%2B", method: .get) { response in
                #expect(Self.body(response).contains("value=\"C++\""))
            }
        }
    }

    @Test func aFacetLinkNarrowsAndASelectedOneRemovesItself() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/?q=\(Self.encoded("도쿄"))&section=\(Self.encoded("경제"))", method: .get) {
                response in
                let html = Self.body(response)
                #expect(html.contains("1–1 of 1 story"))
                #expect(html.contains("<mark>도쿄</mark> 증시 마감"))
                #expect(!html.contains("오픈AI, 아시아"))
                #expect(html.contains("class=\"selected\""))
                #expect(html.contains("<input type=\"hidden\" name=\"section\" value=\"경제\">"))
            }
        }
    }

    @Test func pagesLinkToTheNextAndPreviousOffsets() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/?q=\(Self.encoded("도쿄"))&limit=1&page=2", method: .get) { response in
                let html = Self.body(response)
                #expect(html.contains("2–2 of 3 stories"))
                #expect(html.contains("Page 2 of 3"))
                #expect(html.contains("rel=\"prev\" href=\"/?q=%EB%8F%84%EC%BF%84&amp;limit=1\""))
                #expect(html.contains("rel=\"next\" id=\"next-page\" href=\"/?q=%EB%8F%84%EC%BF%84&amp;limit=1&amp;offset=2\""))
            }
        }
    }

    @Test func markupInArticlesNeverBecomesMarkup() async throws {
        try await app().test(.router) { client in
            for uri in ["/?q=\(Self.encoded("도쿄"))", "/view/\(Self.hostileId)", "/?entity=\(Self.encoded("<i>손정의</i>"))"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let html = Self.body(response)
                    #expect(response.status == .ok, "\(uri)")
                    for raw in ["<script", "<img", "<b>", "<i>", "<h1> rule", "onerror=alert(1)>"] {
                        #expect(!html.contains(raw), "\(uri) holds \(raw)")
                    }
                    #expect(!html.contains("href=\"javascript:"), "\(uri)")
                }
            }
            try await client.execute(uri: "/view/\(Self.hostileId)", method: .get) { response in
                let html = Self.body(response)
                #expect(html.contains("&lt;script&gt;window.pwned=1&lt;/script&gt;"))
                #expect(html.contains("&lt;b&gt;대변인&lt;/b&gt;"))
                #expect(html.contains("<dd>javascript:alert(1)</dd>"))
            }
        }
    }

    @Test func markupInTheQueryNeverBecomesMarkup() async throws {
        let query = "\"><script>window.pwned=1</script><mark>도쿄"
        try await app().test(.router) { client in
            try await client.execute(uri: "/?q=\(Self.encoded(query))&section=\(Self.encoded("\"><b>x"))", method: .get) {
                response in
                let html = Self.body(response)
                #expect(!html.contains("<script"))
                #expect(!html.contains("\"><b>"))
                #expect(html.contains("value=\"&quot;&gt;&lt;script&gt;window.pwned=1&lt;/script&gt;&lt;mark&gt;도쿄\""))
            }
        }
    }

    @Test func theArticlePageShowsEntitiesQuotesDatesAndProvenance() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/view/\(Self.hostileId)?q=\(Self.encoded("도쿄"))", method: .get) { response in
                #expect(response.status == .ok)
                let html = Self.body(response)
                #expect(html.contains("<article lang=\"ko\">"))
                #expect(html.contains("class=\"entity\" href=\"/?entity=%3Ci%3E%EC%86%90%EC%A0%95%EC%9D%98%3C%2Fi%3E\""))
                #expect(html.contains("도쿄는 중요하다"))
                #expect(html.contains("<bdi>15일</bdi> → <time datetime=\"2024-06-15\">2024-06-15</time>"))
                #expect(html.contains("<dt>title</dt><dd>&lt;h1&gt; rule</dd>"))
                #expect(html.contains("<dt>articleId</dt><dd>\(Self.hostileId)</dd>"))
                #expect(html.contains("href=\"/?q=%EB%8F%84%EC%BF%84\""))
            }
            try await client.execute(uri: "/view/unknown", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(Self.body(response).contains("No article with this id."))
            }
        }
    }

    @Test(arguments: ["from=2024-13-01", "sort=best", "page=0", "offset=-1", "limit=1000"])
    func aBadParameterIsShownOnThePageAsA400(query: String) async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/?q=\(Self.encoded("도쿄"))&\(query)", method: .get) { response in
                #expect(response.status == .badRequest)
                let html = Self.body(response)
                #expect(html.contains("class=\"error\" role=\"alert\""))
                #expect(html.contains("value=\"도쿄\""))
            }
        }
    }

    @Test func theStyleSheetIsServed() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/assets/search.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                #expect(Self.body(response).contains("@media (min-width: 48rem)"))
            }
        }
    }
}
