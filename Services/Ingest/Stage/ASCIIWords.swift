/// Eight bytes at a time for ingest's scans over whole pages, which are mostly printable ASCII.
///
/// Both tests are exact: a carry or borrow between bytes starts only at a byte the test already
/// counts, so a word passes exactly when each of its eight bytes does.
enum ASCIIWords {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `index` (the caller checks `index + 8 <= bytes.count`).
    @inline(__always)
    static func load(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
    }

    /// Whether every byte is printable ASCII, 0x20–0x7E: no control character, DEL or non-ASCII byte.
    @inline(__always)
    static func isPrintable(_ word: UInt64) -> Bool {
        let hasByteBelowSpace = (word &- ones &* 0x20) & ~word & highBits != 0
        let hasByteFromDEL = (word | (word &+ ones)) & highBits != 0
        return !hasByteBelowSpace && !hasByteFromDEL
    }

    /// Whether every byte is below 0x80; stops at the first word that holds another.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index + 8 <= bytes.count {
            if load(bytes, at: index) & highBits != 0 { return false }
            index += 8
        }
        return bytes[index...].allSatisfy { $0 < 0x80 }
    }
}
