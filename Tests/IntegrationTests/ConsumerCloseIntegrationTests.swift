import Foundation
import Logging
import Synchronization
import TestSupport
import Testing

@testable import Kafka

/// Closing a consumer while its group coordinator is down, comes back mid-close, or another
/// member joins: the close returns, the process survives, and nothing past acknowledged work is
/// committed. Each round starts its own embedded broker; timings come from a seeded generator
/// (`NEWSLINE_CLOSE_ROUNDS` and `NEWSLINE_CLOSE_SEED` change how many rounds and which ones).
@Suite(.serialized, .timeLimit(.minutes(10)))
struct ConsumerCloseIntegrationTests {
    /// Rounds a run does by default: enough to cross the main timings (close before, during and
    /// after the coordinator's return, with and without a member joining) in about a minute.
    static let defaultRounds = 8

    @Test func closingWhileTheCoordinatorIsDownReturnsAndCommitsOnlyAcknowledgedWork() async throws {
        let environment = ProcessInfo.processInfo.environment
        let rounds = environment["NEWSLINE_CLOSE_ROUNDS"].flatMap(Int.init) ?? Self.defaultRounds
        var random = SplitMix64(seed: environment["NEWSLINE_CLOSE_SEED"].flatMap(UInt64.init) ?? 0x5EED)
        var slowCloses: [String] = []
        var overCommitted: [String] = []
        for round in 0..<rounds {
            let plan = CloseRound(
                downBeforeClose: .milliseconds(random.below(400)),
                upAfterClose: .milliseconds(random.below(4_000)),
                joinerOnReturn: random.below(2) == 0)
            let outcome = try await plan.run(group: "closer-\(round)")
            if !outcome.closed { slowCloses.append("round \(round) \(plan)") }
            overCommitted += outcome.overCommitted.map { "round \(round) \(plan): \($0)" }
        }

        #expect(slowCloses.isEmpty, "close did not return: \(slowCloses)")
        #expect(overCommitted.isEmpty, "committed past acknowledged work: \(overCommitted)")
    }
}

/// Closes under a coordinator outage: when the broker goes down, when it comes back, and whether
/// another member joins the group then.
struct CloseRound: CustomStringConvertible {
    var downBeforeClose: Duration
    var upAfterClose: Duration
    var joinerOnReturn: Bool

    /// How long a close may take before the round counts it as hung: the final commit waits up to
    /// the session timeout for the coordinator, leaving the group as long again.
    static let closeLimit: Duration = .seconds(30)

    var description: String {
        "down \(downBeforeClose) before close, up \(upAfterClose) after, joiner \(joinerOnReturn)"
    }

    struct Outcome {
        var closed: Bool
        var overCommitted: [String]
    }

    func run(group: String) async throws -> Outcome {
        let cluster = try TestCluster(topics: ["in"], partitions: 4)
        try await cluster.produce(sequencedEvents(2_000), to: "in")
        let configuration = cluster.configuration
        let acknowledged = AcknowledgedOffsets()
        var members: [KafkaConsumer] = []
        var readers: [Task<Void, Never>] = []
        for _ in 0..<Self.members {
            let consumer = try KafkaConsumer(configuration: configuration, groupId: group, topics: ["in"], logger: cluster.logger)
            try consumer.start()
            members.append(consumer)
            readers.append(Task { await Self.read(consumer, into: acknowledged) })
        }
        while acknowledged.total < 200 { try await Task.sleep(for: .milliseconds(10)) }
        cluster.broker.setBrokerDown(1)
        try await Task.sleep(for: downBeforeClose)
        for consumer in members { consumer.stopDelivering() }
        let closing = members.map { consumer in Task { await consumer.close() } }
        try await Task.sleep(for: upAfterClose)
        cluster.broker.setBrokerUp(1)
        var joiner: KafkaConsumer?
        if joinerOnReturn {
            joiner = try KafkaConsumer(configuration: configuration, groupId: group, topics: ["in"], logger: cluster.logger)
            try joiner?.start()
        }
        let closed = await bounded(Self.closeLimit) {
            for close in closing { await close.value }
            return true
        }
        for reader in readers { await reader.value }
        await joiner?.close()
        guard closed == true else {
            // A consumer still uses the broker: keep both for the rest of the run.
            CloseRound.abandoned.withLock { $0.append((cluster, members)) }
            return Outcome(closed: false, overCommitted: [])
        }
        let admin = try KafkaAdmin(configuration: cluster.configuration, logger: cluster.logger)
        let committed = try await admin.committedOffsets(group: group, topic: "in", partitions: 4)
        let done = acknowledged.highest
        var overCommitted: [String] = []
        for (partition, offset) in committed {
            guard let offset, offset > (done[partition] ?? 0) else { continue }
            overCommitted.append("partition \(partition) committed \(offset), acknowledged up to \(done[partition] ?? 0)")
        }
        return Outcome(closed: true, overCommitted: overCommitted)
    }

    /// Members of the group that close at once: each close is a chance for the teardown to race.
    static let members = 3

    /// Acknowledges everything the consumer hands out, keeping each partition's highest
    /// acknowledged offset + 1, until it stops delivering.
    static func read(_ consumer: KafkaConsumer, into acknowledged: AcknowledgedOffsets) async {
        var seen = 0
        while true {
            let batch = await consumer.nextBatch(limit: 50)
            if batch.isEmpty { return }
            for message in batch {
                consumer.acknowledge(message)
                acknowledged.record(message)
            }
            seen += batch.count
            // Slow down after the first messages, so the outage finds work flowing.
            if seen > 100 { try? await Task.sleep(for: .milliseconds(20)) }
        }
    }

    /// Clusters and consumers of rounds whose close never returned.
    static let abandoned = Mutex<[(TestCluster, [KafkaConsumer])]>([])
}

/// The highest acknowledged offset + 1 of each partition, across the members of a group.
final class AcknowledgedOffsets: Sendable {
    private let offsets = Mutex<[Int32: Int64]>([:])

    func record(_ message: KafkaConsumerMessage) {
        offsets.withLock { $0[message.partition] = max($0[message.partition] ?? 0, message.offset + 1) }
    }

    var highest: [Int32: Int64] { offsets.withLock { $0 } }
    var total: Int64 { highest.values.reduce(0, +) }
}
