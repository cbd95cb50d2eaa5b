import Foundation
import Hummingbird
import HummingbirdCore
import IndexStage

/// Reads a `SearchQuery` from the query string of `GET /search` and of the search page.
enum SearchParameters {
    /// Longer query text is cut here; the analyzer keeps only the first words of it anyway.
    static let maximumTextLength = 10_000

    /// The fields of a query string as an HTML form sends them: `+` is a space, then percent-decoding.
    ///
    /// The search page's form is submitted as `application/x-www-form-urlencoded`, so `도쿄 총리` arrives as
    /// `q=%EB%8F%84%EC%BF%84+%EC%B4%9D%EB%A6%AC`; a literal plus is `%2B`. The first of repeated fields wins.
    static func formFields(_ rawQuery: String?) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in (rawQuery ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                // Bytes that are no UTF-8 stay as written, so a bad parameter is reported, not dropped.
                return spaced.removingPercentEncoding ?? spaced
            }
            let name = decode(parts[0])
            if fields[name] == nil {
                fields[name] = parts.count > 1 ? decode(parts[1]) : ""
            }
        }
        return fields
    }

    static func query(from parameters: [String: String]) throws -> SearchQuery {
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

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}

/// A query-string parameter of the search API that cannot be used.
struct SearchParameterError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
