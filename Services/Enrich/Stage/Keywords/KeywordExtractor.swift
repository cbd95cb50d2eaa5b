import Foundation
import Morphology
import NewslineModels

/// Scores the article's terms: the nouns the analyzer finds (particles and endings are never part of
/// them), counted with title nouns three times, weighted by how rare they are in a reference corpus
/// (`DocumentFrequencies`), with entity names counted extra.
struct KeywordExtractor: Sendable {
    private let stopwords: Set<String>
    private let frequencies: DocumentFrequencies
    static let limit = 10

    init(frequencies: DocumentFrequencies) throws {
        stopwords = Set(try ResourceFile.words("stopwords.txt"))
        self.frequencies = frequencies
    }

    /// Keyword nouns of analyzed text: general and proper nouns (compounds whole, `경기도`) of two to
    /// twelve scalars, and Latin words of two or more letters.
    static func nouns(in morphemes: [Morpheme]) -> [String] {
        morphemes.compactMap { m in
            let length = m.end - m.start
            switch m.tag {
            case "NNG", "NNP": return (2...12).contains(length) ? m.surface : nil
            case "SL": return (2...12).contains(length) ? m.surface : nil
            default: return nil
            }
        }
    }

    /// Every keyword noun with its count, title units weighted three times; at most `limit` distinct
    /// terms, and whether terms past it were left out.
    func terms(in morphemes: [[Morpheme]], titleUnits: Int, limit: Int = EnrichBudget.terms)
        -> (counts: [String: Int], truncated: Bool)
    {
        let nouns = morphemes.map { KeywordExtractor.nouns(in: $0) }
        var counts: [String: Int] = [:]
        // Room for every noun from the start: each doubling of the table hashed every term again.
        counts.reserveCapacity(min(nouns.reduce(0) { $0 + $1.count }, limit))
        var truncated = false
        for (u, unit) in nouns.enumerated() {
            let weight = u < titleUnits ? 3 : 1
            for term in unit {
                // Hashing a Hangul string checks its normalization, so each lookup counts: the lower-cased
                // form is looked up only for a term that has capitals (`AI`, `Apple`), and the count once.
                if stopwords.contains(term) { continue }
                if term.utf8.contains(where: { (0x41...0x5a).contains($0) }), stopwords.contains(term.lowercased()) {
                    continue
                }
                if let known = counts.index(forKey: term) {
                    counts.values[known] += weight
                } else if counts.count >= limit {
                    truncated = true
                } else {
                    counts[term] = weight
                }
            }
        }
        return (counts, truncated)
    }

    /// The `limit` best terms by count × rarity, scores scaled so the best is 1.
    func keywords(terms: [String: Int], entities: [Entity]) -> [Keyword] {
        // `mapValues` keeps the terms' hash table and the weights go in by index: each term is hashed once
        // more, for its weight, instead of also for its score.
        var scores = terms.mapValues { Double($0) }
        for i in scores.indices { scores.values[i] *= frequencies.weight(scores.keys[i]) }
        for entity in entities {
            scores[entity.canonical, default: 0] += Double(entity.mentions) * frequencies.weight(entity.canonical)
        }
        let top = scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(KeywordExtractor.limit)
        guard let best = top.first?.value, best > 0 else { return [] }
        return top.map { Keyword(term: $0.key, score: (1000 * $0.value / best).rounded() / 1000) }
    }
}
