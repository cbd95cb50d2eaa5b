import Testing

@testable import Kafka

@Suite struct OffsetTrackerTests {
    let partition = TopicPartition(topic: "t", partition: 0)

    @Test func storesTheContiguousWatermarkPlusOne() {
        var tracker = OffsetTracker()
        tracker.assign(partition)
        let generation = tracker.generation(of: partition)!
        for offset in Int64(10)...14 { _ = tracker.delivered(partition, offset: offset) }
        #expect(tracker.acknowledge(partition, offset: 11, generation: generation) == nil)
        #expect(tracker.acknowledge(partition, offset: 12, generation: generation) == nil)
        #expect(tracker.acknowledge(partition, offset: 10, generation: generation) == 13)
        #expect(tracker.acknowledge(partition, offset: 14, generation: generation) == nil)
        #expect(tracker.acknowledge(partition, offset: 13, generation: generation) == 15)
        #expect(tracker.inFlight == 0)
    }

    @Test func revokedWorkNeverStores() {
        var tracker = OffsetTracker()
        tracker.assign(partition)
        let old = tracker.generation(of: partition)!
        _ = tracker.delivered(partition, offset: 5)
        tracker.revoke(partition)
        #expect(tracker.acknowledge(partition, offset: 5, generation: old) == nil)
        tracker.assign(partition)
        let new = tracker.generation(of: partition)!
        #expect(new != old)
        #expect(tracker.acknowledge(partition, offset: 5, generation: old) == nil)
        _ = tracker.delivered(partition, offset: 5)
        #expect(tracker.acknowledge(partition, offset: 5, generation: new) == 6)
    }

    @Test func rewindForgetsWorkAfterTheRewoundMessage() {
        var tracker = OffsetTracker()
        tracker.assign(partition)
        let first = tracker.generation(of: partition)!
        for offset in Int64(0)...3 { _ = tracker.delivered(partition, offset: offset) }
        #expect(tracker.acknowledge(partition, offset: 0, generation: first) == 1)
        tracker.rewind(partition, to: 1)
        #expect(tracker.acknowledge(partition, offset: 2, generation: first) == nil)
        #expect(!tracker.isCurrent(partition, generation: first))
        #expect(tracker.inFlight(of: partition) == 0)
    }

    @Test func longRunsCompactWithoutLosingTheWatermark() {
        var tracker = OffsetTracker()
        tracker.assign(partition)
        let generation = tracker.generation(of: partition)!
        var stored: Int64?
        for offset in Int64(0)..<5_000 {
            _ = tracker.delivered(partition, offset: offset)
            stored = tracker.acknowledge(partition, offset: offset, generation: generation) ?? stored
        }
        #expect(stored == 5_000)
    }
}

@Suite struct OffsetTrackerSeekTests {
    let partition = TopicPartition(topic: "t", partition: 0)

    @Test func aRewoundPartitionAcceptsNothingUntilItsSeekIsDone() {
        var tracker = OffsetTracker()
        tracker.assign(partition)
        let first = tracker.generation(of: partition)!
        for offset in Int64(0)...9 { _ = tracker.delivered(partition, offset: offset) }
        tracker.rewind(partition, to: 3)
        // A message fetched from the old position before the seek must not get the new generation:
        // its acknowledgement would store an offset past the rewound input.
        #expect(tracker.acceptingGeneration(of: partition) == nil)
        #expect(tracker.pendingSeeks.map(\.offset) == [3])
        let second = tracker.generation(of: partition)!
        #expect(second != first)
        tracker.seekSucceeded(partition, generation: second)
        #expect(tracker.acceptingGeneration(of: partition) == second)
        #expect(tracker.pendingSeeks.isEmpty)
        _ = tracker.delivered(partition, offset: 3)
        #expect(tracker.acknowledge(partition, offset: 3, generation: second) == 4)
    }

    @Test func aFailedSeekStaysPendingAndCountsItsAttempts() {
        var tracker = OffsetTracker()
        tracker.assign(partition)
        tracker.rewind(partition, to: 7)
        let generation = tracker.generation(of: partition)!
        #expect(tracker.seekFailed(partition, generation: generation) == 1)
        #expect(tracker.seekFailed(partition, generation: generation) == 2)
        #expect(tracker.pendingSeeks.map(\.offset) == [7])
        #expect(tracker.acceptingGeneration(of: partition) == nil)
    }

    @Test func aSeekForAnEarlierRewindLeavesTheLaterOnePending() {
        var tracker = OffsetTracker()
        tracker.assign(partition)
        tracker.rewind(partition, to: 10)
        let earlier = tracker.generation(of: partition)!
        tracker.rewind(partition, to: 4)
        tracker.seekSucceeded(partition, generation: earlier)
        #expect(tracker.seekFailed(partition, generation: earlier) == 0)
        #expect(tracker.pendingSeeks.map(\.offset) == [4])
        #expect(tracker.acceptingGeneration(of: partition) == nil)
    }
}
