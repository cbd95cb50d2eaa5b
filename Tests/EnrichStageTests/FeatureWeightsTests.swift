import Foundation
@testable import EnrichStage
import Testing

/// The tagger's packed weight table: what it stores is what lookups sum, relative to `O` and within one
/// quantization step, whatever the keys.
struct FeatureWeightsTests {
    /// Whether every sum is within `units` quantization steps of the expected one.
    private func near(_ sum: [Float], _ expected: [Float], _ table: FeatureWeights, units: Float = 1) -> Bool {
        zip(sum, expected).allSatisfy { abs($0 - $1) <= table.step * units }
    }

    @Test func sumsTheWeightsOfKnownKeysOnlyRelativeToO() {
        var table = FeatureWeights(minimumCapacity: 3, largestSpread: 10)
        table.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], for: 42)
        table.set([0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1], for: 0)  // key 0 is a key like any other
        table.set([10] + zeros(12), for: 42 + 16)  // same low bits as 42: probes on
        table.set([2, 3] + repeatElement(2, count: 11), for: 42)  // replaces
        #expect(table.count == 3)
        let keys: [UInt64] = [42, 7, 0, 42 + 16, 99]
        var sum = [Float](repeating: 1, count: NERLabel.count)
        keys.withUnsafeBufferPointer { keys in
            sum.withUnsafeMutableBufferPointer { table.accumulate(keys, into: $0.baseAddress!) }
        }
        // O's sum is left alone; every other label gets (w − w_O) of each known key.
        let expected: [Float] = [1, -8.5] + repeatElement(-9.5, count: 10) + [-10.5]
        #expect(near(sum, expected, table, units: 3))
        #expect(table.weights(for: 99) == nil)
        #expect(near(table.weights(for: 58) ?? [], [0] + repeatElement(-10, count: 12), table))
    }

    @Test func spreadsBeyondTheLargestAreClipped() {
        var table = FeatureWeights(minimumCapacity: 1, largestSpread: 1)
        table.set([0, 5, -5, 0.5] + zeros(8) + [-0.25], for: 3)
        #expect(near(table.weights(for: 3) ?? [], [0, 1, -1, 0.5] + zeros(8) + [-0.25], table))
    }

    @Test func aFullTableOfRandomKeysFindsEveryOne() {
        var generator = SystemRandomNumberGenerator()
        let keys = Set((0..<5_000).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) })
        var table = FeatureWeights(minimumCapacity: keys.count, largestSpread: Float(keys.count))
        for (i, key) in keys.enumerated() { table.set([0] + repeatElement(Float(i), count: 12), for: key) }
        #expect(table.count == keys.count)
        for (i, key) in keys.enumerated() {
            var sum = [Float](repeating: 0, count: NERLabel.count)
            [key].withUnsafeBufferPointer { k in
                sum.withUnsafeMutableBufferPointer { table.accumulate(k, into: $0.baseAddress!) }
            }
            #expect(abs(sum[1] - Float(i)) <= table.step)
            #expect(abs(sum[12] - Float(i)) <= table.step)
        }
        // Keys never stored sum to nothing, whatever the filter lets through.
        let others = (0..<5_000).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) }.filter { !keys.contains($0) }
        var sum = [Float](repeating: 0, count: NERLabel.count)
        others.withUnsafeBufferPointer { k in
            sum.withUnsafeMutableBufferPointer { table.accumulate(k, into: $0.baseAddress!) }
        }
        #expect(sum.allSatisfy { $0 == 0 })
    }
}

private func zeros(_ count: Int) -> [Float] { [Float](repeating: 0, count: count) }

/// Sealing a trained model keeps the features that move a decision and leaves out the rest; the sealed
/// model's file reads back to the same table and transitions.
struct NERModelSealTests {
    @Test func featuresThatAddTheSameToEveryLabelAreLeftOut() {
        var model = NERModel()
        let labels = NERLabel.count
        let rows = [(UInt64(11), zeros(labels)),  // all zero
                    (12, [Float](repeating: 3, count: labels)),  // the same for every label: no decision moves
                    (13, [1, 1, 1.01] + repeatElement(1, count: labels - 3)),  // a spread below the threshold
                    (14, [0, 0, 0, 0.5] + zeros(labels - 4))]  // kept
        for (key, w) in rows {
            let r = model.row(for: key)
            for l in 0..<labels { model.weights[r * labels + l] = w[l] }
        }
        model.seal(minimumSpread: 0.05)
        #expect(model.table.count == 1)
        #expect(model.table.weights(for: 14) == [0, 0, 0, 0.5] + zeros(labels - 4))
        #expect(model.table.weights(for: 12) == nil)
    }

    @Test func aWrittenModelReadsBackTheSame() throws {
        var model = NERModel()
        for key in UInt64(1)...200 {
            let r = model.row(for: key &* 0x9e37_79b9)
            for l in 0..<NERLabel.count {
                model.weights[r * NERLabel.count + l] = Float(l) * Float(key % 7) / 10 - 0.2
            }
        }
        for i in model.transitions.indices { model.transitions[i] = Float(i) / 7 }
        model.seal()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ner-model-\(UUID()).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.write(to: url)
        let read = try NERModel(contentsOf: url)
        #expect(read.transitions == model.transitions)
        #expect(read.table.count == model.table.count)
        for key in UInt64(1)...200 {
            #expect(read.table.weights(for: key &* 0x9e37_79b9) == model.table.weights(for: key &* 0x9e37_79b9))
        }
        // Sums read the restored slots through the filter, which must let every stored key through.
        for key in UInt64(1)...200 {
            var sum = [Float](repeating: 0, count: NERLabel.count)
            [key &* 0x9e37_79b9].withUnsafeBufferPointer { k in
                sum.withUnsafeMutableBufferPointer { read.table.accumulate(k, into: $0.baseAddress!) }
            }
            // A row that adds the same to every label was left out when sealing: it sums to nothing.
            #expect(sum == (model.table.weights(for: key &* 0x9e37_79b9) ?? zeros(NERLabel.count)))
        }
    }

    @Test func aTruncatedOrForeignFileIsRefused() throws {
        var model = NERModel()
        let r = model.row(for: 5)
        model.weights[r * NERLabel.count + 1] = 1
        model.seal()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ner-model-\(UUID()).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.write(to: url)
        let bytes = try Data(contentsOf: url)
        try bytes.dropLast(3).write(to: url)
        #expect(throws: EnricherError.self) { try NERModel(contentsOf: url) }
        var foreign = bytes
        foreign[6] = UInt8(ascii: "2")  // the previous format's magic (six weights a slot)
        try foreign.write(to: url)
        #expect(throws: EnricherError.self) { try NERModel(contentsOf: url) }
    }
}
