@testable import EnrichStage
import Testing

/// `setPrefixes` files every prefix of a name and nothing else, so a scan may stop where it finds none.
struct HashIndexPrefixesTests {
    private func hash(_ text: String) -> UInt64 { StableHash.scalars(Array(text.unicodeScalars)[...]) }

    @Test func everyPrefixAndNoOtherRun() {
        var index = HashIndex()
        index.setPrefixes(of: "서울시청".unicodeScalars)
        index.setPrefixes(of: "서울역".unicodeScalars)
        for prefix in ["서", "서울", "서울시", "서울시청", "서울역"] { #expect(index.value(for: hash(prefix)) == 1) }
        for other in ["울", "시청", "서울시청사", "서역", "역", ""] { #expect(index.value(for: hash(other)) == nil) }
        #expect(index.count == 5)
    }

    @Test func manyNamesGrowTheTable() {
        var index = HashIndex(minimumCapacity: 2)
        let names = (0..<500).map { "이름\($0)번" }
        for name in names { index.setPrefixes(of: name.unicodeScalars) }
        for name in names {
            let scalars = Array(name.unicodeScalars)
            for length in 1...scalars.count {
                #expect(index.value(for: StableHash.scalars(scalars[..<length])) == 1)
            }
        }
        #expect(index.value(for: hash("이름500")) == nil)
    }
}
