import Foundation
import Kafka
import Logging
import NewslineModels

/// Reads what comes out of the pipeline, `articles.indexed` and `articles.deadletter`, from the
/// beginning in a private group, handing each batch to `handle` in the background.
final class OutputFollower: Sendable {
    private let consumer: KafkaConsumer
    private let task: Task<Void, Never>

    init(
        configuration: KafkaConfiguration, logger: Logger, group: String, maxBuffered: Int = 2_000,
        batchLimit: Int = 500, handle: @escaping @Sendable ([KafkaConsumerMessage]) -> Void
    ) throws {
        var configuration = configuration
        configuration.properties["enable.auto.commit"] = "false"
        let consumer = try KafkaConsumer(
            configuration: configuration, groupId: "\(group)-\(UUID().uuidString)",
            topics: [Topics.indexed.name, Topics.deadletter.name], logger: logger, maxBuffered: maxBuffered)
        try consumer.start()
        self.consumer = consumer
        task = Task { [consumer] in
            while true {
                let batch = await consumer.nextBatch(limit: batchLimit)
                if batch.isEmpty { return }
                handle(batch)
            }
        }
    }

    func stop() async {
        consumer.stopDelivering()
        await task.value
        await consumer.close()
    }
}
