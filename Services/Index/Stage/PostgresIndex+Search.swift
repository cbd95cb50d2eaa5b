import Foundation
import PostgresNIO

extension PostgresIndex {
    /// Finds, ranks and pages articles as `ArticleIndex.search` does, over the database's `tsvector`s.
    ///
    /// The query's words are analyzed like the articles were and sent as parameters only: each word
    /// becomes a phrase through `newsline_phrase` (phraseto_tsquery reads its text as words, never as
    /// operators), so nothing a user types is read as SQL or tsquery syntax. `ts_rank_cd` over the
    /// weighted field stands in for BM25; matched words, title words and proximity are counted per
    /// article and scored by the same `SearchRanking`, collapsed by the same `StoryCollapse`.
    public func search(_ query: SearchQuery) async throws -> SearchResults {
        try query.validate()
        let terms = analyzer.queryTerms(query.text)
        let limit = query.clampedLimit
        let ranking = SearchRanking(termCount: terms.count, order: query.order)
        let candidates = try await candidates(terms: terms, query: query)
        let ranked = ranking.ordered(ranking.scored(candidates))
        let groups = query.story == nil ? StoryCollapse.groups(ranked) : StoryCollapse.ungrouped(ranked)
        let facets = ArticleIndex.facets(of: ranked, entities: try await entityFacet(articles: ranked.map(\.id)))
        let page = Array(groups.dropFirst(query.offset).prefix(limit))
        let documents = try await documents(ids: page.map(\.representative.id))
        let hits = try page.compactMap { group -> SearchHit? in
            guard let data = documents[group.representative.id] else { return nil }
            return ArticleIndex.hit(try StoredDocument.decode(data), group, terms: terms)
        }
        return SearchResults(
            hits: hits, hasMore: query.offset + page.count < groups.count, total: groups.count,
            totalIsExact: candidates.count < ArticleIndex.maximumCandidates, offset: query.offset, limit: limit,
            facets: facets)
    }

    /// The articles that match the filters and enough of the words, with their ranking signals.
    private func candidates(terms: [QueryTerm], query: SearchQuery) async throws -> [SearchCandidate] {
        var sql = PostgresStatement()
        let filters = sql.filters(query)
        guard !terms.isEmpty else {
            let text = """
                SELECT id, story_id, published_date, section, category FROM article
                \(filters.isEmpty ? "" : "WHERE " + filters)
                ORDER BY published_date DESC NULLS LAST, id DESC LIMIT \(try sql.bind(ArticleIndex.maximumCandidates))
                """
            var result: [SearchCandidate] = []
            for row in try await client.query(sql.query(text), logger: logger).collect() {
                let (id, storyId, date, section, category) = try row.decode((Int64, String, String?, String?, String).self)
                result.append(
                    SearchCandidate(
                        id: id, storyId: storyId, publishedDate: date, section: section, category: category,
                        relevance: 0, matchedTerms: 0, titleTerms: 0, isClose: false))
            }
            return result
        }
        let words = try sql.bind(terms.map { $0.tokens.joined(separator: " ") })
        let grams = try sql.bind(terms.map { ($0.grams.isEmpty ? $0.tokens : $0.grams).joined(separator: " ") })
        let prefixes = try sql.bind(terms.map(\.matchesPrefix))
        let minimum = try sql.bind(SearchRanking.minimumShouldMatch(termCount: terms.count))
        let cap = try sql.bind(ArticleIndex.maximumCandidates)
        // Words next to each other as typed, at most `ArticleIndex.closeDistance` tokens apart.
        let gap = ArticleIndex.closeDistance + 1
        let close =
            terms.count == 1
            ? "false"
            : """
            (SELECT bool_and(article.search @@ (tsquery_phrase(a.q, b.q, 1) || tsquery_phrase(a.q, b.q, \(gap))))
             FROM term a JOIN term b ON b.n = a.n + 1)
            """
        let text = """
            WITH term AS (
                SELECT n, newsline_phrase(words, prefix) AS q, newsline_phrase(grams, prefix) AS r
                FROM unnest(\(words)::text[], \(grams)::text[], \(prefixes)::boolean[]) WITH ORDINALITY AS u(words, grams, prefix, n)
            ), anyterm AS (
                SELECT newsline_any(q || r) AS q FROM term
            )
            SELECT * FROM (
                SELECT article.id, article.story_id, article.published_date, article.section, article.category,
                    ts_rank_cd(\(PostgresSchema.rankWeights), article.search, anyterm.q)::float8 AS relevance,
                    (SELECT count(*) FROM term WHERE article.search @@ term.q OR article.grams_search @@ term.r)::int
                        AS matched,
                    (SELECT count(*) FROM term WHERE article.title_search @@ term.q)::int AS in_title,
                    \(close) AS close
                FROM article, anyterm
                WHERE article.search @@ anyterm.q \(filters.isEmpty ? "" : "AND " + filters)
            ) AS matching
            WHERE matched >= \(minimum) ORDER BY relevance DESC, id DESC LIMIT \(cap)
            """
        var result: [SearchCandidate] = []
        for row in try await client.query(sql.query(text), logger: logger).collect() {
            let (id, storyId, date, section, category, relevance, matched, inTitle, isClose) = try row.decode(
                (Int64, String, String?, String?, String, Double, Int, Int, Bool?).self)
            result.append(
                SearchCandidate(
                    id: id, storyId: storyId, publishedDate: date, section: section, category: category,
                    relevance: relevance, matchedTerms: matched, titleTerms: inTitle, isClose: isClose ?? false))
        }
        return result
    }

    /// The entities of the most matching stories under the name the earliest article spells them with,
    /// grouped and counted by the database like the SQLite index does.
    private func entityFacet(articles: [Int64]) async throws -> [FacetCount] {
        guard !articles.isEmpty else { return [] }
        let rows = try await client.query(
            """
            SELECT article_entity.entity, count(DISTINCT article.story_id)::int AS stories,
                (array_agg(article_entity.name ORDER BY article_entity.article))[1]
            FROM article_entity JOIN article ON article.id = article_entity.article
            WHERE article_entity.article = ANY(\(articles))
            GROUP BY article_entity.entity ORDER BY stories DESC, article_entity.entity COLLATE "C"
            LIMIT \(ArticleIndex.maximumEntityFacetValues)
            """, logger: logger)
        return try await rows.collect().map { row in
            let (_, count, name) = try row.decode((String, Int, String).self)
            return FacetCount(value: name, count: count)
        }
    }

    private func documents(ids: [Int64]) async throws -> [Int64: Data] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await client.query("SELECT id, document FROM article WHERE id = ANY(\(ids))", logger: logger)
        var result: [Int64: Data] = [:]
        for try await (id, document) in rows.decode((Int64, Data).self) {
            result[id] = document
        }
        return result
    }
}

/// SQL text whose values are numbered parameters: conditions are chosen by which filters a query
/// has, and every value goes into `binds`, never into the text.
struct PostgresStatement {
    private var binds = PostgresBindings()

    /// Adds a parameter and returns its placeholder (`$3`).
    mutating func bind<Value: PostgresThrowingDynamicTypeEncodable>(_ value: Value) throws -> String {
        try binds.append(value)
        return "$\(binds.count)"
    }

    func query(_ text: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: text, binds: binds)
    }

    /// The query's filter conditions over `article`, joined by AND; empty without filters.
    mutating func filters(_ query: SearchQuery) -> String {
        var conditions: [String] = []
        func add(_ condition: (String) -> String, _ value: String) {
            binds.append(value)
            conditions.append(condition("$\(binds.count)"))
        }
        if let from = query.from { add({ "article.published_date >= \($0)" }, from) }
        if let to = query.to { add({ "article.published_date <= \($0)" }, to) }
        if let section = query.section {
            add({ "article.section = \($0)" }, section.precomposedStringWithCanonicalMapping)
        }
        if let category = query.category {
            add({ "article.category = \($0)" }, category.precomposedStringWithCanonicalMapping)
        }
        if let entity = query.entity {
            add({ "article.id IN (SELECT article FROM article_entity WHERE entity = \($0))" }, ArticleIndex.entityKey(entity))
        }
        if let story = query.story { add({ "article.story_id = \($0)" }, story) }
        return conditions.joined(separator: " AND ")
    }
}
