import Kafka
import Operations
import Tracing

/// The trace spans of one batch: one per input, continuing the trace its headers carry (W3C
/// `traceparent`), or starting one when they carry none, as at ingest for a publisher without one.
///
/// An output carries the context of the input with the same key, so a batch stage whose outputs
/// ride on one input (index announces a whole batch with its last message) still puts each event
/// in its own article's trace; an output with no matching input takes its outcome's input.
final class StageSpans: Sendable {
    private let spans: [any Span]
    private let positionOfKey: [[UInt8]: Int]

    init(_ batch: [KafkaConsumerMessage], stage: String) {
        let tracer = InstrumentationSystem.tracer
        var spans: [any Span] = []
        var positionOfKey: [[UInt8]: Int] = [:]
        spans.reserveCapacity(batch.count)
        for (position, message) in batch.enumerated() {
            var context = ServiceContext.topLevel
            tracer.extract(message.headers, into: &context, using: KafkaHeaderExtractor())
            let span = tracer.startAnySpan(stage, context: context, ofKind: .consumer)
            span.attributes["messaging.system"] = "kafka"
            span.attributes["messaging.destination.name"] = message.topic
            span.attributes["messaging.destination.partition.id"] = String(message.partition)
            span.attributes["messaging.kafka.offset"] = Int(message.offset)
            spans.append(span)
            if let key = message.key { positionOfKey[key] = position }
        }
        self.spans = spans
        self.positionOfKey = positionOfKey
    }

    /// The trace headers of an output: those of the span of the input with the same key, else of
    /// the input at `position`.
    func traceHeaders(forOutputKey key: [UInt8], position: Int) -> [KafkaHeader] {
        guard let span = spans[safe: positionOfKey[key] ?? position] else { return [] }
        var headers: [KafkaHeader] = []
        InstrumentationSystem.tracer.inject(span.context, into: &headers, using: KafkaHeaderInjector())
        return headers
    }

    /// Marks an input's span failed with the dead-letter reason and puts its context on the dead letter.
    func rejected(_ position: Int, reason: String, headers: inout [KafkaHeader]) {
        guard let span = spans[safe: position] else { return }
        span.attributes["newsline.deadletter.reason"] = reason
        span.setStatus(SpanStatus(code: .error, message: reason))
        InstrumentationSystem.tracer.inject(span.context, into: &headers, using: KafkaHeaderInjector())
    }

    func end() {
        for span in spans { span.end() }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
