import Foundation
import GRDB

extension ArticleIndex {
    /// Values listed per facet; the rest are left off, most-counted kept.
    static let maximumFacetValues = 20
    /// Entities listed in the entity facet: the ones named in the most matching stories.
    static let maximumEntityFacetValues = 10

    /// Counts of the matching stories per section, category, publication month and entity.
    ///
    /// Stories, not articles, are counted, so a facet's count is the number of hits clicking it shows.
    static func facets(_ db: Database, of candidates: [SearchCandidate]) throws -> SearchFacets {
        var sections: [String: Set<String>] = [:]
        var categories: [String: Set<String>] = [:]
        var months: [String: Set<String>] = [:]
        var storyOfArticle: [Int64: String] = [:]
        for candidate in candidates {
            storyOfArticle[candidate.id] = candidate.storyId
            if let section = candidate.section, !section.isEmpty {
                sections[section, default: []].insert(candidate.storyId)
            }
            categories[candidate.category, default: []].insert(candidate.storyId)
            if let date = candidate.publishedDate, CalendarDay(date) != nil {
                months[String(date.prefix(7)), default: []].insert(candidate.storyId)
            }
        }
        return SearchFacets(
            sections: mostCounted(sections, limit: maximumFacetValues),
            categories: mostCounted(categories, limit: maximumFacetValues),
            entities: try entityFacet(db, storyOfArticle: storyOfArticle),
            months: mostCounted(months, limit: maximumFacetValues).sorted { $0.value > $1.value })
    }

    private static func mostCounted(_ stories: [String: Set<String>], limit: Int) -> [FacetCount] {
        stories.map { FacetCount(value: $0.key, count: $0.value.count) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
            .prefix(limit).map { $0 }
    }

    /// The entities of the most matching stories, under the canonical name an article spells them with.
    private static func entityFacet(_ db: Database, storyOfArticle: [Int64: String]) throws -> [FacetCount] {
        guard !storyOfArticle.isEmpty else { return [] }
        let ids = "[" + storyOfArticle.keys.map(String.init).joined(separator: ",") + "]"
        let rows = try Row.fetchCursor(
            db, sql: "SELECT entity, article FROM article_entity WHERE article IN (SELECT value FROM json_each(?))",
            arguments: [ids])
        var stories: [String: Set<String>] = [:]
        var example: [String: Int64] = [:]
        while let row = try rows.next() {
            let key: String = row[0]
            let article: Int64 = row[1]
            guard let story = storyOfArticle[article] else { continue }
            stories[key, default: []].insert(story)
            example[key] = min(example[key] ?? article, article)
        }
        // The entity table keeps folded keys; the name shown is read from one article naming it.
        let document = try db.cachedStatement(sql: "SELECT document FROM article WHERE id = ?")
        return try mostCounted(stories, limit: maximumEntityFacetValues).map { facet in
            guard let id = example[facet.value], let data = try Data.fetchOne(document, arguments: [id]) else {
                return facet
            }
            let article = try StoredDocument.decode(data)
            let name = article.entities.first { entityKey($0.canonical) == facet.value }?.canonical
            return FacetCount(value: name ?? facet.value, count: facet.count)
        }
    }
}
