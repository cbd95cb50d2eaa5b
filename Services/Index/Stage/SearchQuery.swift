/// A search over the index: free text plus optional filters.
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
    /// How many hits to return, clamped to `1...maximumLimit`.
    public var limit: Int

    public static let defaultLimit = 10
    public static let maximumLimit = 100

    public init(
        text: String, from: String? = nil, to: String? = nil, section: String? = nil, category: String? = nil,
        entity: String? = nil, limit: Int = SearchQuery.defaultLimit
    ) {
        self.text = text
        self.from = from
        self.to = to
        self.section = section
        self.category = category
        self.entity = entity
        self.limit = limit
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
    }

    var clampedLimit: Int { min(max(limit, 1), Self.maximumLimit) }

    /// A real calendar day written `YYYY-MM-DD`.
    static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1
        else { return false }
        let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }
}

/// Why a search query was refused.
public enum SearchQueryError: Error, Equatable, CustomStringConvertible {
    case invalidDate(parameter: String, value: String)
    case emptyDateRange

    public var description: String {
        switch self {
        case .invalidDate(let parameter, let value): "\(parameter) must be a date written YYYY-MM-DD, not \"\(value)\""
        case .emptyDateRange: "from must not be after to"
        }
    }
}
