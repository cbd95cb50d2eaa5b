import ArgumentParser
import Foundation
import Kafka
import NewslineModels
import UnixSignals

/// `newsline run`: the embedded broker and every service as separate processes, with live counts.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the embedded broker and every service as separate processes until Ctrl-C.",
        discussion: """
            Services run as the real executables (newsline-ingest, newsline-parse, newsline-enrich,
            newsline-index) built beside newsline, logging to --log-directory. Publish with
            `newsline publish` from another terminal (it finds the broker through var/broker.address).
            """)

    @Option(help: "Ingest instances.") var ingest = 1
    @Option(help: "Parse instances.") var parse = 1
    @Option(help: "Enrich instances.") var enrich = 1
    @Option(help: "Index instances (one per index file).") var index = 1
    @Option(help: "Partitions per topic.") var partitions: Int32 = Int32(Topics.defaultPartitions)
    @Option(name: .customLong("index-path"), help: "The search index file.") var indexPath = "var/newsline-index.sqlite"
    @Option(name: .customLong("log-directory"), help: "Where service logs go.") var logDirectory = "var/logs"
    @Option(name: .customLong("http-port"), help: "Port of the index service's search API.") var httpPort = 8080

    func validate() throws {
        if index > 1 { throw ValidationError("the index service writes one SQLite file; run one instance per index file") }
        if [ingest, parse, enrich].contains(where: { $0 < 0 }) { throw ValidationError("instance counts cannot be negative") }
    }

    func run() async throws {
        let pipeline = try await LocalPipeline.start(
            partitions: partitions, counts: ["ingest": ingest, "parse": parse, "enrich": enrich, "index": index],
            indexPath: indexPath, logDirectory: logDirectory, httpPort: httpPort)
        print("Broker: \(pipeline.broker.bootstrapServers) (also in \(ClusterConnection.addressFile))")
        print("Search page: http://127.0.0.1:\(httpPort)/   API: /search?q=…   Logs: \(logDirectory)/   Stop: Ctrl-C")
        let stopRequested = ShutdownSignal()
        while !stopRequested.fired {
            if let status = try? await PipelineStatus.read(admin: pipeline.admin) {
                let topics = status.topics.map { "\($0.name.replacingOccurrences(of: "articles.", with: "")) \($0.endOffset)" }
                let lags = status.groups.map { "\($0.service) lag \($0.lag)" }
                print((topics + lags).joined(separator: " | "))
                fflush(nil)
            }
            for died in pipeline.services.reapDied() {
                print(died.report)
                do {
                    try pipeline.services.restart(died)
                    print("restarted \(died.name)")
                } catch {
                    print("cannot restart \(died.name): \(error)")
                }
            }
            await stopRequested.wait(upTo: .seconds(2))
        }
        print("Stopping services…")
        await pipeline.stop()
        print("Stopped.")
    }
}

/// An embedded broker with the pipeline topics and the services running against it.
struct LocalPipeline {
    let broker: EmbeddedBroker
    let admin: KafkaAdmin
    let services: ServiceProcesses
    let configuration: KafkaConfiguration

    static func start(
        partitions: Int32, counts: [String: Int], indexPath: String, logDirectory: String, httpPort: Int,
        environment: [String: String] = [:]
    ) async throws -> LocalPipeline {
        let logger = CommandLogging.logger("run")
        let broker = try EmbeddedBroker(brokers: 1, logger: logger)
        for topic in Topics.allNames {
            try broker.createTopic(topic, partitions: partitions)
        }
        try FileManager.default.createDirectory(atPath: "var", withIntermediateDirectories: true)
        try Data((broker.bootstrapServers + "\n").utf8).write(to: URL(fileURLWithPath: ClusterConnection.addressFile))
        let configuration = KafkaConfiguration(bootstrapServers: [broker.bootstrapServers], clientId: "newsline-run")
        // Crash-guard records name offsets of this broker's topics: a new broker starts with none.
        let stateDirectory = URL(fileURLWithPath: logDirectory).deletingLastPathComponent().appendingPathComponent("state").path
        try? FileManager.default.removeItem(atPath: stateDirectory)
        let services = try ServiceProcesses(
            brokers: broker.bootstrapServers, logDirectory: URL(fileURLWithPath: logDirectory),
            extraEnvironment: environment.merging([
                // The URL setting too, so one exported in the caller's environment does not win over indexPath.
                "NEWSLINE_INDEX_PATH": indexPath, "NEWSLINE_INDEX_URL": indexPath, "NEWSLINE_HTTP_PORT": String(httpPort),
                "NEWSLINE_STATE_DIRECTORY": stateDirectory,
            ]) { $1 })
        for service in ["ingest", "parse", "enrich", "index"] {
            try services.start(service, count: counts[service] ?? 1)
        }
        let admin = try KafkaAdmin(configuration: configuration, logger: logger)
        return LocalPipeline(broker: broker, admin: admin, services: services, configuration: configuration)
    }

    func stop() async {
        await services.stopAll()
        try? FileManager.default.removeItem(atPath: ClusterConnection.addressFile)
    }
}
