/// Whether one text contains each of many strings, every string searched at most once.
///
/// Resolution asks the same few questions again and again (does the article write `마이크로소프트`?
/// does it write a known organization a quote's `연구원` refers to?); searching the whole text anew for
/// every mention or quote made enrich quadratic. Answers are remembered, and at most
/// `EnrichBudget.textSearches` distinct strings are searched per text: past that the answer is false
/// and `exhausted` tells the caller its analysis was partial.
final class TextSearch {
    let text: String
    private var answers: [String: Bool] = [:]
    private(set) var exhausted = false

    init(_ text: String) {
        self.text = text
    }

    func contains(_ needle: String) -> Bool {
        if let known = answers[needle] { return known }
        guard answers.count < EnrichBudget.textSearches else {
            exhausted = true
            return false
        }
        let found = text.contains(needle)
        answers[needle] = found
        return found
    }
}
