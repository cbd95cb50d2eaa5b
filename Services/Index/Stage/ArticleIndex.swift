import Foundation
import GRDB
import NewslineModels

/// The searchable store of indexed articles: one SQLite database file in WAL mode.
///
/// Writes are exactly-once with respect to Kafka: the consumed positions are committed in the same
/// transaction as the documents they produced and the `article.indexed` events announcing them.
public final class ArticleIndex: Sendable {
    let pool: DatabasePool
    let analyzer = TextAnalyzer()
    public let path: String

    /// Opens the index at `path`, creating and migrating it unless `create` is false.
    ///
    /// - Throws: `IndexError.missingIndex` when `create` is false and there is no file at `path`.
    public init(path: String, create: Bool = true) throws {
        if !create, !FileManager.default.fileExists(atPath: path) {
            throw IndexError.missingIndex(path: path)
        }
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // In WAL mode NORMAL survives a process crash; an OS crash may lose the last commits, which
            // loses their positions too, so Kafka redelivers them and nothing is skipped.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        self.path = path
        pool = try DatabasePool(path: path, configuration: configuration)
        try IndexSchema.migrator.migrate(pool)
        let version = try pool.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM index_metadata WHERE key = 'analyzerVersion'")
        }
        guard version == String(TextAnalyzer.version) else {
            throw IndexError.analyzerMismatch(found: version ?? "none", expected: TextAnalyzer.version)
        }
    }

    /// The number of articles in the index.
    public func documentCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article") ?? 0 }
    }

    /// The stored article, or nil when the index does not have it.
    public func article(id: String) throws -> IndexedArticle? {
        try pool.read { db in
            guard let document = try Data.fetchOne(db, sql: "SELECT document FROM article WHERE articleId = ?", arguments: [id])
            else { return nil }
            return try StoredDocument.decode(document)
        }
    }

    /// The next offset to consume for each partition of `topic` that the index has seen.
    public func storedPositions(topic: String) throws -> [Int32: Int64] {
        try pool.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT partition, nextOffset FROM consumer_position WHERE topic = ?", arguments: [topic])
            return Dictionary(uniqueKeysWithValues: rows.map { (Int32($0[0] as Int64), $0[1] as Int64) })
        }
    }

    /// Events committed but not yet acknowledged by Kafka, oldest first.
    public func pendingOutbox(limit: Int) throws -> [OutboxEntry] {
        let codec = EventCodec()
        return try pool.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, event FROM outbox ORDER BY id LIMIT ?", arguments: [max(0, limit)])
            return try rows.map { row in
                let payload = Array(row[1] as Data)
                return OutboxEntry(id: row[0], event: try codec.decode(ArticleIndexed.self, from: payload), payload: payload)
            }
        }
    }

    /// Forgets outbox entries once Kafka acknowledged them; unknown ids are ignored.
    public func markEmitted(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try pool.write { db in
            let statement = try db.cachedStatement(sql: "DELETE FROM outbox WHERE id = ?")
            for id in ids {
                try statement.execute(arguments: [id])
            }
        }
    }
}
