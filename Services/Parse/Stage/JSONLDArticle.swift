import Foundation
import NewslineModels

/// The schema.org `NewsArticle` (or `Article`) of a page's `application/ld+json` scripts.
struct JSONLDArticle {
    static let articleTypes: Set<String> = [
        "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BlogPosting",
        "Report", "BackgroundNewsArticle",
    ]
    /// Larger scripts are not read. A page whose article lives only in JSON-LD carries it whole in
    /// `articleBody`, so the bound is the largest page ingest accepts; JSON parsing is linear in it.
    static let maxScriptBytes = 2 * 1024 * 1024

    var headline: String?
    var alternativeHeadline: String?
    var datePublished: String?
    var authors: [Author] = []
    var section: String?
    var body: String?
    /// `articleBody` as written, line breaks kept, for its paragraphs.
    var bodyText: String?
    var hasImage = false

    /// The first article object among the scripts, looking into arrays and `@graph`.
    init?(scripts: [String]) {
        for script in scripts where script.utf8.count <= Self.maxScriptBytes {
            guard let object = try? JSONSerialization.jsonObject(with: Data(script.utf8)),
                let article = Self.findArticle(in: object, depth: 0)
            else { continue }
            headline = Self.string(article["headline"])
            alternativeHeadline = Self.string(article["alternativeHeadline"])
            datePublished = Self.string(article["datePublished"])
            section = Self.string(article["articleSection"])
            body = Self.string(article["articleBody"])
            bodyText = article["articleBody"] as? String
            hasImage = article["image"] != nil || article["thumbnailUrl"] != nil
            authors = Self.authors(article["author"])
            return
        }
        return nil
    }

    private static func findArticle(in value: Any, depth: Int) -> [String: Any]? {
        guard depth < 4 else { return nil }
        if let object = value as? [String: Any] {
            if isArticle(object["@type"]) { return object }
            if let graph = object["@graph"] { return findArticle(in: graph, depth: depth + 1) }
        } else if let array = value as? [Any] {
            for element in array {
                if let found = findArticle(in: element, depth: depth + 1) { return found }
            }
        }
        return nil
    }

    private static func isArticle(_ type: Any?) -> Bool {
        if let type = type as? String { return articleTypes.contains(type) }
        if let types = type as? [Any] { return types.contains { ($0 as? String).map(articleTypes.contains) ?? false } }
        return false
    }

    /// A trimmed string, or the first string of an array (`articleSection` may be either).
    static func string(_ value: Any?) -> String? {
        if let text = value as? String { return TextCleanup.trimmed(TextCleanup.collapse(text)) }
        if let array = value as? [Any] { return array.lazy.compactMap { string($0) }.first }
        return nil
    }

    private static func authors(_ value: Any?) -> [Author] {
        if let array = value as? [Any] {
            return array.flatMap { authors($0) }
        }
        if let object = value as? [String: Any], let name = string(object["name"]) {
            return [Author(name: name, role: string(object["jobTitle"]))]
        }
        if let name = string(value) {
            return BylineParser.parse(name)?.authors ?? []
        }
        return []
    }
}
