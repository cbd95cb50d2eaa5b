/// One word of a user query, as the index matches it.
public struct QueryTerm: Sendable, Hashable {
    /// The word's morpheme tokens, which must appear next to each other in this order.
    public var tokens: [String]
    /// A lone trailing syllable also matches the tokens that start with it (`북` in `북한`).
    public var matchesPrefix: Bool
    /// The folded word as typed and without its particle, as searched for in the original text to mark it.
    public var surfaces: [String]
    /// Character bigrams of the tokens, looked for in the recall column.
    public var grams: [String] = []

    /// The term as an FTS5 phrase; its tokens hold no quotes, so user text is never FTS syntax.
    var matchExpression: String {
        let phrase = tokens.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"")
        return "\"" + phrase + "\"" + (matchesPrefix ? "*" : "")
    }

    /// The term as analyzed or, failing that, by its bigrams in the recall column: what a query word
    /// must match for an article to count as holding it.
    var matchOrRecallExpression: String {
        "(" + matchExpression + " OR " + recallExpression + ")"
    }

    /// The term's bigrams as a phrase in the recall column only (`grams : "손정 정의"`).
    var recallExpression: String {
        let phrase = (grams.isEmpty ? tokens : grams).joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"")
        return "grams : \"" + phrase + "\"" + (matchesPrefix ? "*" : "")
    }
}
