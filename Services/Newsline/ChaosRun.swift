import Foundation
import IndexStage
import Kafka
import Logging
import NewslineModels
import Synchronization

/// One chaos scenario: a fresh pipeline, the articles, the fault, the drain and the audit.
struct ChaosRun: Sendable {
    let scenario: ChaosScenario
    let articles: Int
    let timeout: Int
    let samples: String
    let directory: String
    /// A PostgreSQL index (`postgres://…`) to run against instead of a SQLite file; emptied first.
    var indexURL: String? = nil

    struct Input: Sendable {
        var key: String
        var articleId: String
        var message: KafkaProducerMessage
        var isPoison: Bool
    }

    /// What the publisher and the fault tell each other in the scenarios that freeze ingest.
    final class Handshake: Sendable {
        let ingestFrozen = Mutex(false)
        let deliveries = Mutex<[String: KafkaDeliveryReport]>([:])
        /// Services restarted after they died.
        let restarts = Mutex(0)
    }

    func execute(baseline: ChaosReport?) async throws -> ChaosReport {
        let logger = CommandLogging.logger("chaos")
        try? FileManager.default.removeItem(atPath: directory)
        let indexPath = indexURL ?? directory + "/index.sqlite"
        if let indexURL {
            let index = try await IndexLocation(indexURL).open(logger: logger)
            try await (index as? PostgresIndex)?.removeAll()
            await index.close()
        }
        let inputs = try makeInputs()
        let pipeline = try await LocalPipeline.start(
            partitions: 8, counts: ["ingest": 1, "parse": 1, "enrich": scenario.enrichInstances, "index": 1],
            indexPath: indexPath, logDirectory: directory + "/logs", httpPort: 0, environment: scenario.environment)
        let follower = try PipelineFollower(configuration: pipeline.configuration, logger: logger)
        let started = ContinuousClock.now
        var faultEnds: [ContinuousClock.Instant] = []
        var drained = false
        let handshake = Handshake()
        do {
            let configuration = pipeline.configuration
            let admin = pipeline.admin
            let publisher = Task {
                try await publish(inputs, configuration: configuration, admin: admin, follower: follower, handshake: handshake, logger: logger)
            }
            faultEnds = try await injectFault(pipeline: pipeline, follower: follower, handshake: handshake, total: inputs.count)
            try await publisher.value
            drained = try await drain(follower, expecting: inputs, handshake: handshake, pipeline: pipeline)
        } catch {
            await follower.stop()
            await pipeline.stop()
            throw error
        }
        let elapsed = ContinuousClock.now - started
        await follower.stop()
        await pipeline.stop()
        let index = try await IndexLocation(indexPath).open(create: false, logger: logger)
        let documents = try await index.documentCount()
        await index.close()
        return ChaosReport(
            scenario: scenario, inputs: inputs, outcome: follower.outcome, documents: documents, drained: drained,
            seconds: elapsed.seconds, faultEnds: faultEnds, baseline: baseline,
            rawPositions: handshake.deliveries.withLock { $0 }, restarts: handshake.restarts.withLock { $0 })
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
            var contentType = raw.contentType
            let poison = scenario.poisonEvery.map { number % $0 == $0 / 2 } ?? false
            if poison, scenario == .crash {
                bytes = Array("충돌 시험 기사 \(number)\n\n이 기사의 본문에는 \(ChaosScenario.crashMarker) 표시가 들어 있다.\n".utf8)
                contentType = "text/plain"
            } else if poison {
                bytes = number % 20 == 5 && !bad.isEmpty
                    ? bad[(number / 20) % bad.count] : (0..<2_048).map { _ in UInt8.random(in: 0...255, using: &generator) }
                contentType = nil
            }
            if scenario.floodsOnePartition { bytes = Self.lengthened(bytes) }
            var headers = [KafkaHeader(key: RawArticleHeader.sourceURL, text: url)]
            if let contentType { headers.append(KafkaHeader(key: RawArticleHeader.contentType, text: contentType)) }
            return Input(
                key: url, articleId: ArticleIdentity.articleId(sourceURL: url, text: ""),
                message: KafkaProducerMessage(topic: Topics.raw.name, key: Array(url.utf8), value: bytes, headers: headers),
                isPoison: poison)
        }
    }

    /// A text article with its last paragraph repeated to about 12 KiB, so a flood of them passes the
    /// embedded broker's per-partition limit; HTML, JSON and other bytes stay as they are.
    static func lengthened(_ bytes: [UInt8]) -> [UInt8] {
        guard let text = String(validating: bytes, as: UTF8.self), !text.hasPrefix("{"), !text.hasPrefix("<"),
            let paragraph = text.split(separator: "\n").last(where: { $0.utf8.count > 40 })
        else { return bytes }
        var lengthened = bytes
        while lengthened.count < 12 * 1024 { lengthened += Array(("\n\n" + paragraph).utf8) }
        return lengthened
    }

    /// Publishes every input, paced unless the scenario forces a gap. In the scenarios that freeze
    /// ingest, the first tenth goes first; once ingest is frozen the rest goes to raw partition 0.
    private func publish(
        _ inputs: [Input], configuration: KafkaConfiguration, admin: KafkaAdmin, follower: PipelineFollower,
        handshake: Handshake, logger: Logger
    ) async throws {
        let publisher = try RawPublisher(
            configuration: configuration, logger: logger,
            pacer: scenario.pacesPublishing ? UnreadBytesPacer(admin: admin) : nil,
            delivered: { name, report, _ in handshake.deliveries.withLock { $0[name] = report } },
            waiting: { print("  publishing waits: \($0)") })
        let head = scenario.floodsOnePartition ? inputs.count / 10 : inputs.count
        for input in inputs.prefix(head) {
            try await publisher.send(input.message, name: input.key)
        }
        if head < inputs.count {
            while !handshake.ingestFrozen.withLock({ $0 }) {
                try await Task.sleep(for: .milliseconds(20))
            }
            for input in inputs.dropFirst(head) {
                var message = input.message
                message.partition = 0
                try await publisher.send(message, name: input.key)
            }
        }
        await publisher.finish()
        if let failure = publisher.failures.first {
            throw DemoFailure(description: "cannot publish \(failure.name): \(failure.error)")
        }
    }

    /// Waits until `fraction` of the articles came out of the pipeline.
    private func waitForProgress(_ follower: PipelineFollower, _ fraction: Double, total: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(timeout)
        while Double(follower.outcome.accountedFor) < fraction * Double(total), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Injects the scenario's fault while articles flow; returns when each fault ended.
    private func injectFault(
        pipeline: LocalPipeline, follower: PipelineFollower, handshake: Handshake, total: Int
    ) async throws -> [ContinuousClock.Instant] {
        let services = pipeline.services
        switch scenario {
        case .clean, .poison, .crash:
            return []
        case .overrun, .gap:
            try await waitForProgress(follower, 0.09, total: total)
            // Long enough for ingest to commit what it read, so its position is on record.
            try await Task.sleep(for: .seconds(2))
            guard let pid = services.processIdentifier("ingest-1") else { return [] }
            print("  SIGSTOP ingest-1 for 15 s at \(follower.outcome.accountedFor) of \(total); the rest goes to articles.raw[0]")
            kill(pid, SIGSTOP)
            handshake.ingestFrozen.withLock { $0 = true }
            try await Task.sleep(for: .seconds(15))
            kill(pid, SIGCONT)
            print("  SIGCONT ingest-1")
            return [.now]
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

    /// Restarts a service that died in the crash scenario, where dying is the fault; anywhere else
    /// a death fails the scenario.
    private func superviseServices(_ pipeline: LocalPipeline, handshake: Handshake) throws {
        for died in pipeline.services.reapDied() {
            guard scenario == .crash else { throw DemoFailure(description: died.report) }
            print("  \(died.name) \(died.reason); restarting it")
            handshake.restarts.withLock { $0 += 1 }
            try pipeline.services.restart(died)
        }
    }

    /// Waits until every input is indexed or dead-lettered; false when the timeout passed first.
    private func drain(_ follower: PipelineFollower, expecting inputs: [Input], handshake: Handshake, pipeline: LocalPipeline) async throws -> Bool {
        let expected = Set(inputs.map(\.articleId))
        let keys = Dictionary(inputs.map { ($0.key, $0.articleId) }, uniquingKeysWith: { first, _ in first })
        let deadline = ContinuousClock.now + .seconds(timeout)
        while ContinuousClock.now < deadline {
            if ChaosReport.accounted(follower.outcome, keys: keys).isSuperset(of: expected) { return true }
            // Inputs lost in a reported gap never come out: once every other input did, the run is over.
            let outcome = follower.outcome
            if scenario == .gap, !outcome.gaps.isEmpty {
                let accounted = ChaosReport.accounted(outcome, keys: keys)
                let missing = inputs.filter { !accounted.contains($0.articleId) }
                let positions = handshake.deliveries.withLock { $0 }
                if ChaosReport.inputsInGaps(outcome.gaps, inputs: missing, positions: positions) == missing.count { return true }
            }
            try superviseServices(pipeline, handshake: handshake)
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
    /// Inputs lost in offset gaps the stages reported, and the gaps.
    let reportedLost: Int
    let gaps: Int
    /// Inputs dead-lettered as `crashed-stage` (each counted once: a copy redelivered before the first
    /// dead letter's offset was committed is set aside again, at least once like every output), and
    /// service restarts after a death.
    let crashedStage: Int
    let restarts: Int
    let seconds: Double
    let throughput: Double
    let baselineThroughput: Double?
    let drained: Bool

    init(
        scenario: ChaosScenario, inputs: [ChaosRun.Input], outcome: PipelineOutcome, documents: Int, drained: Bool,
        seconds: Double, faultEnds: [ContinuousClock.Instant], baseline: ChaosReport?,
        rawPositions: [String: KafkaDeliveryReport], restarts: Int
    ) {
        let keys = Dictionary(inputs.map { ($0.key, $0.articleId) }, uniquingKeysWith: { first, _ in first })
        let accounted = Self.accounted(outcome, keys: keys)
        self.scenario = scenario
        published = inputs.count
        poison = inputs.filter(\.isPoison).count
        let unaccounted = inputs.filter { !accounted.contains($0.articleId) }
        let inGaps = Self.inputsInGaps(outcome.gaps, inputs: unaccounted, positions: rawPositions)
        // Lost means lost silently: an input in a gap a stage reported is accounted for as lost, loudly.
        lost = unaccounted.count - inGaps
        reportedLost = inGaps
        gaps = outcome.gaps.count
        crashedStage = Set(
            outcome.deadLetters
                .filter { $0.headers.text(for: DeadLetterHeader.errorClass) == RejectedInput.crashedStage }
                .map { $0.key ?? [] }
        ).count
        self.restarts = restarts
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

    /// How many of `inputs` sat at raw offsets inside a reported gap.
    static func inputsInGaps(_ gaps: [OffsetGap], inputs: [ChaosRun.Input], positions: [String: KafkaDeliveryReport]) -> Int {
        let raw = gaps.filter { $0.topic == Topics.raw.name }
        guard !raw.isEmpty else { return 0 }
        return inputs.filter { input in
            guard let position = positions[input.key] else { return false }
            return raw.contains { $0.partition == position.partition && $0.offsets.contains(position.offset) }
        }.count
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

    private var delivered: Bool {
        lost == 0 && drained && documents == indexedArticles && poisonIndexed == 0 && scenarioHeld
    }

    /// What the scenario itself must show: crash inputs set aside as crashed-stage; a forced gap
    /// reported (lost inputs and none unreported); no loss where publishing waits.
    private var scenarioHeld: Bool {
        switch scenario {
        case .crash: crashedStage == poison
        case .gap: gaps > 0 && reportedLost > 0
        case .overrun: gaps == 0 && reportedLost == 0
        default: true
        }
    }

    private var throughputFellTooFar: Bool {
        guard scenario == .poison, let baselineThroughput else { return false }
        return throughput < 0.8 * baselineThroughput
    }

    var line: String {
        "  \(published) published, \(indexedArticles) indexed, \(deadLettered) dead-lettered, lost \(lost), "
            + "\(documents) documents, \(duplicateEvents) duplicate events, "
            + String(format: "%.1f s, %.0f articles/s", seconds, throughput)
            + (recoverySeconds.map { String(format: ", recovered in %.2f s", $0) } ?? "")
            + (gaps > 0 ? ", \(reportedLost) lost in \(gaps) reported gaps" : "")
            + (scenario == .crash ? ", \(crashedStage) crashed-stage, \(restarts) restarts" : "")
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
            "throughput": throughput, "drained": drained, "passed": passed, "reportedLost": reportedLost, "gaps": gaps,
            "crashedStage": crashedStage, "restarts": restarts,
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
