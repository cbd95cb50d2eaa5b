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
