import Foundation
import Logging
import NewslineModels
import PostgresNIO

/// The article index in a PostgreSQL database shared by any number of index and search instances.
///
/// The contract is `ArticleIndex`'s: a batch's documents, its consumed positions and its
/// `article.indexed` events commit in one transaction, so instances of one consumer group, on any
/// hosts, apply every input exactly once, and a partition handed over in a rebalance resumes from the
/// position stored here. Positions are row-locked for the transaction, so a batch the previous owner
/// of a partition is still writing is never applied twice.
public final class PostgresIndex: IndexBackend {
    let client: PostgresClient
    let logger: Logger
    let analyzer = TextAnalyzer()
    private let connections: Task<Void, Never>
    public let postgres: PostgresLocation

    public var location: String { postgres.description }

    /// Connections one instance keeps open at most: one writer, the outbox relay and concurrent searches.
    static let maximumConnections = 8

    private init(_ location: PostgresLocation, logger: Logger) {
        var configuration = location.clientConfiguration
        configuration.options.maximumConnections = Self.maximumConnections
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.postgres = location
        connections = Task { await client.run() }
    }

    /// Connects, applies the missing schema migrations when `migrate` is true, and checks that the
    /// index was built with this analyzer.
    ///
    /// - Throws: `IndexError.analyzerMismatch` when the database was built by another analyzer version;
    ///   `IndexError.missingIndex` when `migrate` is false and the schema is absent.
    public static func open(_ location: PostgresLocation, migrate: Bool = true, logger: Logger) async throws
        -> PostgresIndex
    {
        let index = PostgresIndex(location, logger: logger)
        do {
            if migrate { _ = try await PostgresSchema.migrate(index.client, logger: logger) }
            try await index.checkAnalyzer()
        } catch {
            await index.close()
            throw error
        }
        return index
    }

    /// Applies the missing migrations to the database at `location`; returns the versions applied.
    public static func migrate(_ location: PostgresLocation, logger: Logger) async throws -> [Int] {
        let index = PostgresIndex(location, logger: logger)
        defer { index.connections.cancel() }
        return try await PostgresSchema.migrate(index.client, logger: logger)
    }

    private func checkAnalyzer() async throws {
        let exists = try await client.query("SELECT to_regclass('index_metadata') IS NOT NULL", logger: logger)
            .collect().first?.decode(Bool.self) ?? false
        guard exists else { throw IndexError.missingIndex(path: location) }
        let version = try await client.query(
            "SELECT value FROM index_metadata WHERE key = 'analyzerVersion'", logger: logger
        ).collect().first?.decode(String.self)
        guard version == String(TextAnalyzer.version) else {
            throw IndexError.analyzerMismatch(found: version ?? "none", expected: TextAnalyzer.version)
        }
    }

    public func close() async {
        connections.cancel()
        await connections.value
    }

    public func documentCount() async throws -> Int {
        try await client.query("SELECT count(*) FROM article", logger: logger).collect().first?.decode(Int.self) ?? 0
    }

    public func article(id: String) async throws -> IndexedArticle? {
        let rows = try await client.query("SELECT document FROM article WHERE article_id = \(id)", logger: logger)
        guard let document = try await rows.collect().first?.decode(Data.self) else { return nil }
        return try StoredDocument.decode(document)
    }

    public func storedPositions(topic: String) async throws -> [Int32: Int64] {
        let rows = try await client.query(
            "SELECT partition, next_offset FROM consumer_position WHERE topic = \(topic)", logger: logger)
        var result: [Int32: Int64] = [:]
        for try await (partition, next) in rows.decode((Int32, Int64).self) {
            result[partition] = next
        }
        return result
    }

    public func pendingOutbox(limit: Int) async throws -> [OutboxEntry] {
        try await Self.outboxEntries(
            client.query("SELECT id, event FROM outbox ORDER BY id LIMIT \(max(0, limit))", logger: logger))
    }

    /// Outbox rows of (id, event) as entries.
    private static func outboxEntries(_ rows: PostgresRowSequence) async throws -> [OutboxEntry] {
        let codec = EventCodec()
        var entries: [OutboxEntry] = []
        for try await (id, event) in rows.decode((Int64, Data).self) {
            let payload = Array(event)
            entries.append(OutboxEntry(id: id, event: try codec.decode(ArticleIndexed.self, from: payload), payload: payload))
        }
        return entries
    }

    public func markEmitted(_ ids: [Int64]) async throws {
        guard !ids.isEmpty else { return }
        try await client.query("DELETE FROM outbox WHERE id = ANY(\(ids))", logger: logger)
    }

    /// Any number of instances write one database.
    public var isShared: Bool { true }

    /// Claims the due entries with row locks that other relays skip (`FOR UPDATE SKIP LOCKED`), held
    /// until `send` returned and the acknowledged entries are deleted.
    ///
    /// Each pending entry is sent by one relay at a time; a relay that dies mid-send loses its
    /// connection, so its locks go and the next relay takes the entries over. An entry younger than
    /// `age` by the database's clock is left to the instance that wrote it and is delivering it.
    public func relayOutbox(
        pendingFor age: TimeInterval, limit: Int, send: @Sendable ([OutboxEntry]) async -> [Int64]
    ) async throws -> Int {
        try await client.withTransaction(logger: logger) { connection in
            let entries = try await Self.outboxEntries(
                connection.query(
                    """
                    SELECT id, event FROM outbox WHERE written_at <= now() - make_interval(secs => \(max(0, age)))
                    ORDER BY id LIMIT \(max(0, limit)) FOR UPDATE SKIP LOCKED
                    """, logger: logger))
            guard !entries.isEmpty else { return 0 }
            let sent = await send(entries)
            if !sent.isEmpty {
                try await connection.query("DELETE FROM outbox WHERE id = ANY(\(sent))", logger: logger)
            }
            return entries.count
        }
    }
}

extension PostgresIndex {
    /// Deletes every article, position and outbox entry, keeping the schema: for benchmarks and chaos
    /// runs that reuse one database.
    public func removeAll() async throws {
        try await client.query(
            "TRUNCATE article, article_entity, fingerprint_band, consumer_position, outbox RESTART IDENTITY",
            logger: logger)
    }
}
