import Foundation

/// A linear BIOES tagger over characters: feature weights per label plus label-transition weights,
/// decoded with Viterbi. Trained by `NERTrainer` (a linear-chain CRF).
struct NERModel: Sendable {
    private static let magic: [UInt8] = Array("NLNER03\n".utf8)

    /// Feature key → row in `weights`, while training.
    private(set) var index: HashIndex
    /// `NERLabel.count` weights per feature row, while training.
    var weights: [Float]
    /// The weights decoding reads (`seal()` builds them from `index` and `weights`).
    private(set) var table = FeatureWeights(capacity: 16, step: 1)
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

    /// For every label, the labels that may come before it, as one flat list: label `l`'s are
    /// `predecessors[predecessorStart[l] ..< predecessorStart[l + 1]]`. Most pairs of BIOES tags are not
    /// allowed (an open entity has two possible next tags), so Viterbi and the lattice walk these lists
    /// instead of every pair.
    private static let predecessorLists: [[Int]] = (0..<NERLabel.count).map { l in
        (0..<NERLabel.count).filter { p in allowedTransitions[p * NERLabel.count + l] }
    }
    static let predecessors: [Int] = predecessorLists.flatMap { $0 }
    static let predecessorStart: [Int] = predecessorLists.reduce(into: [0]) { starts, list in
        starts.append(starts[starts.count - 1] + list.count)
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
        var largest: Float = 0
        index.forEach { key, row in
            let r = Int(row) * NERLabel.count
            let o = weights[r]
            let spread = (1..<NERLabel.count).map { abs(weights[r + $0] - o) }.max() ?? 0
            if spread > 0 && spread >= minimumSpread {
                live.append((key, Int(row)))
                largest = max(largest, spread)
            }
        }
        var table = FeatureWeights(minimumCapacity: live.count, largestSpread: largest)
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
        let predecessors = NERModel.predecessors, predecessorStart = NERModel.predecessorStart
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
                                for k in predecessorStart[l]..<predecessorStart[l + 1] {
                                    let p = predecessors[k]
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
        for l in 0..<labels where NERLabel.mayEnd(l) && score[(n - 1) * labels + l] > best {
            best = score[(n - 1) * labels + l]
            tags[n - 1] = l
        }
        if n > 1 {
            for i in stride(from: n - 1, to: 0, by: -1) { tags[i - 1] = Int(back[i * labels + tags[i]]) }
        }
        return (tags, emission)
    }

    // MARK: File format

    /// Writes the model: magic, the table's slot count, used-slot count and quantization step, then per used
    /// slot its place, check and twelve weights, then the transitions (little-endian). Only the sealed table
    /// is written, with its slots where they stand, so loading places them without hashing.
    func write(to url: URL) throws {
        var data = Data(NERModel.magic)
        data.appendLittleEndian(UInt64(table.capacity))
        data.appendLittleEndian(UInt64(table.count))
        data.appendLittleEndian(table.step.bitPattern)
        table.forEachSlot { index, slot in
            data.appendLittleEndian(UInt32(index))
            data.appendLittleEndian(slot.check)
            for l in 0..<FeatureWeights.slotWeights { data.appendLittleEndian(slot.w[l]) }
        }
        for value in transitions { data.appendLittleEndian(value.bitPattern) }
        try data.write(to: url)
    }

    /// Bytes of one used slot in the file: place, check, twelve 16-bit weights.
    private static let slotBytes = 4 + 4 + 2 * (NERLabel.count - 1)

    init(contentsOf url: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: url))
        let malformed = EnricherError.malformedResource(url.lastPathComponent)
        let header = 8 + 8 + 8 + 4
        guard bytes.count >= header, Array(bytes[0..<8]) == NERModel.magic else { throw malformed }
        var offset = 8
        func read<T: FixedWidthInteger>(_: T.Type) -> T {
            var v: T = 0
            for b in 0..<MemoryLayout<T>.size { v |= T(truncatingIfNeeded: bytes[offset + b]) << (8 * b) }
            offset += MemoryLayout<T>.size
            return v
        }
        let capacity = Int(truncatingIfNeeded: read(UInt64.self))
        let count = Int(truncatingIfNeeded: read(UInt64.self))
        let step = Float(bitPattern: read(UInt32.self))
        let transitionCount = (NERLabel.count + 1) * NERLabel.count
        guard capacity > 0, capacity <= 1 << 30, capacity & (capacity - 1) == 0, count >= 0, count <= capacity,
            step.isFinite, step > 0,
            bytes.count == header + count * NERModel.slotBytes + 4 * transitionCount
        else { throw malformed }
        var table = FeatureWeights(capacity: capacity, step: step)
        var taken = [Bool](repeating: false, count: capacity)
        for _ in 0..<count {
            let index = Int(read(UInt32.self))
            let check = read(UInt32.self)
            let w = (0..<(NERLabel.count - 1)).map { _ in read(Int16.self) }
            guard index < capacity, check != 0, !taken[index] else { throw malformed }
            taken[index] = true
            table.restore(FeatureWeights.Slot(check: check, w: InlineArray { w[$0] }), at: index)
        }
        self.index = HashIndex()
        self.weights = []
        self.table = table
        self.transitions = (0..<transitionCount).map { _ in Float(bitPattern: read(UInt32.self)) }
    }
}

extension Data {
    fileprivate mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
