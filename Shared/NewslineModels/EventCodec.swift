import Foundation

/// Reads and writes the JSON value of every Newsline event.
///
/// The envelope fields `type` and `version` are written first; on reading, a different type or a
/// major version this build does not know is an error, and fields it does not know are ignored.
public struct EventCodec: Sendable {
    public init() {}

    public func encode<Event: ArticleEvent>(_ event: Event) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return Array(try encoder.encode(Envelope(event: event)))
    }

    /// Reads an event through `JSONDecoder`, the envelope checked and the fields read in one pass.
    public func decode<Event: ArticleEvent>(_ type: Event.Type, from bytes: [UInt8]) throws -> Event {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "not an ISO 8601 timestamp: \(text.prefix(40))")
            }
            return date
        }
        do {
            return try decoder.decode(EnvelopeReader<Event>.self, from: Data(bytes)).event
        } catch let error as EventDecodingError {
            throw error
        } catch {
            throw EventDecodingError.malformed(Event.eventType, Self.describe(error))
        }
    }

    /// A one-line account of a decoding error naming the field, without echoing the payload.
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing field \(path(context.codingPath + [key]))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \(path(context.codingPath))"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "invalid value at \(path(context.codingPath))"
        default:
            return "not valid JSON"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}

public enum EventDecodingError: Error, Equatable, CustomStringConvertible {
    case malformed(String, String)
    case unexpectedType(expected: String, found: String)
    case unsupportedVersion(type: String, version: Int)

    public var description: String {
        switch self {
        case .malformed(let type, let reason): "malformed \(type) event: \(reason)"
        case .unexpectedType(let expected, let found): "expected a \(expected) event, found \(found)"
        case .unsupportedVersion(let type, let version): "\(type) major version \(version) is not supported"
        }
    }
}

/// The envelope checked, then the event read from the same decoder: the bytes are scanned once.
private struct EnvelopeReader<Event: ArticleEvent>: Decodable {
    var event: Event

    private enum CodingKeys: String, CodingKey {
        case type, version
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        let version = try container.decode(Int.self, forKey: .version)
        guard type == Event.eventType else {
            throw EventDecodingError.unexpectedType(expected: Event.eventType, found: type)
        }
        guard version == Event.majorVersion else {
            throw EventDecodingError.unsupportedVersion(type: type, version: version)
        }
        do {
            event = try Event(from: decoder)
        } catch {
            throw EventDecodingError.malformed(Event.eventType, EventCodec.describe(error))
        }
    }
}

private struct Envelope<Event: ArticleEvent>: Encodable {
    var event: Event

    private enum CodingKeys: String, CodingKey {
        case type, version
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Event.eventType, forKey: .type)
        try container.encode(Event.majorVersion, forKey: .version)
        try event.encode(to: encoder)
    }
}
