/// Eight bytes at a time for the scans of page text: a page is 150 KB, mostly runs no scan stops in.
///
/// Each test is exact (no false positives): `hasByteBelow` is the classic `(v - n·0x01…) & ~v & 0x80…`,
/// a byte ≥ 0x80 never counts as below a bound, and a carry or borrow between bytes starts only at a byte
/// the test already counts, so a word passes exactly when each of its eight bytes does. Inlinable: ingest's
/// and the identity's loops call them for every eight bytes of a page.
public enum ByteWords {
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `index` (the caller checks `index + 8 <= bytes.count`).
    @inlinable @inline(__always)
    public static func load(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
    }

    /// Whether a byte of the word is below `bound` (at most 0x80).
    @inlinable @inline(__always)
    public static func hasByteBelow(_ word: UInt64, _ bound: UInt8) -> Bool {
        (word &- ones &* UInt64(bound)) & ~word & highBits != 0
    }

    /// Whether every byte is ASCII.
    @inlinable @inline(__always)
    public static func isASCII(_ word: UInt64) -> Bool {
        word & highBits == 0
    }

    /// Whether every byte is printable ASCII, 0x20–0x7E: no control character, DEL or non-ASCII byte.
    @inlinable @inline(__always)
    public static func isPrintable(_ word: UInt64) -> Bool {
        !hasByteBelow(word, 0x20) && (word | (word &+ ones)) & highBits == 0
    }

    /// Whether every byte is below 0x80; stops at the first word that holds another.
    public static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index + 8 <= bytes.count {
            if !isASCII(load(bytes, at: index)) { return false }
            index += 8
        }
        return bytes[index...].allSatisfy { $0 < 0x80 }
    }
}
