import Testing

@testable import IndexStage

@Suite struct TextAnalyzerTests {
    let analyzer = TextAnalyzer()

    @Test func hangulRunsBecomeBigramsWithTheParticleKept() {
        #expect(analyzer.indexText("도쿄에서") == "도쿄 쿄에 에서")
        #expect(analyzer.indexText("손정의 회장") == "손정 정의 회장")
    }

    @Test func aLoneSyllableIsAUnigram() {
        #expect(analyzer.indexText("北, 美") == "北 美")
    }

    @Test func latinAndDigitsAreCaseFoldedWords() {
        #expect(analyzer.indexText("OpenAI's GPT-4o") == "openai s gpt 4o")
    }

    @Test func mixedScriptWordsDropATrailingParticleRun() {
        #expect(analyzer.indexText("오픈AI가") == "오픈 ai")
        #expect(analyzer.queryTerms("오픈AI").map(\.tokens) == [["오픈", "ai"]])
    }

    @Test(arguments: ["도쿄에", "도쿄의", "도쿄에서", "도쿄"])
    func queriesStripParticles(query: String) {
        #expect(analyzer.queryTerms(query).map(\.tokens) == [["도쿄"]])
    }

    @Test func aShortWordKeepsAnEndingThatLooksLikeAParticle() {
        #expect(analyzer.queryTerms("정의").map(\.tokens) == [["정의"]])
    }

    @Test func aOneSyllableQueryMatchesAsAPrefix() {
        let terms = analyzer.queryTerms("북")
        #expect(terms.map(\.matchExpression) == ["\"북\"*"])
    }

    @Test func normalizesToNFC() {
        let decomposed = "\u{1103}\u{1169}\u{110F}\u{116D}"  // 도쿄 as conjoining jamo
        #expect(analyzer.indexText(decomposed) == "도쿄")
    }

    @Test func aVeryLongWordIsCutTheSameWayEverywhere() {
        let long = String(repeating: "ab", count: 500)
        #expect(analyzer.indexText(long).count == TextAnalyzer.maximumTokenLength)
        #expect(analyzer.queryTerms(long).first?.tokens == [analyzer.indexText(long)])
    }

    @Test func repeatedQueryWordsCountOnce() {
        #expect(analyzer.queryTerms("도쿄 도쿄 도쿄에").count == 1)
    }

    @Test func aHugeQueryKeepsOnlyTheFirstWords() {
        let words = (0..<5_000).map { "word\($0)" }.joined(separator: " ")
        #expect(analyzer.queryTerms(words).count == 32)
    }

    @Test(arguments: [
        "\"", "*", "AND", "OR", "NOT", "NEAR(", "title:", "(", ")", "^", "\"도쿄\" OR *", "NEAR(a b, 2)",
        "col:{title body}", "'", "-", "+",
    ])
    func userSyntaxBecomesQuotedWords(query: String) {
        for term in analyzer.queryTerms(query) {
            let expression = term.matchExpression
            #expect(expression.hasPrefix("\""))
            #expect(!expression.dropFirst().dropLast(term.matchesPrefix ? 2 : 1).contains("\""))
            #expect(term.tokens.allSatisfy { token in token.unicodeScalars.allSatisfy { !"\"*():^{}+-".unicodeScalars.contains($0) } })
        }
    }
}
