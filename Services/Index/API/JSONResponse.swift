import Foundation
import Hummingbird
import NewslineModels

/// A JSON response with dates written as every Newsline event writes them.
struct JSONResponse: ResponseGenerator {
    var status: HTTPResponse.Status
    var body: Data

    init(status: HTTPResponse.Status, value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        self.status = status
        self.body = try encoder.encode(value)
    }

    static func ok(_ value: some Encodable) throws -> JSONResponse {
        try JSONResponse(status: .ok, value: value)
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) throws -> JSONResponse {
        try JSONResponse(status: status, value: ErrorBody(error: message))
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// The body of every error response: `{"error": "…"}`.
struct ErrorBody: Encodable {
    var error: String
}
