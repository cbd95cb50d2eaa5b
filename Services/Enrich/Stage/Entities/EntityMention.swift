import NewslineModels

/// One occurrence of a named entity in a text, in Unicode scalar offsets (`end` exclusive).
public struct EntityMention: Sendable, Equatable, Hashable {
    public var text: String
    public var type: EntityType
    public var start: Int
    public var end: Int
    /// The fuller form the gazetteer knows this name by (`마이크로소프트` for `MS`), if any.
    public var alias: String?
    /// Whether the alias applies even when the article never writes it (`日` → `일본`).
    public var aliasAlwaysApplies: Bool

    public init(text: String, type: EntityType, start: Int, end: Int, alias: String? = nil,
                aliasAlwaysApplies: Bool = false) {
        self.text = text
        self.type = type
        self.start = start
        self.end = end
        self.alias = alias
        self.aliasAlwaysApplies = aliasAlwaysApplies
    }
}
