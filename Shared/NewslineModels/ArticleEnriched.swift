/// `article.enriched` v1: the parsed article plus what enrich found in it.
///
/// On the wire the parsed fields and the enrichment fields sit side by side in one object.
public struct ArticleEnriched: ArticleEvent {
    public static let eventType = "article.enriched"

    public var article: ArticleParsed
    /// `ko`, `en`, `ja`, `zh` or `other`.
    public var language: String
    public var entities: [Entity]
    public var keywords: [Keyword]
    /// One to three sentences of the article's own text.
    public var summary: [String]
    public var quotes: [Quote]
    public var dates: [DateMention]
    /// One of `Category.allCases`' raw values.
    public var category: String
    /// 64-bit SimHash of the normalized text, 16 lowercase hex digits.
    public var fingerprint: String

    public var articleId: String { article.articleId }

    public init(
        article: ArticleParsed,
        language: String,
        entities: [Entity],
        keywords: [Keyword],
        summary: [String],
        quotes: [Quote],
        dates: [DateMention],
        category: String,
        fingerprint: String
    ) {
        self.article = article
        self.language = language
        self.entities = entities
        self.keywords = keywords
        self.summary = summary
        self.quotes = quotes
        self.dates = dates
        self.category = category
        self.fingerprint = fingerprint
    }

    private enum CodingKeys: String, CodingKey {
        case language, entities, keywords, summary, quotes, dates, category, fingerprint
    }

    public init(from decoder: any Decoder) throws {
        article = try ArticleParsed(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        language = try container.decode(String.self, forKey: .language)
        entities = try container.decode([Entity].self, forKey: .entities)
        keywords = try container.decode([Keyword].self, forKey: .keywords)
        summary = try container.decode([String].self, forKey: .summary)
        quotes = try container.decode([Quote].self, forKey: .quotes)
        dates = try container.decode([DateMention].self, forKey: .dates)
        category = try container.decode(String.self, forKey: .category)
        fingerprint = try container.decode(String.self, forKey: .fingerprint)
    }

    public func encode(to encoder: any Encoder) throws {
        try article.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(language, forKey: .language)
        try container.encode(entities, forKey: .entities)
        try container.encode(keywords, forKey: .keywords)
        try container.encode(summary, forKey: .summary)
        try container.encode(quotes, forKey: .quotes)
        try container.encode(dates, forKey: .dates)
        try container.encode(category, forKey: .category)
        try container.encode(fingerprint, forKey: .fingerprint)
    }
}

public enum EntityType: String, Codable, Sendable, CaseIterable {
    case person
    case organization
    case location
}

public struct Entity: Codable, Sendable, Equatable, Hashable {
    /// The form first seen in the text.
    public var text: String
    public var type: EntityType
    /// The fullest form the article uses (`마이크로소프트` for `MS`).
    public var canonical: String
    public var mentions: Int

    public init(text: String, type: EntityType, canonical: String, mentions: Int) {
        self.text = text
        self.type = type
        self.canonical = canonical
        self.mentions = mentions
    }
}

public struct Keyword: Codable, Sendable, Equatable, Hashable {
    public var term: String
    public var score: Double

    public init(term: String, score: Double) {
        self.term = term
        self.score = score
    }
}

public struct Quote: Codable, Sendable, Equatable, Hashable {
    public var text: String
    public var speaker: String?

    public init(text: String, speaker: String?) {
        self.text = text
        self.speaker = speaker
    }
}

/// A day-precise date expression and the day it resolves to.
public struct DateMention: Codable, Sendable, Equatable, Hashable {
    public var text: String
    /// `YYYY-MM-DD`.
    public var date: String

    public init(text: String, date: String) {
        self.text = text
        self.date = date
    }
}

/// The fixed taxonomy of article categories.
public enum Category: String, Codable, Sendable, CaseIterable {
    case politics = "정치"
    case economy = "경제"
    case society = "사회"
    case international = "국제"
    case culture = "문화"
    case science = "IT/과학"
    case sports = "스포츠"
    case opinion = "오피니언"
}
