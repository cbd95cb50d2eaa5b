import NewslineModels

/// An enriched article and the Kafka position it was consumed from.
public struct IndexInput: Sendable {
    public var event: ArticleEnriched
    public var topic: String
    public var partition: Int32
    public var offset: Int64

    public init(event: ArticleEnriched, topic: String, partition: Int32, offset: Int64) {
        self.event = event
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }
}
