import Foundation
import IndexStage
import Kafka
import Logging
import NewslineModels
import StageRuntime

/// The index stage: a batch of enriched articles written in one transaction with their positions.
///
/// The `article.indexed` events of a batch are committed to the index's outbox in the same
/// transaction and produced afterwards; they ride on the batch's last message, and are marked
/// emitted once Kafka acknowledged them. Events whose delivery failed stay in the outbox and are
/// sent again by `OutboxRelay`.
struct IndexStep: BatchStage {
    let index: any IndexBackend
    let logger: Logger

    var name: String { "index" }
    var inputTopic: String { Topics.enriched.name }
    var outputTopic: Topic<ArticleIndexed> { Topics.indexed }

    func process(_ batch: [KafkaConsumerMessage]) async -> [StageOutcome<ArticleIndexed>] {
        let codec = EventCodec()
        var outcomes: [StageOutcome<ArticleIndexed>] = []
        var inputs: [IndexInput] = []
        var indexed: [Int] = []
        for (position, message) in batch.enumerated() {
            do {
                let event = try codec.decode(ArticleEnriched.self, from: message.value)
                inputs.append(IndexInput(event: event, topic: message.topic, partition: message.partition, offset: message.offset))
                indexed.append(position)
                outcomes.append(StageOutcome(.produced([])))
            } catch {
                outcomes.append(StageOutcome(.rejected(error)))
            }
        }
        guard !inputs.isEmpty else { return outcomes }
        do {
            let entries = try await writeWithRetry(inputs)
            outcomes[indexed.last!] = StageOutcome(.produced(entries.map(\.event)), afterDelivery: markEmitted(entries))
        } catch {
            // The batch as a whole keeps failing: write inputs one by one so one bad article
            // is dead-lettered and the others are indexed.
            for (position, input) in zip(indexed, inputs) {
                do {
                    let entries = try await index.apply([input])
                    outcomes[position] = StageOutcome(.produced(entries.map(\.event)), afterDelivery: markEmitted(entries))
                } catch {
                    outcomes[position] = StageOutcome(.rejected(RejectedInput("index-error", "\(error)")))
                }
            }
        }
        return outcomes
    }

    /// Forgets the entries in the outbox once Kafka has them; if that fails they are relayed again later.
    /// The delete runs in a task of its own, never blocking the acknowledging task (SQLite queues it
    /// behind the writes).
    private func markEmitted(_ entries: [OutboxEntry]) -> @Sendable () -> Void {
        let ids = entries.map(\.id)
        return { [index, logger] in
            Task {
                do {
                    try await index.markEmitted(ids)
                } catch {
                    logger.warning("outbox entries not marked emitted", metadata: ["error": "\(error)", "count": "\(ids.count)"])
                }
            }
        }
    }

    /// Writes a batch, retrying transient database errors (a busy file, a full disk being freed, a
    /// PostgreSQL deadlock or a lost connection).
    private func writeWithRetry(_ inputs: [IndexInput]) async throws -> [OutboxEntry] {
        var delay: Duration = .milliseconds(100)
        for attempt in 1... {
            do {
                return try await index.apply(inputs)
            } catch where attempt < 4 {
                try? await Task.sleep(for: delay)
                delay *= 4
            }
        }
        preconditionFailure("unreachable")
    }
}
