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
        var counts = [Int](repeating: 0, count: 64)
        if normalized.count < shingleLength {
            add(StableHash.mix(hash(normalized[...])), to: &counts)
        } else {
            for i in 0...(normalized.count - shingleLength) {
                add(StableHash.mix(hash(normalized[i..<(i + shingleLength)])), to: &counts)
            }
        }
        var result: UInt64 = 0
        for bit in 0..<64 where counts[bit] > 0 { result |= 1 << UInt64(bit) }
        return result
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

    @inline(__always)
    private static func add(_ h: UInt64, to counts: inout [Int]) {
        for bit in 0..<64 { counts[bit] += (h >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
    }
}
