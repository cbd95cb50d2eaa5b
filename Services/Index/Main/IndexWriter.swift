import Foundation
import IndexStage

/// Runs index writes on a thread of their own: SQLite blocks, and the Swift concurrency pool must not.
struct IndexWriter: Sendable {
    let index: ArticleIndex
    private let queue = DispatchQueue(label: "newsline.index.writer")

    init(index: ArticleIndex) {
        self.index = index
    }

    /// Queues work behind the writes already queued, without waiting for it.
    func submit(_ work: @escaping @Sendable (ArticleIndex) -> Void) {
        queue.async { work(index) }
    }

    func run<T: Sendable>(_ work: @escaping @Sendable (ArticleIndex) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try work(index) })
            }
        }
    }
}
