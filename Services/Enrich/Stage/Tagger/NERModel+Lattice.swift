import Foundation
import NewslineModels

extension NERModel {
    /// Forward–backward over a sentence's label lattice: the CRF's label marginals, which training
    /// follows, and the probability of a decoded span, which weighs every other labelling (other types,
    /// other boundaries, none) and tells how sure the tagger is of it.
    ///
    /// Runs in probability space with per-position scaling (Rabiner 1989) rather than in log space:
    /// seven `exp` calls a position instead of one per lattice edge and direction.
    struct Lattice {
        private let labels = NERLabel.count
        private let n: Int
        /// `exp(emission − max of its position)`.
        private var emission: [Float]
        /// `exp(transition)`, 0 where the transition is not allowed; the last row is the sentence start.
        private let transitions: [Float]
        /// Scaled forward and backward values, and the scale of each position.
        private var alpha: [Float]
        private var beta: [Float]
        private var scale: [Float]

        init(emission: [Float], transitions: [Float], count n: Int) {
            let labels = NERLabel.count
            self.n = n
            let allowed = NERModel.allowedTransitions
            self.transitions = transitions.indices.map { allowed[$0] ? exp(transitions[$0]) : 0 }
            var shifted = emission
            for i in 0..<n {
                var top: Float = -.infinity
                for l in 0..<labels { top = max(top, emission[i * labels + l]) }
                for l in 0..<labels { shifted[i * labels + l] = exp(emission[i * labels + l] - top) }
            }
            // No sentence ends inside an open entity.
            if n > 0 {
                for l in 0..<labels where !NERLabel.mayEnd(l) { shifted[(n - 1) * labels + l] = 0 }
            }
            self.emission = shifted
            alpha = [Float](repeating: 0, count: n * labels)
            beta = [Float](repeating: 1, count: n * labels)
            scale = [Float](repeating: 1, count: n)
            guard n > 0 else { return }
            run()
        }

        private mutating func run() {
            let start = labels * labels
            let predecessors = NERModel.predecessors, predecessorStart = NERModel.predecessorStart
            emission.withUnsafeBufferPointer { e in
                transitions.withUnsafeBufferPointer { t in
                    alpha.withUnsafeMutableBufferPointer { a in
                        beta.withUnsafeMutableBufferPointer { b in
                            scale.withUnsafeMutableBufferPointer { c in
                                var sum: Float = 0
                                for l in 0..<labels {
                                    a[l] = t[start + l] * e[l]
                                    sum += a[l]
                                }
                                c[0] = sum
                                for l in 0..<labels { a[l] /= sum }
                                for i in 1..<max(n, 1) {
                                    sum = 0
                                    for l in 0..<labels {
                                        var into: Float = 0
                                        for k in predecessorStart[l]..<predecessorStart[l + 1] {
                                            let p = predecessors[k]
                                            into += a[(i - 1) * labels + p] * t[p * labels + l]
                                        }
                                        a[i * labels + l] = into * e[i * labels + l]
                                        sum += a[i * labels + l]
                                    }
                                    c[i] = sum
                                    for l in 0..<labels { a[i * labels + l] /= sum }
                                }
                                for i in stride(from: n - 2, through: 0, by: -1) {
                                    for p in 0..<labels { b[i * labels + p] = 0 }
                                    for l in 0..<labels {
                                        let next = e[(i + 1) * labels + l] * b[(i + 1) * labels + l] / c[i + 1]
                                        for k in predecessorStart[l]..<predecessorStart[l + 1] {
                                            let p = predecessors[k]
                                            b[i * labels + p] += t[p * labels + l] * next
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        /// The probability that position `i` has label `l`.
        func marginal(_ i: Int, _ l: Int) -> Float { alpha[i * labels + l] * beta[i * labels + l] }

        /// The probability that position `i - 1` has label `p` and position `i` label `l` (`i` ≥ 1).
        func pairMarginal(_ i: Int, _ p: Int, _ l: Int) -> Float {
            alpha[(i - 1) * labels + p] * transitions[p * labels + l] * emission[i * labels + l]
                * beta[i * labels + l] / scale[i]
        }

        /// The probability that position `i` begins an entity of `type` (its begin or single tag).
        func startMarginal(_ i: Int, _ type: EntityType) -> Float {
            marginal(i, NERLabel.label(type, .begin)) + marginal(i, NERLabel.label(type, .single))
        }

        /// The probability that `start..<end` is exactly one entity of `type`: its begin, inside and end
        /// tags (or its single tag) along the span, whatever comes before and after.
        func probability(start: Int, end: Int, type: EntityType) -> Float {
            guard start < end, end <= n else { return 0 }
            var last = NERLabel.label(type, end - start == 1 ? .single : .begin)
            var p = alpha[start * labels + last]
            for i in (start + 1)..<end {
                let l = NERLabel.label(type, i == end - 1 ? .end : .inside)
                p *= transitions[last * labels + l] * emission[i * labels + l] / scale[i]
                last = l
            }
            // What follows a closed entity is anything a closed entity may be followed by: the backward value.
            return min(1, p * beta[(end - 1) * labels + last])
        }
    }
}
