/// Notices a partition's position jumping forward past offsets that were never handed out.
///
/// Offsets on Newsline's topics are dense: no transactions, no compaction. A consumer whose position
/// was reset past unread data (retention deleted it, or the embedded broker dropped a partition's
/// oldest messages) sees the next message at a higher offset than the one it expected. The detector
/// only suspects; the consumer confirms with the partition's oldest kept offset that data was lost.
struct OffsetGapDetector {
    private var expected: [TopicPartition: Int64] = [:]

    /// The offset the next message of a partition should have: its committed offset on assignment,
    /// the target of a seek.
    mutating func expect(_ partition: TopicPartition, next offset: Int64) {
        expected[partition] = offset
    }

    mutating func forget(_ partition: TopicPartition) {
        expected[partition] = nil
    }

    /// Records a fetched message; returns the skipped range `from..<to` when it jumped ahead.
    mutating func observe(_ partition: TopicPartition, offset: Int64) -> Range<Int64>? {
        let previous = expected[partition]
        expected[partition] = offset + 1
        guard let previous, offset > previous else { return nil }
        return previous..<offset
    }
}

/// Offsets of a partition that were deleted before this consumer group read them.
public struct OffsetGap: Sendable, Equatable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32
    /// The lost offsets: from the group's position to the oldest offset still kept.
    public var offsets: Range<Int64>

    public init(topic: String, partition: Int32, offsets: Range<Int64>) {
        self.topic = topic
        self.partition = partition
        self.offsets = offsets
    }

    public var count: Int64 { offsets.upperBound - offsets.lowerBound }

    public var description: String {
        "\(topic)[\(partition)] offsets \(offsets.lowerBound)..<\(offsets.upperBound) (\(count) messages) were deleted before they were read"
    }
}
