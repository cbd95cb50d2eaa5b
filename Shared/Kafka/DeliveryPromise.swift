import Synchronization

/// The pending delivery report of one produced message.
///
/// Fulfilled on the producer's poll thread when librdkafka reports the delivery; any number of
/// tasks may await it.
public final class DeliveryPromise: Sendable {
    private enum State {
        case pending([CheckedContinuation<Result<KafkaDeliveryReport, KafkaError>, Never>])
        case done(Result<KafkaDeliveryReport, KafkaError>)
    }

    private let state = Mutex<State>(.pending([]))

    init() {}

    /// A promise that already holds its result.
    init(result: Result<KafkaDeliveryReport, KafkaError>) {
        state.withLock { $0 = .done(result) }
    }

    func fulfill(_ result: Result<KafkaDeliveryReport, KafkaError>) {
        let waiters = state.withLock { state -> [CheckedContinuation<Result<KafkaDeliveryReport, KafkaError>, Never>] in
            guard case .pending(let waiters) = state else { return [] }
            state = .done(result)
            return waiters
        }
        for waiter in waiters { waiter.resume(returning: result) }
    }

    /// Waits for the delivery report.
    public func result() async -> Result<KafkaDeliveryReport, KafkaError> {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Result<KafkaDeliveryReport, KafkaError>? in
                switch state {
                case .pending(var waiters):
                    waiters.append(continuation)
                    state = .pending(waiters)
                    return nil
                case .done(let result):
                    return result
                }
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

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
