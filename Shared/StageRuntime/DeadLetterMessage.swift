import Foundation
import Kafka
import NewslineModels

/// Builds the `articles.deadletter` message for an input a stage could not handle: the original
/// key, value and headers, plus headers naming the stage, the reason and where the input was.
public enum DeadLetterMessage {
    public static func make(for message: KafkaConsumerMessage, stage: String, error: any Error, now: Date = Date())
        -> KafkaProducerMessage
    {
        let (reason, text) = describe(error)
        var headers = message.headers.filter { !$0.key.hasPrefix("deadletter.") }
        headers += [
            KafkaHeader(key: DeadLetterHeader.stage, text: stage),
            KafkaHeader(key: DeadLetterHeader.errorClass, text: reason),
            KafkaHeader(key: DeadLetterHeader.errorMessage, text: String(text.prefix(1_000))),
            KafkaHeader(key: DeadLetterHeader.originalTopic, text: message.topic),
            KafkaHeader(key: DeadLetterHeader.originalPartition, text: String(message.partition)),
            KafkaHeader(key: DeadLetterHeader.originalOffset, text: String(message.offset)),
            KafkaHeader(key: DeadLetterHeader.originalTimestamp, text: message.timestampMilliseconds.map(String.init) ?? ""),
            KafkaHeader(key: DeadLetterHeader.time, text: Timestamp.format(now)),
        ]
        if let crashed = error as? CrashedStage {
            headers.append(KafkaHeader(key: DeadLetterHeader.crashCount, text: String(crashed.deaths)))
        }
        return KafkaProducerMessage(topic: Topics.deadletter.name, key: message.key, value: message.value, headers: headers)
    }

    /// The record of offsets deleted before the stage read them: no key or value (they are gone),
    /// the class `offset-gap`, and the range in `deadletter.gap.from` / `deadletter.gap.to` (exclusive).
    public static func gap(_ gap: OffsetGap, stage: String, now: Date = Date()) -> KafkaProducerMessage {
        KafkaProducerMessage(
            topic: Topics.deadletter.name, key: nil, value: [],
            headers: [
                KafkaHeader(key: DeadLetterHeader.stage, text: stage),
                KafkaHeader(key: DeadLetterHeader.errorClass, text: DeadLetterHeader.offsetGapClass),
                KafkaHeader(key: DeadLetterHeader.errorMessage, text: gap.description),
                KafkaHeader(key: DeadLetterHeader.originalTopic, text: gap.topic),
                KafkaHeader(key: DeadLetterHeader.originalPartition, text: String(gap.partition)),
                KafkaHeader(key: DeadLetterHeader.originalOffset, text: String(gap.offsets.lowerBound)),
                KafkaHeader(key: DeadLetterHeader.gapFrom, text: String(gap.offsets.lowerBound)),
                KafkaHeader(key: DeadLetterHeader.gapTo, text: String(gap.offsets.upperBound)),
                KafkaHeader(key: DeadLetterHeader.time, text: Timestamp.format(now)),
            ])
    }

    /// The reason category and message of an error.
    public static func describe(_ error: any Error) -> (reason: String, message: String) {
        switch error {
        case let rejected as RejectedInput:
            return (rejected.reason, rejected.message)
        case let crashed as CrashedStage:
            return (RejectedInput.crashedStage, crashed.description)
        case let decoding as EventDecodingError:
            if case .unsupportedVersion = decoding { return ("unsupported-version", decoding.description) }
            return ("malformed-event", decoding.description)
        case let kafka as KafkaError:
            return ("output-rejected", kafka.description)
        default:
            return ("processing-error", "\(type(of: error)): \(error)")
        }
    }
}
