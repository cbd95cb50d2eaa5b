/// The headers a dead letter carries besides the original message's own headers,
/// in the spirit of Kafka Connect's `errors.deadletterqueue.context.headers`.
public enum DeadLetterHeader {
    /// The stage that gave up on the message: `ingest`, `parse`, `enrich`, `index`.
    public static let stage = "deadletter.stage"
    /// A short reason category: `empty`, `undecodable`, `too-large`, `malformed-json`, …
    public static let errorClass = "deadletter.error.class"
    /// A human-readable message; never the payload.
    public static let errorMessage = "deadletter.error.message"
    public static let originalTopic = "deadletter.original.topic"
    public static let originalPartition = "deadletter.original.partition"
    public static let originalOffset = "deadletter.original.offset"
    /// The original message's timestamp, milliseconds since the epoch.
    public static let originalTimestamp = "deadletter.original.timestamp"
    /// When the stage dead-lettered the message, ISO 8601.
    public static let time = "deadletter.time"

    /// Present when the broker refused the whole original value: its size in bytes before it was cut.
    public static let truncatedFrom = "deadletter.value.truncated-from"

    /// On an `offset-gap` record: the first lost offset and the offset after the last one.
    public static let gapFrom = "deadletter.gap.from"
    public static let gapTo = "deadletter.gap.to"
    /// The class of a record of input offsets deleted before the stage read them.
    public static let offsetGapClass = "offset-gap"

    /// On a `crashed-stage` dead letter: how many times the stage process died on the input.
    public static let crashCount = "deadletter.crash.count"

    public static let all = [
        stage, errorClass, errorMessage, originalTopic, originalPartition, originalOffset, originalTimestamp, time,
    ]
}

/// The optional headers of an `articles.raw` message.
public enum RawArticleHeader {
    /// MIME type, may carry `charset=`: `text/html; charset=euc-kr`.
    public static let contentType = "content-type"
    public static let source = "source"
    public static let sourceURL = "source-url"
}

/// An input a stage rejects on purpose, with the reason category its dead letter carries.
public struct RejectedInput: Error, Equatable, CustomStringConvertible {
    /// The reason category: `empty`, `undecodable`, `too-large`, `too-deep`, `malformed-json`,
    /// `no-article-content`, `unsupported-version`, …
    public var reason: String
    public var message: String

    public init(_ reason: String, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { "\(reason): \(message)" }
}

extension RejectedInput {
    public static let empty = "empty"
    public static let undecodable = "undecodable"
    public static let tooLarge = "too-large"
    public static let tooDeep = "too-deep"
    public static let malformedJSON = "malformed-json"
    public static let noArticleContent = "no-article-content"
    /// The stage process died on the input again and again (see `CrashGuard`).
    public static let crashedStage = "crashed-stage"
}
