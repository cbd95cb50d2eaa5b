import Foundation
import Kafka
import Logging
import NewslineModels

/// One pipeline under benchmark: the embedded broker and the four services as processes
/// (`LocalPipeline`), the benchmark's producer of raw articles, its follower of what comes out, and
/// a sampler of the services' peak memory.
final class BenchPipelineSession {
    enum Pacing {
        /// As fast as the pipeline goes, with at most this many articles sent and not yet out.
        ///
        /// The bound keeps every topic's backlog far below what the embedded broker holds in memory
        /// (about 5 MiB per partition; older messages are dropped, which would lose articles).
        case window(Int)
        /// A fixed rate in articles per second, whatever the pipeline does.
        case rate(Double)
    }

    let enrich: Int
    private let pipeline: LocalPipeline
    private let producer: KafkaProducer
    private let follower: BenchFollower
    private let memory: BenchMemorySampler
    private let articles: BenchRawArticles
    private let logDirectory: String
    private let stallTimeout: Duration

    private init(
        enrich: Int, pipeline: LocalPipeline, producer: KafkaProducer, follower: BenchFollower, articles: BenchRawArticles,
        logDirectory: String, stallTimeout: Duration
    ) {
        self.enrich = enrich
        self.pipeline = pipeline
        self.producer = producer
        self.follower = follower
        self.articles = articles
        self.logDirectory = logDirectory
        self.stallTimeout = stallTimeout
        memory = BenchMemorySampler(Self.watched(pipeline))
    }

    /// Starts a new broker with the services, `enrich` enrich instances and one of each other service.
    static func start(
        enrich: Int, partitions: Int32, directory: String, articles: BenchRawArticles, fetchWaitMilliseconds: Int?,
        stallTimeout: Duration, logger: Logger
    ) async throws -> BenchPipelineSession {
        let indexPath = "\(directory)/index-enrich\(enrich).sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: indexPath + suffix) }
        let logDirectory = "\(directory)/logs-enrich\(enrich)"
        try? FileManager.default.removeItem(atPath: logDirectory)
        let pipeline = try await LocalPipeline.start(
            partitions: partitions, counts: ["ingest": 1, "parse": 1, "enrich": enrich, "index": 1], indexPath: indexPath,
            logDirectory: logDirectory, httpPort: 0,
            environment: fetchWaitMilliseconds.map { ["KAFKA_PROP_fetch.wait.max.ms": String($0)] } ?? [:])
        var configuration = pipeline.configuration
        configuration.clientId = "newsline-bench"
        var followerConfiguration = configuration
        if let fetchWaitMilliseconds {
            followerConfiguration.properties["fetch.wait.max.ms"] = String(fetchWaitMilliseconds)
        }
        do {
            let producer = try KafkaProducer(configuration: configuration, logger: logger)
            producer.start()
            let follower = try BenchFollower(configuration: followerConfiguration, logger: logger)
            return BenchPipelineSession(
                enrich: enrich, pipeline: pipeline, producer: producer, follower: follower, articles: articles,
                logDirectory: logDirectory, stallTimeout: stallTimeout)
        } catch {
            await pipeline.stop()
            throw error
        }
    }

    private static func watched(_ pipeline: LocalPipeline) -> [BenchMemorySampler.Watched] {
        pipeline.services.running.map { .init(name: $0.name, pid: $0.process.processIdentifier) }
    }

    /// The first service that exited, as a sentence, or nil while all run.
    var exitedService: String? {
        pipeline.services.reapDied().first?.report
    }

    /// Waits until every service instance has been assigned partitions and no group has changed
    /// its assignment for `quiet`, so no rebalance falls into a measurement.
    func waitUntilSettled(quiet: Duration, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        var last = -1
        var since = ContinuousClock.now
        while true {
            if let exitedService { throw BenchFailure(description: exitedService) }
            let logs = serviceLogs()
            let waiting = logs.filter { !$0.log.contains("partitions assigned") }.map(\.name)
            let changes = logs.reduce(0) { $0 + Self.occurrences(of: "partitions assigned", in: $1.log) + Self.occurrences(of: "partitions revoked", in: $1.log) }
            if changes != last {
                last = changes
                since = .now
            }
            if waiting.isEmpty, ContinuousClock.now - since >= quiet { return }
            if ContinuousClock.now > deadline {
                let reason = waiting.isEmpty ? "the consumer groups kept rebalancing" : "no partitions assigned to \(waiting.joined(separator: ", "))"
                throw BenchFailure(description: "\(reason) for \(timeout); see \(logDirectory)/")
            }
            try await Task.sleep(for: .milliseconds(250))
        }
    }

    /// How many times a service instance gave partitions up so far (each rebalance revokes).
    var revocations: Int {
        serviceLogs().reduce(0) { $0 + Self.occurrences(of: "partitions revoked", in: $1.log) }
    }

    private func serviceLogs() -> [(name: String, log: String)] {
        pipeline.services.running.map { service in
            (service.name, (try? String(contentsOfFile: "\(logDirectory)/\(service.name).log", encoding: .utf8)) ?? "")
        }
    }

    private static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// Sends `count` new articles paced as asked and waits until each came out indexed or
    /// dead-lettered, or until nothing came out for the stall timeout.
    func run(_ phase: String, count: Int, pacing: Pacing) async -> BenchPhaseResult {
        var handoffs: [ContinuousClock.Instant] = []
        handoffs.reserveCapacity(count)
        var deliveries: [DeliveryPromise] = []
        deliveries.reserveCapacity(count)
        var failure: String?
        var progress = StallClock(timeout: stallTimeout, accounted: 0)

        func send(_ number: Int) async {
            let message = articles.message(phase: phase, number: number)
            handoffs.append(.now)
            do {
                deliveries.append(try await producer.enqueue(message))
            } catch {
                deliveries.append(DeliveryPromise(failed: error))
            }
        }

        let revocationsBefore = revocations
        let start = ContinuousClock.now
        switch pacing {
        case .window(let window):
            sending: for number in 0..<count {
                while number - follower.counts(phase: phase).accountedFor >= window {
                    if let reason = check(&progress, phase: phase) {
                        failure = reason
                        break sending
                    }
                    try? await Task.sleep(for: .milliseconds(1))
                }
                await send(number)
            }
        case .rate(let perSecond):
            let pacer = BenchRatePacer(perSecond: perSecond, start: start)
            var number = 0
            while number < count {
                let due = min(count, pacer.dueCount(at: .now))
                while number < due {
                    await send(number)
                    number += 1
                }
                if number < count {
                    if let exitedService {
                        failure = exitedService
                        break
                    }
                    try? await Task.sleep(until: pacer.due(number), clock: .continuous)
                }
            }
        }
        let sentSeconds = handoffs.count > 1 ? (handoffs[handoffs.count - 1] - handoffs[0]).seconds : 0

        var notDelivered = Set<Int>()
        for (number, delivery) in deliveries.enumerated() {
            if case .failure = await delivery.result() { notDelivered.insert(number) }
        }
        let expected = handoffs.count - notDelivered.count
        while failure == nil, follower.counts(phase: phase).accountedFor < expected {
            if let reason = check(&progress, phase: phase) {
                failure = reason
                break
            }
            try? await Task.sleep(for: .milliseconds(20))
        }

        let urls = (0..<handoffs.count).map { articles.sourceURL(phase: phase, number: $0) }
        let arrivals = follower.arrivals(of: urls)
        var latencies: [Double] = []
        var reasons: [String: Int] = [:]
        var completions: [ContinuousClock.Instant] = []
        var missing: [String] = []
        for (number, arrival) in arrivals.enumerated() {
            guard let arrival else {
                if !notDelivered.contains(number) { missing.append(urls[number]) }
                continue
            }
            completions.append(arrival.instant)
            if let deadLetter = arrival.deadLetter {
                reasons[deadLetter, default: 0] += 1
            } else {
                latencies.append((arrival.instant - handoffs[number]) / .milliseconds(1))
            }
        }
        completions.sort()
        let seconds = completions.last.map { ($0 - start).seconds } ?? 0
        var targetRate: Double?
        if case .rate(let perSecond) = pacing { targetRate = perSecond }
        return BenchPhaseResult(
            phase: phase, sent: handoffs.count, notDelivered: notDelivered.count, indexed: latencies.count,
            deadLettered: completions.count - latencies.count, deadLetterReasons: reasons,
            missingExamples: Array(missing.prefix(5)), targetRate: targetRate,
            sentRate: sentSeconds > 0 ? Double(handoffs.count - 1) / sentSeconds : 0,
            throughput: Self.steadyThroughput(completions), seconds: seconds,
            latency: BenchLatencySummary(milliseconds: latencies), load: BenchMachine.load,
            revocations: revocations - revocationsBefore,
            failure: failure ?? (missing.isEmpty ? nil : "nothing came out for \(stallTimeout)"))
    }

    /// Articles out per second once the pipeline is full: the first tenth of the completions is left
    /// out, since it measures how fast an empty pipeline fills.
    static func steadyThroughput(_ sortedCompletions: [ContinuousClock.Instant]) -> Double {
        let skip = sortedCompletions.count / 10
        guard sortedCompletions.count - skip > 1 else { return 0 }
        let seconds = (sortedCompletions[sortedCompletions.count - 1] - sortedCompletions[skip]).seconds
        return seconds > 0 ? Double(sortedCompletions.count - 1 - skip) / seconds : 0
    }

    /// Nil while the phase may go on; else why it cannot: a service died, or nothing came out for
    /// the stall timeout.
    private func check(_ progress: inout StallClock, phase: String) -> String? {
        if let exitedService { return exitedService }
        return progress.observe(follower.counts(phase: phase).accountedFor) ? "nothing came out for \(stallTimeout)" : nil
    }

    /// Stops sampling memory and returns the peak resident memory (KiB) of every service process.
    func finishMemorySampling() -> [String: Int] {
        memory.finish(Self.watched(pipeline))
    }

    func stop() async {
        await producer.shutdown(flushTimeout: .seconds(5))
        await follower.stop()
        await pipeline.stop()
    }
}

/// Notices when a count stopped growing for longer than a timeout.
private struct StallClock {
    let timeout: Duration
    var accounted: Int
    var since = ContinuousClock.now

    init(timeout: Duration, accounted: Int) {
        self.timeout = timeout
        self.accounted = accounted
    }

    /// Records the count now; true once it has not grown for `timeout`.
    mutating func observe(_ count: Int) -> Bool {
        if count != accounted {
            accounted = count
            since = .now
            return false
        }
        return ContinuousClock.now - since > timeout
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
}
