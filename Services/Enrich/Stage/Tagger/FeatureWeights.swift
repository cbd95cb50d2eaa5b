/// The tagger's feature weights for decoding: an open-addressing table whose slots hold a feature key
/// and its seven label weights side by side.
///
/// Decoding looks up 42 keys a character in a table of about a hundred thousand features, larger
/// than the CPU caches, so its cost is cache misses. A key map plus a separate weight array costs
/// three misses per feature (key, row, weights); one slot of 40 bytes costs one, and a feature the
/// model does not know costs one too (an empty slot is a zero key). Built once, then read-only.
struct FeatureWeights: Sendable {
    /// One feature: its key (0 marks an empty slot) and its weight for each `NERLabel`.
    struct Slot {
        var key: UInt64 = 0
        var w: (Float, Float, Float, Float, Float, Float, Float) = (0, 0, 0, 0, 0, 0, 0)
    }

    /// Most slots in use as a share of all slots; past it lookups probe long runs. Most of the keys
    /// decoding looks up are not in the model, and with linear probing an unknown key reads about
    /// (1 + 1/(1 − load)²)/2 slots before an empty one: 5.7 at a load of 0.69 (the shipped model's 91k
    /// features in 131,072 slots at the earlier limit of 0.75), 1.7 at 0.35 (262,144 slots, 10 MB).
    static let maximumLoad = 0.4

    private var slots: [Slot]
    private var mask: Int
    /// The weights of a feature whose key is 0, which cannot live in a slot (0 marks an empty slot).
    private var zeroKey: Slot?
    private(set) var count = 0

    init(minimumCapacity: Int) {
        precondition(NERLabel.count == 7, "FeatureWeights.Slot holds seven label weights")
        var capacity = 16
        while Double(minimumCapacity) > Double(capacity) * FeatureWeights.maximumLoad { capacity <<= 1 }
        slots = Array(repeating: Slot(), count: capacity)
        mask = capacity - 1
    }

    /// Stores `weights` (`NERLabel.count` of them) for `key`, replacing earlier ones. The table does not
    /// grow: it is sized for the model it is built from.
    mutating func set(_ weights: some Collection<Float>, for key: UInt64) {
        let w = Array(weights)
        let slot = Slot(key: key, w: (w[0], w[1], w[2], w[3], w[4], w[5], w[6]))
        guard key != 0 else {
            if zeroKey == nil { count += 1 }
            zeroKey = slot
            return
        }
        precondition(Double(count + 1) <= Double(slots.count) * FeatureWeights.maximumLoad, "table sized too small")
        var i = Int(truncatingIfNeeded: key) & mask
        while slots[i].key != 0 {
            if slots[i].key == key {
                slots[i] = slot
                return
            }
            i = (i + 1) & mask
        }
        slots[i] = slot
        count += 1
    }

    /// Calls `body` with every stored key and its weights.
    func forEach(_ body: (UInt64, [Float]) -> Void) {
        func call(_ s: Slot) { body(s.key, [s.w.0, s.w.1, s.w.2, s.w.3, s.w.4, s.w.5, s.w.6]) }
        if let zeroKey { call(zeroKey) }
        for s in slots where s.key != 0 { call(s) }
    }

    /// Adds the weights of every known key in `keys` to `into` (`NERLabel.count` sums).
    ///
    /// Feature keys come out of `NERFeatures.key`, already mixed, so their low bits index the table as
    /// they are.
    @inline(__always)
    func accumulate(_ keys: UnsafeBufferPointer<UInt64>, into sum: UnsafeMutablePointer<Float>) {
        var s = (Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0))
        slots.withUnsafeBufferPointer { slots in
            for key in keys {
                var i = Int(truncatingIfNeeded: key) & mask
                while true {
                    let slot = slots[i]
                    if slot.key == key {
                        s.0 += slot.w.0; s.1 += slot.w.1; s.2 += slot.w.2; s.3 += slot.w.3
                        s.4 += slot.w.4; s.5 += slot.w.5; s.6 += slot.w.6
                        break
                    }
                    if slot.key == 0 { break }
                    i = (i + 1) & mask
                }
            }
        }
        if let zeroKey {
            for key in keys where key == 0 {
                let w = zeroKey.w
                s.0 += w.0; s.1 += w.1; s.2 += w.2; s.3 += w.3; s.4 += w.4; s.5 += w.5; s.6 += w.6
            }
        }
        sum[0] += s.0; sum[1] += s.1; sum[2] += s.2; sum[3] += s.3
        sum[4] += s.4; sum[5] += s.5; sum[6] += s.6
    }
}
