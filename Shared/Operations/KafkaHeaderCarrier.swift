import Instrumentation
import Kafka

/// Reads trace context (`traceparent`, `tracestate`) from a Kafka message's headers.
public struct KafkaHeaderExtractor: Extractor {
    public init() {}

    public func extract(key: String, from carrier: [KafkaHeader]) -> String? {
        carrier.text(for: key)
    }
}

/// Writes trace context into a Kafka message's headers, replacing any header of the same key so
/// an output never carries its input's context as well as its own.
public struct KafkaHeaderInjector: Injector {
    public init() {}

    public func inject(_ value: String, forKey key: String, into carrier: inout [KafkaHeader]) {
        carrier.removeAll { $0.key == key }
        carrier.append(KafkaHeader(key: key, text: value))
    }
}

/// The W3C trace context header names (https://www.w3.org/TR/trace-context/).
public enum TraceHeader {
    public static let traceparent = "traceparent"
    public static let tracestate = "tracestate"
}
