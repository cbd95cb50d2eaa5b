import Foundation
import NewslineModels

/// Trains the character tagger with the averaged structured perceptron (Collins 2002).
public struct NERTrainer {
    private let lexicon: Lexicon

    public init() throws { lexicon = try Lexicon() }

    /// Trains on `examples` (their PS/OG/LC spans) for `epochs` passes in a fixed shuffled order
    /// and writes the model to `url`.
    public func train(
        _ examples: [NERExample], epochs: Int, writeTo url: URL, progress: (Int, Int) -> Void = { _, _ in }
    ) throws {
        let model = train(examples, epochs: epochs, progress: progress)
        try model.write(to: url)
    }

    func train(_ examples: [NERExample], epochs: Int, progress: (Int, Int) -> Void = { _, _ in }) -> NERModel {
        let labels = NERLabel.count
        var model = NERModel()
        var totals: [Float] = []
        var transitionTotals = [Float](repeating: 0, count: model.transitions.count)

        var sentences: [(keys: [UInt64], gold: [Int])] = []
        for example in examples {
            let text = ScannedText(example.text)
            let spans = example.entities.compactMap { span in span.type.map { (span.start, span.end, $0) } }
            let keys = NERFeatures.extract(text, lexicon: lexicon, matches: lexicon.matches(in: text))
            sentences.append((keys, NERLabel.tags(count: text.count, spans: spans)))
        }

        var step: Float = 1
        var order = Array(sentences.indices)
        var seed: UInt64 = 0x5eed
        for epoch in 0..<epochs {
            // Fisher–Yates with a fixed LCG so a retrain gives the same weights.
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                order.swapAt(i, Int((seed >> 33) % UInt64(i + 1)))
            }
            var errors = 0
            for s in order {
                let (keys, gold) = sentences[s]
                let n = gold.count
                let predicted = model.decode(keys: keys, count: n)
                if predicted != gold {
                    errors += 1
                    for i in 0..<n where predicted[i] != gold[i] || (i > 0 && predicted[i - 1] != gold[i - 1]) {
                        let base = i * NERFeatures.templateCount
                        if predicted[i] != gold[i] {
                            for t in 0..<NERFeatures.templateCount {
                                let row = model.row(for: keys[base + t])
                                if totals.count < model.weights.count {
                                    totals.append(contentsOf: repeatElement(0, count: model.weights.count - totals.count))
                                }
                                model.add(1, row: row, label: gold[i])
                                model.add(-1, row: row, label: predicted[i])
                                totals[row * labels + gold[i]] += step
                                totals[row * labels + predicted[i]] -= step
                            }
                        }
                        let goldPrevious = i == 0 ? labels : gold[i - 1]
                        let predictedPrevious = i == 0 ? labels : predicted[i - 1]
                        model.transitions[goldPrevious * labels + gold[i]] += 1
                        model.transitions[predictedPrevious * labels + predicted[i]] -= 1
                        transitionTotals[goldPrevious * labels + gold[i]] += step
                        transitionTotals[predictedPrevious * labels + predicted[i]] -= step
                    }
                }
                step += 1
            }
            progress(epoch + 1, errors)
        }
        // Averaging: w̄ = w − (Σ step·Δ) / step, the usual lazy form of the averaged perceptron.
        for i in 0..<model.weights.count {
            model.add(-totals[i] / step, row: i / labels, label: i % labels)
        }
        for i in 0..<model.transitions.count { model.transitions[i] -= transitionTotals[i] / step }
        return model
    }
}
