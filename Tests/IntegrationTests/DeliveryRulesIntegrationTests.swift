import Foundation
import Logging
import NewslineModels
import StageRuntime
import Synchronization
import TestSupport
import Testing

@testable import Kafka

/// The delivery rules where they meet the broker: rewinds, errors about the service or one
/// message, fatal producer errors, stage defects, the shutdown budget, cooperative rebalancing and
/// purges. Each test starts its own embedded broker.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct DeliveryRulesIntegrationTests {
    /// A rewind while the partition flows: the next message handed out is the rewound one, so no
    /// acknowledgement can store an offset past it.
    @Test func aRewindUnderFlowHandsOutTheRewoundInputFirst() async throws {
        let cluster = try TestCluster(topics: ["in"], partitions: 1)
        let total = 20_000
        try await cluster.produce(sequencedEvents(total, keys: 1), to: "in")
        let consumer = try KafkaConsumer(configuration: cluster.configuration, groupId: "rewinder", topics: ["in"], logger: cluster.logger)
        try consumer.start()
        var rewinds = 0
        var expected: Int64?
        var violations: [String] = []
        var highest: Int64 = -1
        while true {
            let batch = await consumer.nextBatch(limit: 50)
            if batch.isEmpty { break }
            if let target = expected {
                if batch[0].offset != target { violations.append("rewound to \(target), got \(batch[0].offset) first") }
                expected = nil
            }
            if rewinds < 40, batch.count > 2 {
                let target = batch[batch.count / 2]
                for message in batch where message.offset < target.offset { consumer.acknowledge(message) }
                consumer.rewind(to: target)
                rewinds += 1
                expected = target.offset
                continue
            }
            for message in batch { consumer.acknowledge(message) }
            highest = max(highest, batch.last!.offset)
            if highest == Int64(total - 1) { break }
        }
        try await consumer.commit()
        await consumer.close()
        let admin = try KafkaAdmin(configuration: cluster.configuration, logger: cluster.logger)
        let committed = try await admin.committedOffsets(group: "rewinder", topic: "in", partitions: 1)

        #expect(rewinds == 40)
        #expect(violations.isEmpty, "\(violations.count) rewinds let a later message through: \(violations.prefix(3))")
        #expect(committed[0] == Int64(total))
    }

    /// An output topic the service may not write to stops the service: nothing dead-lettered,
    /// nothing committed, and `run` throws, so the process exits non-zero.
    @Test func anUnauthorizedOutputTopicStopsTheServiceInsteadOfDeadLettering() async throws {
        let cluster = try TestCluster(topics: ["in", "out", Topics.deadletter.name], partitions: 1)
        try await cluster.produce(sequencedEvents(100), to: "in")
        cluster.broker.pushRequestErrors(.produce, [.topicAuthorizationFailed])
        let relay = try RunnerUnderTest(cluster, group: "relay-auth")
        let outcome = await bounded(.seconds(60)) { await relay.outcome() }

        #expect(outcome?.code == .topicAuthorizationFailed, "\(String(describing: outcome))")
        #expect(try await cluster.endOffset(Topics.deadletter.name) == 0)
        let admin = try KafkaAdmin(configuration: cluster.configuration, logger: cluster.logger)
        let committed = try await admin.committedOffsets(group: "relay-auth", topic: "in", partitions: 1)
        #expect(((committed[0] ?? nil) ?? 0) <= 0, "committed \(String(describing: committed[0]))")
    }

    /// A fatal idempotent-producer error stops the service with the error, rather than leave it up
    /// doing nothing.
    @Test func aFatalProducerErrorStopsTheService() async throws {
        let cluster = try TestCluster(topics: ["in", "out", Topics.deadletter.name], partitions: 2)
        try await cluster.produce(sequencedEvents(200), to: "in")
        let relay = try RunnerUnderTest(cluster, group: "relay-fatal")
        _ = try await cluster.read("out", count: 200)
        relay.producer.raiseFatalError(.outOfOrderSequenceNumber, reason: "injected by the test")
        let outcome = await bounded(.seconds(30)) { await relay.outcome() }

        #expect(outcome?.code == .fatal, "\(String(describing: outcome))")
        #expect(outcome?.message.contains("OUT_OF_ORDER_SEQUENCE_NUMBER") == true, "\(String(describing: outcome))")
        #expect(try await cluster.endOffset(Topics.deadletter.name) == 0)
    }

    /// A message the broker refuses as too large is that input's problem: it is dead-lettered and
    /// the partition flows on.
    @Test func aMessageRefusedAsTooLargeIsDeadLetteredAndThePartitionFlows() async throws {
        let cluster = try TestCluster(topics: ["in", "out", Topics.deadletter.name], partitions: 1)
        try await cluster.produce(sequencedEvents(1), to: "in")
        cluster.broker.pushRequestErrors(.produce, [.messageSizeTooLarge])
        let relay = try RunnerUnderTest(cluster, group: "relay-large")
        let letters = try await cluster.read(Topics.deadletter.name, count: 1)
        try await cluster.produce(sequencedEvents(50, from: 1), to: "in")
        let output = try cluster.events(in: try await cluster.read("out", count: 50))
        relay.runner.stop()
        let outcome = await bounded(.seconds(30)) { await relay.outcome() }

        #expect(letters.count == 1)
        #expect(letters.first?.headers.text(for: DeadLetterHeader.errorClass) == "output-rejected")
        #expect(Set(output.map(\.sequence)) == Set(1...50))
        #expect(outcome == .returned, "a clean stop: \(String(describing: outcome))")
    }

    /// A batch stage that returns too few outcomes: the inputs without one are dead-lettered as a
    /// stage defect, and every offset commits.
    @Test func inputsABatchStageGaveNoOutcomeAreDeadLettered() async throws {
        let cluster = try TestCluster(topics: ["in", "out", Topics.deadletter.name], partitions: 1)
        let total = 300
        try await cluster.produce(sequencedEvents(total), to: "in")
        let relay = try RunnerUnderTest(cluster, group: "relay-short", stage: ShortStage())
        let admin = try KafkaAdmin(configuration: cluster.configuration, logger: cluster.logger)
        var committed: [Int32: Int64?] = [:]
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            committed = try await admin.committedOffsets(group: "relay-short", topic: "in", partitions: 1)
            if committed[0] == Int64(total) { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        relay.runner.stop()
        _ = await bounded(.seconds(30)) { await relay.outcome() }
        let output = try await cluster.read("out", count: Int(try await cluster.endOffset("out")))
        let letters = try await cluster.read(Topics.deadletter.name, count: Int(try await cluster.endOffset(Topics.deadletter.name)))

        #expect(!letters.isEmpty)
        #expect(output.count + letters.count == total)
        #expect(letters.allSatisfy { $0.headers.text(for: DeadLetterHeader.errorClass) == RejectedInput.stageDefect })
        #expect(committed[0] == Int64(total))
    }

    /// With the broker gone mid-stream, a stop returns within the shutdown budget; what was not
    /// delivered is not committed and comes through after a restart. The in-flight limit is small,
    /// so the runner is surely waiting for room the gone broker never acknowledges.
    @Test func shutdownStaysWithinItsBudgetAndLosesNothing() async throws {
        let cluster = try TestCluster(topics: ["in", "out", Topics.deadletter.name], partitions: 4)
        let total = 20_000
        try await cluster.produce(sequencedEvents(total), to: "in")
        let relay = try RunnerUnderTest(cluster, group: "relay-budget", budget: .seconds(3), maxInFlight: 100)
        while try await cluster.endOffset("out") < 200 { try await Task.sleep(for: .milliseconds(20)) }
        cluster.broker.setBrokerDown(1)
        try await Task.sleep(for: .milliseconds(300))
        let started = ContinuousClock.now
        relay.runner.stop()
        let outcome = await bounded(.seconds(60)) { await relay.outcome() }
        let took = ContinuousClock.now - started
        cluster.broker.setBrokerUp(1)

        #expect(outcome != nil)
        #expect(took < .seconds(8), "stop took \(took) with a 3 s budget")
        let again = try RunnerUnderTest(cluster, group: "relay-budget")
        let output = try cluster.events(in: try await cluster.read("out", timeout: .seconds(120)) { messages in
            Set(try! cluster.events(in: messages).map(\.sequence)).count >= total
        })
        again.runner.stop()
        _ = await bounded(.seconds(30)) { await again.outcome() }
        #expect(Set(output.map(\.sequence)).count == total, "lost \(total - Set(output.map(\.sequence)).count)")
    }

    /// `partition.assignment.strategy=cooperative-sticky`: a second member takes half the
    /// partitions by incremental assignment, with nothing lost.
    @Test func cooperativeRebalancingSharesThePartitionsWithoutLoss() async throws {
        let cluster = try TestCluster(topics: ["in", "out", Topics.deadletter.name], partitions: 4)
        var configuration = cluster.configuration
        configuration.properties["partition.assignment.strategy"] = "cooperative-sticky"
        let first = try RunnerUnderTest(cluster, group: "relay-coop", configuration: configuration)
        let total = 4_000
        let feeder = Task {
            for start in stride(from: 0, to: total, by: 200) {
                try await cluster.produce(sequencedEvents(200, from: start), to: "in")
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        try await Task.sleep(for: .seconds(1))
        let second = try RunnerUnderTest(cluster, group: "relay-coop", configuration: configuration)
        try await feeder.value
        let output = try cluster.events(in: try await cluster.read("out", timeout: .seconds(90)) { messages in
            Set(try! cluster.events(in: messages).map(\.sequence)).count >= total
        })
        let firstAssignment = first.consumer.assignment
        let secondAssignment = second.consumer.assignment
        second.runner.stop()
        first.runner.stop()
        let outcomes = [await bounded(.seconds(30)) { await second.outcome() }, await bounded(.seconds(30)) { await first.outcome() }]

        #expect(Set(output.map(\.sequence)).count == total, "lost \(total - Set(output.map(\.sequence)).count)")
        #expect(firstAssignment.count == 2 && secondAssignment.count == 2, "\(firstAssignment) \(secondAssignment)")
        #expect(Set(firstAssignment).isDisjoint(with: secondAssignment))
        #expect(outcomes.allSatisfy { $0 == .returned }, "\(outcomes)")
    }

    /// Messages in flight to a slow broker when the flush times out: every promise has its result
    /// once `shutdown` returns.
    @Test func everyPromiseIsSettledAfterAPurgeOfInFlightMessages() async throws {
        let cluster = try TestCluster(topics: ["out"], partitions: 4)
        cluster.broker.setRoundTripTime(1, milliseconds: 3_000)
        let producer = try KafkaProducer(configuration: cluster.configuration, logger: cluster.logger)
        producer.start()
        var promises: [DeliveryPromise] = []
        for index in 0..<2_000 {
            promises.append(try await producer.enqueue(KafkaProducerMessage(topic: "out", key: Array("k\(index)".utf8), value: [1])))
        }
        try await Task.sleep(for: .milliseconds(500))
        _ = await bounded(.seconds(30)) { await producer.shutdown(flushTimeout: .milliseconds(200)) }

        let unsettled = promises.filter { !$0.isSettled }.count
        #expect(unsettled == 0, "\(unsettled) of 2000 unsettled")
    }
}

/// Forwards each batch but the last input's outcome, as a defective batch stage would.
struct ShortStage: BatchStage {
    let relay = PerMessageStage(RelayStage(inputTopic: "in", output: "out"))
    var name: String { "short" }
    var inputTopic: String { "in" }
    var outputTopic: Topic<SequencedEvent> { relay.outputTopic }

    func process(_ batch: [KafkaConsumerMessage]) async -> [StageOutcome<SequencedEvent>] {
        Array(await relay.process(batch).dropLast())
    }
}

/// How a runner's `run` ended.
enum RunOutcome: Sendable, Equatable {
    case returned
    case threw(KafkaError)

    var code: KafkaError.Code? {
        if case .threw(let error) = self { error.code } else { nil }
    }

    var message: String {
        if case .threw(let error) = self { error.message } else { "" }
    }
}

/// A stage runner in this process with its clients at hand.
struct RunnerUnderTest<S: BatchStage>: Sendable {
    let runner: StageRunner<S>
    let consumer: KafkaConsumer
    let producer: KafkaProducer
    let task: Task<Void, any Error>

    init(
        _ cluster: TestCluster, group: String, stage: S, configuration: KafkaConfiguration? = nil,
        budget: Duration = .seconds(25), maxInFlight: Int = 5_000
    ) throws {
        let configuration = configuration ?? cluster.configuration
        consumer = try KafkaConsumer(configuration: configuration, groupId: group, topics: [stage.inputTopic], logger: cluster.logger)
        producer = try KafkaProducer(configuration: configuration, logger: cluster.logger)
        let runner = StageRunner(
            stage: stage, consumer: consumer, producer: producer, logger: cluster.logger, maxInFlight: maxInFlight,
            shutdownBudget: budget)
        self.runner = runner
        task = Task { try await runner.run() }
    }

    /// How `run` ended: nil for a clean return, else the error it threw.
    func outcome() async -> RunOutcome {
        do {
            try await task.value
            return .returned
        } catch let error as KafkaError {
            return .threw(error)
        } catch {
            return .threw(KafkaError(code: .failure, message: "\(error)"))
        }
    }
}

extension RunnerUnderTest where S == PerMessageStage<RelayStage> {
    init(
        _ cluster: TestCluster, group: String, configuration: KafkaConfiguration? = nil, budget: Duration = .seconds(25),
        maxInFlight: Int = 5_000
    ) throws {
        try self.init(
            cluster, group: group, stage: PerMessageStage(RelayStage(inputTopic: "in", output: "out")),
            configuration: configuration, budget: budget, maxInFlight: maxInFlight)
    }
}

