import Hummingbird

/// The search API's responder with a trace span around every request (Hummingbird's
/// `TracingMiddleware`: W3C `traceparent` from the request continued, method, route and status
/// recorded), so a slow search shows up in the same traces as the pipeline.
struct TracedResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context: RequestContext {
    typealias Context = Inner.Context
    let inner: Inner
    let middleware = TracingMiddleware<Inner.Context>()

    init(_ inner: Inner) {
        self.inner = inner
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        try await middleware.handle(request, context: context) { request, context in
            try await inner.respond(to: request, context: context)
        }
    }
}
