import Foundation
import Hummingbird
import HummingbirdTesting
import IndexStage
import NewslineModels
import Testing

@testable import SearchAPI

@Suite final class SearchAPITests {
    let storage: TemporaryIndex
    var index: ArticleIndex { storage.index }

    init() throws {
        let articles = [
            Self.article(
                id: "a1", title: "오픈AI, 아시아 첫 거점은 도쿄", date: "2024-04-03", section: "종합",
                body: "오픈AI가 일본 도쿄에 사무소를 연다. 손정의 회장과의 협력도 모색한다.", entity: "손정의"),
            Self.article(
                id: "a2", title: "美, 對中 반도체 장비 통제 확대", date: "2024-05-14", section: "국제",
                body: "미국이 반도체 장비 수출 통제를 넓힌다. 일본과 네덜란드도 협의 중이다.", entity: "미국"),
            Self.article(
                id: "a3", title: "보안 점검", date: "2024-06-01", section: "사회",
                body: "게시판에 <script>alert(1)</script> 코드를 심은 공격이 발견됐다.", entity: "경찰청"),
        ]
        storage = try TemporaryIndex("search-api", articles: articles)
    }

    deinit {
        storage.remove()
    }

    static func article(id: String, title: String, date: String, section: String, body: String, entity: String)
        -> ArticleEnriched
    {
        let parsed = ArticleParsed(
            articleId: String(repeating: id, count: 16), contentHash: String(repeating: "c", count: 64) + id,
            source: "test", sourceURL: nil, format: .plain, charset: "utf-8", rawBytes: body.utf8.count,
            receivedAt: Date(timeIntervalSince1970: 1_712_000_000), title: title, subtitle: nil,
            byline: Byline(raw: "홍길동 기자", dateline: nil, authors: [Author(name: "홍길동", role: "기자")]),
            publishedDate: date, section: section, page: nil, paragraphs: [body], declaredCharCount: nil,
            bodyCharCount: body.count, hasMedia: nil, quality: Quality(score: 1, warnings: []), provenance: [:])
        return ArticleEnriched(
            article: parsed, language: "ko",
            entities: [Entity(text: entity, type: .person, canonical: entity, mentions: 1)],
            keywords: [], summary: [body], quotes: [], dates: [], category: "사회",
            fingerprint: String(repeating: id, count: 8))
    }

    private func app(ready: Bool = true) -> some ApplicationProtocol {
        Application(router: makeSearchRouter(index: index, isReady: { ready }))
    }

    private static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    /// The response body as a JSON object; empty when it is not one, which the expectations then catch.
    private static func json(_ response: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:]
    }

    private static func hitIds(_ response: TestResponse) -> [String] {
        (json(response)["hits"] as? [[String: Any]] ?? []).compactMap { $0["articleId"] as? String }
    }

    @Test func healthAndReadiness() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.json(response)["status"] as? String == "ok")
            }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
        try await app(ready: false).test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
        }
    }

    @Test func searchReturnsRankedHitsAsJSON() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/search?q=\(Self.encoded("도쿄에"))", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let hit = try #require((Self.json(response)["hits"] as? [[String: Any]])?.first)
                #expect(hit["articleId"] as? String == String(repeating: "a1", count: 16))
                #expect(hit["title"] as? String == "오픈AI, 아시아 첫 거점은 도쿄")
                #expect(hit["publishedDate"] as? String == "2024-04-03")
                #expect((hit["snippet"] as? String)?.contains("<mark>도쿄에</mark>") == true)
                #expect((hit["authors"] as? [[String: Any]])?.first?["name"] as? String == "홍길동")
            }
            try await client.execute(uri: "/search?q=\(Self.encoded("일본"))&limit=1", method: .get) { response in
                #expect(Self.hitIds(response).count == 1)
                #expect(Self.json(response)["hasMore"] as? Bool == true)
            }
        }
    }

    @Test func filtersApply() async throws {
        try await app().test(.router) { client in
            let uri = "/search?q=\(Self.encoded("일본"))&section=\(Self.encoded("국제"))&from=2024-05-01&to=2024-05-31"
            try await client.execute(uri: uri, method: .get) { response in
                #expect(Self.hitIds(response) == [String(repeating: "a2", count: 16)])
            }
            try await client.execute(uri: "/search?entity=\(Self.encoded("손정의"))", method: .get) { response in
                #expect(Self.hitIds(response) == [String(repeating: "a1", count: 16)])
            }
        }
    }

    @Test func snippetsAreEscaped() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/search?q=alert", method: .get) { response in
                let hit = try #require((Self.json(response)["hits"] as? [[String: Any]])?.first)
                let snippet = try #require(hit["snippet"] as? String)
                #expect(snippet.contains("&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;"))
            }
        }
    }

    @Test(arguments: [
        "from=2024-13-01", "to=yesterday", "from=2024-05-01&to=2024-04-01", "limit=0", "limit=101", "limit=ten",
        "limit=-5", "from=%FF%FE",
    ])
    func invalidParametersAreA400(query: String) async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/search?q=a&\(query)", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(Self.json(response)["error"] is String)
            }
        }
    }

    @Test(arguments: [
        "\"", "*", "AND", "OR NOT", "NEAR(", "title:", "()", "^", "%00", "%FF%FE", "\u{202E}", "%22%2A%28",
    ])
    func queryTextNeverFails(text: String) async throws {
        let uri = "/search?q=" + (text.contains("%") ? text : Self.encoded(text))
        try await app().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func aTenKilobyteQueryIsAnswered() async throws {
        let text = Self.encoded(String(repeating: "도쿄 \"OR\" * ", count: 800))
        try await app().test(.router) { client in
            try await client.execute(uri: "/search?q=\(text)", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func aHundredKilobyteQueryIsAnsweredWithoutAServerError() async throws {
        let text = Self.encoded(String(repeating: "도쿄 NEAR( title: \"x\" ", count: 4_000))
        try await app().test(.router) { client in
            try await client.execute(uri: "/search?q=\(text)", method: .get) { response in
                #expect(response.status == .ok || response.status == .badRequest)
            }
        }
    }

    @Test func storedMarkupNeverReachesAResponseAsMarkup() async throws {
        let id = String(repeating: "a3", count: 16)
        try await app().test(.router) { client in
            for uri in ["/articles/\(id)", "/search?q=\(Self.encoded("공격"))", "/search?q=alert"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let body = String(decoding: response.body.readableBytesView, as: UTF8.self)
                    #expect(response.status == .ok)
                    #expect(!body.contains("<"), "\(uri): \(body.prefix(200))")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                }
            }
            try await client.execute(uri: "/articles/\(id)", method: .get) { response in
                #expect((Self.json(response)["paragraphs"] as? [String])?.first?.contains("<script>") == true)
            }
        }
    }

    @Test func articlesById() async throws {
        try await app().test(.router) { client in
            let id = String(repeating: "a1", count: 16)
            try await client.execute(uri: "/articles/\(id)", method: .get) { response in
                #expect(response.status == .ok)
                let article = Self.json(response)
                #expect(article["articleId"] as? String == id)
                #expect(article["revision"] as? Int == 1)
                #expect(article["indexedAt"] is String)
            }
            try await client.execute(uri: "/articles/unknown", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(Self.json(response)["error"] is String)
            }
        }
    }
}
