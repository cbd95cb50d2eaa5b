/// One Kafka message header. Values are bytes; most Newsline headers are UTF-8 text.
public struct KafkaHeader: Sendable, Equatable, Hashable {
    public var key: String
    public var value: [UInt8]?

    public init(key: String, value: [UInt8]?) {
        self.key = key
        self.value = value
    }

    public init(key: String, text: String) {
        self.init(key: key, value: Array(text.utf8))
    }

    /// The value as UTF-8 text, when it is text.
    public var text: String? {
        value.flatMap { String(validating: $0, as: UTF8.self) }
    }
}

extension Array where Element == KafkaHeader {
    /// The text of the last header with this key.
    public func text(for key: String) -> String? {
        last { $0.key == key }?.text
    }
}
