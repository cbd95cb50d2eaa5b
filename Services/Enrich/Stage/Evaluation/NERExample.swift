import Foundation
import NewslineModels

/// One sentence of a KLUE-style NER file: `{"id", "text", "entities": [{"start", "end", "label", "text"}]}`.
public struct NERExample: Codable, Sendable, Equatable {
    public var id: String
    public var text: String
    public var entities: [NERSpan]

    public init(id: String, text: String, entities: [NERSpan]) {
        self.id = id
        self.text = text
        self.entities = entities
    }

    /// Reads a JSONL file, one example a line; blank lines are skipped.
    public static func load(from url: URL) throws -> [NERExample] {
        try JSONLines.decode(NERExample.self, from: url)
    }
}

/// A labelled span, in character (Unicode scalar) offsets with `end` exclusive.
public struct NERSpan: Codable, Sendable, Hashable {
    public var start: Int
    public var end: Int
    /// `PS`, `OG`, `LC` (scored) or any other KLUE label (ignored).
    public var label: String
    public var text: String

    public init(start: Int, end: Int, label: String, text: String) {
        self.start = start
        self.end = end
        self.label = label
        self.text = text
    }

    /// The labels that are scored, in report order.
    public static let scoredLabels = ["PS", "OG", "LC"]

    /// The KLUE label of an entity type.
    public static func label(for type: EntityType) -> String {
        switch type {
        case .person: return "PS"
        case .organization: return "OG"
        case .location: return "LC"
        }
    }

    /// The entity type of a scored label; nil for DT, TI, QT and others.
    public var type: EntityType? {
        switch label {
        case "PS": return .person
        case "OG": return .organization
        case "LC": return .location
        default: return nil
        }
    }
}
