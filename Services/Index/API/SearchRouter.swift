import Foundation
import Hummingbird
import IndexStage

/// Builds the HTTP routes of the search API and the search page over an article index.
///
/// JSON: `GET /search`, `GET /articles/{id}`, `GET /healthz`, `GET /readyz` (described in
/// `docs/openapi.yaml`). HTML: `GET /` (the search page, same parameters as `/search`), `GET /view/{id}`
/// (an article) and `GET /assets/search.css`. A bad parameter is a 400 with the reason, never a 500.
///
/// - Parameters:
///   - index: The index to search.
///   - isReady: Whether the service is ready to serve traffic, for `/readyz`.
public func makeSearchRouter(
    index: any IndexBackend,
    isReady: @escaping @Sendable () -> Bool = { true }
) -> Router<BasicRequestContext> {
    let router = Router()
    router.get("healthz") { _, _ in
        try JSONResponse.ok(["status": "ok"])
    }
    router.get("readyz") { _, _ in
        try isReady()
            ? JSONResponse.ok(["status": "ready"])
            : JSONResponse(status: .serviceUnavailable, value: ["status": "not ready"])
    }
    router.get("search") { request, _ in
        let query: SearchQuery
        do {
            query = try SearchParameters.query(from: SearchParameters.formFields(request.uri.query))
        } catch {
            return try JSONResponse.error(.badRequest, String(describing: error))
        }
        let results = try await index.search(query)
        return try JSONResponse.ok(results)
    }
    router.get("articles/{id}") { _, context in
        let id = context.parameters.get("id") ?? ""
        guard let article = try await index.article(id: id) else {
            return try JSONResponse.error(.notFound, "no article with this id")
        }
        return try JSONResponse.ok(article)
    }
    addSearchPages(to: router, index: index)
    return router
}

/// The routes over a SQLite index file opened in this process.
public func makeSearchRouter(
    index: ArticleIndex,
    isReady: @escaping @Sendable () -> Bool = { true }
) -> Router<BasicRequestContext> {
    makeSearchRouter(index: SQLiteIndexBackend(index: index), isReady: isReady)
}

/// The HTML pages: the search page at `/`, articles under `/view/{id}`, and their style sheet.
private func addSearchPages(to router: Router<BasicRequestContext>, index: any IndexBackend) {
    let page = SearchPage.shared
    router.get("/") { request, _ in
        let parameters = SearchParameters.formFields(request.uri.query)
        let query: SearchQuery
        do {
            query = try SearchParameters.query(from: parameters)
        } catch {
            // The form stays filled in with what can be read, so the reader can correct the field.
            var fallback = SearchQuery(text: String((parameters["q"] ?? "").prefix(SearchParameters.maximumTextLength)))
            fallback.section = parameters["section"]
            let view = SearchPageView(query: fallback, error: String(describing: error))
            return HTMLResponse(status: .badRequest, html: page.render(view))
        }
        let results = try await index.search(query)
        return HTMLResponse(html: page.render(SearchPageView(query: query, results: results)))
    }
    router.get("view/{id}") { request, context in
        let id = context.parameters.get("id") ?? ""
        guard let article = try await index.article(id: id) else {
            return HTMLResponse(status: .notFound, html: page.renderNotFound("No article with this id."))
        }
        let text = SearchParameters.formFields(request.uri.query)["q"] ?? ""
        let query = String(text.prefix(SearchParameters.maximumTextLength))
        return HTMLResponse(html: page.render(ArticlePageView(article: article, query: query)))
    }
    router.get("assets/search.css") { _, _ in
        AssetResponse(contentType: "text/css; charset=utf-8", body: page.styleSheet)
    }
}
