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
        facets(of: candidates, entities: try entityFacet(db, articles: candidates.map(\.id)))
    }

    /// The section, category and month facets counted here, beside the entity facet the database counted.
    static func facets(of candidates: [SearchCandidate], entities: [FacetCount]) -> SearchFacets {
        // Stories as small integers: thousands of candidates go into these sets on every search.
        var storyNumbers: [String: Int32] = [:]
        var sections: [String: Set<Int32>] = [:]
        var categories: [String: Set<Int32>] = [:]
        var months: [String: Set<Int32>] = [:]
        for candidate in candidates {
            let story = storyNumbers[candidate.storyId] ?? {
                let number = Int32(storyNumbers.count)
                storyNumbers[candidate.storyId] = number
                return number
            }()
            if let section = candidate.section, !section.isEmpty {
                sections[section, default: []].insert(story)
            }
            categories[candidate.category, default: []].insert(story)
            if let date = candidate.publishedDate, date.utf8.count == 10 {
                months[String(date.prefix(7)), default: []].insert(story)
            }
        }
        return SearchFacets(
            sections: mostCounted(sections, limit: maximumFacetValues),
            categories: mostCounted(categories, limit: maximumFacetValues),
            entities: entities,
            months: mostCounted(months, limit: maximumFacetValues).sorted { $0.value > $1.value })
    }

    private static func mostCounted(_ stories: [String: Set<Int32>], limit: Int) -> [FacetCount] {
        stories.map { FacetCount(value: $0.key, count: $0.value.count) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
            .prefix(limit).map { $0 }
    }

    /// The entities of the most matching stories, under the canonical name an article spells them with.
    ///
    /// SQLite groups and counts: the candidates name ten or more entities each, too many rows to bring
    /// into Swift on every search.
    private static func entityFacet(_ db: Database, articles: [Int64]) throws -> [FacetCount] {
        guard !articles.isEmpty else { return [] }
        let ids = "[" + articles.map(String.init).joined(separator: ",") + "]"
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT article_entity.entity, COUNT(DISTINCT article.storyId) AS stories, MIN(article_entity.article)
                FROM json_each(?) AS candidate
                JOIN article_entity ON article_entity.article = candidate.value
                JOIN article ON article.id = candidate.value
                GROUP BY article_entity.entity ORDER BY stories DESC, article_entity.entity LIMIT ?
                """,
            arguments: [ids, maximumEntityFacetValues])
        // The entity table keeps folded keys; the name shown is read from one article naming it, from
        // the entities of its stored JSON only rather than by decoding the whole document.
        let names = try db.cachedStatement(
            sql: """
                SELECT json_extract(entity.value, '$.canonical')
                FROM article, json_each(CAST(article.document AS TEXT), '$.entities') AS entity
                WHERE article.id = ?
                """)
        return try rows.map { row in
            let key: String = row[0]
            let count: Int = row[1]
            let name = try String.fetchAll(names, arguments: [row[2] as Int64]).first { entityKey($0) == key }
            return FacetCount(value: name ?? key, count: count)
        }
    }
}
