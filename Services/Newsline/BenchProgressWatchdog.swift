import Synchronization

/// Runs an action once when nothing progressed for `timeout`, so a benchmark that stalls ends with
/// a report of what is missing instead of hanging.
final class BenchProgressWatchdog: Sendable {
    private final class LastProgress: Sendable {
        let instant = Mutex(ContinuousClock.now)
    }

    private let last = LastProgress()
    private let task: Task<Void, Never>

    init(timeout: Duration, onStall: @escaping @Sendable () -> Void) {
        let last = self.last
        task = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
                if ContinuousClock.now - last.instant.withLock({ $0 }) > timeout {
                    if !Task.isCancelled { onStall() }
                    return
                }
            }
        }
    }

    deinit {
        task.cancel()
    }

    func progressed() {
        last.instant.withLock { $0 = .now }
    }

    func cancel() {
        task.cancel()
    }
}
