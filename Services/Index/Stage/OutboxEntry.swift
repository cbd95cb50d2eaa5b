import NewslineModels

/// An `article.indexed` event committed with the change it announces, waiting to be produced.
public struct OutboxEntry: Sendable, Equatable {
    /// Increases in commit order; pass it to `ArticleIndex.markEmitted` once Kafka acknowledged it.
    public var id: Int64
    public var event: ArticleIndexed
    /// The event's JSON exactly as committed: produce these bytes, so a retry after a crash sends the
    /// same message as the first attempt would have.
    public var payload: [UInt8]

    public init(id: Int64, event: ArticleIndexed, payload: [UInt8]) {
        self.id = id
        self.event = event
        self.payload = payload
    }
}
