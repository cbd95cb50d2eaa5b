import NewslineModels

/// The analyzed text of one article, one string of tokens per FTS column.
struct IndexColumns: Equatable, Sendable {
    var title: String
    var subtitle: String
    var body: String
    var entities: String
    var keywords: String
    /// Bigrams of title, subtitle and body (`TextAnalyzer.gramsText`), the recall column.
    var grams: String

    init(
        analyzer: TextAnalyzer, title: String?, subtitle: String?, paragraphs: [String], entities: [String],
        keywords: [String]
    ) {
        self.title = analyzer.indexText(title ?? "")
        self.subtitle = analyzer.indexText(subtitle ?? "")
        self.body = analyzer.indexText(paragraphs.joined(separator: "\n"))
        self.entities = analyzer.indexText(entities.joined(separator: "\n"))
        self.keywords = analyzer.indexText(keywords.joined(separator: "\n"))
        self.grams = analyzer.gramsText(([title ?? "", subtitle ?? ""] + paragraphs).joined(separator: "\n"))
    }

    init(analyzer: TextAnalyzer, event: ArticleEnriched) {
        self.init(
            analyzer: analyzer, title: event.article.title, subtitle: event.article.subtitle,
            paragraphs: event.article.paragraphs, entities: Self.entityNames(event.entities),
            keywords: event.keywords.map(\.term))
    }

    /// Rebuilds the columns a stored article was indexed with, which FTS5 needs to delete them.
    init(analyzer: TextAnalyzer, article: IndexedArticle) {
        self.init(
            analyzer: analyzer, title: article.title, subtitle: article.subtitle, paragraphs: article.paragraphs,
            entities: Self.entityNames(article.entities), keywords: article.keywords)
    }

    /// Canonical names once each, in first-seen order, so a repeated entity does not count twice.
    private static func entityNames(_ entities: [Entity]) -> [String] {
        var seen: Set<String> = []
        return entities.map(\.canonical).filter { seen.insert($0).inserted }
    }
}
