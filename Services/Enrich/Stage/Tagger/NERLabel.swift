import NewslineModels

/// The BIOES tags the character tagger assigns, one per Unicode scalar: `O`, then per entity type its
/// begin, inside, end and single-scalar tags. Telling an entity's last scalar from its inside ones lets
/// the tagger weigh how an entity ends (`…위원회|는`, `클린턴| 전`) apart from how it goes on.
enum NERLabel {
    /// `O`, then `B`/`I`/`E`/`S` for person, organization and location.
    static let count = 13
    static let outside = 0

    /// Where a tag stands in its entity.
    enum Role: Int {
        case begin = 0, inside, end, single
    }

    static func begin(_ type: EntityType) -> Int {
        switch type {
        case .person: return 1
        case .organization: return 5
        case .location: return 9
        }
    }

    static func label(_ type: EntityType, _ role: Role) -> Int { begin(type) + role.rawValue }

    static func type(of label: Int) -> EntityType? {
        switch label {
        case 1...4: return .person
        case 5...8: return .organization
        case 9...12: return .location
        default: return nil
        }
    }

    static func role(of label: Int) -> Role? {
        label == outside ? nil : Role(rawValue: (label - 1) % 4)
    }

    /// Whether an entity is still open after `label` (a begin or inside tag), so the next tag must go on with it.
    static func isOpen(_ label: Int) -> Bool {
        let role = role(of: label)
        return role == .begin || role == .inside
    }

    /// Whether `label` may follow `previous`: an open entity goes on with an inside or end tag of its own
    /// type; anything else is followed by `O` or a new entity.
    static func allowed(_ previous: Int, _ label: Int) -> Bool {
        let role = role(of: label)
        let continues = role == .inside || role == .end
        return isOpen(previous) ? continues && type(of: label) == type(of: previous) : !continues
    }

    /// Whether a sentence may end on `label`: not inside an open entity.
    static func mayEnd(_ label: Int) -> Bool { !isOpen(label) }

    /// Gold tags for a sentence from its spans (scalar offsets, end exclusive).
    static func tags(count: Int, spans: [(start: Int, end: Int, type: EntityType)]) -> [Int] {
        var tags = Array(repeating: outside, count: count)
        for span in spans where span.start >= 0 && span.end <= count && span.start < span.end {
            guard span.end - span.start > 1 else {
                tags[span.start] = label(span.type, .single)
                continue
            }
            tags[span.start] = label(span.type, .begin)
            for i in (span.start + 1)..<(span.end - 1) { tags[i] = label(span.type, .inside) }
            tags[span.end - 1] = label(span.type, .end)
        }
        return tags
    }

    /// Spans from a tag sequence. An entity left open at a tag that does not go on with it (no sequence
    /// the decoder returns) ends there.
    static func spans(_ tags: [Int]) -> [(start: Int, end: Int, type: EntityType)] {
        var result: [(start: Int, end: Int, type: EntityType)] = []
        var i = 0
        while i < tags.count {
            guard let type = type(of: tags[i]), let role = role(of: tags[i]) else {
                i += 1
                continue
            }
            let start = i
            i += 1
            if role == .begin || role == .inside {
                while i < tags.count, tags[i] == label(type, .inside) { i += 1 }
                if i < tags.count, tags[i] == label(type, .end) { i += 1 }
            }
            result.append((start, i, type))
        }
        return result
    }
}
