@testable import EnrichStage
import Testing

/// The tagger's packed weight table: what it stores is what lookups sum, whatever the keys.
struct FeatureWeightsTests {
    @Test func sumsTheWeightsOfKnownKeysOnly() {
        var table = FeatureWeights(minimumCapacity: 3)
        table.set([1, 2, 3, 4, 5, 6, 7], for: 42)
        table.set([0.5, 0, 0, 0, 0, 0, -1], for: 0)  // key 0 also marks empty slots
        table.set([10, 0, 0, 0, 0, 0, 0], for: 42 + 16)  // same low bits as 42: probes on
        table.set([2, 2, 2, 2, 2, 2, 2], for: 42)  // replaces
        #expect(table.count == 3)
        let keys: [UInt64] = [42, 7, 0, 42 + 16, 99]
        var sum = [Float](repeating: 1, count: 7)
        keys.withUnsafeBufferPointer { keys in
            sum.withUnsafeMutableBufferPointer { table.accumulate(keys, into: $0.baseAddress!) }
        }
        #expect(sum == [13.5, 3, 3, 3, 3, 3, 2])
        var stored: [UInt64: [Float]] = [:]
        table.forEach { key, weights in stored[key] = weights }
        #expect(stored == [42: [2, 2, 2, 2, 2, 2, 2], 0: [0.5, 0, 0, 0, 0, 0, -1], 58: [10, 0, 0, 0, 0, 0, 0]])
    }

    @Test func aFullTableOfRandomKeysFindsEveryOne() {
        var generator = SystemRandomNumberGenerator()
        let keys = (0..<5_000).map { _ in UInt64.random(in: 1...UInt64.max, using: &generator) }
        var table = FeatureWeights(minimumCapacity: keys.count)
        for (i, key) in keys.enumerated() { table.set(repeatElement(Float(i), count: 7), for: key) }
        for (i, key) in keys.enumerated() {
            var sum = [Float](repeating: 0, count: 7)
            [key].withUnsafeBufferPointer { k in
                sum.withUnsafeMutableBufferPointer { table.accumulate(k, into: $0.baseAddress!) }
            }
            #expect(sum[0] == Float(i))
        }
    }
}

/// Sealing a trained model keeps the features that move a decision and leaves out the rest.
struct NERModelSealTests {
    @Test func featuresThatAddTheSameToEveryLabelAreLeftOut() {
        var model = NERModel()
        let rows = [(UInt64(11), [Float](repeating: 0, count: 7)),  // all zero
                    (12, [Float](repeating: 3, count: 7)),  // the same for every label: no decision moves
                    (13, [1, 1, 1.01, 1, 1, 1, 1]),  // a spread below the threshold
                    (14, [0, 0, 0, 0.5, 0, 0, 0])]  // kept
        for (key, w) in rows {
            let r = model.row(for: key)
            for l in 0..<7 { model.weights[r * 7 + l] = w[l] }
        }
        model.seal(minimumSpread: 0.05)
        var stored: [UInt64: [Float]] = [:]
        model.table.forEach { key, weights in stored[key] = weights }
        #expect(stored == [14: [0, 0, 0, 0.5, 0, 0, 0]])
    }
}
