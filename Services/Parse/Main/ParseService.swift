import ArgumentParser
import NewslineModels
import ParseStage
import StageRuntime

/// `newsline-parse`: `article.ingested` to `article.parsed`.
@main
struct ParseService: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsline-parse",
        abstract: "Parse ingested articles (articles.ingested) into article.parsed events (articles.parsed).")

    @OptionGroup var options: ServiceOptions

    func run() async throws {
        let logger = try ServiceMain.bootstrap(service: "parse", options: options)
        try await ServiceMain.run(PerMessageStage(ParseStep()), options: options, logger: logger)
    }
}

/// The parse stage: one ingested article in, its structure out.
struct ParseStep: Stage {
    let parser = ArticleParser()

    var name: String { "parse" }
    var inputTopic: String { Topics.ingested.name }
    var outputTopic: Topic<ArticleParsed> { Topics.parsed }

    func process(_ input: ArticleIngested) throws -> [ArticleParsed] {
        [try parser.parse(input)]
    }
}
