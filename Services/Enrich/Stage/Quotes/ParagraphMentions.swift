/// The entity mentions of one paragraph, in text order, answering the quote extractor's questions
/// (which mentions lie in this phrase? which person was named last before here?) by binary search,
/// so a paragraph with thousands of quotes and names costs no more than its length.
///
/// Mentions of one unit never overlap (the recognizer keeps non-overlapping spans and repeated
/// mentions fill only gaps), so ordered by start they are ordered by end too.
struct ParagraphMentions {
    private let mentions: [ArticleEntities.Resolved]
    private let persons: [ArticleEntities.Resolved]

    init(_ mentions: ArraySlice<ArticleEntities.Resolved>) {
        self.mentions = Array(mentions)
        persons = mentions.filter { $0.type == .person }
    }

    /// The mentions inside `start..<end`, in order.
    func within(_ start: Int, _ end: Int) -> [ArticleEntities.Resolved] {
        var result: [ArticleEntities.Resolved] = []
        var i = Self.firstIndex(in: mentions) { $0.start >= start }
        while i < mentions.count, mentions[i].start < end {
            if mentions[i].end <= end { result.append(mentions[i]) }
            i += 1
        }
        return result
    }

    /// The last person mention that ends at or before `offset`.
    func lastPerson(endingBy offset: Int) -> ArticleEntities.Resolved? {
        let after = Self.firstIndex(in: persons) { $0.end > offset }
        return after > 0 ? persons[after - 1] : nil
    }

    /// The first index whose mention satisfies `isAfter`, which holds for a suffix of the list.
    private static func firstIndex(
        in list: [ArticleEntities.Resolved], where isAfter: (ArticleEntities.Resolved) -> Bool
    ) -> Int {
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if isAfter(list[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
