import EnrichStage
import NewslineModels
import Testing
import TestSupport

/// Quotes and dates on the golden samples.
struct SampleQuoteAndDateTests {
    @Test(arguments: Fixtures.goodSamples)
    func quotesMatchTheGolden(_ sample: Fixtures.Sample) throws {
        let enriched = try SharedEnricher.enricher.enrich(try GoldenArticle.parsed(sample))
        let gold = try GoldenArticle.quotes(sample)
        #expect(enriched.quotes.count == gold.count)
        for (found, expected) in zip(enriched.quotes, gold) {
            #expect(found.speaker == expected.speaker, "\(sample.name): \(expected.text.prefix(20))")
        }
    }

    @Test(arguments: Fixtures.goodSamples)
    func quoteTextsMatchTheGolden(_ sample: Fixtures.Sample) throws {
        let enriched = try SharedEnricher.enricher.enrich(try GoldenArticle.parsed(sample))
        #expect(enriched.quotes.map(\.text) == (try GoldenArticle.quotes(sample)).map(\.text))
    }

    @Test(arguments: Fixtures.goodSamples)
    func datesMatchTheGolden(_ sample: Fixtures.Sample) throws {
        let enriched = try SharedEnricher.enricher.enrich(try GoldenArticle.parsed(sample))
        #expect(enriched.dates == (try GoldenArticle.dates(sample)), "\(sample.name): \(enriched.dates)")
    }
}
