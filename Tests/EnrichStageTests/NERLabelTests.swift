@testable import EnrichStage
import NewslineModels
import Testing

/// The tagger's BIOES tags: spans and tags convert both ways, only well-formed sequences are allowed,
/// and the lattice's span probabilities are those of the decoded tags.
struct NERLabelTests {
    private let spans: [(start: Int, end: Int, type: EntityType)] = [
        (0, 3, .person), (4, 5, .location), (5, 7, .organization), (9, 10, .person),
    ]

    @Test func spansBecomeBeginInsideEndAndSingleTagsAndBack() {
        let tags = NERLabel.tags(count: 11, spans: spans)
        let p = NERLabel.begin(.person), o = NERLabel.begin(.organization), l = NERLabel.begin(.location)
        #expect(tags == [p, p + 1, p + 2, 0, l + 3, o, o + 2, 0, 0, p + 3, 0])
        let back = NERLabel.spans(tags)
        #expect(back.map(\.start) == spans.map(\.start))
        #expect(back.map(\.end) == spans.map(\.end))
        #expect(back.map(\.type) == spans.map(\.type))
    }

    @Test func anOpenEntityGoesOnOnlyWithItsOwnInsideOrEndTag() {
        let begin = NERLabel.begin(.organization)
        for label in 0..<NERLabel.count {
            let ownContinuation = label == begin + 1 || label == begin + 2
            #expect(NERLabel.allowed(begin, label) == ownContinuation)
            #expect(NERLabel.allowed(begin + 1, label) == ownContinuation)
            // After a closed entity or O, no inside or end tag.
            let role = NERLabel.role(of: label)
            let continues = role == .inside || role == .end
            #expect(NERLabel.allowed(begin + 2, label) == !continues)
            #expect(NERLabel.allowed(NERLabel.outside, label) == !continues)
        }
        #expect(!NERLabel.mayEnd(begin) && !NERLabel.mayEnd(begin + 1))
        #expect(NERLabel.mayEnd(begin + 2) && NERLabel.mayEnd(begin + 3) && NERLabel.mayEnd(NERLabel.outside))
    }

    @Test func aTagSequenceCutShortStillGivesItsSpans() {
        let p = NERLabel.begin(.person)
        let spans = NERLabel.spans([p, p + 1, 0, p])
        #expect(spans.map(\.start) == [0, 3])
        #expect(spans.map(\.end) == [2, 4])
    }

    /// Emissions that strongly favour a tag sequence: its spans get probability near 1, other readings near 0,
    /// and a position's labels add up to 1.
    @Test func theLatticeGivesTheFavouredSpansTheirProbability() {
        let gold = NERLabel.tags(count: 11, spans: spans)
        var emission = [Float](repeating: 0, count: gold.count * NERLabel.count)
        for (i, tag) in gold.enumerated() { emission[i * NERLabel.count + tag] = 12 }
        let transitions = [Float](repeating: 0, count: (NERLabel.count + 1) * NERLabel.count)
        let lattice = NERModel.Lattice(emission: emission, transitions: transitions, count: gold.count)
        for span in spans {
            #expect(lattice.probability(start: span.start, end: span.end, type: span.type) > 0.99)
        }
        #expect(lattice.probability(start: 0, end: 2, type: .person) < 0.01)  // cut short
        #expect(lattice.probability(start: 4, end: 5, type: .organization) < 0.01)  // other type
        #expect(lattice.startMarginal(9, .person) > 0.99)  // a single-scalar name starts there too
        for i in gold.indices {
            let total = (0..<NERLabel.count).reduce(Float(0)) { $0 + lattice.marginal(i, $1) }
            #expect(abs(total - 1) < 1e-3)
        }
        // The last position never holds an open entity.
        #expect(lattice.marginal(gold.count - 1, NERLabel.begin(.person)) == 0)
    }

    /// With no evidence at all, every well-formed labelling is equally likely: a span's probability is
    /// below one half, and Viterbi never ends a sentence inside an entity.
    @Test func withoutEvidenceNoSpanIsSure() {
        let n = 5
        let emission = [Float](repeating: 0, count: n * NERLabel.count)
        let transitions = [Float](repeating: 0, count: (NERLabel.count + 1) * NERLabel.count)
        let lattice = NERModel.Lattice(emission: emission, transitions: transitions, count: n)
        #expect(lattice.probability(start: 1, end: 3, type: .location) < 0.5)
        var model = NERModel()
        model.seal()
        let (tags, _) = model.decodeWithScores(keys: [UInt64](repeating: 1, count: n * NERFeatures.templateCount), count: n)
        #expect(NERLabel.mayEnd(tags[n - 1]))
        #expect(zip(tags.dropLast(), tags.dropFirst()).allSatisfy { NERLabel.allowed($0, $1) })
    }
}
