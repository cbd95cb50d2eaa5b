/// A search over the index: free text plus optional filters, an order and a page.
public struct SearchQuery: Sendable, Equatable {
    /// User text; always treated as words to find, never as query syntax.
    public var text: String
    /// First publication day to include, `YYYY-MM-DD`.
    public var from: String?
    /// Last publication day to include, `YYYY-MM-DD`.
    public var to: String?
    public var section: String?
    public var category: String?
    /// An entity's canonical name, compared without regard to case.
    public var entity: String?
    /// Only the articles of this story (`storyId`), each shown on its own rather than collapsed.
    public var story: String?
    /// How the hits are ordered.
    public var order: SearchOrder
    /// How many hits (stories) to return, clamped to `1...maximumLimit`.
    public var limit: Int
    /// How many hits (stories) of the ranked list to skip, for the next page.
    public var offset: Int

    public static let defaultLimit = 10
    public static let maximumLimit = 100
    /// Pages reach as deep as the ranking looks (`ArticleIndex.maximumCandidates`); past it there is nothing.
    public static let maximumOffset = ArticleIndex.maximumCandidates

    public init(
        text: String, from: String? = nil, to: String? = nil, section: String? = nil, category: String? = nil,
        entity: String? = nil, story: String? = nil, order: SearchOrder = .relevance,
        limit: Int = SearchQuery.defaultLimit, offset: Int = 0
    ) {
        self.text = text
        self.from = from
        self.to = to
        self.section = section
        self.category = category
        self.entity = entity
        self.story = story
        self.order = order
        self.limit = limit
        self.offset = offset
    }

    /// Checks the filters, so that callers can report a bad parameter before searching.
    public func validate() throws(SearchQueryError) {
        if let from, !Self.isDay(from) {
            throw .invalidDate(parameter: "from", value: String(from.prefix(40)))
        }
        if let to, !Self.isDay(to) {
            throw .invalidDate(parameter: "to", value: String(to.prefix(40)))
        }
        if let from, let to, from > to {
            throw .emptyDateRange
        }
        if !(0...Self.maximumOffset).contains(offset) {
            throw .invalidOffset(offset)
        }
    }

    /// The page size used: `limit` within `1...maximumLimit`.
    public var clampedLimit: Int { min(max(limit, 1), Self.maximumLimit) }

    /// A real calendar day written `YYYY-MM-DD`.
    static func isDay(_ text: String) -> Bool {
        CalendarDay(text) != nil
    }
}

/// The order of search hits.
public enum SearchOrder: String, Sendable, Equatable, CaseIterable {
    /// Best match first: BM25 with the coordination, title and proximity boosts.
    case relevance
    /// Best match first, with newer articles lifted: relevance times a boost that halves every
    /// `ArticleIndex.recencyHalfLifeDays` before the newest match.
    case recent
    /// Newest first, among the articles that match.
    case newest
}

/// Why a search query was refused.
public enum SearchQueryError: Error, Equatable, CustomStringConvertible {
    case invalidDate(parameter: String, value: String)
    case emptyDateRange
    case invalidOffset(Int)

    public var description: String {
        switch self {
        case .invalidDate(let parameter, let value): "\(parameter) must be a date written YYYY-MM-DD, not \"\(value)\""
        case .emptyDateRange: "from must not be after to"
        case .invalidOffset(let offset): "offset must be from 0 to \(SearchQuery.maximumOffset), not \(offset)"
        }
    }
}
