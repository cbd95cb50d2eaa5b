/// An open-addressing map from 64-bit keys to small integer slots, built once and then read-only.
///
/// The tagger looks up dozens of feature keys per character; `Dictionary` would hash each key again
/// with SipHash, which alone would cost more than the whole rest of enrichment.
struct HashIndex: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        keys = Array(repeating: 0, count: capacity)
        values = Array(repeating: -1, count: capacity)
        mask = capacity - 1
    }

    @inline(__always)
    func value(for key: UInt64) -> Int32? {
        var i = Int(truncatingIfNeeded: StableHash.mix(key)) & mask
        return keys.withUnsafeBufferPointer { keys in
            values.withUnsafeBufferPointer { values in
                while true {
                    let v = values[i]
                    if v < 0 { return nil }
                    if keys[i] == key { return v }
                    i = (i + 1) & mask
                }
            }
        }
    }

    /// Stores `value` for `key`, replacing an earlier value.
    mutating func set(_ value: Int32, for key: UInt64) {
        if (count + 1) * 2 > keys.count { grow() }
        var i = Int(truncatingIfNeeded: StableHash.mix(key)) & mask
        while values[i] >= 0 {
            if keys[i] == key {
                values[i] = value
                return
            }
            i = (i + 1) & mask
        }
        keys[i] = key
        values[i] = value
        count += 1
    }

    /// Calls `body` with every stored key and its value.
    func forEach(_ body: (UInt64, Int32) -> Void) {
        for i in 0..<keys.count where values[i] >= 0 { body(keys[i], values[i]) }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: -1, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for i in 0..<oldKeys.count where oldValues[i] >= 0 { set(oldValues[i], for: oldKeys[i]) }
    }
}
