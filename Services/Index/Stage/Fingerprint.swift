/// A 64-bit SimHash of an article's text, and the bands the index looks near-duplicates up by.
struct Fingerprint: Equatable {
    var bits: UInt64

    /// Articles at most this many bits apart are near-duplicates: enrich's `SimHash.nearDuplicateDistance`
    /// (the index does not link enrich; `NearDuplicateTests` checks that the two agree).
    static let maximumDistance = 5
    /// Six bands of 11, 11, 11, 11, 10 and 10 bits: two fingerprints within 5 bits share at least one
    /// band exactly (pigeonhole), so an indexed band lookup finds every candidate without a scan.
    static let bandCount = maximumDistance + 1
    private static let bandWidths: [UInt64] = [11, 11, 11, 11, 10, 10]

    /// Parses 16 hex digits; anything else is no fingerprint.
    init?(hex: String) {
        guard hex.utf8.count == 16, let bits = UInt64(hex, radix: 16) else { return nil }
        self.bits = bits
    }

    init(bits: UInt64) {
        self.bits = bits
    }

    /// The value SQLite stores: the same 64 bits as a signed integer.
    var storedValue: Int64 { Int64(bitPattern: bits) }

    var bands: [Int64] {
        var shift: UInt64 = 0
        return Self.bandWidths.map { width in
            defer { shift += width }
            return Int64((bits >> shift) & ((1 << width) - 1))
        }
    }

    func distance(to other: Fingerprint) -> Int {
        (bits ^ other.bits).nonzeroBitCount
    }
}
