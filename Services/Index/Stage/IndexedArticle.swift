import Foundation
import NewslineModels

/// An article as the index stores and shows it.
public struct IndexedArticle: Codable, Sendable, Equatable {
    public var articleId: String
    public var contentHash: String
    public var revision: Int
    public var indexedAt: Date
    public var receivedAt: Date
    public var sourceURL: String?
    public var title: String?
    public var subtitle: String?
    public var publishedDate: String?
    public var section: String?
    public var page: String?
    public var authors: [Author]
    public var category: String
    public var language: String
    public var entities: [Entity]
    public var keywords: [String]
    public var summary: [String]
    public var paragraphs: [String]
    public var duplicateOf: String?
    public var storyId: String
    /// Quotes with their speakers; nil in documents stored before the index kept them.
    public var quotes: [Quote]?
    /// Date mentions with the day each resolves to; nil in documents stored before the index kept them.
    public var dates: [DateMention]?
    /// Which rule or source gave each parsed field; nil in documents stored before the index kept them.
    public var provenance: [String: String]?

    /// How many entities an `article.indexed` event carries.
    static let topEntityCount = 10

    init(event: ArticleEnriched, revision: Int, indexedAt: Date, duplicateOf: String?, storyId: String) {
        let article = event.article
        self.articleId = article.articleId
        self.contentHash = article.contentHash
        self.revision = revision
        self.indexedAt = indexedAt
        self.receivedAt = article.receivedAt
        self.sourceURL = article.sourceURL
        self.title = article.title
        self.subtitle = article.subtitle
        self.publishedDate = article.publishedDate
        self.section = article.section
        self.page = article.page
        self.authors = article.byline?.authors ?? []
        self.category = event.category
        self.language = event.language
        self.entities = event.entities
        self.keywords = event.keywords.map(\.term)
        self.summary = event.summary
        self.paragraphs = article.paragraphs
        self.duplicateOf = duplicateOf
        self.storyId = storyId
        self.quotes = event.quotes
        self.dates = event.dates
        self.provenance = article.provenance
    }

    /// The `article.indexed` event announcing this revision.
    public var indexedEvent: ArticleIndexed {
        ArticleIndexed(
            articleId: articleId,
            contentHash: contentHash,
            revision: revision,
            indexedAt: indexedAt,
            receivedAt: receivedAt,
            sourceURL: sourceURL,
            title: title,
            publishedDate: publishedDate,
            section: section,
            page: page,
            authors: authors,
            category: category,
            language: language,
            topEntities: Array(entities.sorted { $0.mentions > $1.mentions }.prefix(Self.topEntityCount)),
            keywords: keywords,
            summary: summary,
            duplicateOf: duplicateOf,
            storyId: storyId)
    }
}
