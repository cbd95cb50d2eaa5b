import ArgumentParser
import EnrichStage
import Morphology
import NewslineModels
import StageRuntime

/// `newsline-enrich`: `article.parsed` to `article.enriched`. Stateless: run as many as the load needs.
@main
struct EnrichService: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsline-enrich",
        abstract: "Enrich parsed articles (articles.parsed) into article.enriched events (articles.enriched).",
        discussion: "Stateless: every instance in the group takes a share of the partitions.")

    @OptionGroup var options: ServiceOptions

    @Option(name: .customLong("mecab-dictionary"), help: "The mecab-ko-dic folder (env NEWSLINE_MECAB_DICTIONARY).")
    var mecabDictionary: String?

    func run() async throws {
        let logger = try ServiceMain.bootstrap(service: "enrich", options: options)
        let enricher: Enricher
        do {
            enricher = try Enricher(
                analyzer: MorphemeAnalyzer.shared(dictionary: MorphologyDictionary.locate(explicit: mecabDictionary)))
        } catch {
            logger.critical("cannot load the enrichment resources", metadata: ["error": "\(error)"])
            throw ExitCode.failure
        }
        try await ServiceMain.run(PerMessageStage(EnrichStep(enricher: enricher)), options: options, logger: logger)
    }
}

/// The enrich stage: one parsed article in, the same article with what was found in it out.
struct EnrichStep: Stage {
    let enricher: Enricher

    var name: String { "enrich" }
    var inputTopic: String { Topics.parsed.name }
    var outputTopic: Topic<ArticleEnriched> { Topics.enriched }

    func process(_ input: ArticleParsed) throws -> [ArticleEnriched] {
        [try enricher.enrich(input)]
    }
}
