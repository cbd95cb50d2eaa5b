import Foundation

/// An `articles.raw` message as ingest sees it: the bytes and the optional headers.
public struct RawArticle: Sendable, Equatable {
    public var bytes: [UInt8]
    /// The `content-type` header, which may carry `charset=`.
    public var contentType: String?
    public var source: String?
    public var sourceURL: String?
    public var receivedAt: Date

    public init(
        bytes: [UInt8],
        contentType: String? = nil,
        source: String? = nil,
        sourceURL: String? = nil,
        receivedAt: Date = Date()
    ) {
        self.bytes = bytes
        self.contentType = contentType
        self.source = source
        self.sourceURL = sourceURL
        self.receivedAt = receivedAt
    }
}
