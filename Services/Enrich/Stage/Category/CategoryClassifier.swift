/// Picks the article's category from the fixed taxonomy: the section when it names a desk,
/// otherwise the desk whose cue words the text uses most.
struct CategoryClassifier: Sendable {
    private let sections: [String: String]
    private let cues: [String: [String]]
    private let order: [String]

    init() throws {
        var sections: [String: String] = [:]
        var cues: [String: [String]] = [:]
        var order: [String] = []
        for row in try ResourceFile.rows("categories.tsv") {
            guard row.count == 3 else { throw EnricherError.malformedResource("categories.tsv") }
            order.append(row[0])
            for section in row[1].split(separator: " ") { sections[String(section)] = row[0] }
            for cue in row[2].split(separator: " ") { cues[String(cue), default: []].append(row[0]) }
        }
        self.sections = sections
        self.cues = cues
        self.order = order
    }

    /// `section` as printed (`국제`, `경제 B3`, `IT/과학`); `terms` are the article's word stems with counts.
    func category(section: String?, terms: [String: Int]) -> String {
        if let section {
            let key = section.split(separator: " ").first.map(String.init) ?? section
            if let category = sections[key] ?? sections[key.replacingOccurrences(of: "/", with: "")] { return category }
        }
        var scores: [String: Int] = [:]
        for (term, count) in terms {
            for category in cues[term] ?? [] { scores[category, default: 0] += count }
        }
        // Ties go to the earlier desk in the resource file, so the answer never depends on hashing order.
        var best = "사회"
        var bestScore = 0
        for category in order where (scores[category] ?? 0) > bestScore {
            best = category
            bestScore = scores[category]!
        }
        return best
    }
}
