/// The tagger's feature weights for decoding: an open-addressing table whose 32-byte slots hold a check
/// of the feature key and its twelve label weights relative to `O`, quantized to 16 bits.
///
/// Decoding looks up 42 keys a character in a table of about a hundred thousand features, larger
/// than the CPU's per-core caches, so its cost is cache misses. One slot holds all a feature's weights,
/// and two slots share a 64-byte cache line (a slot of full keys and thirteen `Float`s would take 60 bytes),
/// so a lookup, and a probe run of an unknown key, mostly reads one line.
///
/// Only differences between labels move the tagger (Viterbi's choice and the lattice's probabilities
/// do not change when the same amount is added to every label of a position), so the `O` weight is
/// subtracted from every label's and `O` is stored as 0. A 32-bit check instead of the 64-bit key takes
/// an unknown key for a known one with odds of about 2⁻³¹ per slot compared.
struct FeatureWeights: Sendable {
    /// The weights a slot holds: one per label besides `O`.
    static let slotWeights = 12

    /// One feature: a check of its key (0 marks an empty slot) and its weights for labels 1–12 minus `O`'s,
    /// in units of `step`; 32 bytes with the padding, a power of two, so a lookup mostly reads one line.
    struct Slot {
        var check: UInt32 = 0
        var w = InlineArray<12, Int16>(repeating: 0)
        private var padding: UInt32 = 0

        init() {}

        init(check: UInt32, w: InlineArray<12, Int16>) {
            self.check = check
            self.w = w
        }
    }

    /// Most slots in use as a share of all slots; past it lookups probe long runs. Most of the keys
    /// decoding looks up are not in the model, and with linear probing an unknown key reads about
    /// (1 + 1/(1 − load)²)/2 slots before an empty one: 2.0 at 0.43 (the shipped model's 112k features in
    /// 262,144 slots, 8 MB), where two slots share a cache line; most unknown keys are turned away by the
    /// filter before they probe. At 0.4 the BIO model took twice the slots and read more cache lines
    /// (docs/BENCHMARKS.md).
    static let maximumLoad = 0.5

    private var slots: [Slot]
    private var mask: Int
    /// A blocked Bloom filter over the checks held, 8 bits a slot (256 KB for 262,144 slots, which stays
    /// in a core's cache where the table does not): most keys decoding looks up are in no slot, and the
    /// filter turns away nearly all of them without the cache miss their probe would cost.
    private var filter: [UInt64]
    /// The weight of one quantization unit: the largest weight difference the table holds / 32,767.
    let step: Float
    private(set) var count = 0

    /// A table for `minimumCapacity` features whose label weights differ from their `O` weight by at most
    /// `largestSpread` (larger differences are clipped to it).
    init(minimumCapacity: Int, largestSpread: Float) {
        precondition(NERLabel.count == FeatureWeights.slotWeights + 1, "a slot holds a weight per label besides O")
        var capacity = 16
        while Double(minimumCapacity) > Double(capacity) * FeatureWeights.maximumLoad { capacity <<= 1 }
        slots = Array(repeating: Slot(), count: capacity)
        mask = capacity - 1
        filter = FeatureWeights.emptyFilter(capacity)
        step = largestSpread > 0 && largestSpread.isFinite ? largestSpread / Float(Int16.max) : 1
    }

    private static func emptyFilter(_ capacity: Int) -> [UInt64] { Array(repeating: 0, count: max(capacity / 8, 1)) }

    /// The filter word of a check and its two bits in it, from bits of the check that neither the slot
    /// index nor each other use (bit 0 of a check is always set).
    @inline(__always)
    private func filterPlace(_ check: UInt32) -> (word: Int, bits: UInt64) {
        let word = Int(check >> 13) & (filter.count - 1)
        return (word, (1 << UInt64((check >> 1) & 63)) | (1 << UInt64((check >> 7) & 63)))
    }

    private mutating func remember(_ check: UInt32) {
        let (word, bits) = filterPlace(check)
        filter[word] |= bits
    }

    /// Whether a key of this check may be in the table (false: surely not).
    @inline(__always)
    private func mayHold(_ check: UInt32, in filter: UnsafeBufferPointer<UInt64>) -> Bool {
        let (word, bits) = filterPlace(check)
        return filter[word] & bits == bits
    }

    /// Where `key` starts probing, and its check: a multiply moves the key's low bits, which pick the
    /// slot, into the high bits the check is read from, so keys that share a slot still differ there.
    @inline(__always)
    private func place(_ key: UInt64) -> (index: Int, check: UInt32) {
        let check = UInt32(truncatingIfNeeded: (key &* 0x9e37_79b9_7f4a_7c15) >> 32) | 1
        return (Int(truncatingIfNeeded: key) & mask, check)
    }

    /// Stores `weights` (`NERLabel.count` of them) for `key`, replacing earlier ones. The table does not
    /// grow: it is sized for the model it is built from.
    mutating func set(_ weights: some Collection<Float>, for key: UInt64) {
        let w = Array(weights)
        func q(_ l: Int) -> Int16 {
            let units = ((w[l] - w[0]) / step).rounded()
            return Int16(max(-Float(Int16.max), min(Float(Int16.max), units)))
        }
        var (i, check) = place(key)
        let slot = Slot(check: check, w: InlineArray { q($0 + 1) })
        precondition(Double(count + 1) <= Double(slots.count) * FeatureWeights.maximumLoad, "table sized too small")
        while slots[i].check != 0 {
            if slots[i].check == check {
                slots[i] = slot
                return
            }
            i = (i + 1) & mask
        }
        slots[i] = slot
        remember(check)
        count += 1
    }

    /// The number of slots, a power of two.
    var capacity: Int { slots.count }

    /// An empty table of `capacity` slots (a power of two) whose weights are in units of `step`, for
    /// `restore(_:at:)` to fill with the slots a model file holds.
    init(capacity: Int, step: Float) {
        precondition(capacity > 0 && capacity & (capacity - 1) == 0, "capacity is a power of two")
        slots = Array(repeating: Slot(), count: capacity)
        mask = capacity - 1
        filter = FeatureWeights.emptyFilter(capacity)
        self.step = step
    }

    /// Puts `slot` back where `forEachSlot` found it (a model file stores slots with their places).
    mutating func restore(_ slot: Slot, at index: Int) {
        precondition(slot.check != 0 && slots[index].check == 0, "a slot restored twice or empty")
        slots[index] = slot
        remember(slot.check)
        count += 1
    }

    /// Calls `body` with every used slot and its place.
    func forEachSlot(_ body: (Int, Slot) -> Void) {
        for (i, s) in slots.enumerated() where s.check != 0 { body(i, s) }
    }

    /// The weights stored for `key` (`O` first, as 0), or nil.
    func weights(for key: UInt64) -> [Float]? {
        var (i, check) = place(key)
        while slots[i].check != 0 {
            let s = slots[i]
            if s.check == check {
                return [0] + (0..<FeatureWeights.slotWeights).map { Float(s.w[$0]) * step }
            }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Adds the weights of every known key in `keys` to `into` (`NERLabel.count` sums; `O`'s is left as it is).
    ///
    /// Feature keys come out of `NERFeatures.key`, already mixed, so their low bits index the table as
    /// they are. The sums are kept in integer units (42 keys × 32,767 fits in 32 bits) and scaled once.
    /// Keys the filter turns away are not looked up; the first slot of every other key is read before
    /// any is compared: those loads do not wait on each other, so their cache misses overlap instead of
    /// queueing behind each comparison.
    @inline(__always)
    func accumulate(_ keys: UnsafeBufferPointer<UInt64>, into sum: UnsafeMutablePointer<Float>) {
        var s = InlineArray<12, Int32>(repeating: 0)
        let slots = self.slots, filter = self.filter
        slots.withUnsafeBufferPointer { slots in
            filter.withUnsafeBufferPointer { filter in
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: keys.count) { firstChecks in
                    for j in 0..<keys.count {
                        let (i, check) = place(keys[j])
                        firstChecks[j] = mayHold(check, in: filter) ? slots[i].check : 0
                    }
                    for j in 0..<keys.count where firstChecks[j] != 0 {
                        var (i, check) = place(keys[j])
                        var found = firstChecks[j]
                        while true {
                            if found == check {
                                let w = slots[i].w
                                for l in 0..<12 { s[l] &+= Int32(w[l]) }
                                break
                            }
                            if found == 0 { break }
                            i = (i + 1) & mask
                            found = slots[i].check
                        }
                    }
                }
            }
        }
        for l in 0..<12 { sum[l + 1] += Float(s[l]) * step }
    }
}
