import Foundation

/// What the index service and the search API need of an article index, whichever database holds it.
///
/// Two backends keep one contract: `SQLiteIndexBackend`, the embedded default (one file, one writing
/// process), and `PostgresIndex`, one database shared by any number of index and search instances.
/// Both store the consumed (topic, partition, offset) and the `article.indexed` events in the
/// transaction that writes the documents, so a batch is applied exactly once whoever applies it.
public protocol IndexBackend: Sendable {
    /// Where the index lives, for logs (a file path or a URL without its password).
    var location: String { get }

    /// Indexes a batch in one transaction and returns the `article.indexed` events it committed
    /// (see `ArticleIndex.apply`).
    func apply(_ batch: [IndexInput]) async throws -> [OutboxEntry]

    /// Finds, ranks and pages articles (see `ArticleIndex.search`).
    func search(_ query: SearchQuery) async throws -> SearchResults

    /// The stored article, or nil when the index does not have it.
    func article(id: String) async throws -> IndexedArticle?

    /// The number of articles in the index.
    func documentCount() async throws -> Int

    /// The next offset to consume for each partition of `topic` that the index has seen.
    func storedPositions(topic: String) async throws -> [Int32: Int64]

    /// Events committed but not yet acknowledged by Kafka, oldest first.
    func pendingOutbox(limit: Int) async throws -> [OutboxEntry]

    /// Forgets outbox entries once Kafka acknowledged them; unknown ids are ignored.
    func markEmitted(_ ids: [Int64]) async throws

    /// Whether other instances may write this index at once, so that outbox entries this instance
    /// did not write may still be on their way to Kafka from their writer.
    var isShared: Bool { get }

    /// Hands up to `limit` outbox entries pending for longer than `age` seconds (all when 0) to `send`,
    /// oldest first, and forgets the ids `send` returns (those Kafka acknowledged); returns how many
    /// were handed over.
    ///
    /// A shared backend hands each entry to one relay at a time: entries another relay is sending are
    /// skipped, not sent twice.
    func relayOutbox(
        pendingFor age: TimeInterval, limit: Int, send: @Sendable ([OutboxEntry]) async -> [Int64]
    ) async throws -> Int

    /// Waits for the writes already queued, then releases the database.
    func close() async
}

extension IndexBackend {
    /// For a backend with one writer: the pending entries, filtered by their commit time, then marked.
    public func relayOutbox(
        pendingFor age: TimeInterval, limit: Int, send: @Sendable ([OutboxEntry]) async -> [Int64]
    ) async throws -> Int {
        let cutoff = Date().addingTimeInterval(-age)
        let due = try await pendingOutbox(limit: limit).filter { age <= 0 || $0.event.indexedAt < cutoff }
        guard !due.isEmpty else { return 0 }
        try await markEmitted(await send(due))
        return due.count
    }
}
