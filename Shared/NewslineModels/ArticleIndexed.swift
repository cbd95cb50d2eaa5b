import Foundation

/// `article.indexed` v1: an article is searchable; what a downstream consumer shows of it.
///
/// Consumers dedupe by (articleId, revision): a redelivered event carries the same pair.
public struct ArticleIndexed: ArticleEvent {
    public static let eventType = "article.indexed"

    public var articleId: String
    public var contentHash: String
    /// 1 for the first version of an article, incremented each time its content changes.
    public var revision: Int
    public var indexedAt: Date
    /// When ingest received the raw article, for end-to-end latency.
    public var receivedAt: Date
    public var sourceURL: String?
    public var title: String?
    public var publishedDate: String?
    public var section: String?
    public var page: String?
    public var authors: [Author]
    public var category: String
    public var language: String
    public var topEntities: [Entity]
    public var keywords: [String]
    public var summary: [String]
    /// The articleId of a near-duplicate indexed before this one.
    public var duplicateOf: String?
    /// Shared by an article and its near-duplicates.
    public var storyId: String

    public init(
        articleId: String,
        contentHash: String,
        revision: Int,
        indexedAt: Date,
        receivedAt: Date,
        sourceURL: String?,
        title: String?,
        publishedDate: String?,
        section: String?,
        page: String?,
        authors: [Author],
        category: String,
        language: String,
        topEntities: [Entity],
        keywords: [String],
        summary: [String],
        duplicateOf: String?,
        storyId: String
    ) {
        self.articleId = articleId
        self.contentHash = contentHash
        self.revision = revision
        self.indexedAt = indexedAt
        self.receivedAt = receivedAt
        self.sourceURL = sourceURL
        self.title = title
        self.publishedDate = publishedDate
        self.section = section
        self.page = page
        self.authors = authors
        self.category = category
        self.language = language
        self.topEntities = topEntities
        self.keywords = keywords
        self.summary = summary
        self.duplicateOf = duplicateOf
        self.storyId = storyId
    }

    private enum CodingKeys: String, CodingKey {
        case articleId, contentHash, revision, indexedAt, receivedAt, sourceURL, title, publishedDate, section
        case page, authors, category, language, topEntities, keywords, summary, duplicateOf, storyId
    }

    /// Writes `duplicateOf` as an explicit null, so consumers can rely on the field being there.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(articleId, forKey: .articleId)
        try container.encode(contentHash, forKey: .contentHash)
        try container.encode(revision, forKey: .revision)
        try container.encode(indexedAt, forKey: .indexedAt)
        try container.encode(receivedAt, forKey: .receivedAt)
        try container.encodeIfPresent(sourceURL, forKey: .sourceURL)
        try container.encode(title, forKey: .title)
        try container.encode(publishedDate, forKey: .publishedDate)
        try container.encode(section, forKey: .section)
        try container.encode(page, forKey: .page)
        try container.encode(authors, forKey: .authors)
        try container.encode(category, forKey: .category)
        try container.encode(language, forKey: .language)
        try container.encode(topEntities, forKey: .topEntities)
        try container.encode(keywords, forKey: .keywords)
        try container.encode(summary, forKey: .summary)
        try container.encode(duplicateOf, forKey: .duplicateOf)
        try container.encode(storyId, forKey: .storyId)
    }
}
