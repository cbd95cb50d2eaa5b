import ArgumentParser
import Foundation
import Kafka
import Logging

/// `newsline bench pipeline`: the four services as separate processes on the embedded broker,
/// measured from outside as a user sees them.
///
/// Each article is a new raw article (its own source URL) made from the `bench stages` corpus. It is
/// timed from the moment it is handed to the producer to the moment its `article.indexed` event is
/// read back, matched by source URL; a dead letter accounts for an article but gives no latency.
struct BenchPipelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "End-to-end throughput, latency, enrich scaling and memory of the services as processes.",
        discussion: """
            Runs, on a new embedded broker with one ingest, parse and index instance and --enrich enrich
            instances: a warm-up; the full-speed phase (articles indexed per second, with at most --window
            articles in the pipeline); then fixed rates of --rates percent of that maximum for --rate-seconds
            each (latency p50/p95/p99/max). Then, for each count in --scaling other than --enrich, a new
            pipeline with that many enrich instances and a full-speed phase. Peak resident memory (VmHWM) of
            each service process is sampled throughout. Every phase ends when each article came out
            indexed or dead-lettered, or reports what is missing after --timeout seconds without progress.
            Services run from the executables beside newsline: build the whole package in release first.
            """)

    @Option(help: "Articles in the full-speed phase (default 20000; 2000 with --quick).")
    var articles: Int?

    @Option(name: .customLong("rate-seconds"), help: "Seconds each fixed rate runs (default 30; 8 with --quick).")
    var rateSeconds: Int?

    @Option(help: "Fixed rates as percentages of the full-speed throughput, comma-separated.")
    var rates = "25,50,90"

    @Option(help: "Enrich instances of the main pipeline.")
    var enrich = 1

    @Option(help: "Enrich instance counts to compare at full speed, comma-separated; 'none' skips.")
    var scaling = "1,2,3"

    @Option(name: .customLong("scaling-articles"), help: "Articles per scaling run (default half of --articles).")
    var scalingArticles: Int?

    @Option(help: "Most articles sent and not yet out at full speed.")
    var window = 2_000

    @Option(help: "Partitions per topic.")
    var partitions: Int32 = 16

    @Option(name: .customLong("fetch-wait-ms"), help: "fetch.wait.max.ms for the services and the benchmark's consumer (librdkafka's default when absent).")
    var fetchWaitMilliseconds: Int?

    @Option(help: "The folder of sample articles.")
    var samples = "Tests/Fixtures/samples"

    @Option(name: .customLong("work-directory"), help: "Where the index files and service logs go.")
    var workDirectory = "var/bench"

    @Option(help: "Seconds without any article coming out before a phase gives up.")
    var timeout = 60

    @Option(help: "Also write the figures as JSON to this file.")
    var json: String?

    @Flag(help: "A short run for CI: 2000 articles, 8 s per rate, 1000 articles per scaling run.")
    var quick = false

    func validate() throws {
        if let articles, articles < 100 { throw ValidationError("--articles must be at least 100") }
        if let rateSeconds, rateSeconds <= 0 { throw ValidationError("--rate-seconds must be positive") }
        if enrich < 1 { throw ValidationError("--enrich must be at least 1") }
        if window < 1 || partitions < 1 || timeout < 1 { throw ValidationError("--window, --partitions and --timeout must be positive") }
        _ = try ratePercentages
        _ = try scalingCounts
    }

    private var ratePercentages: [Int] {
        get throws {
            let values = rates.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard values.count == rates.split(separator: ",").count, values.allSatisfy({ $0 > 0 && $0 <= 100 }) else {
                throw ValidationError("--rates takes percentages from 1 to 100, e.g. 25,50,90")
            }
            return values
        }
    }

    private var scalingCounts: [Int] {
        get throws {
            if scaling == "none" || scaling.isEmpty { return [] }
            let values = scaling.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard values.count == scaling.split(separator: ",").count, values.allSatisfy({ $0 >= 1 }) else {
                throw ValidationError("--scaling takes instance counts, e.g. 1,2,3, or none")
            }
            return values
        }
    }

    func run() async throws {
        let logger = CommandLogging.logger("bench")
        let fullCount = articles ?? (quick ? 2_000 : 20_000)
        let secondsPerRate = rateSeconds ?? (quick ? 8 : 30)
        let scalingCount = scalingArticles ?? (quick ? 1_000 : max(fullCount / 2, 100))
        let corpus = try BenchRawArticles(samples: samples, distinct: 300)
        try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
        let startLoad = BenchMachine.load
        print("Machine: \(BenchMachine.summary)")
        print("Corpus: \(corpus.distinctCount) distinct raw articles, mean \(corpus.meanBytes) bytes, each sent under a new source URL")
        fflush(nil)

        var report = Report(enrich: enrich, startLoad: startLoad)
        let main = try await startSession(enrich: enrich, corpus: corpus, logger: logger)
        do {
            try await warmUp(main)
            let full = await phase(main, "full", count: fullCount, pacing: .window(window))
            report.full[enrich] = full
            if full.isComplete, full.throughput > 0 {
                for percent in try ratePercentages {
                    let perSecond = full.throughput * Double(percent) / 100
                    let count = max(Int(perSecond * Double(secondsPerRate)), 50)
                    let result = await phase(main, "rate-\(percent)", count: count, pacing: .rate(perSecond))
                    report.rates.append((percent, result))
                    if !result.isComplete { break }
                }
            }
            report.memory = main.finishMemorySampling()
            await main.stop()
        } catch {
            report.memory = main.finishMemorySampling()
            await main.stop()
            throw error
        }

        for count in try scalingCounts where report.full[count] == nil {
            let session = try await startSession(enrich: count, corpus: corpus, logger: logger)
            do {
                try await warmUp(session)
                report.full[count] = await phase(session, "full", count: scalingCount, pacing: .window(window))
                report.scalingMemory[count] = session.finishMemorySampling()
                await session.stop()
            } catch {
                await session.stop()
                throw error
            }
        }
        report.endLoad = BenchMachine.load

        print("")
        print(report.markdown(scaling: try scalingCounts))
        if let json {
            var object = report.json
            object["machine"] = BenchMachine.json
            object["options"] = [
                "articles": fullCount, "rateSeconds": secondsPerRate, "scalingArticles": scalingCount, "window": window,
                "partitions": Int(partitions), "fetchWaitMilliseconds": fetchWaitMilliseconds.map { $0 as Any } ?? NSNull(), "quick": quick,
            ]
            object["corpus"] = ["distinct": corpus.distinctCount, "meanBytes": corpus.meanBytes]
            try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
                .write(to: URL(fileURLWithPath: json))
        }
        if !report.isComplete { throw ExitCode.failure }
    }

    private func startSession(enrich: Int, corpus: BenchRawArticles, logger: Logger) async throws -> BenchPipelineSession {
        print("Starting the embedded broker with ingest, parse, enrich ×\(enrich) and index…")
        fflush(nil)
        return try await BenchPipelineSession.start(
            enrich: enrich, partitions: partitions, directory: workDirectory, articles: corpus,
            fetchWaitMilliseconds: fetchWaitMilliseconds, stallTimeout: .seconds(timeout), logger: logger)
    }

    /// Waits until every instance holds its partitions and the groups stopped rebalancing, then sends a few hundred articles through, so
    /// connections, caches and the index file are warm before anything is timed.
    private func warmUp(_ session: BenchPipelineSession) async throws {
        try await session.waitUntilSettled(quiet: .seconds(5), timeout: .seconds(max(timeout, 90)))
        let result = await phase(session, "warm-up", count: 300, pacing: .window(300))
        guard result.isComplete else {
            throw BenchFailure(description: "the warm-up did not come through: \(result.failure ?? "\(result.missing) missing")")
        }
    }

    private func phase(
        _ session: BenchPipelineSession, _ name: String, count: Int, pacing: BenchPipelineSession.Pacing
    ) async -> BenchPhaseResult {
        switch pacing {
        case .window: print("  enrich ×\(session.enrich), \(name): \(count) articles at full speed…", terminator: "")
        case .rate(let perSecond): print("  enrich ×\(session.enrich), \(name): \(count) articles at \(Int(perSecond))/s…", terminator: "")
        }
        fflush(nil)
        let result = await session.run(name, count: count, pacing: pacing)
        print(
            " \(result.indexed) indexed, \(result.deadLettered) dead-lettered, \(result.missing) missing; "
                + String(format: "%.0f/s; p99 %.0f ms", result.throughput, result.latency.p99)
                + "; \(result.revocations) partition revocations (load \(result.load))")
        if let failure = result.failure { print("    \(failure)") }
        fflush(nil)
        return result
    }
}

extension BenchPipelineCommand {
    /// Everything measured, rendered as Markdown and JSON.
    struct Report {
        var enrich: Int
        var startLoad: String
        var endLoad = ""
        /// Full-speed phases by enrich instance count.
        var full: [Int: BenchPhaseResult] = [:]
        var rates: [(percent: Int, result: BenchPhaseResult)] = []
        /// Peak resident memory in KiB by process, of the main pipeline.
        var memory: [String: Int] = [:]
        var scalingMemory: [Int: [String: Int]] = [:]

        static let throughputTarget = 2_000.0
        static let p99TargetMilliseconds = 250.0
        static let memoryTargetMB = 150.0

        var isComplete: Bool {
            full.values.allSatisfy { $0.isComplete } && rates.allSatisfy { $0.result.isComplete }
        }

        func markdown(scaling: [Int]) -> String {
            var sections: [String] = []
            if let main = full[enrich] {
                sections.append("Full speed, ingest/parse/index ×1, enrich ×\(enrich) (target ≥ 2,000 articles/s with one instance each):\n")
                sections.append(
                    TextTable.markdown(
                        header: ["articles", "indexed", "dead-lettered", "missing", "seconds", "articles/s", "p50 ms", "p99 ms", "revocations", "load at end"],
                        rows: [[
                            String(main.sent), String(main.indexed), String(main.deadLettered), String(main.missing),
                            String(format: "%.1f", main.seconds), String(format: "%.0f", main.throughput),
                            String(format: "%.0f", main.latency.p50), String(format: "%.0f", main.latency.p99),
                            String(main.revocations), main.load,
                        ]]))
            }
            if !rates.isEmpty {
                sections.append("\nLatency at fixed rates, hand-off to the producer → article.indexed read back (target p99 < 250 ms at half of 2,000/s):\n")
                sections.append(
                    TextTable.markdown(
                        header: ["rate", "target/s", "sent/s", "articles", "indexed", "dead-lettered", "missing", "p50 ms", "p95 ms", "p99 ms", "max ms", "revocations", "load at end"],
                        rows: rates.map { percent, result in
                            [
                                "\(percent)%", String(format: "%.0f", result.targetRate ?? 0), String(format: "%.0f", result.sentRate),
                                String(result.sent), String(result.indexed), String(result.deadLettered), String(result.missing),
                                String(format: "%.0f", result.latency.p50), String(format: "%.0f", result.latency.p95),
                                String(format: "%.0f", result.latency.p99), String(format: "%.0f", result.latency.max),
                                String(result.revocations), result.load,
                            ]
                        }))
            }
            let counts = scaling.filter { full[$0] != nil }
            if counts.count > 1 {
                let base = full[counts.contains(1) ? 1 : counts[0]]?.throughput ?? 0
                sections.append("\nEnrich scaling at full speed (one ingest, parse and index instance):\n")
                sections.append(
                    TextTable.markdown(
                        header: ["enrich instances", "articles", "missing", "articles/s", "vs ×\(counts.contains(1) ? 1 : counts[0])", "revocations", "load at end"],
                        rows: counts.map { count in
                            let result = full[count]!
                            return [
                                "×\(count)", String(result.sent), String(result.missing), String(format: "%.0f", result.throughput),
                                base > 0 ? String(format: "%.2f", result.throughput / base) : "-", String(result.revocations),
                                result.load,
                            ]
                        }))
            }
            if !memory.isEmpty {
                sections.append("\nPeak resident memory (VmHWM) per service process, enrich ×\(enrich) pipeline (target < 150 MB each):\n")
                sections.append(
                    TextTable.markdown(
                        header: ["process", "peak MiB", "peak MB", "< 150 MB"],
                        rows: memory.keys.sorted().map { name in
                            let kibibytes = Double(memory[name]!)
                            return [
                                name, String(format: "%.1f", kibibytes / 1024), String(format: "%.1f", kibibytes * 1.024 / 1000),
                                kibibytes * 1.024 / 1000 < Self.memoryTargetMB ? "yes" : "no",
                            ]
                        }))
            }
            let problems = (Array(full.values) + rates.map { $0.result }).filter { !$0.isComplete }
            for result in problems {
                sections.append(
                    "\nPhase \(result.phase): \(result.missing) missing, \(result.notDelivered) not delivered"
                        + (result.failure.map { " (\($0))" } ?? "")
                        + (result.missingExamples.isEmpty ? "" : "; e.g. " + result.missingExamples.joined(separator: ", ")))
            }
            let reasons = (Array(full.values) + rates.map { $0.result }).reduce(into: [String: Int]()) { total, result in
                total.merge(result.deadLetterReasons, uniquingKeysWith: +)
            }
            if !reasons.isEmpty {
                sections.append("\nDead letters (count as accounted for): " + reasons.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            }
            sections.append("\nLoad (1/5/15 min) at start \(startLoad), at end \(endLoad)")
            return sections.joined(separator: "\n")
        }

        var json: [String: Any] {
            [
                "benchmark": "pipeline", "enrich": enrich, "loadAtStart": startLoad, "loadAtEnd": endLoad,
                "fullSpeed": full.keys.sorted().map { count -> [String: Any] in
                    var object = full[count]!.json
                    object["enrichInstances"] = count
                    if let memory = scalingMemory[count] { object["peakResidentKiB"] = memory }
                    return object
                },
                "fixedRates": rates.map { percent, result -> [String: Any] in
                    var object = result.json
                    object["percentOfMaximum"] = percent
                    return object
                },
                "peakResidentKiB": memory,
                "complete": isComplete,
            ]
        }
    }
}
