import Hummingbird

/// An HTML page of the search site, sent with headers that keep any markup that slipped through inert.
struct HTMLResponse: ResponseGenerator {
    var status: HTTPResponse.Status = .ok
    var html: String

    /// No script runs on the pages at all, and styles and images come from this server only: even an
    /// escaping bug could not run script from an article.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8", .xContentTypeOptions: "nosniff",
            .contentSecurityPolicy: Self.contentSecurityPolicy,
        ]
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// A static file of the search site, such as its style sheet.
struct AssetResponse: ResponseGenerator {
    var contentType: String
    var body: String

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: contentType, .xContentTypeOptions: "nosniff", .cacheControl: "max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
