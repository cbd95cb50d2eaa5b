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

    func run() async throws {
        ServiceMain.bootstrapLogging(level: options.level())
        let logger = ServiceMain.logger(service: "ingest", options: options)
        let limit = maxBytes ?? ProcessInfo.processInfo.environment["NEWSLINE_MAX_ARTICLE_BYTES"].flatMap(Int.init) ?? 2 * 1024 * 1024
        guard limit > 0 else { throw ValidationError("--max-bytes must be positive") }
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
