import Foundation
import Kafka
import Logging
import NewslineModels
import StageRuntime
import Synchronization

/// An event carrying a sequence number, so tests can check order, loss and duplicates.
struct SequencedEvent: ArticleEvent {
    static let eventType = "test.sequenced"
    var articleId: String
    var sequence: Int
    var poison: Bool = false
}

/// Moves events from one topic to another, rejecting poison ones.
struct RelayStage: Stage {
    var inputTopic: String
    var output: String
    var name: String { "relay" }
    var outputTopic: Topic<SequencedEvent> { Topic(output) }

    func process(_ input: SequencedEvent) throws -> [SequencedEvent] {
        if input.poison { throw RejectedInput("poison", "event \(input.sequence) is poison") }
        return [input]
    }
}

/// An embedded broker with helpers to produce, read and run stages against it.
final class TestCluster: Sendable {
    let broker: EmbeddedBroker
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    init(brokers: Int = 1, topics: [String], partitions: Int32 = 4) throws {
        broker = try EmbeddedBroker(brokers: brokers, logger: logger)
        for topic in topics {
            try broker.createTopic(topic, partitions: partitions, replicationFactor: Int32(brokers))
        }
    }

    var configuration: KafkaConfiguration {
        KafkaConfiguration(bootstrapServers: [broker.bootstrapServers], sessionTimeoutMilliseconds: 6_000)
    }

    func produce(_ events: [SequencedEvent], to topic: String) async throws {
        try await send(try events.map { event in
            KafkaProducerMessage(topic: topic, key: Array(event.articleId.utf8), value: try EventCodec().encode(event))
        })
    }

    /// Produces messages and waits until every one is acknowledged.
    func send(_ messages: [KafkaProducerMessage]) async throws {
        let producer = try KafkaProducer(configuration: configuration, logger: logger)
        producer.start()
        try await producer.sendAll(messages)
        await producer.shutdown()
    }

    /// The sum of a topic's partition end offsets.
    func endOffset(_ topic: String) async throws -> Int64 {
        let admin = try KafkaAdmin(configuration: configuration, logger: logger)
        return try await admin.watermarks(topic: topic).values.reduce(0) { $0 + $1.high }
    }

    /// Reads a topic from the beginning until `count` messages arrived or `timeout` passed.
    func read(_ topic: String, count: Int, timeout: Duration = .seconds(60)) async throws -> [KafkaConsumerMessage] {
        try await read(topic, timeout: timeout) { $0.count >= count }
    }

    /// Reads a topic from the beginning until `done` says so or `timeout` passed.
    func read(
        _ topic: String, timeout: Duration = .seconds(60), until done: ([KafkaConsumerMessage]) -> Bool
    ) async throws -> [KafkaConsumerMessage] {
        let consumer = try KafkaConsumer(configuration: configuration, groupId: "reader-\(UUID())", topics: [topic], logger: logger)
        try consumer.start()
        let deadline = Task {
            try? await Task.sleep(for: timeout)
            consumer.stopDelivering()
        }
        var messages: [KafkaConsumerMessage] = []
        while !done(messages) {
            let batch = await consumer.nextBatch()
            if batch.isEmpty { break }
            messages += batch
            for message in batch { consumer.acknowledge(message) }
        }
        deadline.cancel()
        await consumer.close()
        return messages
    }

    /// Starts a relay stage in this process; `stop` shuts it down gracefully.
    func startRelay(from input: String, to output: String, group: String = "relay") throws -> RunningStage {
        let consumer = try KafkaConsumer(configuration: configuration, groupId: group, topics: [input], logger: logger)
        let producer = try KafkaProducer(configuration: configuration, logger: logger)
        let runner = StageRunner(
            stage: PerMessageStage(RelayStage(inputTopic: input, output: output)), consumer: consumer,
            producer: producer, logger: logger)
        return RunningStage(runner: runner, task: Task { try await runner.run() }, consumer: consumer)
    }

    func events(in messages: [KafkaConsumerMessage]) throws -> [SequencedEvent] {
        try messages.map { try EventCodec().decode(SequencedEvent.self, from: $0.value) }
    }
}

struct RunningStage {
    let runner: StageRunner<PerMessageStage<RelayStage>>
    let task: Task<Void, any Error>
    let consumer: KafkaConsumer

    func stop() async throws {
        runner.stop()
        try await task.value
    }
}

/// Events keyed by `keys` distinct keys with increasing sequence numbers.
func sequencedEvents(_ count: Int, keys: Int = 50, from start: Int = 0) -> [SequencedEvent] {
    (start..<start + count).map { SequencedEvent(articleId: "key-\($0 % keys)", sequence: $0) }
}

/// Whether every key's events arrive with increasing sequence numbers.
func perKeyOrderHolds(_ events: [SequencedEvent], partitionOf: [Int: Int32] = [:]) -> Bool {
    var last: [String: Int] = [:]
    for event in events {
        if let previous = last[event.articleId], previous >= event.sequence { return false }
        last[event.articleId] = event.sequence
    }
    return true
}

/// A log handler that keeps every rendered line, for checking what reaches the logs.
final class CapturingLogHandler: LogHandler, Sendable {
    let lines = Mutex<[String]>([])
    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }
    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        lines.withLock { $0.append("\(event.level) \(event.message) \(event.metadata ?? [:])") }
    }
}
