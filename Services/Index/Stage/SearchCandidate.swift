/// One article that matched enough of a query's words, with what the ranking needs to score it.
struct SearchCandidate: Sendable, Equatable {
    var id: Int64
    var storyId: String
    var publishedDate: String?
    var section: String?
    var category: String
    /// BM25 over all the query's words (negated, so higher is better), title weighted most.
    var relevance: Double
    /// How many of the query's words the article holds.
    var matchedTerms: Int
    /// How many of the query's words its title holds.
    var titleTerms: Int
    /// Whether all the words stand next to each other somewhere, as typed.
    var isClose: Bool
    /// The final score the hits are ordered by.
    var score: Double = 0
}
