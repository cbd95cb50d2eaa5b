import Foundation
import IndexStage
import Kafka
import Logging
import NewslineModels

/// One chaos scenario: a fresh pipeline, the articles, the fault, the drain and the audit.
struct ChaosRun: Sendable {
    let scenario: ChaosScenario
    let articles: Int
    let timeout: Int
    let samples: String
    let directory: String

    struct Input: Sendable {
        var key: String
        var articleId: String
        var message: KafkaProducerMessage
        var isPoison: Bool
    }

    func execute(baseline: ChaosReport?) async throws -> ChaosReport {
        let logger = CommandLogging.logger("chaos")
        try? FileManager.default.removeItem(atPath: directory)
        let indexPath = directory + "/index.sqlite"
        let inputs = try makeInputs()
        let pipeline = try await LocalPipeline.start(
            partitions: 8, counts: ["ingest": 1, "parse": 1, "enrich": scenario.enrichInstances, "index": 1],
            indexPath: indexPath, logDirectory: directory + "/logs", httpPort: 0, environment: scenario.environment)
        let follower = try PipelineFollower(configuration: pipeline.configuration, logger: logger)
        let started = ContinuousClock.now
        var faultEnds: [ContinuousClock.Instant] = []
        var drained = false
        do {
            let configuration = pipeline.configuration
            let publisher = Task { try await publish(inputs, configuration: configuration, logger: logger) }
            faultEnds = try await injectFault(pipeline: pipeline, follower: follower, total: inputs.count)
            try await publisher.value
            drained = try await drain(follower, expecting: inputs, pipeline: pipeline)
        } catch {
            await follower.stop()
            await pipeline.stop()
            throw error
        }
        let elapsed = ContinuousClock.now - started
        await follower.stop()
        await pipeline.stop()
        let documents = try ArticleIndex(path: indexPath).documentCount()
        return ChaosReport(
            scenario: scenario, inputs: inputs, outcome: follower.outcome, documents: documents, drained: drained,
            seconds: elapsed.seconds, faultEnds: faultEnds, baseline: baseline)
    }

    /// Unique articles made from the samples; the poison scenario replaces every tenth by a bad input.
    private func makeInputs() throws -> [Input] {
        let raws = try StageBenchCorpus.make(samples: samples, count: articles)
        let bad = try RawInputCollector.collect([samples + "/bad"]).filter { !$0.name.hasSuffix(".md") && !$0.name.hasSuffix(".py") }
            .map { try $0.read() }
        var generator = SystemRandomNumberGenerator()
        return raws.enumerated().map { number, raw in
            let url = raw.sourceURL ?? "https://chaos.newsline.example/\(number)"
            var bytes = raw.bytes
            let poison = scenario == .poison && number % 10 == 5
            if poison {
                bytes = number % 20 == 5 && !bad.isEmpty
                    ? bad[(number / 20) % bad.count] : (0..<2_048).map { _ in UInt8.random(in: 0...255, using: &generator) }
            }
            var headers = [KafkaHeader(key: RawArticleHeader.sourceURL, text: url)]
            if let type = raw.contentType, !poison { headers.append(KafkaHeader(key: RawArticleHeader.contentType, text: type)) }
            return Input(
                key: url, articleId: ArticleIdentity.articleId(sourceURL: url, text: ""),
                message: KafkaProducerMessage(topic: Topics.raw.name, key: Array(url.utf8), value: bytes, headers: headers),
                isPoison: poison)
        }
    }

    private func publish(_ inputs: [Input], configuration: KafkaConfiguration, logger: Logger) async throws {
        let producer = try KafkaProducer(configuration: configuration, logger: logger)
        producer.start()
        try await producer.sendAll(inputs.map(\.message))
        await producer.shutdown()
    }

    /// Waits until `fraction` of the articles came out of the pipeline.
    private func waitForProgress(_ follower: PipelineFollower, _ fraction: Double, total: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(timeout)
        while Double(follower.outcome.accountedFor) < fraction * Double(total), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Injects the scenario's fault while articles flow; returns when each fault ended.
    private func injectFault(pipeline: LocalPipeline, follower: PipelineFollower, total: Int) async throws -> [ContinuousClock.Instant] {
        let services = pipeline.services
        switch scenario {
        case .clean, .poison:
            return []
        case .kill, .sigterm:
            var ends: [ContinuousClock.Instant] = []
            for (step, service) in ["ingest", "parse", "enrich", "index"].enumerated() {
                try await waitForProgress(follower, 0.15 + 0.15 * Double(step), total: total)
                let name = "\(service)-1"
                print("  \(scenario == .kill ? "kill -9" : "SIGTERM") \(name) at \(follower.outcome.accountedFor) of \(total)")
                services.signal(name, scenario == .kill ? SIGKILL : SIGTERM)
                try services.startInstance(service, name: name)
                ends.append(.now)
            }
            return ends
        case .freeze:
            try await waitForProgress(follower, 0.3, total: total)
            guard let pid = services.processIdentifier("enrich-1") else { return [] }
            print("  SIGSTOP enrich-1 for 14 s at \(follower.outcome.accountedFor) of \(total)")
            kill(pid, SIGSTOP)
            try await Task.sleep(for: .seconds(14))
            kill(pid, SIGCONT)
            print("  SIGCONT enrich-1")
            return [.now]
        case .scale:
            try await waitForProgress(follower, 0.25, total: total)
            print("  enrich 1 → 3 at \(follower.outcome.accountedFor) of \(total)")
            try services.start("enrich", count: 2)
            // Long enough for the new instances to join the group and take partitions.
            try await Task.sleep(for: .seconds(10))
            try await waitForProgress(follower, 0.6, total: total)
            print("  enrich 3 → 1 at \(follower.outcome.accountedFor) of \(total)")
            services.signal("enrich-2", SIGTERM)
            services.signal("enrich-3", SIGTERM)
            return [.now]
        case .brokerDown:
            try await waitForProgress(follower, 0.3, total: total)
            print("  broker down for 10 s at \(follower.outcome.accountedFor) of \(total)")
            pipeline.broker.setBrokerDown(1)
            try await Task.sleep(for: .seconds(10))
            pipeline.broker.setBrokerUp(1)
            return [.now]
        case .requestErrors:
            try await waitForProgress(follower, 0.3, total: total)
            print("  injecting produce and offset-commit errors at \(follower.outcome.accountedFor) of \(total)")
            pipeline.broker.pushRequestErrors(.produce, Array(repeating: .notEnoughReplicas, count: 30) + Array(repeating: .notLeaderForPartition, count: 10))
            pipeline.broker.pushRequestErrors(.offsetCommit, Array(repeating: .notCoordinator, count: 10) + Array(repeating: .requestTimedOut, count: 5))
            return [.now]
        }
    }

    /// Waits until every input is indexed or dead-lettered; false when the timeout passed first.
    private func drain(_ follower: PipelineFollower, expecting inputs: [Input], pipeline: LocalPipeline) async throws -> Bool {
        let expected = Set(inputs.map(\.articleId))
        let keys = Dictionary(inputs.map { ($0.key, $0.articleId) }, uniquingKeysWith: { first, _ in first })
        let deadline = ContinuousClock.now + .seconds(timeout)
        while ContinuousClock.now < deadline {
            if ChaosReport.accounted(follower.outcome, keys: keys).isSuperset(of: expected) { return true }
            for (name, status) in pipeline.services.exited {
                throw DemoFailure(description: "service \(name) exited with status \(status); see \(directory)/logs/\(name).log")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}

/// The audit of one scenario.
struct ChaosReport {
    let scenario: ChaosScenario
    let published: Int
    let poison: Int
    let lost: Int
    let indexedArticles: Int
    let deadLettered: Int
    let poisonIndexed: Int
    let documents: Int
    let duplicateEvents: Int
    let recoverySeconds: Double?
    let seconds: Double
    let throughput: Double
    let baselineThroughput: Double?
    let drained: Bool

    init(
        scenario: ChaosScenario, inputs: [ChaosRun.Input], outcome: PipelineOutcome, documents: Int, drained: Bool,
        seconds: Double, faultEnds: [ContinuousClock.Instant], baseline: ChaosReport?
    ) {
        let keys = Dictionary(inputs.map { ($0.key, $0.articleId) }, uniquingKeysWith: { first, _ in first })
        let accounted = Self.accounted(outcome, keys: keys)
        self.scenario = scenario
        published = inputs.count
        poison = inputs.filter(\.isPoison).count
        lost = inputs.filter { !accounted.contains($0.articleId) }.count
        indexedArticles = outcome.indexed.count
        deadLettered = outcome.deadLetters.count
        poisonIndexed = inputs.filter { $0.isPoison && outcome.indexed[$0.articleId] != nil }.count
        self.documents = documents
        duplicateEvents = outcome.indexedEvents - outcome.indexedRevisions.count
        recoverySeconds = faultEnds.compactMap { end in
            outcome.arrivals.first { $0 > end }.map { ($0 - end).seconds }
        }.max()
        self.seconds = seconds
        // Indexed articles per second between the first and the last one indexed: the groups' start-up
        // is left out, and dead letters (which come out early) cannot stretch the window.
        if let first = outcome.firstIndexed, let last = outcome.lastIndexed, last > first {
            throughput = Double(outcome.indexed.count) / (last - first).seconds
        } else {
            throughput = Double(published) / max(seconds, 0.001)
        }
        baselineThroughput = baseline?.throughput
        self.drained = drained
    }

    /// The articleIds that came out: indexed, or dead-lettered (by raw key at ingest, by articleId later).
    static func accounted(_ outcome: PipelineOutcome, keys: [String: String]) -> Set<String> {
        var ids = Set(outcome.indexed.keys)
        for letter in outcome.deadLetters {
            let key = String(decoding: letter.key ?? [], as: UTF8.self)
            ids.insert(keys[key] ?? key)
        }
        return ids
    }

    /// Nothing lost, no duplicate documents, poison never indexed, and poison costs at most 20% throughput.
    var passed: Bool { delivered && !throughputFellTooFar }

    /// Failed on throughput alone: everything was delivered, only slower than the clean run allows.
    var failedOnThroughputOnly: Bool { delivered && throughputFellTooFar }

    private var delivered: Bool { lost == 0 && drained && documents == indexedArticles && poisonIndexed == 0 }

    private var throughputFellTooFar: Bool {
        guard scenario == .poison, let baselineThroughput else { return false }
        return throughput < 0.8 * baselineThroughput
    }

    var line: String {
        "  \(published) published, \(indexedArticles) indexed, \(deadLettered) dead-lettered, lost \(lost), "
            + "\(documents) documents, \(duplicateEvents) duplicate events, "
            + String(format: "%.1f s, %.0f articles/s", seconds, throughput)
            + (recoverySeconds.map { String(format: ", recovered in %.2f s", $0) } ?? "")
            + (passed ? "" : "  FAILED")
    }

    static func table(_ reports: [ChaosReport]) -> String {
        TextTable.render(
            header: ["scenario", "N", "lost", "dup docs", "dup events", "dead letters", "recovery s", "articles/s", "result"],
            rows: reports.map { report in
                [
                    report.scenario.rawValue, String(report.published), String(report.lost),
                    String(report.documents - report.indexedArticles), String(report.duplicateEvents),
                    String(report.deadLettered), report.recoverySeconds.map { String(format: "%.2f", $0) } ?? "-",
                    String(format: "%.0f", report.throughput), report.passed ? "pass" : "FAIL",
                ]
            })
    }

    var jsonObject: [String: Any] {
        var object: [String: Any] = [
            "scenario": scenario.rawValue, "published": published, "poison": poison, "lost": lost,
            "indexedArticles": indexedArticles, "deadLettered": deadLettered, "documents": documents,
            "duplicateDocuments": documents - indexedArticles, "duplicateEvents": duplicateEvents, "seconds": seconds,
            "throughput": throughput, "drained": drained, "passed": passed,
        ]
        object["recoverySeconds"] = recoverySeconds
        object["baselineThroughput"] = baselineThroughput
        return object
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
