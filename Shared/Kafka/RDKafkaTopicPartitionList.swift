import CRDKafka

/// Swift wrapper type for `rd_kafka_topic_partition_list_t`.
final class RDKafkaTopicPartitionList {
    private let pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>
    private let owned: Bool

    init(capacity: Int32 = 1) {
        pointer = rd_kafka_topic_partition_list_new(capacity)
        owned = true
    }

    /// Wraps a list librdkafka owns, for the duration of a callback.
    init(borrowing pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) {
        self.pointer = pointer
        owned = false
    }

    deinit {
        if owned { rd_kafka_topic_partition_list_destroy(pointer) }
    }

    func add(topic: String, partition: Int32, offset: Int64? = nil) {
        let element = rd_kafka_topic_partition_list_add(pointer, topic, partition)
        if let offset { element?.pointee.offset = offset }
    }

    func setOffset(topic: String, partition: Int32, offset: Int64) {
        _ = rd_kafka_topic_partition_list_set_offset(pointer, topic, partition, offset)
    }

    var partitions: [TopicPartition] {
        elements.map { TopicPartition(topic: $0.topic, partition: $0.partition) }
    }

    /// Every element with its offset and error code.
    var elements: [(topic: String, partition: Int32, offset: Int64, error: Int32)] {
        (0..<Int(pointer.pointee.cnt)).map { index in
            let element = pointer.pointee.elems[index]
            return (String(cString: element.topic), element.partition, element.offset, element.err.rawValue)
        }
    }

    /// Lends the C list to `body`. Do not escape the pointer.
    func withListPointer<T>(_ body: (UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) throws -> T) rethrows -> T {
        try body(pointer)
    }
}
