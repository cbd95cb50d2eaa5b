import ArgumentParser
import Foundation
import Kafka
import Logging
import NewslineModels
import UnixSignals

/// `newsline broker`: hosts the embedded Kafka broker with every pipeline topic.
struct BrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "Run the embedded Kafka broker (librdkafka's mock cluster) with the pipeline topics.",
        discussion: """
            The broker keeps data in memory only (about 5 MiB per partition; older data is dropped) and
            listens on a random localhost port, printed on start and written to --address-file.
            Point services and tools at it with KAFKA_BROKERS=<address>. Stops on Ctrl-C or SIGTERM.
            """)

    @Option(help: "Number of brokers in the cluster.")
    var brokers = 1

    @Option(help: "Partitions per pipeline topic.")
    var partitions: Int32 = Int32(Topics.defaultPartitions)

    @Option(help: "File to write the bootstrap address to.")
    var addressFile = "var/broker.address"

    func run() async throws {
        guard brokers >= 1, partitions >= 1 else { throw ValidationError("--brokers and --partitions must be at least 1") }
        let logger = CommandLogging.logger("broker")
        let broker = try EmbeddedBroker(brokers: brokers, logger: logger)
        for topic in Topics.allNames {
            try broker.createTopic(topic, partitions: partitions, replicationFactor: Int32(min(brokers, 3)))
        }
        let addressURL = URL(fileURLWithPath: addressFile)
        try FileManager.default.createDirectory(at: addressURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((broker.bootstrapServers + "\n").utf8).write(to: addressURL)
        print("Embedded broker listening on \(broker.bootstrapServers)")
        print("Topics: \(Topics.allNames.joined(separator: ", ")) (\(partitions) partitions each)")
        print("Address written to \(addressFile). Use: export KAFKA_BROKERS=\(broker.bootstrapServers)")
        FileHandleOutput.flushStandardOutput()
        for await _ in await UnixSignalsSequence(trapping: .sigterm, .sigint) { break }
        try? FileManager.default.removeItem(at: addressURL)
        print("Embedded broker stopped")
        withExtendedLifetime(broker) {}
    }
}
