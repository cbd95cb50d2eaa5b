import Foundation

/// `article.ingested` v1: the raw article decoded to UTF-8 NFC text with its identity.
public struct ArticleIngested: ArticleEvent {
    public static let eventType = "article.ingested"

    public var articleId: String
    public var contentHash: String
    public var source: String?
    public var sourceURL: String?
    public var format: ArticleFormat
    /// The character set the raw bytes were in: `utf-8`, `utf-16`, `euc-kr`.
    public var charset: String
    /// The article text: UTF-8, Unicode NFC, control characters removed, `\n` line endings.
    public var text: String
    public var rawBytes: Int
    public var receivedAt: Date

    public init(
        articleId: String,
        contentHash: String,
        source: String?,
        sourceURL: String?,
        format: ArticleFormat,
        charset: String,
        text: String,
        rawBytes: Int,
        receivedAt: Date
    ) {
        self.articleId = articleId
        self.contentHash = contentHash
        self.source = source
        self.sourceURL = sourceURL
        self.format = format
        self.charset = charset
        self.text = text
        self.rawBytes = rawBytes
        self.receivedAt = receivedAt
    }
}
