@testable import EnrichStage
import Testing

/// The packed bit counter gives the fingerprint bits the ±1 vote per bit gives, also past the point where
/// its byte counters are emptied.
struct SimHashBitCounterTests {
    /// The vote as SimHash defines it: +1 for every hash with the bit set, −1 for every one without.
    func vote(_ hashes: [UInt64]) -> UInt64 {
        var counts = [Int](repeating: 0, count: 64)
        for h in hashes {
            for bit in 0..<64 { counts[bit] += (h >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
        }
        var result: UInt64 = 0
        for bit in 0..<64 where counts[bit] > 0 { result |= 1 << UInt64(bit) }
        return result
    }

    func counted(_ hashes: [UInt64]) -> UInt64 {
        var counter = SimHash.BitCounter()
        for h in hashes { counter.add(h) }
        return counter.majority()
    }

    @Test(arguments: [0, 1, 2, 254, 255, 256, 511, 1_000, 3_001])
    func packedCountsAgreeWithTheVote(_ n: Int) {
        var generator = SystemRandomNumberGenerator()
        // Biased hashes, so some bits win by a wide margin and others are near a tie.
        let hashes = (0..<n).map { _ in UInt64.random(in: .min ... .max, using: &generator) | 0x00ff_0000_0000_0f00 }
        #expect(counted(hashes) == vote(hashes))
    }

    @Test func aTieSetsNoBit() {
        #expect(counted([0xffff_ffff_ffff_ffff, 0]) == 0)
        #expect(counted([UInt64](repeating: .max, count: 300) + [UInt64](repeating: 0, count: 299)) == .max)
    }
}
