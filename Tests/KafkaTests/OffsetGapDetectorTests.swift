import Testing

@testable import Kafka

@Suite struct OffsetGapDetectorTests {
    let partition = TopicPartition(topic: "articles.raw", partition: 3)

    @Test func denseOffsetsAreNoGap() {
        var detector = OffsetGapDetector()
        detector.expect(partition, next: 5)
        #expect((5..<100).allSatisfy { detector.observe(partition, offset: $0) == nil })
    }

    @Test func aJumpPastTheCommittedOffsetIsSuspected() {
        var detector = OffsetGapDetector()
        detector.expect(partition, next: 5)
        #expect(detector.observe(partition, offset: 40) == 5..<40)
        #expect(detector.observe(partition, offset: 41) == nil)
        #expect(detector.observe(partition, offset: 45) == 42..<45)
    }

    @Test func aSeekBackIsNoGapAndAnUnknownStartIsTakenAsItComes() {
        var detector = OffsetGapDetector()
        #expect(detector.observe(partition, offset: 70) == nil)
        detector.expect(partition, next: 10)
        #expect(detector.observe(partition, offset: 10) == nil)
        detector.forget(partition)
        #expect(detector.observe(partition, offset: 500) == nil)
    }
}
