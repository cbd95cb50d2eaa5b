@testable import EnrichStage
import Testing

/// Over the admitted scalars one `Character` is one scalar, and the shortcuts built on that answer as the
/// `Character` view does, on texts with and without other scalars.
struct SingleScalarCharactersTests {
    /// Scalars from every admitted range, their edges, and neighbours that are not admitted.
    private static let admittedSamples: [UInt32] = [
        0x20, 0x41, 0x7e, 0xa0, 0xad, 0xe9, 0x2ff, 0x2010, 0x2026, 0x2027, 0x2030, 0x203c, 0x2049, 0x205e, 0x3000,
        0x3001, 0x3029, 0x3030, 0x303f, 0x3131, 0x318e, 0x4e00, 0x9fff, 0xac00, 0xb2e4, 0xd7a3, 0xff01, 0xff60,
    ]
    private static let otherSamples: [UInt32] = [
        0x0a, 0x0d, 0x301, 0x2000, 0x200d, 0x2028, 0x202f, 0x205f, 0x302a, 0x1100, 0x1161, 0x11a8, 0xfe0f, 0x1f44d,
        0x1f3fd, 0x1f1f0, 0xf900,
    ]

    /// A deterministic stream of numbers (SplitMix64), so a failure can be replayed.
    private struct Numbers {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    private func text(_ numbers: inout Numbers, from pool: [UInt32], length: Int) -> String {
        String(String.UnicodeScalarView((0..<length).map { _ in Unicode.Scalar(pool[numbers.next(pool.count)])! }))
    }

    @Test func admittedScalarsAreOneCharacterEach() {
        for v in Self.admittedSamples { #expect(SingleScalarCharacters.admits(Unicode.Scalar(v)!)) }
        for v in Self.otherSamples { #expect(!SingleScalarCharacters.admits(Unicode.Scalar(v)!)) }
        var numbers = Numbers(state: 1)
        for _ in 0..<2_000 {
            let s = text(&numbers, from: Self.admittedSamples, length: 1 + numbers.next(12))
            #expect(SingleScalarCharacters.all(s.unicodeScalars))
            #expect(s.allSatisfy { $0.unicodeScalars.count == 1 })
            #expect(SingleScalarCharacters.characterCount(s) == s.count)
        }
    }

    @Test func shortcutsAnswerAsTheCharacterView() {
        var numbers = Numbers(state: 2)
        let pool = Self.admittedSamples + Self.otherSamples
        for _ in 0..<2_000 {
            let s = text(&numbers, from: pool, length: numbers.next(10))
            #expect(SingleScalarCharacters.characterCount(s) == s.count)
            #expect(SingleScalarCharacters.containsSpace(s) == s.contains(" "))
            #expect(FirstNameIndex.properSuffixes(of: s, minimum: 2) == characterSuffixes(s, minimum: 2))
        }
        #expect(SingleScalarCharacters.characterCount("e\u{301}한\u{11a8}") == 2)
        #expect(!SingleScalarCharacters.containsSpace("김 \u{301}씨"))
        #expect(SingleScalarCharacters.containsSpace("샘 올트먼"))
    }

    /// The suffixes as `FirstNameIndex` cut them from `Character`s.
    private func characterSuffixes(_ name: String, minimum: Int) -> [String] {
        let characters = Array(name)
        guard characters.count <= EnrichBudget.nameLength, characters.count > minimum else { return [] }
        return (1...(characters.count - minimum)).map { String(characters[$0...]) }
    }

    /// `QuoteExtractor.isKoreanTerm` as it read `Character`s before its scalar path.
    private func termByCharacters(_ text: String) -> Bool {
        guard text.unicodeScalars.contains(where: { ScalarClass($0) == .hangul }),
            !text.contains(where: { ".?!,…".contains($0) }),
            text.split(separator: " ").count <= QuoteExtractor.termWords,
            let last = text.last(where: { $0.unicodeScalars.allSatisfy { ScalarClass($0) == .hangul } })
        else { return false }
        return !QuoteExtractor.finalEndings.contains(last)
    }

    @Test(arguments: [
        "비밀", "이건 연기", "세 단어 제목", "네 단어로 된 긴 제목", "그렇다", "정말요", "갑니다.", "예, 아니오", "오징어 게임",
        "AI", "  비밀  ", "비밀 ", "비밀…", "가\u{11a8}", "e\u{301} 비밀", "다\u{301}", "사랑해", "왜?", "밥 먹자",
    ])
    func quotedTermsAsBefore(text: String) {
        #expect(QuoteExtractor.isKoreanTerm(text) == termByCharacters(text))
    }

    @Test func quotedTermsOfRandomTexts() {
        var numbers = Numbers(state: 3)
        let pool: [UInt32] = [0x20, 0x2c, 0x2e, 0x3f, 0x41, 0x2026, 0xac00, 0xb2e4, 0xc694, 0xd574, 0xbe44, 0x301, 0x11a8]
        for _ in 0..<2_000 {
            let s = text(&numbers, from: pool, length: numbers.next(12))
            #expect(QuoteExtractor.isKoreanTerm(s) == termByCharacters(s))
        }
    }
}
