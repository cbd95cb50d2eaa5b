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

/// `newsline-index`: `article.enriched` into the search index, then `article.indexed`; serves search.
@main
struct IndexService: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsline-index",
        abstract: "Index enriched articles (articles.enriched), announce them on articles.indexed and serve search.",
        discussion: """
            Exactly-once into the index: the consumed offsets are stored in the index in the same
            transaction as the documents, and partitions resume from there on assignment. One instance
            per index file.
            """)

    @OptionGroup var options: ServiceOptions

    @Option(name: .customLong("index-path"), help: "The SQLite index file (env NEWSLINE_INDEX_PATH).")
    var indexPath: String?

    @Option(name: .customLong("http-host"), help: "Address the search API listens on (env NEWSLINE_HTTP_HOST).")
    var httpHost: String?

    @Option(name: .customLong("http-port"), help: "Port of the search API; 0 turns it off (env NEWSLINE_HTTP_PORT; default 8080).")
    var httpPort: String?

    @Option(name: .customLong("mecab-dictionary"), help: "The mecab-ko-dic folder (env NEWSLINE_MECAB_DICTIONARY).")
    var mecabDictionary: String?

    static let indexPathSetting = Setting<String>.text(
        flag: "--index-path", environment: "NEWSLINE_INDEX_PATH", expected: "the path of the index file")
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
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        let index = try ArticleIndex(path: path)
        logger.info("index opened", metadata: ["path": .string(path), "documents": "\((try? index.documentCount()) ?? 0)"])

        let configuration = try options.kafkaConfiguration()
        let relay = OutboxRelay(index: index, producer: try KafkaProducer(configuration: configuration, logger: logger), logger: logger)
        let writer = IndexWriter(index: index)
        let health = ServiceHealth()
        let database = DatabaseProbe(writer: writer, logger: logger)
        health.add(.readiness, "database") { database.failure }
        var extraServices: [any Service] = [relay, database]
        if port > 0 {
            let router = makeSearchRouter(index: index, isReady: { health.isReady })
            extraServices.append(
                Application(
                    responder: TracedResponder(router.buildResponder()),
                    configuration: .init(address: .hostname(host, port: port), serverName: "newsline-index"),
                    logger: logger))
        }
        try await ServiceMain.run(
            IndexStep(index: index, writer: writer, logger: logger), options: options,
            startOffsets: { partitions in Self.storedPositions(index, partitions, logger: logger) },
            extraServices: extraServices, health: health, logger: logger)
        // Outbox entries marked after the last deliveries are still queued behind the writes; let them
        // finish, so a graceful stop leaves nothing for the next start to send again.
        try await writer.run { _ in }
    }

    /// Where newly assigned partitions resume: the positions stored with the documents.
    static func storedPositions(_ index: ArticleIndex, _ partitions: [TopicPartition], logger: Logging.Logger)
        -> [TopicPartition: Int64]
    {
        var result: [TopicPartition: Int64] = [:]
        for topic in Set(partitions.map(\.topic)) {
            guard let stored = try? index.storedPositions(topic: topic) else {
                logger.error("cannot read stored positions; resuming from committed offsets", metadata: ["topic": .string(topic)])
                continue
            }
            for partition in partitions where partition.topic == topic {
                if let offset = stored[partition.partition] { result[partition] = offset }
            }
        }
        return result
    }
}
