import Foundation
import NewslineModels

/// Scores the article's terms: word stems (particles removed) weighted by frequency, with title words
/// and entity names counted extra.
struct KeywordExtractor: Sendable {
    let lexicon: Lexicon
    private let stopwords: Set<String>
    static let limit = 10

    /// Final syllables of verbs and adverbs, which are not keywords.
    private static let predicateEndings: Set<Unicode.Scalar> = [
        "다", "고", "며", "면", "서", "게", "지", "요", "던", "는", "은", "을", "할", "한", "된", "될", "해", "했", "됐",
        "려", "록", "니", "죠", "냐", "자", "듯",
    ]

    init(lexicon: Lexicon) throws {
        self.lexicon = lexicon
        stopwords = Set(try ResourceFile.words("stopwords.txt"))
    }

    /// Every candidate term with its count, title units weighted three times; at most `limit` distinct
    /// terms, and whether terms past it were left out.
    func terms(in units: [ScannedText], titleUnits: Int, limit: Int = EnrichBudget.terms)
        -> (counts: [String: Int], truncated: Bool)
    {
        var counts: [String: Int] = [:]
        var truncated = false
        for (u, text) in units.enumerated() {
            let weight = u < titleUnits ? 3 : 1
            var i = 0
            while i < text.count {
                guard text.isWordStart(i) else {
                    i += 1
                    continue
                }
                let end = text.wordEnd[i]
                defer { i = end }
                let stemEnd = lexicon.stemEnd(text, start: i, end: end)
                guard stemEnd - i >= 2, stemEnd - i <= 12, text.classes[i] != .digit else { continue }
                if text.classes[stemEnd - 1] == .hangul, KeywordExtractor.predicateEndings.contains(text.scalars[stemEnd - 1]) {
                    continue
                }
                let term = text.string(i, stemEnd)
                if stopwords.contains(term) || stopwords.contains(term.lowercased()) { continue }
                if counts[term] == nil, counts.count >= limit {
                    truncated = true
                    continue
                }
                counts[term, default: 0] += weight
            }
        }
        return (counts, truncated)
    }

    func keywords(terms: [String: Int], entities: [Entity]) -> [Keyword] {
        var scores: [String: Double] = [:]
        for (term, count) in terms { scores[term] = Double(count) }
        for entity in entities { scores[entity.canonical, default: 0] += Double(entity.mentions) }
        let top = scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(KeywordExtractor.limit)
        guard let best = top.first?.value, best > 0 else { return [] }
        return top.map { Keyword(term: $0.key, score: (1000 * $0.value / best).rounded() / 1000) }
    }
}
