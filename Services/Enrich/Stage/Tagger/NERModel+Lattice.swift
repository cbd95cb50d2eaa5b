import Foundation

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
            self.emission = shifted
            alpha = [Float](repeating: 0, count: n * labels)
            beta = [Float](repeating: 1, count: n * labels)
            scale = [Float](repeating: 1, count: n)
            guard n > 0 else { return }
            run()
        }

        private mutating func run() {
            let start = labels * labels
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
                                        for p in 0..<labels { into += a[(i - 1) * labels + p] * t[p * labels + l] }
                                        a[i * labels + l] = into * e[i * labels + l]
                                        sum += a[i * labels + l]
                                    }
                                    c[i] = sum
                                    for l in 0..<labels { a[i * labels + l] /= sum }
                                }
                                for i in stride(from: n - 2, through: 0, by: -1) {
                                    for p in 0..<labels {
                                        var out: Float = 0
                                        for l in 0..<labels {
                                            out += t[p * labels + l] * e[(i + 1) * labels + l] * b[(i + 1) * labels + l]
                                        }
                                        b[i * labels + p] = out / c[i + 1]
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

        /// The probability that `start..<end` is exactly one entity of the type whose begin label is `begin`.
        func probability(start: Int, end: Int, begin: Int) -> Float {
            let inside = begin + 1
            var p = alpha[start * labels + begin]
            var last = begin
            for i in (start + 1)..<end {
                p *= transitions[last * labels + inside] * emission[i * labels + inside] / scale[i]
                last = inside
            }
            if end < n {
                var tail: Float = 0
                for l in 0..<labels where l != inside {
                    tail += transitions[last * labels + l] * emission[end * labels + l] * beta[end * labels + l]
                }
                p *= tail / scale[end]
            }
            return min(1, p)
        }
    }
}
