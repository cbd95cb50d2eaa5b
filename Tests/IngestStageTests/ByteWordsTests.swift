import Testing
import TestSupport

import NewslineModels

/// The eight-byte tests agree with the byte-by-byte ones, carries and borrows between bytes included.
struct ByteWordsTests {
    /// The byte values where the word tests' carries and borrows change: both ends of printable ASCII,
    /// DEL, the first and last non-ASCII bytes, NUL.
    static let edges: [UInt8] = [0x00, 0x01, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x41, 0x7E, 0x7F, 0x80, 0x9F, 0xC2, 0xFE, 0xFF]

    static func word(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { ByteWords.load($0, at: 0) }
    }

    static func isPrintable(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { (0x20...0x7E).contains($0) }
    }

    @Test func aWordIsPrintableExactlyWhenEachOfItsBytesIs() {
        for position in 0..<8 {
            for value in UInt8.min...UInt8.max {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
                bytes[position] = value
                #expect(ByteWords.isPrintable(Self.word(bytes)) == Self.isPrintable(bytes), "\(bytes)")
            }
        }
        for first in 0..<8 {
            for second in first + 1..<8 {
                for a in Self.edges {
                    for b in Self.edges {
                        var bytes = [UInt8](repeating: 0x7E, count: 8)
                        bytes[first] = a
                        bytes[second] = b
                        #expect(ByteWords.isPrintable(Self.word(bytes)) == Self.isPrintable(bytes), "\(bytes)")
                    }
                }
            }
        }
        var generator = SplitMix64(seed: 21)
        for _ in 0..<50_000 {
            let bytes = (0..<8).map { _ in
                generator.below(6) == 0 ? Self.edges[generator.below(Self.edges.count)] : UInt8(0x20 + generator.below(0x5F))
            }
            #expect(ByteWords.isPrintable(Self.word(bytes)) == Self.isPrintable(bytes), "\(bytes)")
        }
    }

    @Test func findsANonASCIIByteAtEveryPositionOfEveryLength() {
        for count in 0...25 {
            let ascii = [UInt8](repeating: 0x7F, count: count)
            #expect(ascii.withUnsafeBufferPointer(ByteWords.isASCII))
            for position in 0..<count {
                var bytes = ascii
                bytes[position] = 0x80
                #expect(!bytes.withUnsafeBufferPointer(ByteWords.isASCII), "\(count) \(position)")
            }
        }
    }
}
