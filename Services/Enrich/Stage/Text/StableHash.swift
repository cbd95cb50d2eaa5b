/// Deterministic 64-bit hashing, stable across runs and machines (unlike `Hasher`).
///
/// Model feature keys, gazetteer keys, the eval split and the fingerprint all depend on these
/// values staying the same between the training run and every service instance.
enum StableHash {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// FNV-1a step over one 32-bit value, fed as four bytes.
    @inline(__always)
    static func combine(_ hash: UInt64, _ value: UInt32) -> UInt64 {
        var h = hash
        h = (h ^ UInt64(value & 0xff)) &* prime
        h = (h ^ UInt64((value >> 8) & 0xff)) &* prime
        h = (h ^ UInt64((value >> 16) & 0xff)) &* prime
        h = (h ^ UInt64(value >> 24)) &* prime
        return h
    }

    /// FNV-1a over UTF-8 bytes.
    static func fnv1a<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h = offset
        for byte in bytes { h = (h ^ UInt64(byte)) &* prime }
        return h
    }

    /// SplitMix64 finalizer: spreads FNV's weak low bits before they index a table or a SimHash bit.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Hash of a run of scalars (a slice of a text's, a `Substring`'s, a tag's), with a seed that keeps
    /// different uses apart.
    static func scalars(_ scalars: some Sequence<Unicode.Scalar>, seed: UInt64 = offset) -> UInt64 {
        var h = seed
        for s in scalars { h = combine(h, s.value) }
        return h
    }
}
