import IndexStage
import Logging
import ServiceLifecycle
import Synchronization

/// Checks every few seconds that the index database is open and takes a write, for `/readyz`:
/// a full disk, a read-only mount or a lost file makes the index not ready (and says why) while
/// the probe itself never blocks on the database.
final class DatabaseProbe: Service, Sendable {
    private let index: any IndexBackend
    private let logger: Logger
    private let state = Mutex<String?>("the database has not been checked yet")

    /// How often the database is checked: a probe answer is at most this old.
    static let interval: Duration = .seconds(5)

    init(index: any IndexBackend, logger: Logger) {
        self.index = index
        self.logger = logger
    }

    /// Nil when the last check wrote; else what went wrong.
    var failure: String? {
        state.withLock { $0 }
    }

    func run() async throws {
        while !Task.isCancelledOrShuttingDown {
            await check()
            try? await Task.sleep(for: Self.interval)
        }
    }

    /// A write transaction that changes nothing (deleting an outbox id that never exists), queued
    /// behind the index writes like any other write (SQLite) or taking a pooled connection (PostgreSQL).
    func check() async {
        let failure: String?
        do {
            try await index.markEmitted([-1])
            failure = nil
        } catch {
            failure = "the index database does not take writes: \(error)"
        }
        let changed = state.withLock { previous -> Bool in
            defer { previous = failure }
            return previous != failure
        }
        if changed, let failure { logger.error("index database not writable", metadata: ["error": .string(failure)]) }
    }
}
