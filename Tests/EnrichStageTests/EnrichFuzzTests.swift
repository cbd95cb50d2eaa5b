import EnrichStage
import NewslineModels
import Testing
import TestSupport

/// Mutated sample articles through the whole enrichment: a result or a `RejectedInput`, never a crash.
struct EnrichFuzzTests {
    /// Pieces that stress the rules: titles, ages, particles, brackets, quotes, Hanja, English names, dates.
    static let pieces = [
        "씨", "(41)", "(", ")", "\"", "“", "”", "'", "회장", " 사이에서는 ", "김모", "이번엔 ", "日", "對中", "한·미·일", "·",
        "Lee Soo-jin", "Mr.", "The of ", "said", "Bank of Korea", "5-ga", "U.S.", "지난달 15일", "오는 20일", "내년 상반기",
        "\n", " ", "  ", ".", ",", "다.", "고 말했다", "손정의 소프트뱅크 회장은 ", "\u{0301}", "🙂", "\u{200B}", "1", "A씨",
    ]

    @Test func mutatedSamplesAreEnrichedOrRejected() throws {
        var generator = SplitMix64(seed: 2024)
        let bases = try Fixtures.goodSamples.map { try GoldenArticle.parsed($0) }
        for round in 0..<600 {
            var article = bases[round % bases.count]
            for _ in 0..<(1 + generator.below(6)) {
                guard !article.paragraphs.isEmpty else { break }
                let p = generator.below(article.paragraphs.count)
                var scalars = Array(article.paragraphs[p].unicodeScalars)
                let at = generator.below(scalars.count + 1)
                switch generator.below(4) {
                case 0:
                    let piece = Self.pieces[generator.below(Self.pieces.count)]
                    scalars.insert(contentsOf: piece.unicodeScalars, at: at)
                case 1: scalars.removeSubrange(at..<min(scalars.count, at + generator.below(40)))
                case 2: scalars = Array(scalars[at...]) + Array(scalars[..<at])
                default:
                    let piece = Self.pieces[generator.below(Self.pieces.count)]
                    scalars = Array(repeating: Array(piece.unicodeScalars), count: 1 + generator.below(50)).flatMap { $0 }
                }
                article.paragraphs[p] = String(String.UnicodeScalarView(scalars))
            }
            do {
                let enriched = try SharedEnricher.enricher.enrich(article)
                #expect(enriched.fingerprint.count == 16)
            } catch is RejectedInput {
            }
        }
    }
}
