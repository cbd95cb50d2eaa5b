/// A passage of an article's original text, with the parts that matched the query marked.
public struct Snippet: Sendable, Equatable, Encodable {
    /// One stretch of the passage.
    public struct Part: Sendable, Equatable {
        public var text: String
        public var isMatch: Bool

        public init(text: String, isMatch: Bool) {
            self.text = text
            self.isMatch = isMatch
        }
    }

    public var parts: [Part]

    public init(parts: [Part]) {
        self.parts = parts
    }

    /// The passage as HTML: every part escaped first, then matches wrapped in `<mark>`.
    public var html: String {
        parts.map { part in
            let escaped = Self.escapeHTML(part.text)
            return part.isMatch ? "<mark>" + escaped + "</mark>" : escaped
        }.joined()
    }

    /// The passage as plain text, with matches wrapped as `highlight` says (ANSI bold in a terminal).
    public func rendered(highlight: (String) -> String) -> String {
        parts.map { $0.isMatch ? highlight($0.text) : $0.text }.joined()
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(html)
    }

    static func escapeHTML(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
