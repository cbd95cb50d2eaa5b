/// A 64-bit SimHash of an article's text, and the bands the index looks near-duplicates up by.
struct Fingerprint: Equatable {
    var bits: UInt64

    /// Articles at most this many bits apart are near-duplicates.
    static let maximumDistance = 3
    /// Four 16-bit bands: two fingerprints within 3 bits share at least one band exactly (pigeonhole),
    /// so an indexed band lookup finds every candidate without a scan.
    static let bandCount = 4

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
        (0..<Self.bandCount).map { Int64((bits >> (16 * UInt64($0))) & 0xFFFF) }
    }

    func distance(to other: Fingerprint) -> Int {
        (bits ^ other.bits).nonzeroBitCount
    }
}
