import EnrichStage
import NewslineModels
import Testing
import TestSupport

/// The SimHash fingerprint: near-identical texts land close, different texts far apart.
struct FingerprintTests {
    func fingerprint(_ paragraphs: [String], title: String = "오픈AI, 아시아 첫 거점은 도쿄") throws -> UInt64 {
        var article = GoldenArticle.parsed(golden: ["title": title])
        article.paragraphs = paragraphs
        let hex = try SharedEnricher.enricher.enrich(article).fingerprint
        #expect(hex.count == 16)
        #expect(hex.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        return UInt64(hex, radix: 16)!
    }

    func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }

    @Test func nearIdenticalTextsAreClose() throws {
        let golden = try Fixtures.sample("archive/openai-tokyo").expectedObject()
        let paragraphs = golden["paragraphs"] as! [String]
        var edited = paragraphs
        edited[2] = edited[2].replacingOccurrences(of: "관심이 쏠린다", with: "관심이 모인다")
        edited[5] += " "
        edited[7] = edited[7].replacingOccurrences(of: ".", with: "!")
        let original = try fingerprint(paragraphs)
        #expect(original == (try fingerprint(paragraphs)))
        #expect(distance(original, try fingerprint(edited)) <= 6)

        let other = try Fixtures.sample("archive/battery-q3-earnings").expectedObject()["paragraphs"] as! [String]
        #expect(distance(original, try fingerprint(other, title: "배터리 3사")) >= 16)
    }
}
