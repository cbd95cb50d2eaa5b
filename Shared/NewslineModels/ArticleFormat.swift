/// The shape of a raw article, detected by ingest.
public enum ArticleFormat: String, Codable, Sendable, CaseIterable {
    case archiveText = "archive-text"
    case html
    case json
    case plain
}
