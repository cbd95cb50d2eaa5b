import Kafka
import NewslineModels

/// One step of the pipeline as a plain value: decode a consumed message, process it, return events.
///
/// A stage knows nothing of Kafka delivery; `StageRunner` consumes, produces and commits around it,
/// which keeps `process` testable with plain values. An error thrown by `decode` or `process`
/// sends that one input to `articles.deadletter`.
public protocol Stage: Sendable {
    associatedtype Input: Sendable
    associatedtype Output: ArticleEvent

    /// `ingest`, `parse`, `enrich`, `index`: names the consumer group and the dead letters.
    var name: String { get }
    var inputTopic: String { get }
    var outputTopic: Topic<Output> { get }

    func decode(_ message: KafkaConsumerMessage) throws -> Input
    func process(_ input: Input) throws -> [Output]
}

extension Stage where Input: ArticleEvent {
    /// JSON stages read the event their input topic carries, checking type and major version.
    public func decode(_ message: KafkaConsumerMessage) throws -> Input {
        try EventCodec().decode(Input.self, from: message.value)
    }
}

/// A stage that handles a whole batch of consumed messages at once, such as a database writer
/// that commits a batch in one transaction.
public protocol BatchStage: Sendable {
    associatedtype Output: ArticleEvent

    var name: String { get }
    var inputTopic: String { get }
    var outputTopic: Topic<Output> { get }

    /// One outcome per message, in the order of `batch`.
    func process(_ batch: [KafkaConsumerMessage]) async -> [StageOutcome<Output>]
}

/// What became of one consumed message.
public struct StageOutcome<Output: ArticleEvent>: Sendable {
    public enum Result: Sendable {
        /// Events to produce; the input is done once every one is acknowledged.
        case produced([Output])
        /// The input goes to the dead-letter topic with this error as the reason.
        case rejected(any Error)
    }

    public var result: Result
    /// Runs once every event of this outcome has been acknowledged by the broker.
    public var afterDelivery: (@Sendable () -> Void)?
    /// How long this one input took, when the stage measures inputs one by one; a stage that does
    /// not has its whole batch timed instead.
    public var processingTime: Duration?

    public init(_ result: Result, afterDelivery: (@Sendable () -> Void)? = nil, processingTime: Duration? = nil) {
        self.result = result
        self.afterDelivery = afterDelivery
        self.processingTime = processingTime
    }
}

/// Runs a per-message `Stage` as a `BatchStage`.
public struct PerMessageStage<Wrapped: Stage>: BatchStage {
    public let stage: Wrapped

    public init(_ stage: Wrapped) {
        self.stage = stage
    }

    public var name: String { stage.name }
    public var inputTopic: String { stage.inputTopic }
    public var outputTopic: Topic<Wrapped.Output> { stage.outputTopic }

    public func process(_ batch: [KafkaConsumerMessage]) async -> [StageOutcome<Wrapped.Output>] {
        batch.map { message in
            let started = ContinuousClock.now
            do {
                let outputs = try stage.process(try stage.decode(message))
                return StageOutcome(.produced(outputs), processingTime: ContinuousClock.now - started)
            } catch {
                return StageOutcome(.rejected(error), processingTime: ContinuousClock.now - started)
            }
        }
    }
}
