import EnrichStage
import Foundation
import NewslineModels
import Testing

@testable import IndexStage

@Suite final class NearDuplicateTests {
    let location = TemporaryIndexPath()

    deinit {
        location.remove()
    }

    private func apply(_ events: [ArticleEnriched], to index: ArticleIndex) throws -> [ArticleIndexed] {
        try index.apply(
            events.enumerated().map { IndexInput(event: $1, topic: "articles.enriched", partition: 0, offset: Int64($0)) }
        ).map(\.event)
    }

    @Test func aOneWordChangeIsANearDuplicateOfTheOriginal() throws {
        let original = SampleArticles.named("archive/openai-tokyo")
        var paragraphs = original.article.paragraphs
        paragraphs[1] = paragraphs[1].replacingOccurrences(of: "예사롭지", with: "심상치")
        let copy = SampleArticles.make(
            title: original.article.title, subtitle: original.article.subtitle, paragraphs: paragraphs,
            sourceURL: "https://example.com/syndicated/openai-tokyo")
        let distance = Fingerprint(hex: original.fingerprint)!.distance(to: Fingerprint(hex: copy.fingerprint)!)
        #expect(distance <= Fingerprint.maximumDistance)
        #expect(copy.articleId != original.articleId)

        let index = try ArticleIndex(path: location.path)
        let indexed = try apply([original, copy], to: index)
        #expect(indexed[0].duplicateOf == nil)
        #expect(indexed[1].duplicateOf == original.articleId)
        #expect(indexed[1].storyId == original.articleId)
    }

    @Test func aDifferentArticleIsNotADuplicate() throws {
        let index = try ArticleIndex(path: location.path)
        let indexed = try apply(
            [SampleArticles.named("archive/openai-tokyo"), SampleArticles.named("archive/north-korea-missile")],
            to: index)
        #expect(indexed[1].duplicateOf == nil)
        #expect(indexed[1].storyId == indexed[1].articleId)
    }

    @Test(arguments: [
        (0x0000_0000_0000_001F as UInt64, true),  // five bits, one band
        (0x0000_1002_0040_0801 as UInt64, true),  // five bits, five bands (bits 0, 11, 22, 33, 44)
        (0x0040_1002_0040_0801 as UInt64, false),  // six bits, every band differs (and bit 54)
        (0x0000_0000_0000_003F as UInt64, false),  // six bits, one band
    ])
    func theDistanceLimitHoldsAcrossBands(flipped: UInt64, isDuplicate: Bool) throws {
        let index = try ArticleIndex(path: location.path)
        let original = SampleArticles.named("archive/openai-tokyo")
        var other = SampleArticles.named("archive/north-korea-missile")
        let bits = Fingerprint(hex: original.fingerprint)!.bits ^ flipped
        other.fingerprint = String(repeating: "0", count: 16 - String(bits, radix: 16).count) + String(bits, radix: 16)
        let indexed = try apply([original, other], to: index)
        #expect((indexed[1].duplicateOf == original.articleId) == isDuplicate)
    }

    @Test func duplicatesOfADuplicateShareTheFirstStory() throws {
        let index = try ArticleIndex(path: location.path)
        let first = SampleArticles.named("archive/openai-tokyo")
        var second = SampleArticles.named("archive/north-korea-missile")
        var third = SampleArticles.named("archive/battery-q3-earnings")
        second.fingerprint = first.fingerprint
        third.fingerprint = first.fingerprint
        let indexed = try apply([first, second, third], to: index)
        #expect(indexed.map(\.storyId) == [first.articleId, first.articleId, first.articleId])
        #expect(indexed[2].duplicateOf == first.articleId)
    }

    @Test func aMalformedFingerprintIsNoDuplicate() throws {
        let index = try ArticleIndex(path: location.path)
        var odd = SampleArticles.named("archive/openai-tokyo")
        odd.fingerprint = "not hex"
        let indexed = try apply([odd], to: index)
        #expect(indexed[0].duplicateOf == nil)
    }

    @Test func indexAndEnrichAgreeOnTheNearDuplicateDistance() {
        #expect(Fingerprint.maximumDistance == SimHash.nearDuplicateDistance)
    }

    /// Through the real enricher: an article, the same article with one sentence edited, and another
    /// article; only the edit is found as a duplicate of the first.
    @Test func enrichedEditIsFoundAndAnotherArticleIsNot() throws {
        let enricher = try Enricher()
        let original = SampleArticles.named("archive/openai-tokyo")
        var edited = original.article
        edited.paragraphs[1] = edited.paragraphs[1].replacingOccurrences(of: "예사롭지", with: "심상치")
        edited.articleId = String(repeating: "e", count: 32)
        let other = SampleArticles.named("archive/north-korea-missile")
        let events = try [original.article, edited, other.article].map { try enricher.enrich($0) }
        let a = Fingerprint(hex: events[0].fingerprint)!, b = Fingerprint(hex: events[1].fingerprint)!
        let c = Fingerprint(hex: events[2].fingerprint)!
        #expect(a.distance(to: b) <= SimHash.nearDuplicateDistance)
        #expect(a.distance(to: c) > SimHash.nearDuplicateDistance * 4)

        let index = try ArticleIndex(path: location.path)
        let indexed = try apply(events, to: index)
        #expect(indexed[1].duplicateOf == events[0].article.articleId)
        #expect(indexed[2].duplicateOf == nil)
    }
}
