import Foundation
import Kafka
import Logging

/// Sends raw articles with a bounded number of bytes awaiting acknowledgement and, on the embedded
/// broker, an `UnreadBytesPacer` holding it back while the pipeline is behind.
final class RawPublisher {
    /// Bytes sent and not yet acknowledged; the pacer cannot know their partitions yet.
    static let unacknowledgedBudget = 1 << 20

    struct Failure {
        var name: String
        var error: any Error
    }

    private let producer: KafkaProducer
    private let pacer: UnreadBytesPacer?
    private var window: [(name: String, bytes: Int, delivery: DeliveryPromise)] = []
    private var windowBytes = 0
    private let delivered: (String, KafkaDeliveryReport, Int) -> Void
    private let waiting: (UnreadBytesPacer.Fullest) -> Void
    private(set) var failures: [Failure] = []
    private(set) var published = 0
    private(set) var publishedBytes = 0
    /// How long sends waited for the pipeline to catch up.
    private(set) var waited: Duration = .zero

    init(
        configuration: KafkaConfiguration, logger: Logger, pacer: UnreadBytesPacer?,
        delivered: @escaping (String, KafkaDeliveryReport, Int) -> Void = { _, _, _ in },
        waiting: @escaping (UnreadBytesPacer.Fullest) -> Void = { _ in }
    ) throws {
        producer = try KafkaProducer(configuration: configuration, logger: logger)
        producer.start()
        self.pacer = pacer
        self.delivered = delivered
        self.waiting = waiting
    }

    /// Sends one message once the pipeline has room for it.
    func send(_ message: KafkaProducerMessage, name: String) async throws {
        if let pacer {
            let started = ContinuousClock.now
            try await pacer.waitForRoom(waiting: waiting)
            waited += ContinuousClock.now - started
        }
        do {
            window.append((name, message.value.count, try await producer.enqueue(message)))
            windowBytes += message.value.count
        } catch {
            failures.append(Failure(name: name, error: error))
        }
        while windowBytes > Self.unacknowledgedBudget, !window.isEmpty {
            await settleOldest()
        }
    }

    /// Waits for every acknowledgement and shuts the producer down.
    func finish() async {
        while !window.isEmpty { await settleOldest() }
        await producer.shutdown()
    }

    private func settleOldest() async {
        let (name, bytes, delivery) = window.removeFirst()
        windowBytes -= bytes
        switch await delivery.result() {
        case .success(let report):
            pacer?.delivered(report, bytes: bytes)
            published += 1
            publishedBytes += bytes
            delivered(name, report, bytes)
        case .failure(let error):
            failures.append(Failure(name: name, error: error))
        }
    }
}
