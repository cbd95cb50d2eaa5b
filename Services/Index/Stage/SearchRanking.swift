import Foundation

/// Turns the matches of a query into one score each and orders them.
///
/// Every signal is a factor inside one score, never a sort key of its own, so a strong BM25 match
/// with one word missing can still outrank a weak one with every word:
/// - coordination: the fraction of the query's words an article holds, squared, so all words are
///   strongly preferred but fewer still rank (`minimumShouldMatch` sets how few);
/// - title: up to `titleBoost` more when the title holds the words;
/// - proximity: `proximityBoost` when the words stand together as typed;
/// - recency (`SearchOrder.recent` only): up to `recencyBoost` more for the newest articles, halving
///   every `recencyHalfLifeDays` before the newest match.
struct SearchRanking {
    var termCount: Int
    var order: SearchOrder

    static let titleBoost = 1.0
    static let proximityBoost = 1.5
    static let recencyBoost = 1.0
    static let recencyHalfLifeDays = 30.0

    /// The fewest query words an article must hold to match: half of them, rounded up, so one unknown
    /// or misspelt word in a two- or three-word query still finds the articles with the others.
    static func minimumShouldMatch(termCount: Int) -> Int {
        max(1, (termCount + 1) / 2)
    }

    /// How many AND groups the match expression of a query may list (`C(7, 4)` is 35); past it the
    /// expression is a plain OR and the words an article lacks are counted after matching instead, which
    /// costs BM25 over every article holding any one word.
    static let maximumMatchCombinations = 35

    /// An FTS5 expression for articles holding at least `minimum` of the terms' phrases.
    ///
    /// Written as an OR of the AND of every `minimum`-sized group, so FTS5 itself leaves out an article
    /// holding only one very common word and BM25 is computed for the articles that can match only.
    static func matchExpression(atLeast minimum: Int, of phrases: [String]) -> String {
        guard minimum > 1, phrases.count > 1 else { return phrases.joined(separator: " OR ") }
        if minimum >= phrases.count { return phrases.joined(separator: " AND ") }
        var groups: [[Int]] = []
        var group: [Int] = []
        func choose(from start: Int) {
            guard groups.count <= maximumMatchCombinations else { return }
            if group.count == minimum {
                groups.append(group)
                return
            }
            guard start < phrases.count else { return }
            for index in start..<phrases.count where phrases.count - index >= minimum - group.count {
                group.append(index)
                choose(from: index + 1)
                group.removeLast()
            }
        }
        choose(from: 0)
        guard groups.count <= maximumMatchCombinations else { return phrases.joined(separator: " OR ") }
        return groups.map { "(" + $0.map { phrases[$0] }.joined(separator: " AND ") + ")" }.joined(separator: " OR ")
    }

    func scored(_ candidates: [SearchCandidate]) -> [SearchCandidate] {
        let newest = candidates.compactMap { $0.publishedDate.flatMap(CalendarDay.init)?.daysSinceEpoch }.max()
        return candidates.map { candidate in
            var candidate = candidate
            candidate.score = score(candidate, newestDay: newest)
            return candidate
        }
    }

    func score(_ candidate: SearchCandidate, newestDay: Int?) -> Double {
        guard termCount > 0 else { return 0 }
        let coordination = Double(candidate.matchedTerms) / Double(termCount)
        var score = candidate.relevance * coordination * coordination
        score *= 1 + Self.titleBoost * Double(candidate.titleTerms) / Double(termCount)
        if candidate.isClose {
            score *= Self.proximityBoost
        }
        if order == .recent, let newestDay {
            let day = candidate.publishedDate.flatMap(CalendarDay.init)?.daysSinceEpoch
            // An undated article gets no lift: its age is unknown, not zero.
            if let day {
                let age = Double(max(0, newestDay - day))
                score *= 1 + Self.recencyBoost * Self.halving(age, every: Self.recencyHalfLifeDays)
            }
        }
        return score
    }

    /// 1 at age 0, ½ after one half-life, ¼ after two.
    private static func halving(_ age: Double, every halfLife: Double) -> Double {
        pow(0.5, age / halfLife)
    }

    /// Best first (newest first for `.newest` and for a query without words); ties go to the newer
    /// article, then to the later-indexed one, so pages never overlap or leave a gap.
    func ordered(_ candidates: [SearchCandidate]) -> [SearchCandidate] {
        let byDate = order == .newest || termCount == 0
        return candidates.sorted { a, b in
            let dateA = a.publishedDate ?? ""
            let dateB = b.publishedDate ?? ""
            if byDate, dateA != dateB { return dateA > dateB }
            if a.score != b.score { return a.score > b.score }
            if dateA != dateB { return dateA > dateB }
            return a.id > b.id
        }
    }
}
