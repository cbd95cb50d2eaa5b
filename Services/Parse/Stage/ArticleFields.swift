import NewslineModels

/// What a format-specific parser found in an article, with the rule that gave each field.
struct ArticleFields {
    var title: String?
    var subtitle: String?
    var byline: Byline?
    var publishedDate: String?
    var publishedAt: String?
    var section: String?
    var page: String?
    var paragraphs: [String] = []
    var declaredCharCount: Int?
    var hasMedia: Bool?
    /// The language the page declares (`<html lang>`, `og:locale`), as written there.
    var declaredLanguage: String?
    /// The page's own address for itself (`<link rel=canonical>`, `og:url`).
    var canonicalURL: String?
    /// Whether the page names a lead image (`og:image`, JSON-LD `image`).
    var hasLeadImage: Bool?
    /// Quality warnings of the format parser, such as a budget that cut the input short.
    var warnings: [String] = []
    /// Field name to the rule or source that gave it, e.g. `"title": "archive:title-line"`.
    var provenance: [String: String] = [:]

    /// Sets the date fields from a timestamp or date text, recording where it came from.
    @discardableResult
    mutating func setPublished(_ text: String?, from source: String) -> Bool {
        guard let text, let published = PublicationDate(text) else { return false }
        publishedDate = published.day
        publishedAt = published.timestamp
        provenance["publishedDate"] = source
        return true
    }
}
