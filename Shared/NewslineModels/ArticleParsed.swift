import Foundation

/// `article.parsed` v1: the ingested identity plus the article's structure.
public struct ArticleParsed: ArticleEvent {
    public static let eventType = "article.parsed"

    public var articleId: String
    public var contentHash: String
    public var source: String?
    public var sourceURL: String?
    public var format: ArticleFormat
    public var charset: String
    public var rawBytes: Int
    public var receivedAt: Date

    public var title: String?
    public var subtitle: String?
    public var byline: Byline?
    /// The paper's local day, `YYYY-MM-DD`.
    public var publishedDate: String?
    /// The full publication time with its offset, when the source gives one.
    public var publishedAt: String?
    public var section: String?
    public var page: String?
    public var paragraphs: [String]
    /// The `본문자수` the archive page declares, when it has one.
    public var declaredCharCount: Int?
    /// The body's length in characters: the paragraphs joined without separators.
    public var bodyCharCount: Int
    /// From `표/그림/사진 유무`; nil when the source does not say.
    public var hasMedia: Bool?
    public var quality: Quality
    /// Which rule or source gave each field, by field name.
    public var provenance: [String: String]
    /// The language the page declares (`<html lang>`, `og:locale`), as a tag; optional in v1.
    public var declaredLanguage: String?
    /// The page's own address for itself (`<link rel=canonical>`, `og:url`); optional in v1.
    public var canonicalURL: String?
    /// Whether an HTML page names a lead image (`og:image`, JSON-LD `image`); optional in v1.
    public var hasLeadImage: Bool?

    public init(
        articleId: String,
        contentHash: String,
        source: String?,
        sourceURL: String?,
        format: ArticleFormat,
        charset: String,
        rawBytes: Int,
        receivedAt: Date,
        title: String?,
        subtitle: String?,
        byline: Byline?,
        publishedDate: String?,
        publishedAt: String? = nil,
        section: String?,
        page: String?,
        paragraphs: [String],
        declaredCharCount: Int?,
        bodyCharCount: Int,
        hasMedia: Bool?,
        quality: Quality,
        provenance: [String: String],
        declaredLanguage: String? = nil,
        canonicalURL: String? = nil,
        hasLeadImage: Bool? = nil
    ) {
        self.articleId = articleId
        self.contentHash = contentHash
        self.source = source
        self.sourceURL = sourceURL
        self.format = format
        self.charset = charset
        self.rawBytes = rawBytes
        self.receivedAt = receivedAt
        self.title = title
        self.subtitle = subtitle
        self.byline = byline
        self.publishedDate = publishedDate
        self.publishedAt = publishedAt
        self.section = section
        self.page = page
        self.paragraphs = paragraphs
        self.declaredCharCount = declaredCharCount
        self.bodyCharCount = bodyCharCount
        self.hasMedia = hasMedia
        self.quality = quality
        self.provenance = provenance
        self.declaredLanguage = declaredLanguage
        self.canonicalURL = canonicalURL
        self.hasLeadImage = hasLeadImage
    }
}

/// The byline as printed and what it says.
public struct Byline: Codable, Sendable, Equatable {
    public var raw: String
    /// The place before `=` in `실리콘밸리=오로라 특파원`.
    public var dateline: String?
    public var authors: [Author]

    public init(raw: String, dateline: String?, authors: [Author]) {
        self.raw = raw
        self.dateline = dateline
        self.authors = authors
    }
}

public struct Author: Codable, Sendable, Equatable, Hashable {
    public var name: String
    /// The role as printed: `기자`, `특파원`, `논설위원`, `Staff Reporter`.
    public var role: String?

    public init(name: String, role: String?) {
        self.name = name
        self.role = role
    }
}

/// How much the parse can be trusted, and why not fully.
public struct Quality: Codable, Sendable, Equatable {
    /// 1 is a clean parse; every warning lowers it.
    public var score: Double
    public var warnings: [String]

    public init(score: Double, warnings: [String]) {
        self.score = score
        self.warnings = warnings
    }
}
