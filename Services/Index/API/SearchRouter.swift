import Foundation
import Hummingbird
import IndexStage

/// Builds the HTTP routes of the search API over an article index.
///
/// `GET /search`, `GET /articles/{id}`, `GET /healthz` and `GET /readyz`, all answering JSON.
/// A bad parameter is a 400 with a JSON error, never a 500.
///
/// - Parameters:
///   - index: The index to search.
///   - isReady: Whether the service is ready to serve traffic, for `/readyz`.
public func makeSearchRouter(
    index: ArticleIndex,
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
            query = try SearchParameters.query(from: request.uri.queryParameters)
        } catch let error as SearchParameterError {
            return try JSONResponse.error(.badRequest, error.description)
        } catch let error as SearchQueryError {
            return try JSONResponse.error(.badRequest, error.description)
        }
        let results = try await BlockingWork.run { try index.search(query) }
        return try JSONResponse.ok(results)
    }
    router.get("articles/{id}") { _, context in
        let id = context.parameters.get("id") ?? ""
        guard let article = try await BlockingWork.run({ try index.article(id: id) }) else {
            return try JSONResponse.error(.notFound, "no article with this id")
        }
        return try JSONResponse.ok(article)
    }
    return router
}
