import Morphology
import NewslineModels

/// The enrich stage's logic: language, entities, keywords, summary, quotes, dates, category and
/// fingerprint for a parsed article. A plain value, loaded once and shared by every worker.
///
/// Work per article is bounded by `EnrichBudget` and linear in what is analysed: an article past a
/// budget is enriched from its first part and says so in its quality warnings.
public struct Enricher: Sendable {
    /// Scalars of one article that are analysed; beyond this the result is partial (by design, so that
    /// a pathological input costs bounded time).
    public static let maxAnalysedScalars = EnrichBudget.scalars

    private let recognizer: EntityRecognizer
    private let keywordExtractor: KeywordExtractor
    private let classifier: CategoryClassifier

    /// Loads the gazetteer, word lists, category cues and tagger weights from the bundle; `analyzer` is
    /// the morphological analyzer (by default the process's shared one, `MorphologyDictionary.locate`).
    public init(analyzer: MorphemeAnalyzer? = nil) throws {
        recognizer = try EntityRecognizer(analyzer: analyzer)
        keywordExtractor = try KeywordExtractor(frequencies: DocumentFrequencies())
        classifier = try CategoryClassifier()
    }

    /// The recognizer this enricher uses, for callers that score it on their own (`newsline eval ner`).
    public var entityRecognizer: EntityRecognizer { recognizer }

    /// Throws `RejectedInput` for input it cannot handle; otherwise a full or graceful partial result.
    public func enrich(_ article: ArticleParsed) throws -> ArticleEnriched {
        var partial: [String] = []
        var reader = UnitReader()
        // Title units are only those actually read: a title that uses up the budget leaves the subtitle out.
        for heading in [article.title, article.subtitle] {
            if let heading { reader.read(heading) }
        }
        let titleUnits = reader.units.count
        for paragraph in article.paragraphs {
            guard reader.read(paragraph) else { break }
        }
        partial += reader.warnings
        let units = reader.units
        guard !units.isEmpty else {
            throw RejectedInput(RejectedInput.noArticleContent, "article has neither a title nor body text")
        }
        let body = Array(units[titleUnits...])

        // Each unit is analyzed once; entities and keywords both read its morphemes.
        let unitTexts = units.map { $0.string(0, $0.count) }
        let analyzed = unitTexts.map { recognizer.analyzer.analyze($0) }
        var found: [[EntityMention]] = []
        var mentionCount = 0
        for (u, unit) in units.enumerated() {
            guard mentionCount < EnrichBudget.mentions else {
                found.append([])
                continue
            }
            var mentions = recognizer.recognize(unit, morphemes: analyzed[u])
            if mentionCount + mentions.count > EnrichBudget.mentions {
                mentions.removeLast(mentionCount + mentions.count - EnrichBudget.mentions)
            }
            mentionCount += mentions.count
            found.append(mentions)
        }
        if mentionCount >= EnrichBudget.mentions { partial.append(EnrichBudget.mentionsWarning) }

        let fullText = unitTexts.joined(separator: "\n")
        let search = TextSearch(fullText)
        let entities = ArticleEntities(units: units, found: found, lexicon: recognizer.lexicon, search: search)
        if entities.truncated { partial.append(EnrichBudget.entitiesWarning) }
        let quotes = QuoteExtractor(lexicon: recognizer.lexicon)
            .quotes(paragraphs: body, morphemes: Array(analyzed[titleUnits...]),
                    bodyText: unitTexts[titleUnits...].joined(separator: "\n"), firstUnit: titleUnits,
                    entities: entities)
        if quotes.truncated { partial.append(EnrichBudget.quotesWarning) }
        if search.exhausted || quotes.searchesExhausted { partial.append(EnrichBudget.textSearchesWarning) }
        let language = LanguageDetector.language(of: Self.languageSample(units))
        var dates: [DateMention] = []
        if let published = PublicationDay.day(of: article, inKorea: PublicationDay.isKorean(article, language: language))
            .flatMap(CivilDate.init)
        {
            let found = DateExtractor(lexicon: recognizer.lexicon).dates(in: units, published: published)
            dates = found.dates
            if found.truncated { partial.append(EnrichBudget.datesWarning) }
        }
        let terms = keywordExtractor.terms(in: analyzed, titleUnits: titleUnits)
        if terms.truncated { partial.append(EnrichBudget.termsWarning) }
        let summary = Summarizer.summary(of: body.isEmpty ? units : body)
        let fingerprint = SimHash.fingerprint(fullText)

        var enrichedArticle = article
        enrichedArticle.quality.warnings += partial
        return ArticleEnriched(
            article: enrichedArticle,
            language: language,
            entities: entities.entities,
            keywords: keywordExtractor.keywords(terms: terms.counts, entities: entities.entities),
            summary: summary,
            quotes: quotes.quotes,
            dates: dates,
            category: classifier.category(section: article.section, terms: terms.counts),
            fingerprint: SimHash.hex(fingerprint)
        )
    }

    /// The first scalars of the units, run together, that the language is told from.
    static let languageSampleLength = 20_000

    private static func languageSample(_ units: [ScannedText]) -> ScannedText {
        var scalars: [Unicode.Scalar] = []
        for unit in units where scalars.count < languageSampleLength {
            scalars += unit.scalars.prefix(languageSampleLength - scalars.count)
        }
        return ScannedText(scalars: scalars)
    }
}
