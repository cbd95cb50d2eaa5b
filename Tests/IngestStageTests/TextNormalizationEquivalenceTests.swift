import Foundation
@testable import NewslineModels
import Testing
import TestSupport

@testable import IngestStage

/// The byte-level normalizers give exactly what the scalar and grapheme versions they replaced gave.
struct TextNormalizationEquivalenceTests {
    /// Scalars that exercise every branch: line breaks, controls, byte order marks, combining marks that
    /// compose or join a space's grapheme, prepended marks, joiners, jamo, emoji modifiers, wide spaces.
    static let pool: [Unicode.Scalar] = [
        "a", "Z", " ", "\t", "\n", "\r", "\u{0}", "\u{7}", "\u{7F}", "\u{85}", "\u{9F}", "\u{A0}", "é", "e",
        "\u{301}", "\u{308}", "\u{327}", "\u{FEFF}", "\u{2028}", "\u{2029}", "\u{2003}", "\u{3000}", "\u{600}",
        "\u{200D}", "\u{200C}", "\u{FE0F}", "\u{1F44D}", "\u{1F3FD}", "한", "\u{1112}", "\u{1161}", "\u{11AB}",
        "中", "\u{F900}", "カ", "\u{3099}", "ก", "\u{E33}", "\u{2126}", "Ω", "\u{1E9B}", "\u{0915}", "\u{093F}",
    ]

    static func randomText(_ generator: inout SplitMix64) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<generator.below(80) { scalars.append(pool[generator.below(pool.count)]) }
        return String(scalars)
    }

    /// TextNormalizer before it worked on bytes.
    static func scalarNormalize(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            defer { previousWasCR = value == 0x0D }
            switch value {
            case 0x0A: if !previousWasCR { scalars.append("\n") }
            case 0x0D, 0x2028, 0x2029: scalars.append("\n")
            case 0x09: scalars.append(scalar)
            case 0x00...0x1F, 0x7F...0x9F, 0xFEFF: continue
            default: scalars.append(scalar)
            }
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    /// ArticleIdentity.normalizeText before it worked on bytes.
    static func graphemeNormalizeText(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Runs both functions on 20,000 random texts and expects the same scalars from each.
    static func expectSame(seed: UInt64, _ fast: (String) -> String, _ reference: (String) -> String) {
        var generator = SplitMix64(seed: seed)
        for _ in 0..<20_000 {
            let text = randomText(&generator)
            #expect(Array(fast(text).unicodeScalars) == Array(reference(text).unicodeScalars), "\(Array(text.unicodeScalars))")
        }
    }

    @Test func normalizeMatchesTheScalarVersion() {
        Self.expectSame(seed: 11, TextNormalizer.normalize, Self.scalarNormalize)
    }

    /// Page-like text: runs of printable ASCII, stepped over eight bytes at a time, with the pool's scalars
    /// falling at every offset of a word and CRLF pairs split across words.
    @Test func normalizeMatchesTheScalarVersionOnMostlyASCIIText() {
        var generator = SplitMix64(seed: 13)
        for _ in 0..<20_000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<generator.below(120) {
                switch generator.below(10) {
                case 0: scalars.append(Self.pool[generator.below(Self.pool.count)])
                case 1: scalars.append(contentsOf: "\r\n".unicodeScalars)
                default: scalars.append(Unicode.Scalar(UInt8(0x20 + generator.below(0x5F))))
                }
            }
            let text = String(scalars)
            let normalized = TextNormalizer.normalize(text)
            #expect(Array(normalized.unicodeScalars) == Array(Self.scalarNormalize(text).unicodeScalars), "\(Array(text.unicodeScalars))")
        }
    }

    @Test func identityTextMatchesTheGraphemeVersion() {
        Self.expectSame(seed: 12, ArticleIdentity.normalizeText, Self.graphemeNormalizeText)
    }

    @Test func nfcMatchesFoundationOnEveryStableScalar() {
        // Each stable scalar alone and after a base letter must come out of Foundation's NFC unchanged.
        var mismatches: [UInt32] = []
        for value in UInt32(0x80)...0x1FAFF where CanonicalComposition.isStableStarter(value) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "A" + String(Character(scalar)) + "e"
            if text.precomposedStringWithCanonicalMapping.unicodeScalars.count != 3 { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty)
    }

    @Test func breaksRunsOfMarksAfterThirtyAsTheStreamSafeFormatDoes() {
        let marks = String(repeating: "\u{316}\u{301}", count: 40)
        let normalized = TextNormalizer.normalize("a" + marks + " b")
        let scalars = Array(normalized.unicodeScalars)
        #expect(scalars.filter { $0 == "\u{34F}" }.count == 2)
        // Each run is sorted on its own: 220s before 230s up to the joiner.
        let firstRun = Array("a".unicodeScalars) + Array(repeating: "\u{316}", count: 15) + Array(repeating: "\u{301}", count: 15)
        #expect(Array(String(String.UnicodeScalarView(firstRun)).precomposedStringWithCanonicalMapping.unicodeScalars) == Array(scalars.prefix(30)))
        #expect(normalized.hasSuffix(" b"))
    }

    @Test func normalizesALongRunOfMarksInLinearTime() {
        let text = "a" + String(repeating: "\u{301}\u{316}", count: 50_000)
        var normalized = ""
        let elapsed = ContinuousClock().measure { normalized = TextNormalizer.normalize(text) }
        #expect(normalized.unicodeScalars.count > 100_000)
        // Unbounded reordering takes minutes here; the stream-safe runs take well under a second.
        #expect(elapsed < .seconds(20))
    }
}
