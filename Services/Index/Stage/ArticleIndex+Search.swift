import Foundation
import GRDB

extension ArticleIndex {
    /// Finds articles by text and filters, best BM25 match first.
    ///
    /// The text is analyzed like the articles were and every word becomes a quoted FTS5 phrase, so
    /// nothing a user types is read as query syntax. A query without words lists the articles the
    /// filters allow, newest first.
    ///
    /// - Throws: `SearchQueryError` when a filter is invalid.
    public func search(_ query: SearchQuery) throws -> SearchResults {
        try query.validate()
        let terms = analyzer.queryTerms(query.text)
        let limit = query.clampedLimit

        var conditions: [String] = []
        var arguments: StatementArguments = []
        if !terms.isEmpty {
            conditions.append("article_fts MATCH ?")
            arguments += [terms.map(\.matchExpression).joined(separator: " AND ")]
        }
        if let from = query.from {
            conditions.append("article.publishedDate >= ?")
            arguments += [from]
        }
        if let to = query.to {
            conditions.append("article.publishedDate <= ?")
            arguments += [to]
        }
        if let section = query.section {
            conditions.append("article.section = ?")
            arguments += [section.precomposedStringWithCanonicalMapping]
        }
        if let category = query.category {
            conditions.append("article.category = ?")
            arguments += [category.precomposedStringWithCanonicalMapping]
        }
        if let entity = query.entity {
            conditions.append("article.id IN (SELECT article FROM article_entity WHERE entity = ?)")
            arguments += [Self.entityKey(entity)]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        // One more than asked tells whether more hits exist without counting them all.
        arguments += [limit + 1]
        let bm25 = "bm25(article_fts, \(IndexSchema.columnWeights))"
        let sql: String
        if terms.isEmpty {
            sql = "SELECT article.id, 0.0 FROM article \(whereClause) ORDER BY publishedDate DESC, id DESC LIMIT ?"
        } else if terms.count == 1 {
            sql = """
                SELECT article.id, -\(bm25) FROM article_fts JOIN article ON article.id = article_fts.rowid
                \(whereClause) ORDER BY \(bm25) LIMIT ?
                """
        } else {
            // Articles where the words stand next to each other, as in the query, rank first.
            sql = """
                SELECT article.id, -\(bm25),
                    article.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?) AS close
                FROM article_fts JOIN article ON article.id = article_fts.rowid
                \(whereClause) ORDER BY close DESC, \(bm25) LIMIT ?
                """
            let near = "NEAR(" + terms.map(\.matchExpression).joined(separator: " ") + ", \(Self.closeDistance))"
            arguments = [near] + arguments
        }

        let snippets = SnippetBuilder()
        return try pool.read { db in
            let ranked = try Row.fetchAll(db, sql: sql, arguments: arguments).map { ($0[0] as Int64, $0[1] as Double) }
            // Documents are read for the returned hits only, not for every match the ranking saw.
            let document = try db.cachedStatement(sql: "SELECT document FROM article WHERE id = ?")
            var hits: [SearchHit] = []
            for (id, score) in ranked.prefix(limit) {
                guard let data = try Data.fetchOne(document, arguments: [id]) else { continue }
                let article = try StoredDocument.decode(data)
                hits.append(
                    SearchHit(
                        articleId: article.articleId,
                        revision: article.revision,
                        title: article.title,
                        subtitle: article.subtitle,
                        publishedDate: article.publishedDate,
                        section: article.section,
                        category: article.category,
                        authors: article.authors,
                        score: score,
                        snippet: snippets.snippet(of: Self.snippetSource(article), terms: terms),
                        duplicateOf: article.duplicateOf,
                        storyId: article.storyId))
            }
            return SearchResults(hits: hits, hasMore: ranked.count > limit)
        }
    }

    /// How many tokens may stand between query words that still count as next to each other: one,
    /// the bigram a particle leaves between two Korean words (`일본의 총리` is 일본 본의 총리).
    static let closeDistance = 1

    /// The text a snippet is cut from: the body, or what stands in for it in a body-less article.
    private static func snippetSource(_ article: IndexedArticle) -> String {
        if !article.paragraphs.isEmpty {
            return article.paragraphs.joined(separator: " ")
        }
        return article.summary.first ?? article.subtitle ?? article.title ?? ""
    }
}
