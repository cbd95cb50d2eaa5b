import Dispatch

/// Runs SQLite work off the Swift concurrency pool, whose few threads must never wait on disk.
enum BlockingWork {
    private static let queue = DispatchQueue(label: "newsline.search-api.index", attributes: .concurrent)

    static func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
