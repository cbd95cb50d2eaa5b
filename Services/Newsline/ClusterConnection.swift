import ArgumentParser
import Foundation
import Kafka
import Logging
import StageRuntime

/// How a `newsline` command finds Kafka: `--brokers`, else `KAFKA_BROKERS`, else the address a
/// running `newsline broker` wrote to `var/broker.address`.
enum ClusterConnection {
    static let addressFile = "var/broker.address"

    static func configuration(_ options: ServiceOptions) throws -> KafkaConfiguration {
        var configuration = try options.kafkaConfiguration()
        if let address = embeddedBrokerAddress(options) {
            configuration.bootstrapServers = try KafkaConfiguration.parseBrokers(address)
        }
        if configuration.clientId == "newsline" {
            configuration.clientId = "newsline-cli"
        }
        return configuration
    }

    /// The address of the embedded broker (`newsline broker` / `run`) when that is where a command
    /// connects: no `--brokers`, no `KAFKA_BROKERS`, and an address file.
    static func embeddedBrokerAddress(_ options: ServiceOptions) -> String? {
        guard options.brokers == nil, ProcessInfo.processInfo.environment["KAFKA_BROKERS"] == nil,
            let address = try? String(contentsOfFile: addressFile, encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines),
            !address.isEmpty
        else { return nil }
        return address
    }
}

/// Reads a topic's messages present now, from its oldest kept offset to its current end.
struct TopicSnapshotReader {
    let configuration: KafkaConfiguration
    let logger: Logger

    func read(_ topic: String, timeout: Duration = .seconds(30)) async throws -> [KafkaConsumerMessage] {
        let admin = try KafkaAdmin(configuration: configuration, logger: logger)
        let marks = try await admin.watermarks(topic: topic)
        let expected = marks.values.reduce(0) { $0 + Int($1.high - $1.low) }
        guard expected > 0 else { return [] }
        var consumerConfiguration = configuration
        consumerConfiguration.properties["enable.auto.commit"] = "false"
        let consumer = try KafkaConsumer(
            configuration: consumerConfiguration, groupId: "newsline-cli-\(UUID().uuidString)", topics: [topic], logger: logger)
        try consumer.start()
        let deadline = Task {
            try? await Task.sleep(for: timeout)
            consumer.stopDelivering()
        }
        var messages: [KafkaConsumerMessage] = []
        while messages.count < expected {
            let batch = await consumer.nextBatch()
            if batch.isEmpty { break }
            messages += batch.filter { $0.offset < (marks[$0.partition]?.high ?? .max) }
        }
        deadline.cancel()
        await consumer.close()
        return messages.sorted { ($0.timestampMilliseconds ?? 0, $0.partition, $0.offset) < ($1.timestampMilliseconds ?? 0, $1.partition, $1.offset) }
    }
}
