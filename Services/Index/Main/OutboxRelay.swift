import Foundation
import IndexStage
import Kafka
import Logging
import NewslineModels
import ServiceLifecycle

/// Produces `article.indexed` events the index committed but Kafka never acknowledged: after a
/// crash between the index transaction and the produce, or after a failed delivery.
///
/// At start it sends every pending event; afterwards only events pending for longer than
/// `staleAfter`, so events of batches still in flight are not sent twice.
struct OutboxRelay: Service {
    let index: any IndexBackend
    let producer: KafkaProducer
    let logger: Logger
    var interval: Duration = .seconds(10)
    var staleAfter: TimeInterval = 60

    func run() async throws {
        producer.start()
        // At start nothing is in flight yet: send the whole outbox, a page at a time.
        while !Task.isCancelledOrShuttingDown, await relay(olderThan: nil) == Self.page {}
        while !Task.isCancelledOrShuttingDown {
            try? await Task.sleep(for: interval)
            while !Task.isCancelledOrShuttingDown, await relay(olderThan: Date().addingTimeInterval(-staleAfter)) == Self.page {}
        }
        await producer.shutdown()
    }

    private static let page = 1_000

    /// Sends one page of due outbox entries; returns how many were due.
    private func relay(olderThan cutoff: Date?) async -> Int {
        guard let pending = try? await index.pendingOutbox(limit: Self.page), !pending.isEmpty else { return 0 }
        let due = pending.filter { entry in cutoff.map { entry.event.indexedAt < $0 } ?? true }
        guard !due.isEmpty else { return 0 }
        var sent: [Int64] = []
        var deliveries: [(Int64, DeliveryPromise)] = []
        for entry in due {
            // The bytes exactly as committed, so a relayed event equals the one that may have gone out before.
            guard let delivery = try? await producer.enqueue(
                KafkaProducerMessage(topic: Topics.indexed.name, key: Array(entry.event.articleId.utf8), value: entry.payload))
            else { continue }
            deliveries.append((entry.id, delivery))
        }
        for (id, delivery) in deliveries {
            if case .success = await delivery.result() { sent.append(id) }
        }
        try? await index.markEmitted(sent)
        logger.info("outbox relayed", metadata: ["events": "\(sent.count)", "pending": "\(due.count)"])
        // A page that could not be sent stops this round; the next round tries again.
        return sent.count == due.count ? due.count : 0
    }
}

extension Task where Success == Never, Failure == Never {
    /// Whether the current task is cancelled or its service group is shutting down.
    static var isCancelledOrShuttingDown: Bool {
        Task.isCancelled || Task.isShuttingDownGracefully
    }
}
