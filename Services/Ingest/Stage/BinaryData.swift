/// Tells binary data from text in a legacy charset, which decodes any byte and so cannot refuse it.
enum BinaryData {
    /// The most WHATWG "binary data bytes" (C0 controls other than tab, line feed, form feed, carriage
    /// return and escape) in 1,000 bytes that text may hold. Real pages carry a few stray ones (25 in
    /// 319 KB is the most in the evaluation pages); random bytes hold about 100 in 1,000.
    static let binaryBytesPerMille = 10

    static func isBinary(_ bytes: ArraySlice<UInt8>) -> Bool {
        var count = 0
        for byte in bytes where isBinaryDataByte(byte) { count += 1 }
        return count * 1000 > bytes.count * binaryBytesPerMille
    }

    /// WHATWG MIME Sniffing: 0x00–0x08, 0x0B, 0x0E–0x1A, 0x1C–0x1F.
    private static func isBinaryDataByte(_ byte: UInt8) -> Bool {
        byte <= 0x08 || byte == 0x0B || (byte >= 0x0E && byte <= 0x1A) || (byte >= 0x1C && byte <= 0x1F)
    }
}
