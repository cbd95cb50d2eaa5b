import GRDB

/// Creates and migrates the tables of the article index.
enum IndexSchema {
    /// bm25 column weights, in the order of the FTS columns: title first, then body, entities, keywords,
    /// and last the bigram recall column, weighed lowest so that an article matched by morphemes ranks
    /// before one matched by its bigrams only.
    static let columnWeights = "10.0, 4.0, 1.0, 3.0, 2.0, 0.2"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE article (
                        id INTEGER PRIMARY KEY,
                        articleId TEXT NOT NULL UNIQUE,
                        contentHash TEXT NOT NULL,
                        revision INTEGER NOT NULL,
                        publishedDate TEXT,
                        section TEXT,
                        category TEXT NOT NULL,
                        fingerprint INTEGER,
                        storyId TEXT NOT NULL,
                        duplicateOf TEXT,
                        document BLOB NOT NULL
                    );
                    CREATE INDEX article_publishedDate ON article(publishedDate);
                    CREATE INDEX article_section ON article(section, publishedDate);
                    CREATE INDEX article_category ON article(category, publishedDate);

                    -- Entity filter: canonical names folded to lowercase.
                    CREATE TABLE article_entity (
                        entity TEXT NOT NULL,
                        article INTEGER NOT NULL,
                        PRIMARY KEY (entity, article)
                    ) WITHOUT ROWID;
                    CREATE INDEX article_entity_article ON article_entity(article);

                    -- Near-duplicate lookup: each fingerprint under its four 16-bit bands.
                    CREATE TABLE fingerprint_band (
                        band INTEGER NOT NULL,
                        value INTEGER NOT NULL,
                        article INTEGER NOT NULL,
                        PRIMARY KEY (band, value, article)
                    ) WITHOUT ROWID;
                    CREATE INDEX fingerprint_band_article ON fingerprint_band(article);

                    -- Analyzed tokens only; the original text lives in article.document.
                    -- Contentless, so a replaced document is deleted by giving FTS5 its old tokens again.
                    -- grams: character bigrams of title, subtitle and body, the recall field.
                    CREATE VIRTUAL TABLE article_fts USING fts5(
                        title, subtitle, body, entities, keywords, grams,
                        content = '', tokenize = 'ascii'
                    );

                    -- The next offset to consume per (topic, partition), committed with the documents.
                    CREATE TABLE consumer_position (
                        topic TEXT NOT NULL,
                        partition INTEGER NOT NULL,
                        nextOffset INTEGER NOT NULL,
                        PRIMARY KEY (topic, partition)
                    ) WITHOUT ROWID;

                    -- article.indexed events committed with their change, deleted once Kafka acknowledged them.
                    CREATE TABLE outbox (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        event BLOB NOT NULL
                    );

                    CREATE TABLE index_metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                    """)
            try db.execute(
                sql: "INSERT INTO index_metadata(key, value) VALUES ('analyzerVersion', ?)",
                arguments: [String(TextAnalyzer.version)])
        }
        migrator.registerMigration("v2-story-filter") { db in
            // Search lists one story's articles (`story=`) without scanning every article.
            try db.execute(sql: "CREATE INDEX article_story ON article(storyId, publishedDate)")
        }
        return migrator
    }
}
