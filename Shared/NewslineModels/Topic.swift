/// A Kafka topic of the pipeline and the event type its values carry.
///
/// Every service names topics through these declarations, never through string literals,
/// so that one writer per topic and the event each topic carries are stated in one place.
public struct Topic<Event>: Sendable, Hashable {
    public let name: String

    public init(_ name: String) {
        self.name = name
    }
}

/// The value of an `articles.raw` message: the bytes exactly as the source published them.
public enum RawArticleBytes {}

/// The value of an `articles.deadletter` message: the original bytes, with the reason in headers.
public enum DeadLetterBytes {}

public enum Topics {
    public static let raw = Topic<RawArticleBytes>("articles.raw")
    public static let ingested = Topic<ArticleIngested>("articles.ingested")
    public static let parsed = Topic<ArticleParsed>("articles.parsed")
    public static let enriched = Topic<ArticleEnriched>("articles.enriched")
    public static let indexed = Topic<ArticleIndexed>("articles.indexed")
    public static let deadletter = Topic<DeadLetterBytes>("articles.deadletter")

    /// Every pipeline topic, in the order data flows through them.
    public static let allNames: [String] = [
        raw.name, ingested.name, parsed.name, enriched.name, indexed.name, deadletter.name,
    ]

    /// Partitions per topic when Newsline creates the topics itself.
    public static let defaultPartitions = 16
}
