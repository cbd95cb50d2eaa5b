import Synchronization
import UnixSignals

/// Becomes fired on the first SIGINT or SIGTERM, for commands that loop until stopped.
final class ShutdownSignal: Sendable {
    private final class Flag: Sendable {
        let value = Mutex(false)
    }

    private let flag = Flag()
    private let listener: Task<Void, Never>

    init() {
        let flag = self.flag
        listener = Task {
            for await _ in await UnixSignalsSequence(trapping: .sigterm, .sigint) {
                flag.value.withLock { $0 = true }
                break
            }
        }
    }

    deinit {
        listener.cancel()
    }

    var fired: Bool { flag.value.withLock { $0 } }

    /// Sleeps until `duration` passed or the signal fired.
    func wait(upTo duration: Duration) async {
        let deadline = ContinuousClock.now + duration
        while !fired, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }
}
