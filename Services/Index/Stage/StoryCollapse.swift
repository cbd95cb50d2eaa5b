/// Folds ranked articles into one hit per story (`storyId`), keeping the best-ranked article of each.
///
/// Near-duplicates (the same wire story in several papers, a corrected republication) share a storyId;
/// a result list that showed each would push every other story off the first page.
struct StoryCollapse {
    /// The best article of one story and how many others of it matched.
    struct Group: Equatable {
        var representative: SearchCandidate
        var others: Int
    }

    /// One group per story, in the order of each story's best article.
    static func groups(_ ranked: [SearchCandidate]) -> [Group] {
        var groups: [Group] = []
        var position: [String: Int] = [:]
        for candidate in ranked {
            if let index = position[candidate.storyId] {
                groups[index].others += 1
            } else {
                position[candidate.storyId] = groups.count
                groups.append(Group(representative: candidate, others: 0))
            }
        }
        return groups
    }

    /// Every article on its own, for a list of one story's articles.
    static func ungrouped(_ ranked: [SearchCandidate]) -> [Group] {
        ranked.map { Group(representative: $0, others: 0) }
    }
}
