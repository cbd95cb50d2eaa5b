import ArgumentParser
import Foundation
import Kafka
import Logging

/// `newsline bench broker`: the embedded broker's own limit, with librdkafka and Newsline's Kafka
/// wrapper alone and no service in the way.
///
/// Produces raw articles of the pipeline's sizes (the `bench stages` corpus) to the embedded broker,
/// waiting for every delivery report, then reads them all back in a new consumer group. This is the
/// ceiling the pipeline cannot pass: every article crosses the broker five times on its way through.
struct BenchBrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker", abstract: "Produce and consume throughput of the embedded broker alone.")

    @Option(help: "Messages to produce and consume (default 50000, 10000 with --quick).")
    var messages: Int?

    @Option(help: "Partitions of the benchmark topic; raised when the messages would not fit the broker's memory.")
    var partitions: Int32 = 16

    @Option(help: "The folder of sample articles.")
    var samples = "Tests/Fixtures/samples"

    @Option(help: "Also write the figures as JSON to this file.")
    var json: String?

    @Flag(help: "A short run, for CI.")
    var quick = false

    @Option(help: "Seconds without progress before the run gives up.")
    var timeout = 60

    func validate() throws {
        if let messages, messages <= 0 { throw ValidationError("--messages must be positive") }
        if partitions <= 0 { throw ValidationError("--partitions must be positive") }
    }

    /// The embedded broker drops a partition's oldest data past about 5 MiB; stay well under it.
    private static let bytesPerPartition = 4 * 1024 * 1024

    func run() async throws {
        let count = messages ?? (quick ? 10_000 : 50_000)
        let logger = CommandLogging.logger("bench")
        let articles = try BenchRawArticles(samples: samples, distinct: 300)
        let outgoing = (0..<count).map { articles.message(topic: "bench.broker", phase: "broker", number: $0) }
        let totalBytes = outgoing.reduce(0) { $0 + $1.value.count }
        let topicPartitions = max(partitions, Int32((totalBytes + Self.bytesPerPartition - 1) / Self.bytesPerPartition))

        let broker = try EmbeddedBroker(brokers: 1, logger: logger)
        try broker.createTopic("bench.broker", partitions: topicPartitions)
        try broker.createTopic("bench.broker.warm-up", partitions: 1)
        let configuration = KafkaConfiguration(bootstrapServers: [broker.bootstrapServers], clientId: "newsline-bench")
        print("Embedded broker \(broker.bootstrapServers); \(count) messages of mean \(totalBytes / count) bytes over \(topicPartitions) partitions")
        print("Machine: \(BenchMachine.summary)")

        let produce = try await measureProduce(outgoing, configuration: configuration, logger: logger)
        let produceLoad = BenchMachine.load
        let consume = try await measureConsume(count: count, configuration: configuration, logger: logger)
        let consumeLoad = BenchMachine.load

        let rows = [
            row("produce, acknowledged", produce, bytes: totalBytes, load: produceLoad),
            row("consume", consume, bytes: totalBytes, load: consumeLoad),
        ]
        print("")
        print(TextTable.markdown(header: ["direction", "messages", "seconds", "messages/s", "MiB/s", "load (1/5/15 min)"], rows: rows))
        if consume.messages < count {
            print("\nOnly \(consume.messages) of \(count) messages came back within the timeout.")
        }
        if let json {
            let object: [String: Any] = [
                "benchmark": "broker", "machine": BenchMachine.json, "partitions": Int(topicPartitions),
                "messages": count, "bytes": totalBytes, "meanBytes": totalBytes / count,
                "produce": figures(produce, bytes: totalBytes, load: produceLoad),
                "consume": figures(consume, bytes: totalBytes, load: consumeLoad),
            ]
            try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
                .write(to: URL(fileURLWithPath: json))
        }
        if consume.messages < count || produce.messages < count { throw ExitCode.failure }
    }

    struct Measurement {
        var messages: Int
        var seconds: Double
        var perSecond: Double
    }

    /// From the first send to the last delivery report, after one message has set up the connection.
    private func measureProduce(
        _ outgoing: [KafkaProducerMessage], configuration: KafkaConfiguration, logger: Logger
    ) async throws -> Measurement {
        let producer = try KafkaProducer(configuration: configuration, logger: logger)
        producer.start()
        var warmUp = outgoing[0]
        warmUp.topic = "bench.broker.warm-up"
        _ = try? await producer.send(warmUp)
        let start = ContinuousClock.now
        var deliveries: [DeliveryPromise] = []
        deliveries.reserveCapacity(outgoing.count)
        for message in outgoing {
            deliveries.append(try await producer.enqueue(message))
        }
        var delivered = 0
        for delivery in deliveries {
            if case .success = await delivery.result() { delivered += 1 }
        }
        let seconds = (ContinuousClock.now - start).seconds
        await producer.shutdown()
        return Measurement(messages: delivered, seconds: seconds, perSecond: Double(delivered) / seconds)
    }

    /// From the first message received to the last, so joining the group is left out.
    private func measureConsume(count: Int, configuration: KafkaConfiguration, logger: Logger) async throws -> Measurement {
        var configuration = configuration
        configuration.properties["enable.auto.commit"] = "false"
        let consumer = try KafkaConsumer(
            configuration: configuration, groupId: "newsline-bench-\(UUID().uuidString)", topics: ["bench.broker"],
            logger: logger, maxBuffered: 10_000)
        try consumer.start()
        let watchdog = BenchProgressWatchdog(timeout: .seconds(timeout)) { consumer.stopDelivering() }
        var received = 0
        var firstBatch = 0
        var first: ContinuousClock.Instant?
        var last = ContinuousClock.now
        while received < count {
            let batch = await consumer.nextBatch(limit: 2_000)
            if batch.isEmpty { break }
            last = ContinuousClock.now
            if first == nil {
                first = last
                firstBatch = batch.count
            }
            received += batch.count
            watchdog.progressed()
        }
        watchdog.cancel()
        consumer.stopDelivering()
        await consumer.close()
        guard let first, received > firstBatch else { return Measurement(messages: received, seconds: 0, perSecond: 0) }
        // The first batch arrived at `first`; the rate counts what came after it.
        let seconds = (last - first).seconds
        return Measurement(messages: received, seconds: seconds, perSecond: Double(received - firstBatch) / seconds)
    }

    private func row(_ name: String, _ measurement: Measurement, bytes: Int, load: String) -> [String] {
        [
            name, String(measurement.messages), String(format: "%.2f", measurement.seconds),
            String(format: "%.0f", measurement.perSecond),
            String(format: "%.1f", measurement.perSecond * Double(bytes) / Double(max(measurement.messages, 1)) / 1_048_576),
            load,
        ]
    }

    private func figures(_ measurement: Measurement, bytes: Int, load: String) -> [String: Any] {
        ["messages": measurement.messages, "seconds": measurement.seconds, "perSecond": measurement.perSecond, "load": load]
    }
}
