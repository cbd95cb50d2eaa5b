import ArgumentParser
import Foundation
import IndexStage
import Kafka
import NewslineModels

/// `newsline chaos`: the delivery promise under crashes, freezes, scaling, broker faults and bad input.
struct ChaosCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaos",
        abstract: "Run fault-injection scenarios over the real services and audit that nothing is lost.",
        discussion: """
            Each scenario starts the embedded broker and the four services as separate processes, publishes
            --articles raw articles (unique source URLs), injects its fault while they flow, waits for the
            pipeline to drain and audits: every article is in the index exactly once or dead-lettered with
            a reason (lost = 0), and counts duplicate article.indexed events. Exits non-zero when anything
            is lost or duplicated in the index.
            Scenarios: \(ChaosScenario.allCases.map(\.rawValue).joined(separator: ", ")).
            """)

    @Option(name: .customLong("scenario"), help: "A scenario to run; repeatable. Default: all.")
    var scenarios: [ChaosScenario] = ChaosScenario.allCases

    @Option(help: "Raw articles per scenario.")
    var articles = 2_000

    @Option(help: "Seconds a scenario may take to drain after publishing.")
    var timeout = 240

    @Option(help: "Folder of sample articles.")
    var samples = "Tests/Fixtures/samples"

    @Option(name: .customLong("work-directory"), help: "Where indexes and service logs go.")
    var workDirectory = "var/chaos"

    @Option(
        name: .customLong("index-url"),
        help: "Run against this PostgreSQL index (postgres://…) instead of a SQLite file per scenario; emptied before each.")
    var indexURL: String?

    @Option(help: "Also write the reports as JSON to this file.")
    var json: String?

    /// How many clean-and-poison pairs may measure poison's throughput cost.
    static let throughputTrials = 3

    private func execute(_ scenario: ChaosScenario, baseline: ChaosReport?) async throws -> ChaosReport {
        try await ChaosRun(
            scenario: scenario, articles: articles, timeout: timeout, samples: samples,
            directory: workDirectory + "/" + scenario.rawValue, indexURL: indexURL
        ).execute(baseline: baseline)
    }

    func run() async throws {
        var reports: [ChaosReport] = []
        for scenario in scenarios {
            print("\n== \(scenario.rawValue): \(scenario.summary)")
            fflush(nil)
            var report = try await execute(scenario, baseline: reports.first { $0.scenario == .clean })
            print(report.line)
            // A 2,000-article run lasts a second or two, so one stall on a busy machine can move its
            // throughput by a third: a slow poison run is measured again, with a fresh clean run beside it.
            for trial in 2...Self.throughputTrials where report.failedOnThroughputOnly {
                print("  slower than 80% of the clean run; measuring clean and poison again (trial \(trial) of \(Self.throughputTrials))")
                let clean = try await execute(.clean, baseline: nil)
                print(clean.line)
                if let index = reports.firstIndex(where: { $0.scenario == .clean }) { reports[index] = clean }
                report = try await execute(scenario, baseline: clean)
                print(report.line)
            }
            reports.append(report)
        }
        print("")
        print(ChaosReport.table(reports))
        if let json {
            try JSONSerialization.data(withJSONObject: reports.map(\.jsonObject), options: [.prettyPrinted, .sortedKeys])
                .write(to: URL(fileURLWithPath: json))
        }
        if reports.contains(where: { !$0.passed }) {
            print("\nFAILED: " + reports.filter { !$0.passed }.map(\.scenario.rawValue).joined(separator: ", "))
            throw ExitCode.failure
        }
    }
}

enum ChaosScenario: String, CaseIterable, ExpressibleByArgument, Sendable {
    case clean
    case kill
    case freeze
    case scale
    case brokerDown = "broker-down"
    case requestErrors = "request-errors"
    case sigterm
    case poison
    case crash
    case overrun
    case gap

    var summary: String {
        switch self {
        case .clean: "no fault; the reference for throughput"
        case .kill: "kill -9 of ingest, parse, enrich and index in turn mid-stream, each restarted"
        case .freeze: "one of two enrich instances frozen (SIGSTOP) past max.poll.interval.ms, then resumed"
        case .scale: "enrich scaled from 1 to 3 instances and back to 1 during the flow"
        case .brokerDown: "the broker down for 10 seconds mid-stream"
        case .requestErrors: "injected produce and offset-commit errors on the broker"
        case .sigterm: "graceful SIGTERM of every service in turn mid-stream, each restarted"
        case .poison: "bad samples and random bytes mixed into the stream"
        case .crash: "articles that make enrich trap (a test-only hook), each dead-lettered as crashed-stage after two deaths"
        case .overrun: "ingest frozen while the rest is published into one raw partition; publishing waits for the pipeline"
        case .gap: "as overrun, without waiting: the embedded broker drops unread input, and every lost offset is reported"
        }
    }

    /// Inputs every tenth of which is set aside as poison (bad bytes, or articles that crash a stage).
    var poisonEvery: Int? {
        switch self {
        case .poison: 10
        case .crash: 700
        default: nil
        }
    }

    /// The scenarios that publish through the pacer that keeps the embedded broker under its limit.
    var pacesPublishing: Bool { self != .gap }

    /// The scenarios that freeze ingest and send the rest of the articles to one raw partition.
    var floodsOnePartition: Bool { self == .overrun || self == .gap }

    /// The text that makes a stage trap in the crash scenario (see `CrashInjection`).
    static let crashMarker = "NEWSLINE-CHAOS-CRASH-MARKER"

    var enrichInstances: Int { self == .freeze ? 2 : 1 }

    /// Short group timeouts where the scenario waits for the group to notice a silent member.
    var environment: [String: String] {
        switch self {
        case .freeze: ["KAFKA_PROP_session.timeout.ms": "6000", "KAFKA_PROP_max.poll.interval.ms": "8000"]
        case .crash:
            [
                "NEWSLINE_TEST_CRASH_MARKER": Self.crashMarker, "NEWSLINE_TEST_CRASH_STAGE": "enrich",
                "KAFKA_PROP_session.timeout.ms": "6000",
            ]
        default: [:]
        }
    }
}
