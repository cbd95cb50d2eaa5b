import NewslineModels

/// One page of the hits of a search, best first, with the facets of every match.
public struct SearchResults: Sendable, Encodable {
    public var hits: [SearchHit]
    /// More hits exist beyond this page.
    public var hasMore: Bool
    /// Hits (stories, or articles within one story) in the whole ranked list.
    public var total: Int
    /// False when more articles matched than the ranking looks at (`ArticleIndex.maximumCandidates`):
    /// `total` and the facet counts then count the best-matching ones only.
    public var totalIsExact: Bool
    /// Hits skipped before this page.
    public var offset: Int
    /// The page size used.
    public var limit: Int
    /// Counts of the matching stories per section, category, entity and publication month.
    public var facets: SearchFacets

    public init(
        hits: [SearchHit], hasMore: Bool, total: Int = 0, totalIsExact: Bool = true, offset: Int = 0,
        limit: Int = SearchQuery.defaultLimit, facets: SearchFacets = SearchFacets()
    ) {
        self.hits = hits
        self.hasMore = hasMore
        self.total = total
        self.totalIsExact = totalIsExact
        self.offset = offset
        self.limit = limit
        self.facets = facets
    }
}

/// One article found by a search: the best of its story, when stories are collapsed.
public struct SearchHit: Sendable, Encodable {
    public var articleId: String
    public var revision: Int
    public var title: String?
    /// The title with the query's words marked, as HTML (escaped, `<mark>` around matches).
    public var highlightedTitle: Snippet?
    public var subtitle: String?
    public var publishedDate: String?
    public var section: String?
    public var category: String
    public var authors: [Author]
    /// Relevance, higher is better: BM25 times the boosts; 0 when the query had no words.
    public var score: Double
    /// A passage of the body with the query's words marked.
    public var snippet: Snippet
    public var duplicateOf: String?
    public var storyId: String
    /// Other matching articles of the same story, folded under this hit.
    public var moreInStory: Int
}

/// Facet counts of one search, from the same filtered matches as its hits.
public struct SearchFacets: Sendable, Encodable, Equatable {
    public var sections: [FacetCount]
    public var categories: [FacetCount]
    /// The entities named in the most matching stories, by canonical name.
    public var entities: [FacetCount]
    /// Publication months, `YYYY-MM`, newest first.
    public var months: [FacetCount]

    public init(
        sections: [FacetCount] = [], categories: [FacetCount] = [], entities: [FacetCount] = [],
        months: [FacetCount] = []
    ) {
        self.sections = sections
        self.categories = categories
        self.entities = entities
        self.months = months
    }
}

/// A facet value and how many matching stories have it.
public struct FacetCount: Sendable, Encodable, Equatable {
    public var value: String
    public var count: Int

    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }
}
