import EnrichStage

/// One enricher for all tests: loading the bundle resources once is what the service does too.
enum SharedEnricher {
    static let enricher: Enricher = try! Enricher()
}
