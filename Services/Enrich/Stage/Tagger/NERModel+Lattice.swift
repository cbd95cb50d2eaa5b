import Foundation

extension NERModel {
    /// Forward–backward over a sentence's label lattice: the CRF's label marginals, which training
    /// follows, and the probability of a decoded span, which weighs every other labelling (other types,
    /// other boundaries, none) and tells how sure the tagger is of it.
    struct Lattice {
        private let labels = NERLabel.count
        private let n: Int
        private let emission: [Float]
        private let transitions: [Float]
        private var alpha: [Float]
        private var beta: [Float]
        private(set) var logPartition: Float = 0

        init(emission: [Float], transitions: [Float], count n: Int) {
            self.n = n
            self.emission = emission
            self.transitions = transitions
            alpha = [Float](repeating: -.infinity, count: n * NERLabel.count)
            beta = [Float](repeating: 0, count: n * NERLabel.count)
            guard n > 0 else { return }
            run()
        }

        private mutating func run() {
            let allowed = NERModel.allowedTransitions
            let start = labels * labels
            var terms = [Float](repeating: 0, count: labels)
            for l in 0..<labels where allowed[start + l] { alpha[l] = emission[l] + transitions[start + l] }
            for i in 1..<max(n, 1) {
                for l in 0..<labels {
                    var count = 0
                    for p in 0..<labels where allowed[p * labels + l] {
                        terms[count] = alpha[(i - 1) * labels + p] + transitions[p * labels + l]
                        count += 1
                    }
                    alpha[i * labels + l] = Lattice.logSumExp(terms, count) + emission[i * labels + l]
                }
            }
            for i in stride(from: n - 2, through: 0, by: -1) {
                for p in 0..<labels {
                    var count = 0
                    for l in 0..<labels where allowed[p * labels + l] {
                        terms[count] = transitions[p * labels + l] + emission[(i + 1) * labels + l] + beta[(i + 1) * labels + l]
                        count += 1
                    }
                    beta[i * labels + p] = Lattice.logSumExp(terms, count)
                }
            }
            logPartition = Lattice.logSumExp(Array(alpha[((n - 1) * labels)...]), labels)
        }

        /// The probability that position `i` has label `l`.
        func marginal(_ i: Int, _ l: Int) -> Float { exp(alpha[i * labels + l] + beta[i * labels + l] - logPartition) }

        /// The probability that position `i - 1` has label `p` and position `i` label `l` (`i` ≥ 1).
        func pairMarginal(_ i: Int, _ p: Int, _ l: Int) -> Float {
            exp(
                alpha[(i - 1) * labels + p] + transitions[p * labels + l] + emission[i * labels + l]
                    + beta[i * labels + l] - logPartition)
        }

        /// The probability that `start..<end` is exactly one entity of the type whose begin label is `begin`.
        func probability(start: Int, end: Int, begin: Int) -> Float {
            let inside = begin + 1
            var score = alpha[start * labels + begin]
            var last = begin
            for i in (start + 1)..<end {
                score += transitions[last * labels + inside] + emission[i * labels + inside]
                last = inside
            }
            if end < n {
                let allowed = NERModel.allowedTransitions
                var terms = [Float](repeating: 0, count: labels)
                var count = 0
                for l in 0..<labels where l != inside && allowed[last * labels + l] {
                    terms[count] = transitions[last * labels + l] + emission[end * labels + l] + beta[end * labels + l]
                    count += 1
                }
                score += Lattice.logSumExp(terms, count)
            }
            return min(1, exp(score - logPartition))
        }

        private static func logSumExp(_ values: [Float], _ count: Int) -> Float {
            var top: Float = -.infinity
            for i in 0..<count where values[i] > top { top = values[i] }
            guard top > -.infinity else { return -.infinity }
            var sum: Float = 0
            for i in 0..<count { sum += exp(values[i] - top) }
            return top + log(sum)
        }
    }
}
