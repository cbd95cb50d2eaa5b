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
        self.body = Self.escapingMarkup(try encoder.encode(value))
    }

    /// Writes `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`: the same JSON to a parser, but article
    /// text such as `<script>` can never be read as markup by a browser that sniffs the body.
    static func escapingMarkup(_ json: Data) -> Data {
        guard json.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&") }) else {
            return json
        }
        var escaped = Data(capacity: json.count + 64)
        for byte in json {
            switch byte {
            case UInt8(ascii: "<"): escaped.append(contentsOf: Array("\\u003c".utf8))
            case UInt8(ascii: ">"): escaped.append(contentsOf: Array("\\u003e".utf8))
            case UInt8(ascii: "&"): escaped.append(contentsOf: Array("\\u0026".utf8))
            default: escaped.append(byte)
            }
        }
        return escaped
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
            headers: [.contentType: "application/json; charset=utf-8", .xContentTypeOptions: "nosniff"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// The body of every error response: `{"error": "…"}`.
struct ErrorBody: Encodable {
    var error: String
}
