import Logging
import PostgresNIO

/// The versioned schema of the PostgreSQL index, applied at start or by `newsline index migrate`.
///
/// Every migration runs in one transaction holding an advisory lock, so several index instances
/// started together apply each version once: the others wait for the lock, then find it applied.
/// Versions are append-only: a released one is never edited, a change is a new version.
enum PostgresSchema {
    struct Migration {
        var version: Int
        var name: String
        var statements: [String]
    }

    /// The advisory lock key migrations hold ("newsline" in ASCII).
    static let lockKey: Int64 = 0x6E65_7773_6C69_6E65

    /// `ts_rank_cd` weights of the labels {D, C, B, A}: title (A) first; subtitle, entities and keywords
    /// (B); body (C); and the bigram recall field (D) lowest, so that an article matched by morphemes
    /// ranks before one matched by its bigrams only, in the proportions of `IndexSchema.columnWeights`.
    static let rankWeights = "'{0.02, 0.1, 0.3, 1.0}'"

    static let migrations: [Migration] = [
        Migration(
            version: 1, name: "articles, positions and outbox",
            statements: [
                """
                CREATE TABLE article (
                    id bigserial PRIMARY KEY,
                    article_id text NOT NULL UNIQUE,
                    content_hash text NOT NULL,
                    revision integer NOT NULL,
                    published_date text,
                    section text,
                    category text NOT NULL,
                    fingerprint bigint,
                    story_id text NOT NULL,
                    duplicate_of text,
                    document bytea NOT NULL,
                    -- Analyzed tokens of every field, weighted by label (see rankWeights).
                    search tsvector NOT NULL,
                    -- The title alone and the bigram recall field alone, for per-field matches.
                    title_search tsvector NOT NULL,
                    grams_search tsvector NOT NULL
                )
                """,
                "CREATE INDEX article_published_date ON article (published_date)",
                "CREATE INDEX article_section ON article (section, published_date)",
                "CREATE INDEX article_category ON article (category, published_date)",
                "CREATE INDEX article_story ON article (story_id, published_date)",
                "CREATE INDEX article_search ON article USING gin (search)",
                "CREATE INDEX article_title_search ON article USING gin (title_search)",
                "CREATE INDEX article_grams_search ON article USING gin (grams_search)",
                // Entity filter and facet: canonical names folded to lowercase, with the name as written.
                """
                CREATE TABLE article_entity (
                    entity text NOT NULL,
                    article bigint NOT NULL REFERENCES article (id) ON DELETE CASCADE,
                    name text NOT NULL,
                    PRIMARY KEY (entity, article)
                )
                """,
                "CREATE INDEX article_entity_article ON article_entity (article)",
                // Near-duplicate lookup: each fingerprint under its bands.
                """
                CREATE TABLE fingerprint_band (
                    band smallint NOT NULL,
                    value bigint NOT NULL,
                    article bigint NOT NULL REFERENCES article (id) ON DELETE CASCADE,
                    PRIMARY KEY (band, value, article)
                )
                """,
                "CREATE INDEX fingerprint_band_article ON fingerprint_band (article)",
                // The next offset to consume per (topic, partition), committed with the documents.
                """
                CREATE TABLE consumer_position (
                    topic text NOT NULL,
                    partition integer NOT NULL,
                    next_offset bigint NOT NULL,
                    PRIMARY KEY (topic, partition)
                )
                """,
                // article.indexed events committed with their change, deleted once Kafka acknowledged them.
                "CREATE TABLE outbox (id bigserial PRIMARY KEY, event bytea NOT NULL)",
                "CREATE TABLE index_metadata (key text PRIMARY KEY, value text NOT NULL)",
                "INSERT INTO index_metadata (key, value) VALUES ('analyzerVersion', '\(TextAnalyzer.version)')",
                // One query word as a tsquery: its analyzed tokens as a phrase (parsed as words by
                // phraseto_tsquery, never as operators), the last one a prefix when asked. The `:*` is
                // added to PostgreSQL's own printed form of the phrase, whose quoting it controls.
                """
                CREATE FUNCTION newsline_phrase(words text, prefix boolean) RETURNS tsquery
                LANGUAGE sql IMMUTABLE STRICT AS $$
                    SELECT CASE WHEN prefix AND numnode(phrase) > 0 THEN (phrase::text || ':*')::tsquery ELSE phrase END
                    FROM phraseto_tsquery('simple', words) AS phrase
                $$
                """,
                // The weighted search field of one article from its analyzed columns (see rankWeights).
                """
                CREATE FUNCTION newsline_document_vector(
                    title text, subtitle text, entities text, keywords text, body text, grams text
                ) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT AS $$
                    SELECT setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', subtitle), 'B')
                        || setweight(to_tsvector('simple', entities), 'B') || setweight(to_tsvector('simple', keywords), 'B')
                        || setweight(to_tsvector('simple', body), 'C') || setweight(to_tsvector('simple', grams), 'D')
                $$
                """,
                // OR over the words of a query, for the one index lookup that finds every candidate.
                "CREATE AGGREGATE newsline_any (tsquery) (SFUNC = tsquery_or, STYPE = tsquery)",
            ]),
        Migration(
            version: 2, name: "outbox commit time",
            statements: [
                // When the entry committed, by the database's clock: its writer delivers it meanwhile,
                // and a relay takes it only once it is older than the relay's abandonment age.
                "ALTER TABLE outbox ADD COLUMN written_at timestamptz NOT NULL DEFAULT now()",
            ]),
    ]

    /// Applies the migrations this database lacks; returns the versions it applied.
    static func migrate(_ client: PostgresClient, logger: Logger) async throws -> [Int] {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migration (
                    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, logger: logger)
            var applied: Set<Int> = []
            for try await version in try await connection.query("SELECT version FROM schema_migration", logger: logger)
                .decode(Int.self)
            {
                applied.insert(version)
            }
            var done: [Int] = []
            for migration in migrations where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migration (version, name) VALUES (\(migration.version), \(migration.name))",
                    logger: logger)
                logger.info("index schema migrated", metadata: ["version": "\(migration.version)"])
                done.append(migration.version)
            }
            return done
        }
    }
}
