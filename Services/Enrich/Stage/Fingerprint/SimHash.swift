/// 64-bit SimHash over character shingles of the normalized text (Charikar 2002).
///
/// Normalization keeps letters and digits only, Latin lower-cased, so spacing, punctuation and case do not
/// move the hash; near-identical texts differ in few bits.
///
/// This is the one fingerprint of an article: enrich writes it into `article.enriched`, the index
/// compares it, and the index's tests compute it with this same function.
public enum SimHash {
    static let shingleLength = 4

    /// Articles whose fingerprints differ in at most this many bits are near-duplicates of each other:
    /// a one-word edit of a news article moves a few bits (4 on the openai-tokyo sample), two different
    /// articles about 32 (NearDuplicateTests). The index
    /// looks duplicates up with this distance (`Fingerprint.maximumDistance` holds the same value).
    public static let nearDuplicateDistance = 5

    /// The fingerprint of `text` as the 16 hex digits `article.enriched` carries.
    public static func hex(of text: String) -> String { hex(fingerprint(text)) }

    public static func fingerprint(_ text: String) -> UInt64 {
        var normalized: [UInt32] = []
        normalized.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars where ScalarClass(scalar).isWordPart {
            // Case-fold ASCII and Latin-1 by offset; full Unicode case mapping allocates a string per scalar.
            let v = scalar.value
            let upper = (0x41...0x5a).contains(v) || ((0xc0...0xde).contains(v) && v != 0xd7)
            normalized.append(upper ? v + 0x20 : v)
        }
        var counter = BitCounter()
        if normalized.count < shingleLength {
            counter.add(StableHash.mix(hash(normalized[...])))
        } else {
            for i in 0...(normalized.count - shingleLength) {
                counter.add(StableHash.mix(hash(normalized[i..<(i + shingleLength)])))
            }
        }
        return counter.majority()
    }

    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }

    private static func hash(_ values: ArraySlice<UInt32>) -> UInt64 {
        var h = StableHash.offset
        for v in values { h = StableHash.combine(h, v) }
        return h
    }

    /// How many of the added hashes have each of the 64 bits set, counted eight bits at a time.
    ///
    /// SimHash sets bit `b` when more shingle hashes have it set than not. Adding ±1 to 64 counters per
    /// shingle was 64 branches a character; here each of eight words holds eight byte-wide counters (word `k`,
    /// byte `j` counts bit `8j + k`), so a hash costs eight shifts, masks and adds, and the bytes are
    /// emptied into the full counts every `laneCapacity` hashes, before a byte can overflow.
    struct BitCounter {
        static let laneCapacity = 255
        private static let laneMask: UInt64 = 0x0101_0101_0101_0101
        private static let laneShifts = SIMD8<UInt64>(0, 1, 2, 3, 4, 5, 6, 7)
        private var lanes = SIMD8<UInt64>(repeating: 0)
        private var ones = [Int](repeating: 0, count: 64)
        private var pending = 0
        private var total = 0

        mutating func add(_ h: UInt64) {
            lanes &+= (SIMD8(repeating: h) &>> Self.laneShifts) & Self.laneMask
            pending += 1
            total += 1
            if pending == Self.laneCapacity { flush() }
        }

        /// The bits set in more than half of the hashes added.
        mutating func majority() -> UInt64 {
            flush()
            var result: UInt64 = 0
            for bit in 0..<64 where 2 * ones[bit] > total { result |= 1 << UInt64(bit) }
            return result
        }

        private mutating func flush() {
            for k in 0..<8 {
                var lane = lanes[k]
                for j in 0..<8 {
                    ones[8 * j + k] += Int(lane & 0xff)
                    lane >>= 8
                }
            }
            lanes = SIMD8(repeating: 0)
            pending = 0
        }
    }
}
