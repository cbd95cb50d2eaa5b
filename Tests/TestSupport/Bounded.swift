import Synchronization

/// Runs `operation` in a task of its own and waits at most `limit` for it; nil when it has not
/// finished by then. Tests of something that could hang use it to fail instead of hanging (the
/// task is left running).
public func bounded<T: Sendable>(_ limit: Duration, _ operation: @escaping @Sendable () async -> T) async -> T? {
    let result = Mutex<T?>(nil)
    Task {
        let value = await operation()
        result.withLock { $0 = value }
    }
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if let value = result.withLock({ $0 }) { return value }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return result.withLock { $0 }
}
