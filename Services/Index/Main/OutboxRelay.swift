import Foundation
import IndexStage
import Kafka
import Logging
import NewslineModels
import ServiceLifecycle
import Synchronization

/// Produces `article.indexed` events the index committed but Kafka never acknowledged: after a
/// crash between the index transaction and the produce, or after a failed delivery.
///
/// Events pending for less than `staleAfter` are left alone, as their writer may still be delivering
/// them, except at the start of an instance with the index to itself (SQLite), where nothing else is
/// in flight and the whole outbox is sent. Over a shared index every instance runs a relay, and each
/// pending event is handed to one of them at a time (`IndexBackend.relayOutbox`).
struct OutboxRelay: Service {
    let index: any IndexBackend
    let producer: KafkaProducer
    let logger: Logger
    var interval: Duration = .seconds(10)
    var staleAfter: TimeInterval = 60

    func run() async throws {
        producer.start()
        // At start nothing of this instance is in flight: with the index to itself, send the whole
        // outbox, a page at a time; other instances' recent events are theirs to deliver.
        let atStart = index.isShared ? staleAfter : 0
        while !Task.isCancelledOrShuttingDown, await relay(pendingFor: atStart) == Self.page {}
        while !Task.isCancelledOrShuttingDown {
            try? await Task.sleep(for: interval)
            while !Task.isCancelledOrShuttingDown, await relay(pendingFor: staleAfter) == Self.page {}
        }
        await producer.shutdown()
    }

    private static let page = 1_000

    /// Sends one page of due outbox entries; returns how many were due, or 0 when some were not sent.
    private func relay(pendingFor age: TimeInterval) async -> Int {
        let delivered = Mutex(true)
        let due: Int
        do {
            due = try await index.relayOutbox(pendingFor: age, limit: Self.page) { [producer, logger] entries in
                let sent = await Self.produce(entries, producer)
                delivered.withLock { $0 = sent.count == entries.count }
                logger.info("outbox relayed", metadata: ["events": "\(sent.count)", "pending": "\(entries.count)"])
                return sent
            }
        } catch {
            logger.warning("outbox not relayed", metadata: ["error": "\(error)"])
            return 0
        }
        // A page that could not be sent stops this round; the next round tries again.
        return delivered.withLock { $0 } ? due : 0
    }

    /// Produces the entries and returns the ids Kafka acknowledged.
    private static func produce(_ entries: [OutboxEntry], _ producer: KafkaProducer) async -> [Int64] {
        var deliveries: [(Int64, DeliveryPromise)] = []
        for entry in entries {
            // The bytes exactly as committed, so a relayed event equals the one that may have gone out before.
            guard let delivery = try? await producer.enqueue(
                KafkaProducerMessage(topic: Topics.indexed.name, key: Array(entry.event.articleId.utf8), value: entry.payload))
            else { continue }
            deliveries.append((entry.id, delivery))
        }
        var sent: [Int64] = []
        for (id, delivery) in deliveries {
            if case .success = await delivery.result() { sent.append(id) }
        }
        return sent
    }
}

extension Task where Success == Never, Failure == Never {
    /// Whether the current task is cancelled or its service group is shutting down.
    static var isCancelledOrShuttingDown: Bool {
        Task.isCancelled || Task.isShuttingDownGracefully
    }
}
