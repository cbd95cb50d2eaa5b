import Foundation
import NewslineModels

/// Turns the raw bytes of an `articles.raw` message into an `article.ingested` event.
///
/// Every check that can reject an input runs before the expensive ones: the size limit before any
/// decoding, the JSON nesting limit before any recursive JSON parser sees the text.
public struct Ingester: Sendable {
    public let maxBytes: Int
    public let maxJSONDepth: Int

    public init(maxBytes: Int = 2 * 1024 * 1024, maxJSONDepth: Int = 100) {
        self.maxBytes = maxBytes
        self.maxJSONDepth = maxJSONDepth
    }

    /// Throws RejectedInput (reason: empty, undecodable, too-large, too-deep, malformed-json, no-article-content).
    public func ingest(_ raw: RawArticle) throws -> ArticleIngested {
        if raw.bytes.isEmpty {
            throw RejectedInput(RejectedInput.empty, "the message has no bytes")
        }
        if raw.bytes.count > maxBytes {
            throw RejectedInput(
                RejectedInput.tooLarge, "\(raw.bytes.count) bytes is over the \(maxBytes)-byte limit")
        }
        let contentType = ContentType(raw.contentType)
        guard let decoded = CharsetDecoder.decode(raw.bytes, declared: contentType.charset) else {
            throw RejectedInput(
                RejectedInput.undecodable, "the bytes are binary data, UTF-8 cut inside its last character or broken UTF-16")
        }
        let text = TextNormalizer.normalize(decoded.text)
        if TextNormalizer.isBlank(text) {
            throw RejectedInput(RejectedInput.empty, "the text is only whitespace")
        }
        let format = FormatDetector.detect(text, contentType: contentType)
        var embeddedURL: String?
        switch format {
        case .json:
            embeddedURL = try JSONArticleCheck(maxDepth: maxJSONDepth).validate(text)
        case .html:
            embeddedURL = HTMLHeadScanner.canonicalURL(in: text)
        case .archiveText, .plain:
            break
        }
        let sourceURL = raw.sourceURL ?? embeddedURL
        let identity = ArticleIdentity.identity(sourceURL: sourceURL, text: text)
        return ArticleIngested(
            articleId: identity.articleId,
            contentHash: identity.contentHash,
            source: raw.source,
            sourceURL: sourceURL,
            format: format,
            charset: decoded.charset,
            text: text,
            rawBytes: raw.bytes.count,
            receivedAt: raw.receivedAt
        )
    }
}
