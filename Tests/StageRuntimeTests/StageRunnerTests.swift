import Foundation
import Kafka
import Logging
import NewslineModels
import ServiceLifecycle
import TestSupport
import Testing

@testable import StageRuntime

/// A batch stage that answers each input with one event, or with `outcomes` events in all when set.
struct CountingStage: BatchStage {
    struct Event: ArticleEvent {
        static let eventType = "test.counted"
        var articleId: String
    }
    var outcomes: Int?
    var name: String { "count" }
    var inputTopic: String { "in" }
    var outputTopic: Topic<Event> { Topic("out") }

    func process(_ batch: [KafkaConsumerMessage]) async -> [StageOutcome<Event>] {
        processSync(batch)
    }
}

/// A service that fails as soon as it runs, as an HTTP server whose port is taken.
struct FailingService: Service {
    struct BindFailed: Error {}
    func run() async throws { throw BindFailed() }
}

@Suite(.timeLimit(.minutes(2)))
struct StageRunnerTests {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    func messages(_ count: Int) -> [KafkaConsumerMessage] {
        (0..<count).map {
            KafkaConsumerMessage(topic: "in", partition: 0, offset: Int64($0), key: nil, value: [], headers: [], timestampMilliseconds: nil)
        }
    }

    /// A runner whose broker is a closed port: it never gets a message.
    func unreachableRunner(budget: Duration = .seconds(5)) throws -> StageRunner<CountingStage> {
        let configuration = KafkaConfiguration(bootstrapServers: ["127.0.0.1:1"])
        return StageRunner(
            stage: CountingStage(),
            consumer: try KafkaConsumer(configuration: configuration, groupId: "g", topics: ["in"], logger: logger),
            producer: try KafkaProducer(configuration: configuration, logger: logger), logger: logger,
            shutdownBudget: budget)
    }

    @Test func inputsPastTheLastOutcomeAreDeadLetteredAsAStageDefect() {
        let batch = messages(3)
        let outcomes = CountingStage(outcomes: 1).processSync(batch)
        let pairs = StageRunner<CountingStage>.pair(batch, outcomes, stage: "count", logger: logger)
        #expect(pairs.map(\.0.offset) == [0, 1, 2])
        guard case .produced = pairs[0].1.result else {
            Issue.record("the first input keeps its outcome")
            return
        }
        for (_, outcome) in pairs.dropFirst() {
            guard case .rejected(let error) = outcome.result, let rejected = error as? RejectedInput else {
                Issue.record("an input without an outcome must be rejected")
                continue
            }
            #expect(rejected.reason == RejectedInput.stageDefect)
            #expect(rejected.message.contains("1 outcomes for 3 inputs"))
        }
    }

    @Test func outcomesPastTheLastInputAreDropped() {
        let batch = messages(2)
        let pairs = StageRunner<CountingStage>.pair(batch, CountingStage(outcomes: 4).processSync(batch), stage: "count", logger: logger)
        #expect(pairs.map(\.0.offset) == [0, 1])
    }

    @Test func aRunnerRefusesAConsumerThatWouldStoreOffsetsItself() async throws {
        let configuration = KafkaConfiguration(bootstrapServers: ["127.0.0.1:1"], properties: ["enable.auto.offset.store": "true"])
        let runner = StageRunner(
            stage: CountingStage(),
            consumer: try KafkaConsumer(configuration: configuration, groupId: "g", topics: ["in"], logger: logger),
            producer: try KafkaProducer(configuration: configuration, logger: logger), logger: logger)
        let outcome = await bounded(.seconds(20)) { () -> String in
            do {
                try await runner.run()
                return "returned"
            } catch {
                return "\(error)"
            }
        }
        #expect(outcome?.contains("enable.auto.offset.store=true") == true, "\(outcome ?? "still running")")
    }

    @Test func stopBeforeRunMakesRunReturn() async throws {
        let runner = try unreachableRunner()
        runner.stop()
        let returned = await bounded(.seconds(20)) { (try? await runner.run()) != nil }
        #expect(returned == true)
    }

    /// A failing extra service (the index's HTTP bind) cancels the group: the runner, waiting for
    /// messages that never come, must return so the process exits with the error.
    @Test func aFailingServiceBesideTheRunnerEndsTheGroup() async throws {
        let runner = try unreachableRunner()
        let configuration = ServiceMain.groupConfiguration(
            [.init(service: runner), .init(service: FailingService())], budget: .seconds(5), logger: logger)
        let outcome = await bounded(.seconds(30)) { () -> String in
            do {
                try await ServiceGroup(configuration: configuration).run()
                return "returned"
            } catch {
                return "threw \(type(of: error))"
            }
        }
        #expect(outcome?.hasPrefix("threw") == true, "\(outcome ?? "still running after 30 s")")
    }

    @Test func theShutdownBudgetComesFromTheFlagTheEnvironmentOrTheDefault() throws {
        var options = try ServiceOptions.parse([])
        #expect(try options.shutdownBudget(environment: [:]) == ServiceOptions.defaultShutdownBudget)
        #expect(try options.shutdownBudget(environment: ["NEWSLINE_SHUTDOWN_BUDGET": "12.5"]) == .milliseconds(12_500))
        #expect(throws: (any Error).self) { try options.shutdownBudget(environment: ["NEWSLINE_SHUTDOWN_BUDGET": "soon"]) }
        options = try ServiceOptions.parse(["--shutdown-budget", "3"])
        #expect(try options.shutdownBudget(environment: ["NEWSLINE_SHUTDOWN_BUDGET": "12"]) == .seconds(3))
        options = try ServiceOptions.parse(["--shutdown-budget", "0"])
        #expect(throws: (any Error).self) { try options.shutdownBudget(environment: [:]) }
        #expect(ServiceOptions.defaultShutdownBudget < .seconds(30), "below the pods' terminationGracePeriodSeconds")
    }
}

extension CountingStage {
    func processSync(_ batch: [KafkaConsumerMessage]) -> [StageOutcome<Event>] {
        (0..<(outcomes ?? batch.count)).map { StageOutcome(.produced([Event(articleId: "a\($0)")])) }
    }
}
