import Foundation
import GRDB

extension ArticleIndex {
    /// How many matching articles one search scores, best BM25 first.
    ///
    /// Ranking, story collapse, facets and pages are computed over these in memory, so a word found in
    /// most of a large archive costs this many rows rather than the archive. Past it, `total` and the
    /// facet counts cover the best-matching articles only and say so (`totalIsExact` is false), and
    /// pages end there.
    public static let maximumCandidates = 2_000

    /// Finds articles by text and filters, ranks them, folds each story into one hit and returns the
    /// page `query.offset` asks for with the facets of every match.
    ///
    /// The text is analyzed like the articles were and every word becomes a quoted FTS5 phrase, so
    /// nothing a user types is read as query syntax. An article must hold at least half of the words
    /// (`SearchRanking.minimumShouldMatch`); more words, title matches and words standing together rank
    /// it higher. A query without words lists the articles the filters allow, newest first.
    ///
    /// - Throws: `SearchQueryError` when a filter is invalid.
    public func search(_ query: SearchQuery) throws -> SearchResults {
        try query.validate()
        let terms = analyzer.queryTerms(query.text)
        let limit = query.clampedLimit
        let filters = SearchFilters(query)
        let ranking = SearchRanking(termCount: terms.count, order: query.order)

        return try pool.read { db in
            let candidates = try Self.candidates(db, terms: terms, filters: filters)
            let ranked = ranking.ordered(ranking.scored(candidates))
            let groups = query.story == nil ? StoryCollapse.groups(ranked) : StoryCollapse.ungrouped(ranked)
            let facets = try Self.facets(db, of: ranked)
            let page = groups.dropFirst(query.offset).prefix(limit)
            let hits = try page.compactMap { group in try Self.hit(db, group, terms: terms) }
            return SearchResults(
                hits: hits, hasMore: query.offset + page.count < groups.count, total: groups.count,
                totalIsExact: candidates.count < Self.maximumCandidates, offset: query.offset, limit: limit,
                facets: facets)
        }
    }

    /// How many tokens may stand between query words that still count as next to each other: one,
    /// the bigram a particle leaves between two Korean words (`일본의 총리` is 일본 본의 총리).
    static let closeDistance = 1

    /// The articles that match the filters and enough of the words, with their ranking signals.
    private static func candidates(_ db: Database, terms: [QueryTerm], filters: SearchFilters) throws
        -> [SearchCandidate]
    {
        guard !terms.isEmpty else {
            let sql = """
                SELECT id, storyId, publishedDate, section, category FROM article \(filters.whereClause(leading: "WHERE"))
                ORDER BY publishedDate DESC, id DESC LIMIT ?
                """
            return try Row.fetchAll(db, sql: sql, arguments: filters.arguments + [maximumCandidates]).map { row in
                SearchCandidate(
                    id: row[0], storyId: row[1], publishedDate: row[2], section: row[3], category: row[4],
                    relevance: 0, matchedTerms: 0, titleTerms: 0, isClose: false)
            }
        }
        let bm25 = "bm25(article_fts, \(IndexSchema.columnWeights))"
        let holds = "article.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)"
        var selectArguments: StatementArguments = []
        // One word: every match holds it; the subqueries would only repeat the main match.
        let matched: String
        if terms.count == 1 {
            matched = "1"
        } else {
            matched = Array(repeating: "(\(holds))", count: terms.count).joined(separator: " + ")
            selectArguments += StatementArguments(terms.map(\.matchOrRecallExpression))
        }
        let inTitle = Array(repeating: "(\(holds))", count: terms.count).joined(separator: " + ")
        selectArguments += StatementArguments(terms.map { "title : " + $0.matchExpression })
        let close: String
        if terms.count == 1 {
            close = "0"
        } else {
            close = holds
            selectArguments += ["NEAR(" + terms.map(\.matchExpression).joined(separator: " ") + ", \(closeDistance))"]
        }
        let sql = """
            SELECT * FROM (
                SELECT article.id, article.storyId, article.publishedDate, article.section, article.category,
                    -\(bm25) AS relevance, \(matched) AS matched, \(inTitle) AS inTitle, \(close) AS close
                FROM article_fts JOIN article ON article.id = article_fts.rowid
                WHERE article_fts MATCH ? \(filters.whereClause(leading: "AND"))
            ) WHERE matched >= ? ORDER BY relevance DESC, id DESC LIMIT ?
            """
        let minimum = SearchRanking.minimumShouldMatch(termCount: terms.count)
        let enough = SearchRanking.matchExpression(atLeast: minimum, of: terms.map(\.matchOrRecallExpression))
        let arguments = selectArguments + [enough] + filters.arguments + [minimum, maximumCandidates]
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            SearchCandidate(
                id: row[0], storyId: row[1], publishedDate: row[2], section: row[3], category: row[4],
                relevance: row[5], matchedTerms: row[6], titleTerms: row[7], isClose: row[8] as Int64 != 0)
        }
    }

    /// The shown form of one story's best article: its document, title and snippet with matches marked.
    private static func hit(_ db: Database, _ group: StoryCollapse.Group, terms: [QueryTerm]) throws -> SearchHit? {
        let document = try db.cachedStatement(sql: "SELECT document FROM article WHERE id = ?")
        guard let data = try Data.fetchOne(document, arguments: [group.representative.id]) else { return nil }
        return hit(try StoredDocument.decode(data), group, terms: terms)
    }

    /// One story's hit from its best article as stored, whichever backend stored it.
    static func hit(_ article: IndexedArticle, _ group: StoryCollapse.Group, terms: [QueryTerm]) -> SearchHit {
        let snippets = SnippetBuilder()
        return SearchHit(
            articleId: article.articleId,
            revision: article.revision,
            title: article.title,
            highlightedTitle: article.title.map { snippets.marked($0, terms: terms) },
            subtitle: article.subtitle,
            publishedDate: article.publishedDate,
            section: article.section,
            category: article.category,
            authors: article.authors,
            score: group.representative.score,
            snippet: snippets.snippet(ofFirstMatchIn: snippetSources(article), terms: terms),
            duplicateOf: article.duplicateOf,
            storyId: article.storyId,
            moreInStory: group.others)
    }

    /// The texts a snippet may be cut from, in order of preference: the body, then what stands beside or
    /// in for it, so a match in the subtitle or summary is shown marked rather than an unmarked lead.
    private static func snippetSources(_ article: IndexedArticle) -> [String] {
        var sources: [String] = []
        if !article.paragraphs.isEmpty {
            sources.append(article.paragraphs.joined(separator: " "))
        }
        sources += [article.subtitle, article.summary.first, article.title].compactMap { $0 }
        return sources
    }
}

/// The filter conditions of a query as SQL over the `article` table, with their arguments.
struct SearchFilters {
    var conditions: [String] = []
    var arguments: StatementArguments = []

    init(_ query: SearchQuery) {
        if let from = query.from {
            add("article.publishedDate >= ?", from)
        }
        if let to = query.to {
            add("article.publishedDate <= ?", to)
        }
        if let section = query.section {
            add("article.section = ?", section.precomposedStringWithCanonicalMapping)
        }
        if let category = query.category {
            add("article.category = ?", category.precomposedStringWithCanonicalMapping)
        }
        if let entity = query.entity {
            add("article.id IN (SELECT article FROM article_entity WHERE entity = ?)", ArticleIndex.entityKey(entity))
        }
        if let story = query.story {
            add("article.storyId = ?", story)
        }
    }

    private mutating func add(_ condition: String, _ value: String) {
        conditions.append(condition)
        arguments += [value]
    }

    /// The conditions joined by AND after `leading` (`WHERE` or `AND`), or nothing without filters.
    func whereClause(leading: String) -> String {
        conditions.isEmpty ? "" : leading + " " + conditions.joined(separator: " AND ")
    }
}
