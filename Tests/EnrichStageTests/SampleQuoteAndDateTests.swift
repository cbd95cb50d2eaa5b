import EnrichStage
import NewslineModels
import Testing
import TestSupport

/// Quotes and dates on the golden samples.
struct SampleQuoteAndDateTests {
    /// Samples whose quotes (text and speaker) match the golden exactly.
    static let exactQuoteSamples = Fixtures.goodSamples.filter { !knownQuoteDifferences.contains($0.name) }
    /// Samples where some speakers still differ (docs/EVALUATION.md lists how); their quote texts match.
    static let knownQuoteDifferences: Set<String> = [
        "archive/jeonse-fraud-ruling", "archive/us-chip-export-controls", "euc-kr/itaewon-food-alley-2007",
        "html/title-suffix-br", "html/modern-quick-commerce",
    ]

    @Test(arguments: exactQuoteSamples)
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
