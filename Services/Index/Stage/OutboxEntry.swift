import NewslineModels

/// An `article.indexed` event committed with the change it announces, waiting to be produced.
public struct OutboxEntry: Sendable, Equatable {
    /// Increases in commit order; pass it to `ArticleIndex.markEmitted` once Kafka acknowledged it.
    public var id: Int64
    public var event: ArticleIndexed

    public init(id: Int64, event: ArticleIndexed) {
        self.id = id
        self.event = event
    }
}
