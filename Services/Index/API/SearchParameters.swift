import Hummingbird
import HummingbirdCore
import IndexStage

/// Reads a `SearchQuery` from the query string of `GET /search`.
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
        if let limit = nonEmpty(parameters["limit"]) {
            guard let value = Int(limit), (1...SearchQuery.maximumLimit).contains(value) else {
                throw SearchParameterError(
                    "limit must be a whole number from 1 to \(SearchQuery.maximumLimit), not \"\(limit.prefix(40))\"")
            }
            query.limit = value
        }
        try query.validate()
        return query
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
