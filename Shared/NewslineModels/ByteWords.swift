/// Eight bytes at a time for the scans of page text: a page is 150 KB, mostly runs no scan stops in.
///
/// Each test is exact (no false positives): `hasByteBelow` is the classic `(v - n·0x01…) & ~v & 0x80…`,
/// and a byte ≥ 0x80 never counts as below a bound.
enum ByteWords {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `index` (the caller checks `index + 8 <= bytes.count`).
    @inline(__always)
    static func load(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
    }

    /// Whether a byte of the word is below `bound` (at most 0x80).
    @inline(__always)
    static func hasByteBelow(_ word: UInt64, _ bound: UInt8) -> Bool {
        (word &- ones &* UInt64(bound)) & ~word & highBits != 0
    }

    /// Whether every byte is ASCII.
    @inline(__always)
    static func isASCII(_ word: UInt64) -> Bool {
        word & highBits == 0
    }
}
