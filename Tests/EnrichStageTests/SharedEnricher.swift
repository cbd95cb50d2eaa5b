import EnrichStage

/// One enricher for all tests: loading the bundle resources once is what the service does too.
enum SharedEnricher {
    static let enricher: Enricher = {
        do {
            return try Enricher()
        } catch {
            // mecab-ko-dic is a dependency like librdkafka: scripts/install-dependencies installs it.
            fatalError("cannot load the enricher: \(error)")
        }
    }()
}
