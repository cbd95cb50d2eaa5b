/// An event Newsline writes to one of its JSON topics.
///
/// The `type` and major `version` are not stored in the value: `EventCodec` writes them into
/// the JSON envelope and checks them on the way back in.
public protocol ArticleEvent: Codable, Sendable, Equatable {
    /// The `"type"` field of the JSON event, e.g. `article.parsed`.
    static var eventType: String { get }
    /// The major version this build reads and writes.
    static var majorVersion: Int { get }
    /// The key of the event's Kafka message.
    var articleId: String { get }
}

extension ArticleEvent {
    public static var majorVersion: Int { 1 }
}
