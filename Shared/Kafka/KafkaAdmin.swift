import CRDKafka
import Foundation
import Logging

/// Topic and consumer-group administration: create and list topics, end offsets, group lag.
public final class KafkaAdmin: Sendable {
    private let client: RDKafkaClient
    private let configuration: KafkaConfiguration
    private let logger: Logger
    /// How long a single admin request may take.
    public let timeout: Duration

    public init(configuration: KafkaConfiguration, logger: Logger, timeout: Duration = .seconds(10)) throws {
        client = try RDKafkaClient(
            kind: .producer, properties: configuration.librdkafkaProperties(for: .admin), logger: logger,
            redactor: configuration.redactor)
        self.configuration = configuration
        self.logger = logger
        self.timeout = timeout
    }

    private var timeoutMilliseconds: Int32 {
        Int32(clamping: timeout.components.seconds * 1000)
    }

    /// Creates topics; topics that exist already are left as they are.
    public func createTopics(_ topics: [TopicSpecification]) async throws(KafkaError) {
        let handle = UncheckedHandle(handle: client.handle)
        let timeout = timeoutMilliseconds
        let redactor = client.redactor
        let result: Result<Void, KafkaError> = await BlockingCall.run("kafka-admin") {
            Self.createTopicsBlocking(handle.handle, topics, timeout: timeout, redactor: redactor)
        }
        try result.get()
    }

    private static func createTopicsBlocking(
        _ handle: OpaquePointer, _ topics: [TopicSpecification], timeout: Int32, redactor: SecretRedactor
    ) -> Result<Void, KafkaError> {
        var errorText = [CChar](repeating: 0, count: 512)
        var newTopics: [OpaquePointer?] = []
        defer { for topic in newTopics { rd_kafka_NewTopic_destroy(topic) } }
        for topic in topics {
            guard let newTopic = rd_kafka_NewTopic_new(topic.name, topic.partitions, topic.replicationFactor, &errorText, errorText.count) else {
                return .failure(KafkaError(code: .invalidArgument, message: "topic \(topic.name): \(text(of: errorText))"))
            }
            newTopics.append(newTopic)
        }
        let queue = rd_kafka_queue_new(handle)
        defer { rd_kafka_queue_destroy(queue) }
        let options = rd_kafka_AdminOptions_new(handle, RD_KAFKA_ADMIN_OP_CREATETOPICS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        _ = rd_kafka_AdminOptions_set_operation_timeout(options, timeout, &errorText, errorText.count)
        newTopics.withUnsafeMutableBufferPointer { buffer in
            rd_kafka_CreateTopics(handle, buffer.baseAddress, buffer.count, options, queue)
        }
        guard let event = rd_kafka_queue_poll(queue, timeout + 2_000) else {
            return .failure(KafkaError(code: .timedOut, message: "no answer to CreateTopics"))
        }
        defer { rd_kafka_event_destroy(event) }
        let eventError = rd_kafka_event_error(event)
        if eventError != RD_KAFKA_RESP_ERR_NO_ERROR {
            return .failure(RDKafkaErrorName.error(eventError, redactor: redactor))
        }
        guard let result = rd_kafka_event_CreateTopics_result(event) else {
            return .failure(KafkaError(code: .failure, message: "unexpected answer to CreateTopics"))
        }
        var count = 0
        guard let results = rd_kafka_CreateTopics_result_topics(result, &count) else { return .success(()) }
        for index in 0..<count {
            let code = rd_kafka_topic_result_error(results[index])
            if code != RD_KAFKA_RESP_ERR_NO_ERROR && code.rawValue != KafkaError.Code.topicAlreadyExists.rawValue {
                let name = String(cString: rd_kafka_topic_result_name(results[index]))
                let reason = rd_kafka_topic_result_error_string(results[index]).map { String(cString: $0) } ?? ""
                return .failure(KafkaError(code: KafkaError.Code(rawValue: code.rawValue), message: "topic \(name): \(reason)"))
            }
        }
        return .success(())
    }

    /// Every topic the cluster knows, with its partition count, by name.
    public func listTopics() async throws(KafkaError) -> [TopicDescription] {
        let handle = UncheckedHandle(handle: client.handle)
        let timeout = timeoutMilliseconds
        let redactor = client.redactor
        let result: Result<[TopicDescription], KafkaError> = await BlockingCall.run("kafka-admin") {
            var metadata: UnsafePointer<rd_kafka_metadata>?
            let code = rd_kafka_metadata(handle.handle, 1, nil, &metadata, timeout)
            guard code == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
                return .failure(RDKafkaErrorName.error(code, redactor: redactor))
            }
            defer { rd_kafka_metadata_destroy(metadata) }
            var topics: [TopicDescription] = []
            for index in 0..<Int(metadata.pointee.topic_cnt) {
                let topic = metadata.pointee.topics[index]
                topics.append(TopicDescription(name: String(cString: topic.topic), partitions: Int(topic.partition_cnt)))
            }
            return .success(topics.sorted { $0.name < $1.name })
        }
        return try result.get()
    }

    /// The low and high watermark (end offset) of every partition of a topic.
    public func watermarks(topic: String) async throws(KafkaError) -> [Int32: Watermarks] {
        guard let description = try await listTopics().first(where: { $0.name == topic }) else {
            throw KafkaError(code: .unknownTopicOrPartition, message: "topic \(topic) does not exist")
        }
        let handle = UncheckedHandle(handle: client.handle)
        let timeout = timeoutMilliseconds
        let redactor = client.redactor
        let result: Result<[Int32: Watermarks], KafkaError> = await BlockingCall.run("kafka-admin") {
            var marks: [Int32: Watermarks] = [:]
            for partition in 0..<Int32(description.partitions) {
                var low: Int64 = 0
                var high: Int64 = 0
                let code = rd_kafka_query_watermark_offsets(handle.handle, topic, partition, &low, &high, timeout)
                guard code == RD_KAFKA_RESP_ERR_NO_ERROR else {
                    return .failure(RDKafkaErrorName.error(code, redactor: redactor))
                }
                marks[partition] = Watermarks(low: low, high: high)
            }
            return .success(marks)
        }
        return try result.get()
    }

    /// The offsets a consumer group has committed for a topic's partitions (nil where none).
    public func committedOffsets(group: String, topic: String, partitions: Int) async throws(KafkaError) -> [Int32: Int64?] {
        let consumer = try RDKafkaClient(
            kind: .consumer, properties: configuration.librdkafkaProperties(for: .consumer(groupId: group)),
            logger: logger, redactor: configuration.redactor)
        let timeout = timeoutMilliseconds
        let result: Result<[Int32: Int64?], KafkaError> = await BlockingCall.run("kafka-admin") {
            let list = RDKafkaTopicPartitionList(capacity: Int32(partitions))
            for partition in 0..<Int32(partitions) { list.add(topic: topic, partition: partition) }
            let code = list.withListPointer { rd_kafka_committed(consumer.handle, $0, timeout) }
            guard code == RD_KAFKA_RESP_ERR_NO_ERROR else {
                return .failure(RDKafkaErrorName.error(code, redactor: consumer.redactor))
            }
            var offsets: [Int32: Int64?] = [:]
            for element in list.elements {
                offsets[element.partition] = element.offset >= 0 ? element.offset : nil
            }
            _ = rd_kafka_consumer_close(consumer.handle)
            return .success(offsets)
        }
        return try result.get()
    }

    /// How far a consumer group is behind the end of a topic, per partition and in total.
    public func lag(group: String, topic: String) async throws(KafkaError) -> GroupLag {
        let marks = try await watermarks(topic: topic)
        let committed = try await committedOffsets(group: group, topic: topic, partitions: marks.count)
        var partitions: [Int32: Int64] = [:]
        for (partition, mark) in marks {
            partitions[partition] = GroupLag.lag(high: mark.high, low: mark.low, committed: committed[partition] ?? nil)
        }
        return GroupLag(group: group, topic: topic, partitions: partitions)
    }
}

public struct TopicSpecification: Sendable, Equatable {
    public var name: String
    public var partitions: Int32
    public var replicationFactor: Int32

    public init(name: String, partitions: Int32, replicationFactor: Int32 = 1) {
        self.name = name
        self.partitions = partitions
        self.replicationFactor = replicationFactor
    }
}

public struct TopicDescription: Sendable, Equatable {
    public var name: String
    public var partitions: Int
}

public struct Watermarks: Sendable, Equatable {
    /// The oldest offset still kept.
    public var low: Int64
    /// The end offset: the offset the next message will get.
    public var high: Int64
}

public struct GroupLag: Sendable, Equatable {
    public var group: String
    public var topic: String
    public var partitions: [Int32: Int64]
    public var total: Int64 { partitions.values.reduce(0, +) }

    /// How many messages of a partition the group has still to read: the end offset minus the
    /// committed offset, or minus the oldest kept offset when the group never committed (it then
    /// reads from the start, `auto.offset.reset=earliest`). `newsline status` and the services'
    /// `newsline_consumer_lag` metric both count with this, so they show the same figures.
    public static func lag(high: Int64, low: Int64, committed: Int64?) -> Int64 {
        max(0, high - max(committed ?? low, low))
    }
}
