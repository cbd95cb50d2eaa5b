import ArgumentParser
import Foundation
import Hummingbird
import IndexStage
import Kafka
import NewslineModels
import Operations
import SearchAPI
import ServiceLifecycle
import Logging
import Morphology
import StageRuntime
import Synchronization

/// `newsline-index`: `article.enriched` into the search index, then `article.indexed`; serves search.
@main
struct IndexService: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsline-index",
        abstract: "Index enriched articles (articles.enriched), announce them on articles.indexed and serve search.",
        discussion: """
            Exactly-once into the index: the consumed offsets are stored in the index in the same
            transaction as the documents, and partitions resume from there on assignment. One instance
            per SQLite index file; any number of instances in one consumer group over one PostgreSQL
            database (--index-url postgres://…). --no-consume serves search only, for search instances.
            """)

    @OptionGroup var options: ServiceOptions

    @Option(name: .customLong("index-path"), help: "The SQLite index file (env NEWSLINE_INDEX_PATH).")
    var indexPath: String?

    @Option(
        name: .customLong("index-url"),
        help: "The index: postgres://user@host:port/database, or a SQLite file path or sqlite:path (env NEWSLINE_INDEX_URL; overrides --index-path).")
    var indexURL: String?

    @Flag(name: .customLong("no-consume"), help: "Serve search only: consume nothing and write nothing.")
    var noConsume = false

    @Option(name: .customLong("http-host"), help: "Address the search API listens on (env NEWSLINE_HTTP_HOST).")
    var httpHost: String?

    @Option(name: .customLong("http-port"), help: "Port of the search API; 0 turns it off (env NEWSLINE_HTTP_PORT; default 8080).")
    var httpPort: String?

    @Option(name: .customLong("mecab-dictionary"), help: "The mecab-ko-dic folder (env NEWSLINE_MECAB_DICTIONARY).")
    var mecabDictionary: String?

    static let indexPathSetting = Setting<String>.text(
        flag: "--index-path", environment: "NEWSLINE_INDEX_PATH", expected: "the path of the index file")
    static let indexURLSetting = Setting<String>.text(
        flag: "--index-url", environment: "NEWSLINE_INDEX_URL", expected: "a postgres:// URL or an index file path")
    static let httpHostSetting = Setting<String>.text(
        flag: "--http-host", environment: "NEWSLINE_HTTP_HOST", expected: "a host name or address")
    static let httpPortSetting = Setting<Int>.port(flag: "--http-port", environment: "NEWSLINE_HTTP_PORT")

    func run() async throws {
        let logger = try ServiceMain.bootstrap(service: "index", options: options)
        let path = try Self.indexPathSetting.value(flag: indexPath, default: "var/newsline-index.sqlite")
        let port = try Self.httpPortSetting.value(flag: httpPort, default: 8080)
        let host = try Self.httpHostSetting.value(flag: httpHost, default: "0.0.0.0")
        do {
            // Loaded before the index: the search analyzer and every query use this dictionary.
            let analyzer = try MorphemeAnalyzer.shared(dictionary: MorphologyDictionary.locate(explicit: mecabDictionary))
            logger.info("morphological analyzer loaded", metadata: ["dictionary": .string(analyzer.dictionaryPath)])
        } catch {
            logger.critical("cannot load the morphological analyzer", metadata: ["error": "\(error)"])
            throw ExitCode.failure
        }
        let location = try IndexLocation(Self.indexURLSetting.value(flag: indexURL, default: path))
        if case .sqlite(let file) = location {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: file).deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        let index = try await location.open(logger: logger)
        let documents = (try? await index.documentCount()) ?? 0
        logger.info("index opened", metadata: ["location": .string(index.location), "documents": "\(documents)"])

        let health = ServiceHealth()
        let database = DatabaseProbe(index: index, logger: logger)
        health.add(.readiness, "database") { database.failure }
        var extraServices: [any Service] = [database]
        if port > 0 {
            let router = makeSearchRouter(index: index, isReady: { health.isReady })
            extraServices.append(
                Application(
                    responder: TracedResponder(router.buildResponder()),
                    configuration: .init(address: .hostname(host, port: port), serverName: "newsline-index"),
                    logger: logger))
        }
        if noConsume {
            try await SearchOnly.run(services: extraServices, options: options, health: health, logger: logger)
            await index.close()
            return
        }
        let configuration = try options.kafkaConfiguration()
        extraServices.append(
            OutboxRelay(index: index, producer: try KafkaProducer(configuration: configuration, logger: logger), logger: logger))
        try await ServiceMain.run(
            IndexStep(index: index, logger: logger), options: options,
            startOffsets: { partitions in Self.storedPositions(index, partitions, logger: logger) },
            extraServices: extraServices, health: health, logger: logger)
        // Outbox entries marked after the last deliveries are still queued behind the writes; let them
        // finish, so a graceful stop leaves nothing for the next start to send again.
        await index.close()
    }

    /// Where newly assigned partitions resume: the positions stored with the documents.
    ///
    /// Called on the consumer's poll thread, which may wait: the read runs in a task and the thread
    /// blocks until it answers.
    static func storedPositions(_ index: any IndexBackend, _ partitions: [TopicPartition], logger: Logging.Logger)
        -> [TopicPartition: Int64]
    {
        let answer = Mutex<[TopicPartition: Int64]>([:])
        let done = DispatchSemaphore(value: 0)
        Task {
            defer { done.signal() }
            var result: [TopicPartition: Int64] = [:]
            for topic in Set(partitions.map(\.topic)) {
                guard let stored = try? await index.storedPositions(topic: topic) else {
                    logger.error(
                        "cannot read stored positions; resuming from committed offsets", metadata: ["topic": .string(topic)])
                    continue
                }
                for partition in partitions where partition.topic == topic {
                    if let offset = stored[partition.partition] { result[partition] = offset }
                }
            }
            answer.withLock { [result] in $0 = result }
        }
        done.wait()
        return answer.withLock { $0 }
    }
}
