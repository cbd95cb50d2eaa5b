import NewslineModels

/// The hits of one search, best first.
public struct SearchResults: Sendable, Encodable {
    public var hits: [SearchHit]
    /// More hits exist beyond `limit`.
    public var hasMore: Bool

    public init(hits: [SearchHit], hasMore: Bool) {
        self.hits = hits
        self.hasMore = hasMore
    }
}

/// One article found by a search.
public struct SearchHit: Sendable, Encodable {
    public var articleId: String
    public var revision: Int
    public var title: String?
    public var subtitle: String?
    public var publishedDate: String?
    public var section: String?
    public var category: String
    public var authors: [Author]
    /// BM25 relevance, higher is better; 0 when the query had no words and only filters applied.
    public var score: Double
    /// A passage of the body with the query's words marked.
    public var snippet: Snippet
    public var duplicateOf: String?
    public var storyId: String
}
