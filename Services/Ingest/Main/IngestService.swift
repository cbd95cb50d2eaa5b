import ArgumentParser
import Foundation
import IngestStage
import Kafka
import NewslineModels
import StageRuntime

/// `newsline-ingest`: raw bytes from `articles.raw` to `article.ingested` events.
@main
struct IngestService: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsline-ingest",
        abstract: "Decode raw articles (articles.raw) into article.ingested events (articles.ingested).")

    @OptionGroup var options: ServiceOptions

    @Option(name: .customLong("max-bytes"), help: "Largest raw article accepted (env NEWSLINE_MAX_ARTICLE_BYTES).")
    var maxBytes: Int?

    /// The largest raw article accepted when nothing sets it; larger ones are dead-lettered `too-large`.
    static let defaultMaxBytes = 2 * 1024 * 1024
    static let maxBytesSetting = Setting<Int>.integer(flag: "--max-bytes", environment: "NEWSLINE_MAX_ARTICLE_BYTES")

    func run() async throws {
        let logger = try ServiceMain.bootstrap(service: "ingest", options: options)
        let limit = try Self.maxBytesSetting.value(flag: maxBytes.map(String.init), default: Self.defaultMaxBytes)
        try await ServiceMain.run(PerMessageStage(IngestStep(ingester: Ingester(maxBytes: limit))), options: options, logger: logger)
    }
}

/// The ingest stage: a raw message and its headers in, one ingested article out.
struct IngestStep: Stage {
    let ingester: Ingester

    var name: String { "ingest" }
    var inputTopic: String { Topics.raw.name }
    var outputTopic: Topic<ArticleIngested> { Topics.ingested }

    func decode(_ message: KafkaConsumerMessage) throws -> RawArticle {
        RawArticle(
            bytes: message.value,
            contentType: message.headers.text(for: RawArticleHeader.contentType),
            source: message.headers.text(for: RawArticleHeader.source),
            sourceURL: message.headers.text(for: RawArticleHeader.sourceURL),
            receivedAt: Date())
    }

    func process(_ input: RawArticle) throws -> [ArticleIngested] {
        [try ingester.ingest(input)]
    }
}
