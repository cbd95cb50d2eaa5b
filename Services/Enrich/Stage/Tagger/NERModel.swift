import Foundation

/// A linear BIO tagger over characters: feature weights per label plus label-transition weights,
/// decoded with Viterbi. Trained by `NERTrainer` (a linear-chain CRF).
struct NERModel: Sendable {
    private static let magic: [UInt8] = Array("NLNER01\n".utf8)

    /// Feature key → row in `weights`, while training.
    private(set) var index: HashIndex
    /// `NERLabel.count` weights per feature row, while training.
    var weights: [Float]
    /// The weights decoding reads (`seal()` builds them from `index` and `weights`).
    private(set) var table = FeatureWeights(minimumCapacity: 0)
    /// `(NERLabel.count + 1) × NERLabel.count`: previous label (last row: sentence start) → label.
    var transitions: [Float]

    init() {
        index = HashIndex()
        weights = []
        transitions = Array(repeating: 0, count: (NERLabel.count + 1) * NERLabel.count)
    }

    /// `allowed[previous × labels + label]`, with the sentence start as the last row.
    static let allowedTransitions: [Bool] = (0...NERLabel.count).flatMap { p in
        (0..<NERLabel.count).map { l in NERLabel.allowed(p == NERLabel.count ? NERLabel.outside : p, l) }
    }

    var featureCount: Int { weights.count / NERLabel.count }

    /// The row of `key`, creating a zero row when asked to.
    mutating func row(for key: UInt64) -> Int {
        if let row = index.value(for: key) { return Int(row) }
        let row = featureCount
        index.set(Int32(row), for: key)
        weights.append(contentsOf: repeatElement(0, count: NERLabel.count))
        return row
    }

    /// Packs the trained rows into `table`, which decoding and `write` read, and drops the training rows.
    ///
    /// A row is kept only where some label's weight differs from its `O` weight by at least `minimumSpread`:
    /// a feature that adds (nearly) the same to every label moves no decision, but its slot still costs
    /// a cache miss on every lookup. With 0 only rows that change nothing at all are dropped.
    mutating func seal(minimumSpread: Float = 0) {
        var live: [(key: UInt64, row: Int)] = []
        index.forEach { key, row in
            let r = Int(row) * NERLabel.count
            let o = weights[r]
            let spread = (1..<NERLabel.count).map { abs(weights[r + $0] - o) }.max() ?? 0
            if spread > 0 && spread >= minimumSpread { live.append((key, Int(row))) }
        }
        var table = FeatureWeights(minimumCapacity: live.count)
        for (key, row) in live {
            table.set(weights[(row * NERLabel.count)..<((row + 1) * NERLabel.count)], for: key)
        }
        self.table = table
        index = HashIndex()
        weights = []
    }

    /// The best label sequence and the per-position label scores (`n × NERLabel.count`) it was read from.
    func decodeWithScores(keys: [UInt64], count n: Int) -> (tags: [Int], emission: [Float]) {
        guard n > 0 else { return ([], []) }
        let labels = NERLabel.count
        var emission = [Float](repeating: 0, count: n * labels)
        keys.withUnsafeBufferPointer { keys in
            emission.withUnsafeMutableBufferPointer { emission in
                let templates = NERFeatures.templateCount
                for i in 0..<n {
                    table.accumulate(
                        UnsafeBufferPointer(rebasing: keys[(i * templates)..<((i + 1) * templates)]),
                        into: emission.baseAddress! + i * labels)
                }
            }
        }
        var score = [Float](repeating: 0, count: n * labels)
        var back = [Int8](repeating: 0, count: n * labels)
        var tags = [Int](repeating: 0, count: n)
        let allowed = NERModel.allowedTransitions
        let start = NERLabel.count * labels
        score.withUnsafeMutableBufferPointer { score in
            back.withUnsafeMutableBufferPointer { back in
                emission.withUnsafeBufferPointer { emission in
                    transitions.withUnsafeBufferPointer { transitions in
                        for l in 0..<labels {
                            score[l] = allowed[start + l] ? emission[l] + transitions[start + l] : -.infinity
                        }
                        for i in 1..<max(n, 1) {
                            for l in 0..<labels {
                                var best: Float = -.infinity
                                var arg = 0
                                for p in 0..<labels where allowed[p * labels + l] {
                                    let s = score[(i - 1) * labels + p] + transitions[p * labels + l]
                                    if s > best {
                                        best = s
                                        arg = p
                                    }
                                }
                                score[i * labels + l] = best + emission[i * labels + l]
                                back[i * labels + l] = Int8(arg)
                            }
                        }
                    }
                }
            }
        }
        var best: Float = -.infinity
        for l in 0..<labels where score[(n - 1) * labels + l] > best {
            best = score[(n - 1) * labels + l]
            tags[n - 1] = l
        }
        if n > 1 {
            for i in stride(from: n - 1, to: 0, by: -1) { tags[i - 1] = Int(back[i * labels + tags[i]]) }
        }
        return (tags, emission)
    }

    // MARK: File format

    /// Writes the model: magic, feature count, then per feature its key and label weights, then transitions.
    /// Only features of the sealed table are written (`seal()` leaves out those whose weights are all zero).
    func write(to url: URL) throws {
        var data = Data(NERModel.magic)
        data.appendLittleEndian(UInt64(table.count))
        table.forEach { key, weights in
            data.appendLittleEndian(key)
            for w in weights { data.appendLittleEndian(w.bitPattern) }
        }
        for value in transitions { data.appendLittleEndian(value.bitPattern) }
        try data.write(to: url)
    }

    init(contentsOf url: URL) throws {
        let data = try Data(contentsOf: url)
        let bytes = [UInt8](data)
        guard bytes.count >= 16, Array(bytes[0..<8]) == NERModel.magic else {
            throw EnricherError.malformedResource(url.lastPathComponent)
        }
        var offset = 8
        func u64() -> UInt64 {
            var v: UInt64 = 0
            for b in 0..<8 { v |= UInt64(bytes[offset + b]) << (8 * UInt64(b)) }
            offset += 8
            return v
        }
        func f32() -> Float {
            var v: UInt32 = 0
            for b in 0..<4 { v |= UInt32(bytes[offset + b]) << (8 * UInt32(b)) }
            offset += 4
            return Float(bitPattern: v)
        }
        let count = Int(u64())
        let transitionCount = (NERLabel.count + 1) * NERLabel.count
        guard bytes.count == 16 + count * (8 + 4 * NERLabel.count) + 4 * transitionCount else {
            throw EnricherError.malformedResource(url.lastPathComponent)
        }
        var table = FeatureWeights(minimumCapacity: count)
        var row = [Float](repeating: 0, count: NERLabel.count)
        for _ in 0..<count {
            let key = u64()
            for l in 0..<NERLabel.count { row[l] = f32() }
            table.set(row, for: key)
        }
        self.index = HashIndex()
        self.weights = []
        self.table = table
        self.transitions = (0..<transitionCount).map { _ in f32() }
    }
}

extension Data {
    fileprivate mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
