import NewslineModels

/// The BIO tags the character tagger assigns, one per Unicode scalar.
enum NERLabel {
    /// `O`, then `B`/`I` for person, organization and location.
    static let count = 7
    static let outside = 0

    static func begin(_ type: EntityType) -> Int {
        switch type {
        case .person: return 1
        case .organization: return 3
        case .location: return 5
        }
    }

    static func isBegin(_ label: Int) -> Bool { label == 1 || label == 3 || label == 5 }

    static func type(of label: Int) -> EntityType? {
        switch label {
        case 1, 2: return .person
        case 3, 4: return .organization
        case 5, 6: return .location
        default: return nil
        }
    }

    /// Whether `label` may follow `previous`: an inside tag only continues an entity of its own type.
    static func allowed(_ previous: Int, _ label: Int) -> Bool {
        guard label == 2 || label == 4 || label == 6 else { return true }
        return previous == label || previous == label - 1
    }

    /// Gold tags for a sentence from its spans (scalar offsets, end exclusive).
    static func tags(count: Int, spans: [(start: Int, end: Int, type: EntityType)]) -> [Int] {
        var tags = Array(repeating: outside, count: count)
        for span in spans where span.start >= 0 && span.end <= count && span.start < span.end {
            let b = begin(span.type)
            tags[span.start] = b
            for i in (span.start + 1)..<span.end { tags[i] = b + 1 }
        }
        return tags
    }

    /// Spans from a tag sequence.
    static func spans(_ tags: [Int]) -> [(start: Int, end: Int, type: EntityType)] {
        var result: [(start: Int, end: Int, type: EntityType)] = []
        var i = 0
        while i < tags.count {
            guard let type = type(of: tags[i]) else {
                i += 1
                continue
            }
            let start = i
            i += 1
            while i < tags.count, tags[i] == begin(type) + 1 { i += 1 }
            result.append((start, i, type))
        }
        return result
    }
}
