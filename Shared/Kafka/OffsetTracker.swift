/// Per-partition bookkeeping of delivered and acknowledged offsets.
///
/// Messages are acknowledged in any order; the offset to store is the contiguous acknowledged
/// watermark + 1, so a commit never skips a message whose work is still in flight. Each assignment
/// of a partition gets a new generation; acknowledgements from an earlier generation (a revoked or
/// rewound partition) are ignored, so that work never commits.
///
/// A rewound partition accepts no message until its seek is done: messages fetched from the old
/// position in between would otherwise carry the new generation and store offsets past the
/// rewound input.
struct OffsetTracker {
    private struct PartitionState {
        var generation: UInt64
        /// The offset this generation must be read from; set until the seek there succeeded.
        var seekTarget: Int64?
        /// Failed attempts of the pending seek.
        var seekFailures = 0
        /// Offsets handed to the application, in delivery order, from `head` on.
        var delivered: [Int64] = []
        var head = 0
        var acknowledged: Set<Int64> = []

        var inFlight: Int { delivered.count - head }
    }

    private var partitions: [TopicPartition: PartitionState] = [:]
    private var nextGeneration: UInt64 = 1

    mutating func assign(_ partition: TopicPartition) {
        partitions[partition] = PartitionState(generation: nextGeneration)
        nextGeneration += 1
    }

    mutating func revoke(_ partition: TopicPartition) {
        partitions[partition] = nil
    }

    /// Forgets in-flight work of a partition that will be read again from `offset`; the partition
    /// accepts messages again once `seekSucceeded` says the consumer is there.
    mutating func rewind(_ partition: TopicPartition, to offset: Int64) {
        guard partitions[partition] != nil else { return }
        assign(partition)
        partitions[partition]?.seekTarget = offset
    }

    /// Seeks still to do: partition, offset and the generation they are for.
    var pendingSeeks: [(partition: TopicPartition, offset: Int64, generation: UInt64)] {
        partitions.compactMap { partition, state in
            state.seekTarget.map { (partition, $0, state.generation) }
        }.sorted { $0.partition < $1.partition }
    }

    /// The seek for this generation is done: the partition accepts messages again.
    mutating func seekSucceeded(_ partition: TopicPartition, generation: UInt64) {
        guard partitions[partition]?.generation == generation else { return }
        partitions[partition]?.seekTarget = nil
        partitions[partition]?.seekFailures = 0
    }

    /// The seek for this generation failed; it stays pending. Returns the failed attempts so far
    /// (0 when the partition moved on and the seek is no longer wanted).
    mutating func seekFailed(_ partition: TopicPartition, generation: UInt64) -> Int {
        guard partitions[partition]?.generation == generation else { return 0 }
        partitions[partition]?.seekFailures += 1
        return partitions[partition]?.seekFailures ?? 0
    }

    /// The generation to give a message just fetched; nil when the partition is not assigned or
    /// waits for a seek (the message must then be dropped).
    func acceptingGeneration(of partition: TopicPartition) -> UInt64? {
        guard let state = partitions[partition], state.seekTarget == nil else { return nil }
        return state.generation
    }

    var assigned: [TopicPartition] { Array(partitions.keys) }

    /// The current generation of an assigned partition; nil when it is not assigned.
    func generation(of partition: TopicPartition) -> UInt64? {
        partitions[partition]?.generation
    }

    /// Records a message handed to the application; returns its generation, or nil when the
    /// partition is not assigned (the message must then be dropped).
    mutating func delivered(_ partition: TopicPartition, offset: Int64) -> UInt64? {
        guard var state = partitions[partition] else { return nil }
        state.delivered.append(offset)
        partitions[partition] = state
        return state.generation
    }

    func isCurrent(_ partition: TopicPartition, generation: UInt64) -> Bool {
        partitions[partition]?.generation == generation
    }

    /// Marks a message's work done; returns the offset to store when the watermark advanced.
    mutating func acknowledge(_ partition: TopicPartition, offset: Int64, generation: UInt64) -> Int64? {
        guard var state = partitions[partition], state.generation == generation else { return nil }
        state.acknowledged.insert(offset)
        var watermark: Int64?
        while state.head < state.delivered.count, state.acknowledged.remove(state.delivered[state.head]) != nil {
            watermark = state.delivered[state.head]
            state.head += 1
        }
        if state.head > 1024, state.head * 2 > state.delivered.count {
            state.delivered.removeFirst(state.head)
            state.head = 0
        }
        partitions[partition] = state
        // Kafka's committed offset is the next one to read, hence + 1.
        return watermark.map { $0 + 1 }
    }

    /// Messages of one partition handed out and not yet acknowledged.
    func inFlight(of partition: TopicPartition) -> Int {
        partitions[partition]?.inFlight ?? 0
    }

    /// Messages handed out and not yet acknowledged, over all partitions.
    var inFlight: Int { partitions.values.reduce(0) { $0 + $1.inFlight } }
}
