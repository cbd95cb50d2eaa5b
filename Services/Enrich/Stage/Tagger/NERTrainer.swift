import Foundation
import Morphology
import NewslineModels

/// Trains the character tagger as a linear-chain CRF: stochastic gradient ascent on the softmax-margin
/// log-likelihood of the gold labels with an L2 penalty (Lafferty et al. 2001; Gimpel and Smith 2010;
/// Tsuruoka et al. 2009 for the lazy penalty).
///
/// The settings were chosen by 5-fold cross-validation inside the tuning split (`newsline eval cv`,
/// docs/EVALUATION.md).
public struct NERTrainer {
    let lexicon: Lexicon
    let analyzer: MorphemeAnalyzer
    /// Strength of the L2 penalty on the weights, for the whole training set.
    var l2: Float = 3
    /// Step size of the first pass; pass `k` uses `learningRate / (1 + k)`.
    var learningRate: Float = 0.1
    /// Features seen fewer times than this in training get no weights.
    var minimumCount = 2
    /// Features whose label weights differ from their `O` weight by less than this are left out of the
    /// model (`NERModel.seal`): a smaller table for decoding to miss the cache on.
    var minimumSpread: Float = 0.05
    /// Softmax-margin training (Gimpel and Smith 2010): while training, every label but the gold one gets
    /// this much added to its score, so the likelihood is only high where the gold labels win by a margin.
    /// A CRF trained on 4k sentences otherwise fits them with little room and reads unseen names as `O`.
    var marginCost: Float = 1
    /// Added on top of `marginCost` to `O` where the gold label is an entity's: a missed name costs more
    /// than a wrong boundary or type, which buys recall (precision is bought back by the recognizer's
    /// span probability).
    var missCost: Float = 0.5

    /// Uses the process's shared analyzer (`MorphologyDictionary.locate`).
    public init() throws {
        lexicon = try Lexicon()
        analyzer = try MorphemeAnalyzer.shared()
    }

    /// Trains on `examples` (their PS/OG/LC spans) for `epochs` passes in a fixed shuffled order
    /// and writes the model to `url`.
    public func train(
        _ examples: [NERExample], epochs: Int, writeTo url: URL, progress: (Int, Int) -> Void = { _, _ in }
    ) throws {
        let model = train(examples, epochs: epochs, progress: progress)
        try model.write(to: url)
    }

    /// `progress` gets the pass and how many sentences had a gold label the model still gave
    /// less than even odds.
    func train(_ examples: [NERExample], epochs: Int, progress: (Int, Int) -> Void = { _, _ in }) -> NERModel {
        let labels = NERLabel.count
        let templates = NERFeatures.templateCount
        var model = NERModel()

        var sentences: [(keys: [UInt64], gold: [Int])] = []
        var counts: [UInt64: Int] = [:]
        for example in examples {
            let text = ScannedText(example.text)
            guard text.count > 0 else { continue }
            let spans = example.entities.compactMap { span in span.type.map { (span.start, span.end, $0) } }
            let keys = NERFeatures.extract(
                text, lexicon: lexicon, matches: lexicon.matches(in: text), morphemes: MorphemeTags(text, analyzer: analyzer))
            for key in keys { counts[key, default: 0] += 1 }
            sentences.append((keys, NERLabel.tags(count: text.count, spans: spans)))
        }
        // Feature rows, looked up once instead of hashing every key on every pass (-1: no weights).
        let rows: [[Int32]] = sentences.map { sentence in
            sentence.keys.map { key in counts[key, default: 0] >= minimumCount ? Int32(model.row(for: key)) : -1 }
        }
        counts = [:]

        // The weights are `scale × v`, so the L2 shrink of every weight is one multiplication.
        var v = [Float](repeating: 0, count: model.weights.count)
        var scale: Float = 1
        let total = Float(sentences.count)
        var seen: Float = 0
        let allowed = NERModel.allowedTransitions
        let start = labels * labels
        var order = Array(sentences.indices)
        var seed: UInt64 = 0x5eed
        for epoch in 0..<epochs {
            // Fisher–Yates with a fixed LCG so a retrain gives the same weights.
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                order.swapAt(i, Int((seed >> 33) % UInt64(i + 1)))
            }
            var unsure = 0
            for s in order {
                let gold = sentences[s].gold
                let sentenceRows = rows[s]
                let n = gold.count
                let rate = learningRate / (1 + seen / total)
                seen += 1
                scale *= 1 - rate * l2 / total
                if scale < 1e-6 {
                    for i in v.indices { v[i] *= scale }
                    scale = 1
                }
                var emission = [Float](repeating: 0, count: n * labels)
                for i in 0..<n {
                    for t in 0..<templates {
                        let row = Int(sentenceRows[i * templates + t])
                        guard row >= 0 else { continue }
                        for l in 0..<labels { emission[i * labels + l] += scale * v[row * labels + l] }
                    }
                }
                // The cost-augmented lattice: its marginals are the softmax-margin gradient's expectations.
                if marginCost > 0 || missCost > 0 {
                    for i in 0..<n {
                        for l in 0..<labels where l != gold[i] {
                            emission[i * labels + l] += marginCost + (l == 0 ? missCost : 0)
                        }
                    }
                }
                let lattice = NERModel.Lattice(emission: emission, transitions: model.transitions, count: n)
                // Gradient: observed minus expected feature counts.
                var isUnsure = false
                for i in 0..<n {
                    for l in 0..<labels {
                        let marginal = lattice.marginal(i, l)
                        if gold[i] == l, marginal < 0.5 { isUnsure = true }
                        let gradient = (gold[i] == l ? 1 : 0) - marginal
                        guard abs(gradient) > 1e-4 else { continue }
                        let step = rate * gradient / scale
                        for t in 0..<templates {
                            let row = Int(sentenceRows[i * templates + t])
                            if row >= 0 { v[row * labels + l] += step }
                        }
                    }
                }
                model.transitions[start + gold[0]] += rate
                for l in 0..<labels where allowed[start + l] {
                    model.transitions[start + l] -= rate * lattice.marginal(0, l)
                }
                for i in 1..<n {
                    model.transitions[gold[i - 1] * labels + gold[i]] += rate
                    for p in 0..<labels {
                        for l in 0..<labels where allowed[p * labels + l] {
                            model.transitions[p * labels + l] -= rate * lattice.pairMarginal(i, p, l)
                        }
                    }
                }
                if isUnsure { unsure += 1 }
            }
            progress(epoch + 1, unsure)
        }
        model.weights = v.map { $0 * scale }
        model.seal(minimumSpread: minimumSpread)
        return model
    }
}
