import Synchronization

/// The pending delivery report of one produced message.
///
/// Fulfilled on the producer's poll thread when librdkafka reports the delivery; any number of
/// tasks may await it. A waiting task that is cancelled stops waiting with a `cancelled` failure;
/// the delivery itself goes on.
public final class DeliveryPromise: Sendable {
    private typealias Waiter = CheckedContinuation<Result<KafkaDeliveryReport, KafkaError>, Never>

    private enum State {
        case pending([UInt64: Waiter], nextId: UInt64)
        case done(Result<KafkaDeliveryReport, KafkaError>)
    }

    private let state = Mutex<State>(.pending([:], nextId: 0))

    init() {}

    /// A promise that already holds its result.
    init(result: Result<KafkaDeliveryReport, KafkaError>) {
        state.withLock { $0 = .done(result) }
    }

    /// Settles the promise; later calls do nothing.
    func fulfill(_ result: Result<KafkaDeliveryReport, KafkaError>) {
        let waiters = state.withLock { state -> [Waiter] in
            guard case .pending(let waiters, _) = state else { return [] }
            state = .done(result)
            return Array(waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: result) }
    }

    /// Whether the delivery report (or a failure) is in.
    public var isSettled: Bool {
        state.withLock { if case .done = $0 { true } else { false } }
    }

    /// Waits for the delivery report, or until the waiting task is cancelled.
    public func result() async -> Result<KafkaDeliveryReport, KafkaError> {
        let id = state.withLock { state -> UInt64 in
            guard case .pending(let waiters, let nextId) = state else { return 0 }
            state = .pending(waiters, nextId: nextId + 1)
            return nextId
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: Waiter) in
                let ready = state.withLock { state -> Result<KafkaDeliveryReport, KafkaError>? in
                    switch state {
                    case .pending(var waiters, let nextId):
                        if Task.isCancelled { return Self.cancelled }
                        waiters[id] = continuation
                        state = .pending(waiters, nextId: nextId)
                        return nil
                    case .done(let result):
                        return result
                    }
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard case .pending(var waiters, let nextId) = state else { return nil }
                let waiter = waiters.removeValue(forKey: id)
                state = .pending(waiters, nextId: nextId)
                return waiter
            }
            waiter?.resume(returning: Self.cancelled)
        }
    }

    private static let cancelled: Result<KafkaDeliveryReport, KafkaError> =
        .failure(KafkaError(code: .cancelled, message: "stopped waiting for the delivery report: the task was cancelled"))

    public func value() async throws(KafkaError) -> KafkaDeliveryReport {
        try await result().get()
    }
}

extension DeliveryPromise {
    /// A promise for a message that never reached librdkafka.
    public convenience init(failed error: any Error) {
        let kafkaError = error as? KafkaError ?? KafkaError(code: .failure, message: "\(error)")
        self.init(result: .failure(kafkaError))
    }
}
