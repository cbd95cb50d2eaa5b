import NewslineModels

/// The enrich stage's logic: language, entities, keywords, summary, quotes, dates, category and
/// fingerprint for a parsed article. A plain value, loaded once and shared by every worker.
public struct Enricher: Sendable {
    /// Scalars of one article that are analysed; beyond this the result is partial (by design, so that
    /// a pathological input costs bounded time).
    public static let maxAnalysedScalars = 200_000

    private let recognizer: EntityRecognizer
    private let keywordExtractor: KeywordExtractor
    private let classifier: CategoryClassifier

    /// Loads the gazetteer, word lists, category cues and tagger weights from the bundle.
    public init() throws {
        recognizer = try EntityRecognizer()
        keywordExtractor = try KeywordExtractor(lexicon: recognizer.lexicon)
        classifier = try CategoryClassifier()
    }

    /// The recognizer this enricher uses, for callers that score it on their own (`newsline eval ner`).
    public var entityRecognizer: EntityRecognizer { recognizer }

    /// Throws `RejectedInput` for input it cannot handle; otherwise a full or graceful partial result.
    public func enrich(_ article: ArticleParsed) throws -> ArticleEnriched {
        var texts: [String] = []
        var titleUnits = 0
        for heading in [article.title, article.subtitle] {
            if let heading, !heading.allSatisfy(\.isWhitespace) {
                texts.append(heading)
                titleUnits += 1
            }
        }
        texts += article.paragraphs.filter { !$0.allSatisfy(\.isWhitespace) }
        guard !texts.isEmpty else {
            throw RejectedInput(RejectedInput.noArticleContent, "article has neither a title nor body text")
        }

        var units: [ScannedText] = []
        var budget = Enricher.maxAnalysedScalars
        for text in texts where budget > 0 {
            var scalars = Array(text.unicodeScalars.prefix(budget))
            budget -= scalars.count
            while let last = scalars.last, ScalarClass(last) == .space { scalars.removeLast() }
            units.append(ScannedText(scalars: scalars))
        }
        let body = Array(units[titleUnits...])

        let found = units.map { recognizer.recognize($0) }
        let entities = ArticleEntities(units: units, found: found, lexicon: recognizer.lexicon)
        let quotes = QuoteExtractor(lexicon: recognizer.lexicon)
            .quotes(paragraphs: body, firstUnit: titleUnits, entities: entities)
        var dates: [DateMention] = []
        if let published = article.publishedDate.flatMap(CivilDate.init) {
            dates = DateExtractor(lexicon: recognizer.lexicon).dates(in: units, published: published)
        }
        let terms = keywordExtractor.terms(in: units, titleUnits: titleUnits)
        let summary = Summarizer.summary(of: body.isEmpty ? units : body)
        let fingerprint = SimHash.fingerprint(units.map { $0.string(0, $0.count) }.joined(separator: "\n"))

        return ArticleEnriched(
            article: article,
            language: LanguageDetector.language(of: ScannedText(scalars: Array(units.flatMap(\.scalars).prefix(20_000)))),
            entities: entities.entities,
            keywords: keywordExtractor.keywords(terms: terms, entities: entities.entities),
            summary: summary,
            quotes: quotes,
            dates: dates,
            category: classifier.category(section: article.section, terms: terms),
            fingerprint: SimHash.hex(fingerprint)
        )
    }
}
