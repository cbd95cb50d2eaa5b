import Foundation
import GRDB
import NewslineModels

extension ArticleIndex {
    /// Indexes a batch in one transaction and returns the `article.indexed` events it committed.
    ///
    /// An input before the stored position of its (topic, partition) was applied already and is
    /// skipped, so a redelivered batch changes nothing and produces no event. Every other input is
    /// upserted by articleId: the same contentHash leaves the document as it is but still yields an
    /// event with the stored revision, so the sender learns the article is indexed; new content
    /// replaces the document and increments the revision. Positions, documents and the events in the
    /// outbox commit together.
    public func apply(_ batch: [IndexInput]) throws -> [OutboxEntry] {
        guard !batch.isEmpty else { return [] }
        // Analysis is the costly part; doing it before taking the writer keeps the write lock short.
        let columns = BatchAnalysis.columns(for: batch, analyzer: analyzer)
        // Whole milliseconds, as events carry them, so an event re-read from the outbox equals this one.
        let indexedAt = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
        return try pool.write { db in
            var positions: [PositionKey: Int64] = [:]
            var entries: [OutboxEntry] = []
            for (input, columns) in zip(batch, columns) {
                let key = PositionKey(topic: input.topic, partition: input.partition)
                let next = try positions[key] ?? storedPosition(db, key)
                guard input.offset >= next else {
                    positions[key] = next
                    continue
                }
                // Store offset + 1, the next offset to consume, as Kafka's committed offsets do.
                positions[key] = input.offset + 1
                let article = try upsert(db, input.event, columns: columns, indexedAt: indexedAt)
                let event = article.indexedEvent
                let payload = IndexedArticle.payload(of: event)
                try db.cachedStatement(sql: "INSERT INTO outbox(event) VALUES (?)").execute(arguments: [Data(payload)])
                entries.append(OutboxEntry(id: db.lastInsertedRowID, event: event, payload: payload))
            }
            let store = try db.cachedStatement(
                sql: """
                    INSERT INTO consumer_position(topic, partition, nextOffset) VALUES (?, ?, ?)
                    ON CONFLICT(topic, partition) DO UPDATE SET nextOffset = excluded.nextOffset
                    """)
            for (key, next) in positions {
                try store.execute(arguments: [key.topic, key.partition, next])
            }
            return entries
        }
    }

    private func storedPosition(_ db: Database, _ key: PositionKey) throws -> Int64 {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT nextOffset FROM consumer_position WHERE topic = ? AND partition = ?"),
            arguments: [key.topic, key.partition]) ?? 0
    }

    /// Inserts or replaces one article and returns it as now stored.
    private func upsert(
        _ db: Database, _ event: ArticleEnriched, columns: IndexColumns, indexedAt: Date
    ) throws -> IndexedArticle {
        let existing = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, contentHash, revision, document FROM article WHERE articleId = ?"),
            arguments: [event.articleId])
        if let existing, existing["contentHash"] as String == event.article.contentHash {
            return try StoredDocument.decode(existing["document"])
        }
        let existingId: Int64? = existing?["id"]
        let fingerprint = Fingerprint(hex: event.fingerprint)
        let original = try fingerprint.flatMap { try nearDuplicate(db, of: $0, excluding: existingId) }
        let article = IndexedArticle(
            event: event,
            revision: (existing.map { $0["revision"] as Int } ?? 0) + 1,
            indexedAt: indexedAt,
            duplicateOf: original?.articleId,
            storyId: original?.storyId ?? event.articleId)
        let document = StoredDocument.encode(article)
        let arguments: StatementArguments = [
            article.articleId, article.contentHash, article.revision, article.publishedDate, article.section,
            article.category, fingerprint?.storedValue, article.storyId, article.duplicateOf, document,
        ]

        let id: Int64
        if let existing, let existingId {
            let old = try StoredDocument.decode(existing["document"])
            try deleteSearchRows(db, id: existingId, columns: IndexColumns(analyzer: analyzer, article: old))
            try db.cachedStatement(
                sql: """
                    UPDATE article SET articleId = ?, contentHash = ?, revision = ?, publishedDate = ?, section = ?,
                        category = ?, fingerprint = ?, storyId = ?, duplicateOf = ?, document = ?
                    WHERE id = ?
                    """
            ).execute(arguments: arguments + [existingId])
            id = existingId
        } else {
            try db.cachedStatement(
                sql: """
                    INSERT INTO article(articleId, contentHash, revision, publishedDate, section, category,
                        fingerprint, storyId, duplicateOf, document)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: arguments)
            id = db.lastInsertedRowID
        }
        try insertSearchRows(db, id: id, columns: columns, article: article, fingerprint: fingerprint)
        return article
    }

    private func insertSearchRows(
        _ db: Database, id: Int64, columns: IndexColumns, article: IndexedArticle, fingerprint: Fingerprint?
    ) throws {
        try db.cachedStatement(
            sql: "INSERT INTO article_fts(rowid, title, subtitle, body, entities, keywords, grams) VALUES (?, ?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [id, columns.title, columns.subtitle, columns.body, columns.entities, columns.keywords, columns.grams])
        let entity = try db.cachedStatement(sql: "INSERT OR IGNORE INTO article_entity(entity, article) VALUES (?, ?)")
        for name in Set(article.entities.map { Self.entityKey($0.canonical) }) {
            try entity.execute(arguments: [name, id])
        }
        if let fingerprint {
            let band = try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO fingerprint_band(band, value, article) VALUES (?, ?, ?)")
            for (number, value) in fingerprint.bands.enumerated() {
                try band.execute(arguments: [number, value, id])
            }
        }
    }

    private func deleteSearchRows(_ db: Database, id: Int64, columns: IndexColumns) throws {
        // A contentless FTS5 table forgets a row only when given the exact tokens it was indexed with.
        try db.cachedStatement(
            sql: """
                INSERT INTO article_fts(article_fts, rowid, title, subtitle, body, entities, keywords, grams)
                VALUES ('delete', ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [id, columns.title, columns.subtitle, columns.body, columns.entities, columns.keywords, columns.grams])
        try db.cachedStatement(sql: "DELETE FROM article_entity WHERE article = ?").execute(arguments: [id])
        try db.cachedStatement(sql: "DELETE FROM fingerprint_band WHERE article = ?").execute(arguments: [id])
    }

    /// How many articles sharing one band with a new article are compared with it, earliest first.
    ///
    /// Near-identical articles share most of the `Fingerprint.bandCount` bands, so the earliest of them is
    /// among the first candidates of those bands. Articles that share one band by chance or by construction are
    /// no duplicates, and without a cap every new article would be compared with all of them: the
    /// index would grow quadratically slower. Past the cap, a duplicate that shares only that crowded
    /// band (within `Fingerprint.maximumDistance` bits, the others differing) can be missed and the article starts its own story.
    static let nearDuplicateCandidatesPerBand = 1_000

    /// The earliest indexed article within `Fingerprint.maximumDistance` bits, found through the bands.
    private func nearDuplicate(
        _ db: Database, of fingerprint: Fingerprint, excluding id: Int64?
    ) throws -> (articleId: String, storyId: String)? {
        // The band table's key (band, value, article) hands out each band's articles in id order.
        let lookup = try db.cachedStatement(
            sql: """
                SELECT article.id, article.articleId, article.storyId, article.fingerprint
                FROM fingerprint_band JOIN article ON article.id = fingerprint_band.article
                WHERE fingerprint_band.band = ? AND fingerprint_band.value = ?
                ORDER BY fingerprint_band.article LIMIT ?
                """)
        var best: (id: Int64, articleId: String, storyId: String)?
        for (number, value) in fingerprint.bands.enumerated() {
            let rows = try Row.fetchCursor(lookup, arguments: [number, value, Self.nearDuplicateCandidatesPerBand])
            while let row = try rows.next() {
                let candidateId: Int64 = row[0]
                // Rows come earliest first: nothing later in this band can beat the best found so far.
                if let best, candidateId > best.id { break }
                guard candidateId != id, let stored = row[3] as Int64? else { continue }
                let candidate = Fingerprint(bits: UInt64(bitPattern: stored))
                guard candidate.distance(to: fingerprint) <= Fingerprint.maximumDistance else { continue }
                best = (candidateId, row[1], row[2])
                break
            }
        }
        return best.map { ($0.articleId, $0.storyId) }
    }

    /// Entity names compare without regard to case or Unicode composition.
    static func entityKey(_ name: String) -> String {
        NFC.normalize(name).lowercased()
    }
}

/// A Kafka (topic, partition) whose position the index stores.
struct PositionKey: Hashable {
    var topic: String
    var partition: Int32
}
