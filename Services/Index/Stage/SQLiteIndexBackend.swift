import Dispatch

/// The SQLite index (`ArticleIndex`) behind the `IndexBackend` contract.
///
/// SQLite blocks, and the Swift concurrency pool must not: writes run one after the other on a
/// thread of their own, in the order they were asked for, and reads on the global dispatch pool.
public struct SQLiteIndexBackend: IndexBackend {
    public let index: ArticleIndex
    private let writes = DispatchQueue(label: "newsline.index.writer")

    public init(index: ArticleIndex) {
        self.index = index
    }

    /// Opens (creating and migrating) the index file at `path`.
    public init(path: String, create: Bool = true) throws {
        self.init(index: try ArticleIndex(path: path, create: create))
    }

    public var location: String { index.path }

    /// One process writes an index file.
    public var isShared: Bool { false }

    public func apply(_ batch: [IndexInput]) async throws -> [OutboxEntry] {
        try await write { try $0.apply(batch) }
    }

    public func search(_ query: SearchQuery) async throws -> SearchResults {
        try await read { try $0.search(query) }
    }

    public func article(id: String) async throws -> IndexedArticle? {
        try await read { try $0.article(id: id) }
    }

    public func documentCount() async throws -> Int {
        try await read { try $0.documentCount() }
    }

    public func storedPositions(topic: String) async throws -> [Int32: Int64] {
        try await read { try $0.storedPositions(topic: topic) }
    }

    public func pendingOutbox(limit: Int) async throws -> [OutboxEntry] {
        try await read { try $0.pendingOutbox(limit: limit) }
    }

    public func markEmitted(_ ids: [Int64]) async throws {
        try await write { try $0.markEmitted(ids) }
    }

    public func close() async {
        _ = try? await write { _ in }
    }

    private func write<T: Sendable>(_ work: @escaping @Sendable (ArticleIndex) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            writes.async { [index] in continuation.resume(with: Result { try work(index) }) }
        }
    }

    private func read<T: Sendable>(_ work: @escaping @Sendable (ArticleIndex) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { [index] in continuation.resume(with: Result { try work(index) }) }
        }
    }
}
