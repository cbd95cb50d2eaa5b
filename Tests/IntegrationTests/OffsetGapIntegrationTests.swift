import Foundation
import Kafka
import NewslineModels
import StageRuntime
import Synchronization
import Testing

/// A consumer group whose input was deleted before it read it hears of the loss: the embedded
/// broker keeps about 5 MiB per partition and drops the oldest messages past that.
@Suite(.serialized) struct OffsetGapIntegrationTests {
    static let topic = "gap.input"
    /// More than the embedded broker keeps in one partition.
    static let floodBytes = 7 * 1024 * 1024
    static let messageBytes = 64 * 1024

    private func flood(_ cluster: TestCluster, from first: Int) async throws {
        let count = Self.floodBytes / Self.messageBytes
        try await cluster.send((first..<(first + count)).map { number in
            KafkaProducerMessage(topic: Self.topic, key: Array("k\(number)".utf8), value: Array(repeating: UInt8(ascii: "x"), count: Self.messageBytes), partition: 0)
        })
    }

    private func readAndCommit(_ cluster: TestCluster, group: String, count: Int, gaps: GapLog? = nil) async throws -> [KafkaConsumerMessage] {
        let consumer = try KafkaConsumer(configuration: cluster.configuration, groupId: group, topics: [Self.topic], logger: cluster.logger)
        consumer.onGap { gap in gaps?.gaps.withLock { $0.append(gap) } }
        try consumer.start()
        let deadline = Task {
            try? await Task.sleep(for: .seconds(60))
            consumer.stopDelivering()
        }
        var messages: [KafkaConsumerMessage] = []
        while messages.count < count {
            let batch = await consumer.nextBatch(limit: min(100, count - messages.count))
            if batch.isEmpty { break }
            for message in batch { consumer.acknowledge(message) }
            messages += batch
        }
        deadline.cancel()
        try await consumer.commit()
        await consumer.close()
        return messages
    }

    @Test func aGroupResumingPastDeletedInputIsToldTheLostRange() async throws {
        let cluster = try TestCluster(topics: [Self.topic], partitions: 1)
        try await cluster.send((0..<10).map { KafkaProducerMessage(topic: Self.topic, key: nil, value: Array("m\($0)".utf8), partition: 0) })
        let first = try await readAndCommit(cluster, group: "gap-group", count: 10)
        #expect(first.count == 10)

        // While the group is away, more than the broker keeps arrives: offsets from 10 on are dropped.
        try await flood(cluster, from: 10)
        let admin = try KafkaAdmin(configuration: cluster.configuration, logger: cluster.logger)
        let marks = try #require(try await admin.watermarks(topic: Self.topic)[0])
        #expect(marks.low > 10, "the flood should have pushed the oldest kept offset past the group's position")

        let gaps = GapLog()
        let rest = try await readAndCommit(cluster, group: "gap-group", count: Int(marks.high - marks.low), gaps: gaps)
        #expect(rest.first?.offset == marks.low)
        #expect(gaps.gaps.withLock { $0 } == [OffsetGap(topic: Self.topic, partition: 0, offsets: 10..<marks.low)])
    }

    @Test func aGroupThatReadEverythingHearsOfNoGap() async throws {
        let cluster = try TestCluster(topics: [Self.topic], partitions: 1)
        try await cluster.send((0..<50).map { KafkaProducerMessage(topic: Self.topic, key: nil, value: Array("m\($0)".utf8), partition: 0) })
        let gaps = GapLog()
        _ = try await readAndCommit(cluster, group: "calm-group", count: 20, gaps: gaps)
        let rest = try await readAndCommit(cluster, group: "calm-group", count: 30, gaps: gaps)
        #expect(rest.count == 30)
        #expect(gaps.gaps.withLock { $0 }.isEmpty)
    }
}

final class GapLog: Sendable {
    let gaps = Mutex<[OffsetGap]>([])
}
