import Foundation
import NewslineModels
import PostgresNIO

extension PostgresIndex {
    /// Indexes a batch in one transaction and returns the `article.indexed` events it committed, as
    /// `ArticleIndex.apply` does.
    ///
    /// The positions of the batch's partitions are locked first, in one order, so two instances that
    /// briefly both hold a partition during a rebalance apply its inputs one after the other: the
    /// second reads the position the first stored and skips what it applied. The documents are then
    /// written, each its own story for now, and the stories assigned last under story locks
    /// (`assignStories`), so instances write documents concurrently and wait for each other only
    /// around the near-duplicate lookups. Locks are taken positions, then article rows, then stories:
    /// a transaction holding story locks waits for nothing but the commit, so none waits in a cycle.
    public func apply(_ batch: [IndexInput]) async throws -> [OutboxEntry] {
        guard !batch.isEmpty else { return [] }
        let columns = BatchAnalysis.columns(for: batch, analyzer: analyzer)
        let indexedAt = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
        let keys = Set(batch.map { PositionKey(topic: $0.topic, partition: $0.partition) })
            .sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
        return try await client.withTransaction(logger: logger) { connection in
            var positions: [PositionKey: Int64] = [:]
            for key in keys {
                try await connection.query(
                    """
                    INSERT INTO consumer_position (topic, partition, next_offset) VALUES (\(key.topic), \(key.partition), 0)
                    ON CONFLICT (topic, partition) DO NOTHING
                    """, logger: logger)
                let rows = try await connection.query(
                    """
                    SELECT next_offset FROM consumer_position WHERE topic = \(key.topic) AND partition = \(key.partition)
                    FOR UPDATE
                    """, logger: logger)
                positions[key] = try await rows.collect().first?.decode(Int64.self) ?? 0
            }
            var applied: [(input: IndexInput, columns: IndexColumns)] = []
            for (input, columns) in zip(batch, columns) {
                let key = PositionKey(topic: input.topic, partition: input.partition)
                guard input.offset >= positions[key] ?? 0 else { continue }
                positions[key] = input.offset + 1
                applied.append((input, columns))
            }
            var written: [Upserted] = []
            for (input, columns) in applied {
                written.append(try await upsert(connection, input.event, columns: columns, indexedAt: indexedAt))
            }
            try await assignStories(connection, &written)
            var entries: [OutboxEntry] = []
            for upserted in written {
                let event = upserted.article.indexedEvent
                let payload = IndexedArticle.payload(of: event)
                let rows = try await connection.query(
                    "INSERT INTO outbox (event) VALUES (\(Data(payload))) RETURNING id", logger: logger)
                let id = try await rows.collect().first?.decode(Int64.self) ?? 0
                entries.append(OutboxEntry(id: id, event: event, payload: payload))
            }
            for key in keys {
                try await connection.query(
                    """
                    UPDATE consumer_position SET next_offset = \(positions[key] ?? 0)
                    WHERE topic = \(key.topic) AND partition = \(key.partition)
                    """, logger: logger)
            }
            return entries
        }
    }

    /// One article of a batch as written: its row, and its fingerprint when its story is yet to assign.
    private struct Upserted {
        var article: IndexedArticle
        var row: Int64
        var fingerprint: Fingerprint?
    }

    /// Inserts or replaces one article with its search fields, as a story of its own until
    /// `assignStories`, and returns it as now stored.
    private func upsert(
        _ connection: PostgresConnection, _ event: ArticleEnriched, columns: IndexColumns, indexedAt: Date
    ) async throws -> Upserted {
        let existingRows = try await connection.query(
            "SELECT id, content_hash, revision, document FROM article WHERE article_id = \(event.articleId) FOR UPDATE",
            logger: logger)
        let existing = try await existingRows.collect().first?.decode((Int64, String, Int, Data).self)
        if let existing, existing.1 == event.article.contentHash {
            return Upserted(article: try StoredDocument.decode(existing.3), row: existing.0, fingerprint: nil)
        }
        let fingerprint = Fingerprint(hex: event.fingerprint)
        let article = IndexedArticle(
            event: event, revision: (existing?.2 ?? 0) + 1, indexedAt: indexedAt, duplicateOf: nil,
            storyId: event.articleId)
        let document = StoredDocument.encode(article)
        let id: Int64
        if let existingId = existing?.0 {
            try await connection.query(
                """
                UPDATE article SET content_hash = \(article.contentHash), revision = \(article.revision),
                    published_date = \(article.publishedDate), section = \(article.section), category = \(article.category),
                    fingerprint = \(fingerprint?.storedValue), story_id = \(article.storyId),
                    duplicate_of = \(article.duplicateOf), document = \(document),
                    search = newsline_document_vector(
                        \(columns.title), \(columns.subtitle), \(columns.entities), \(columns.keywords),
                        \(columns.body), \(columns.grams)),
                    title_search = to_tsvector('simple', \(columns.title)),
                    grams_search = to_tsvector('simple', \(columns.grams))
                WHERE id = \(existingId)
                """, logger: logger)
            try await connection.query("DELETE FROM article_entity WHERE article = \(existingId)", logger: logger)
            try await connection.query("DELETE FROM fingerprint_band WHERE article = \(existingId)", logger: logger)
            id = existingId
        } else {
            let rows = try await connection.query(
                """
                INSERT INTO article (article_id, content_hash, revision, published_date, section, category, fingerprint,
                    story_id, duplicate_of, document, search, title_search, grams_search)
                VALUES (\(article.articleId), \(article.contentHash), \(article.revision), \(article.publishedDate),
                    \(article.section), \(article.category), \(fingerprint?.storedValue), \(article.storyId),
                    \(article.duplicateOf), \(document),
                    newsline_document_vector(
                        \(columns.title), \(columns.subtitle), \(columns.entities), \(columns.keywords),
                        \(columns.body), \(columns.grams)),
                    to_tsvector('simple', \(columns.title)), to_tsvector('simple', \(columns.grams)))
                RETURNING id
                """, logger: logger)
            id = try await rows.collect().first?.decode(Int64.self) ?? 0
        }
        var names: [String: String] = [:]
        var keys: [String] = []
        for entity in article.entities {
            let key = ArticleIndex.entityKey(entity.canonical)
            if names[key] == nil {
                names[key] = entity.canonical
                keys.append(key)
            }
        }
        if !keys.isEmpty {
            try await connection.query(
                """
                INSERT INTO article_entity (entity, article, name)
                SELECT entity, \(id), name FROM unnest(\(keys)::text[], \(keys.map { names[$0]! })::text[]) AS u(entity, name)
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
        if let fingerprint {
            try await connection.query(
                """
                INSERT INTO fingerprint_band (band, value, article)
                SELECT band - 1, value, \(id) FROM unnest(\(fingerprint.bands)::bigint[]) WITH ORDINALITY AS u(value, band)
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
        return Upserted(article: article, row: id, fingerprint: fingerprint)
    }

    /// Joins each written article with a fingerprint to the story of its earliest near-duplicate,
    /// under the story locks of their bands (`lockStories`), and rewrites the rows whose story changed.
    ///
    /// Articles later in the batch are no candidates for earlier ones (they found those themselves);
    /// a row written twice in the batch is rewritten for its last version only.
    private func assignStories(_ connection: PostgresConnection, _ written: inout [Upserted]) async throws {
        try await lockStories(connection, of: written.compactMap(\.fingerprint))
        // How often each row is still to come in the batch, after the article at hand.
        var later: [Int64: Int] = [:]
        for upserted in written { later[upserted.row, default: 0] += 1 }
        for index in written.indices {
            let upserted = written[index]
            later[upserted.row] = later[upserted.row].flatMap { $0 > 1 ? $0 - 1 : nil }
            guard let fingerprint = upserted.fingerprint else { continue }
            let original = try await nearDuplicate(connection, of: fingerprint) { [later] candidate in
                candidate == upserted.row || later[candidate] != nil
            }
            var article = upserted.article
            article.duplicateOf = original?.articleId
            article.storyId = original?.storyId ?? article.articleId
            guard article != upserted.article else { continue }
            written[index].article = article
            guard later[upserted.row] == nil else { continue }
            try await connection.query(
                """
                UPDATE article SET story_id = \(article.storyId), duplicate_of = \(article.duplicateOf),
                    document = \(StoredDocument.encode(article))
                WHERE id = \(upserted.row)
                """, logger: logger)
        }
    }

    /// Locks the story of every band of the fingerprints until the transaction ends, so that
    /// near-duplicates written at once by several instances get one story.
    ///
    /// Two fingerprints within `Fingerprint.maximumDistance` bits share a band value, hence a lock:
    /// the later transaction waits here until the earlier one committed, and its near-duplicate lookup
    /// (a new statement under READ COMMITTED) then sees the earlier article. Keys are taken ascending
    /// in one statement (the array's order, which `unnest` keeps) so two batches never deadlock.
    private func lockStories(_ connection: PostgresConnection, of fingerprints: [Fingerprint]) async throws {
        let keys = Set(fingerprints.flatMap(Self.storyLockKeys)).sorted()
        guard !keys.isEmpty else { return }
        try await connection.query(
            "SELECT count(pg_advisory_xact_lock(key)) FROM unnest(\(keys)::bigint[]) AS key", logger: logger)
    }

    /// Story locks per band: a band's value is folded onto this many locks.
    ///
    /// Bounds the advisory locks one transaction holds to `Fingerprint.bandCount` × this (384).
    /// PostgreSQL's shared lock table holds `max_locks_per_transaction` (64) × `max_connections`
    /// (100) locks by default; a batch of 500 articles over the 2,048 values of an 11-bit band would
    /// take ~2,600 and a few instances would exhaust it ("out of shared memory"). Folding never misses
    /// a near-duplicate (equal band values fold onto one lock); it only makes unrelated articles
    /// sharing a folded value wait for each other.
    static let storyLocksPerBand: Int64 = 64

    /// Advisory lock keys of the stories a fingerprint may join: "nlst" in ASCII in the high 32 bits
    /// (apart from `PostgresSchema.lockKey`), then the band number and its folded value.
    static func storyLockKeys(_ fingerprint: Fingerprint) -> [Int64] {
        fingerprint.bands.enumerated().map { number, value in
            0x6E6C_7374 << 32 | Int64(number) << 16 | value % storyLocksPerBand
        }
    }

    /// The earliest indexed article within `Fingerprint.maximumDistance` bits, found through the bands,
    /// with the same candidate cap per band as the SQLite index (`nearDuplicateCandidatesPerBand`).
    private func nearDuplicate(
        _ connection: PostgresConnection, of fingerprint: Fingerprint, excluding isExcluded: (Int64) -> Bool
    ) async throws -> (articleId: String, storyId: String)? {
        var best: (id: Int64, articleId: String, storyId: String)?
        for (number, value) in fingerprint.bands.enumerated() {
            let rows = try await connection.query(
                """
                SELECT article.id, article.article_id, article.story_id, article.fingerprint
                FROM fingerprint_band JOIN article ON article.id = fingerprint_band.article
                WHERE fingerprint_band.band = \(number) AND fingerprint_band.value = \(value)
                ORDER BY fingerprint_band.article LIMIT \(ArticleIndex.nearDuplicateCandidatesPerBand)
                """, logger: logger)
            for row in try await rows.collect() {
                let (candidateId, articleId, storyId, stored) = try row.decode((Int64, String, String, Int64?).self)
                if let best, candidateId > best.id { break }
                guard !isExcluded(candidateId), let stored else { continue }
                let candidate = Fingerprint(bits: UInt64(bitPattern: stored))
                guard candidate.distance(to: fingerprint) <= Fingerprint.maximumDistance else { continue }
                best = (candidateId, articleId, storyId)
                break
            }
        }
        return best.map { ($0.articleId, $0.storyId) }
    }
}
