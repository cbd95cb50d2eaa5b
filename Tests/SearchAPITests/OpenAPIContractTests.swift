import Foundation
import Hummingbird
import HummingbirdTesting
import IndexStage
import NewslineModels
import Testing

@testable import SearchAPI

/// Real responses of every documented operation, checked against `docs/openapi.yaml` by
/// `Tests/WebChecks/validate_openapi.py` (openapi-spec-validator and openapi-schema-validator).
@Suite final class OpenAPIContractTests {
    let storage: TemporaryIndex
    var index: ArticleIndex { storage.index }

    init() throws {
        var quoted = SearchAPITests.article(
            id: "c3", title: "도쿄 회담", date: "2024-07-09", section: "정치", body: "회담은 15일 도쿄에서 열린다.",
            entity: "외교부")
        quoted.quotes = [Quote(text: "회담은 열린다", speaker: "대변인"), Quote(text: "누가 말했나", speaker: nil)]
        quoted.dates = [DateMention(text: "15일", date: "2024-07-15")]
        quoted.article.provenance = ["title": "archive-header"]
        // Untitled, undated and without a section: the fields a hit then leaves out.
        var bare = SearchAPITests.article(
            id: "d4", title: "", date: "", section: "", body: "제목 없는 도쿄 단신.", entity: "도쿄")
        bare.article.title = nil
        bare.article.publishedDate = nil
        bare.article.section = nil
        bare.article.byline = nil
        let articles = [
            SearchAPITests.article(
                id: "a1", title: "오픈AI, 아시아 첫 거점은 도쿄", date: "2024-04-03", section: "종합",
                body: "오픈AI가 일본 도쿄에 사무소를 연다.", entity: "손정의"),
            quoted,
            bare,
        ]
        storage = try TemporaryIndex("openapi", articles: articles)
    }

    deinit {
        storage.remove()
    }

    static let requests = [
        "/search?q=\(PageLink.encode("도쿄"))",
        "/search?q=\(PageLink.encode("단신"))",
        "/articles/\(String(repeating: "d4", count: 16))",
        "/search?q=\(PageLink.encode("도쿄 회담 없는낱말"))&sort=recent&limit=1&offset=1",
        "/search?q=\(PageLink.encode("도쿄"))&sort=newest&page=2&limit=1&section=\(PageLink.encode("정치"))",
        "/search?entity=\(PageLink.encode("외교부"))&category=\(PageLink.encode("사회"))&from=2024-01-01&to=2024-12-31",
        "/search?story=\(String(repeating: "a1", count: 16))",
        "/search",
        "/search?q=%3Cscript%3E",
        "/search?q=x&sort=best",
        "/search?q=x&offset=-1",
        "/search?q=x&from=2024-02-30",
        "/articles/\(String(repeating: "a1", count: 16))",
        "/articles/\(String(repeating: "c3", count: 16))",
        "/articles/unknown",
        "/healthz",
        "/readyz",
    ]

    @Test(.enabled(
        if: WebCheckTools.hasOpenAPIValidators,
        "needs python3 with pyyaml, openapi-schema-validator and openapi-spec-validator (scripts/install-dependencies)"))
    func everyResponseMatchesTheDescription() async throws {
        var recorded: [(uri: String, status: Int, contentType: String, body: Data)] = []
        for ready in [true, false] {
            let app = Application(router: makeSearchRouter(index: index, isReady: { ready }))
            recorded += try await app.test(.router) { client in
                var responses: [(uri: String, status: Int, contentType: String, body: Data)] = []
                for uri in ready ? Self.requests : ["/readyz"] {
                    responses.append(
                        try await client.execute(uri: uri, method: .get) { response in
                            (uri, Int(response.status.code), response.headers[.contentType] ?? "",
                                Data(response.body.readableBytesView))
                        })
                }
                return responses
            }
        }
        let exchanges: [[String: Any]] = recorded.map { exchange in
            [
                "method": "GET", "uri": exchange.uri, "status": exchange.status, "contentType": exchange.contentType,
                "body": (try? JSONSerialization.jsonObject(with: exchange.body)) ?? NSNull(),
            ]
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("newsline-openapi-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try JSONSerialization.data(withJSONObject: exchanges).write(to: file)
        let spec = WebCheckTools.repository.appendingPathComponent("docs/openapi.yaml").path
        let result = try WebCheckTools.run(
            "/usr/bin/env", ["python3", WebCheckTools.script("validate_openapi.py"), spec, file.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("\(exchanges.count) responses checked"))
    }
}
