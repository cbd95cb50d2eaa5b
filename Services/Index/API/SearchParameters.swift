import Hummingbird
import HummingbirdCore
import IndexStage

/// Reads a `SearchQuery` from the query string of `GET /search` and of the search page.
enum SearchParameters {
    /// Longer query text is cut here; the analyzer keeps only the first words of it anyway.
    static let maximumTextLength = 10_000

    static func query(from parameters: FlatDictionary<Substring, Substring>) throws -> SearchQuery {
        var query = SearchQuery(text: String((parameters["q"] ?? "").prefix(maximumTextLength)))
        query.from = nonEmpty(parameters["from"])
        query.to = nonEmpty(parameters["to"])
        query.section = nonEmpty(parameters["section"])
        query.category = nonEmpty(parameters["category"])
        query.entity = nonEmpty(parameters["entity"])
        query.story = nonEmpty(parameters["story"])
        if let sort = nonEmpty(parameters["sort"]) {
            guard let order = SearchOrder(rawValue: sort) else {
                let names = SearchOrder.allCases.map(\.rawValue).joined(separator: ", ")
                throw SearchParameterError("sort must be one of \(names), not \"\(sort.prefix(40))\"")
            }
            query.order = order
        }
        if let limit = nonEmpty(parameters["limit"]) {
            query.limit = try number(limit, name: "limit", in: 1...SearchQuery.maximumLimit)
        }
        if let offset = nonEmpty(parameters["offset"]) {
            query.offset = try number(offset, name: "offset", in: 0...SearchQuery.maximumOffset)
        } else if let page = nonEmpty(parameters["page"]) {
            let pages = 1...(SearchQuery.maximumOffset / query.clampedLimit + 1)
            query.offset = (try number(page, name: "page", in: pages) - 1) * query.clampedLimit
        }
        try query.validate()
        return query
    }

    private static func number(_ text: String, name: String, in range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw SearchParameterError(
                "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text.prefix(40))\"")
        }
        return value
    }

    private static func nonEmpty(_ value: Substring?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return String(value)
    }
}

/// A query-string parameter of the search API that cannot be used.
struct SearchParameterError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
