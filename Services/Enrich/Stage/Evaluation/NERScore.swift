import Foundation

/// Precision, recall and F1 per label and micro-averaged over PS, OG and LC, by exact span match.
public struct NERScore: Sendable, Equatable {
    /// Matched, predicted-only and gold-only span counts.
    public struct Counts: Sendable, Equatable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0

        public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
        public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
        public var f1: Double {
            let p = precision, r = recall
            return p + r == 0 ? 0 : 2 * p * r / (p + r)
        }
        public var gold: Int { truePositives + falseNegatives }
        public var predicted: Int { truePositives + falsePositives }

        private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
    }

    /// Counts per scored label (`PS`, `OG`, `LC`).
    public var byLabel: [String: Counts]
    public var sentences: Int

    /// Summed over the scored labels.
    public var micro: Counts {
        var total = Counts()
        for counts in byLabel.values {
            total.truePositives += counts.truePositives
            total.falsePositives += counts.falsePositives
            total.falseNegatives += counts.falseNegatives
        }
        return total
    }

    /// Scores predicted spans against gold ones, sentence by sentence. Only PS, OG and LC count;
    /// a span matches when start, end and label are all equal.
    public init(gold: [[NERSpan]], predicted: [[NERSpan]]) {
        precondition(gold.count == predicted.count, "one prediction list per gold sentence")
        var byLabel: [String: Counts] = [:]
        for label in NERSpan.scoredLabels { byLabel[label] = Counts() }
        for (goldSpans, predictedSpans) in zip(gold, predicted) {
            let g = Set(goldSpans.filter { $0.type != nil }.map(Key.init))
            let p = Set(predictedSpans.filter { $0.type != nil }.map(Key.init))
            for key in g.intersection(p) { byLabel[key.label]!.truePositives += 1 }
            for key in p.subtracting(g) { byLabel[key.label]!.falsePositives += 1 }
            for key in g.subtracting(p) { byLabel[key.label]!.falseNegatives += 1 }
        }
        self.byLabel = byLabel
        self.sentences = gold.count
    }

    private struct Key: Hashable {
        var start: Int
        var end: Int
        var label: String
        init(_ span: NERSpan) {
            start = span.start
            end = span.end
            label = span.label
        }
    }

    /// A fixed-width table: one row per label and a micro row.
    public var table: String {
        func row(_ name: String, _ c: Counts) -> String {
            let cells = [c.precision, c.recall, c.f1].map { String(format: "%6.3f", $0) }.joined(separator: "  ")
            return name.padding(toLength: 6, withPad: " ", startingAt: 0) + cells
                + String(format: "  %6d %6d %6d", c.gold, c.predicted, c.truePositives)
        }
        var lines = ["label      P       R      F1    gold   pred  match"]
        for label in NERSpan.scoredLabels { lines.append(row(label, byLabel[label]!)) }
        lines.append(row("micro", micro))
        return lines.joined(separator: "\n")
    }
}
