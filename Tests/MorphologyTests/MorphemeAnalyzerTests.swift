import Foundation
import Morphology
import Testing

/// The analyzer, or nil with the reason printed when mecab-ko-dic is not installed on this machine.
private let analyzer: MorphemeAnalyzer? = {
    do {
        return try MorphemeAnalyzer.shared()
    } catch {
        print("skipping morphology tests: \(error)")
        return nil
    }
}()

@Suite(.enabled(if: analyzer != nil, "mecab-ko-dic is not installed (scripts/install-dependencies)"))
struct MorphemeAnalyzerTests {
    @Test func knownAnalysesOfNamesPlacesAndParticles() throws {
        let morphemes = try #require(analyzer).analyze("클린턴 씨는 판문점에서 경기도로 갔다")
        let pairs = morphemes.map { "\($0.surface)/\($0.tag)" }
        #expect(pairs.starts(with: ["클린턴/NNP", "씨/NNB", "는/JX", "판문점/NNP", "에서/JKB", "경기도/NNP", "로/JKB"]))
        #expect(morphemes[0].semanticClass == "인명")
        #expect(morphemes[3].semanticClass == "지명")
        #expect(morphemes[5].compoundParts.map(\.surface) == ["경기", "도"])
        #expect(!morphemes[0].isUnknown)
    }

    @Test func offsetsAreScalarsAndBytesOfTheInput() throws {
        let text = "A 손정의 회장, ｔｏｋｙｏ에서"
        let scalars = Array(text.unicodeScalars)
        let bytes = Array(text.utf8)
        for m in try #require(analyzer).analyze(text) {
            #expect(String(String.UnicodeScalarView(scalars[m.start..<m.end])) == m.surface)
            #expect(String(decoding: bytes[m.utf8Start..<m.utf8End], as: UTF8.self) == m.surface)
        }
    }

    /// The feature cache grows from a thousand slots as new dictionary entries are read: thousands of
    /// distinct words, read by one analyzer after another in the opposite order, come out with the
    /// same features and tags, so no slot is lost or mixed up when the table is rebuilt.
    @Test func featuresStayTheSameWhileTheFeatureCacheGrows() throws {
        let path = try #require(analyzer).dictionaryPath
        let first = try MorphemeAnalyzer(dictionary: path)
        let second = try MorphemeAnalyzer(dictionary: path)
        // Two-syllable words from the common syllables: known nouns, names and unknown words alike.
        let syllables = Array("가나다라마바사아자차카타파하고노도로모보소오조초국민정부회사경제시장대학교")
        let words = syllables.flatMap { a in syllables.map { b in "\(a)\(b)이 " } }
        let text = words.joined()
        let forward = first.analyze(text)
        // The second analyzer meets the entries in the opposite order before it reads the text.
        for word in words.reversed() { _ = second.analyze(word) }
        let readBack = second.analyze(text)
        // More entries than half the first table (512) holds, so it grew at least once.
        #expect(Set(forward.map(\.feature)).count > 600)
        #expect(forward.map(\.feature) == readBack.map(\.feature))
        #expect(forward.map(\.tag) == readBack.map(\.tag))
        #expect(forward.allSatisfy { $0.tag == "UNKNOWN" || $0.feature.hasPrefix($0.tag + ",") })
    }

    @Test func hanjaCarriesItsReading() throws {
        let morphemes = try #require(analyzer).analyze("金")
        #expect(morphemes.first?.reading == "김")
    }

    @Test func emptyAndBlankInputGiveNothing() throws {
        #expect(try #require(analyzer).analyze("").isEmpty)
        #expect(try #require(analyzer).analyze(" \n\t ").isEmpty)
    }

    @Test func nulAndControlCharactersDoNotEndTheText() throws {
        let morphemes = try #require(analyzer).analyze("서울\u{0}부산")
        #expect(morphemes.map(\.surface) == ["서울", "부산"])
        #expect(morphemes[1].start == 3)
    }

    /// Huge input is analyzed piece by piece: every scalar of a 2 MB text is covered once, in order,
    /// and a run with no space at all is still cut only at character boundaries.
    @Test(.timeLimit(.minutes(2))) func hugeInputIsCutIntoChunksWithoutLosingText() throws {
        let analyzer = try #require(analyzer)
        let sentence = "대통령이 청와대에서 기자회견을 열었다. "
        let text = String(repeating: sentence, count: 40_000)
        let morphemes = analyzer.analyze(text)
        #expect(morphemes.filter { $0.surface == "청와대" }.count == 40_000)
        #expect(zip(morphemes, morphemes.dropFirst()).allSatisfy { $0.end <= $1.start })
        let glued = String(repeating: "가나다라마바사", count: 5_000)
        let pieces = analyzer.analyze(glued)
        #expect(pieces.map(\.surface).joined() == glued)
    }

    /// Bytes that are not UTF-8 become U+FFFD when a `String` is made of them, before the analyzer.
    @Test func invalidUTF8NeverReachesMeCab() throws {
        let text = String(decoding: [0xEC, 0x84, 0x9C, 0xFF, 0xC0, 0xEC, 0x9A, 0xB8] as [UInt8], as: UTF8.self)
        let morphemes = try #require(analyzer).analyze(text)
        #expect(morphemes.allSatisfy { $0.surface.utf8.allSatisfy { $0 != 0xFF && $0 != 0xC0 } })
        #expect(morphemes.map(\.surface).joined().contains("\u{FFFD}"))
    }

    @Test func concurrentCallsGiveTheSameAnalysis() async throws {
        let analyzer = try #require(analyzer)
        let text = "손정의 소프트뱅크 회장은 도쿄에서 기자들과 만났다."
        let expected = analyzer.analyze(text)
        let results = await withTaskGroup(of: [Morpheme].self) { group in
            for _ in 0..<16 { group.addTask { analyzer.analyze(text) } }
            var all: [[Morpheme]] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.allSatisfy { $0 == expected })
    }

    @Test func aMissingDictionaryIsAClearError() {
        #expect(throws: MorphologyError.self) {
            try MorphologyDictionary.locate(explicit: "/nonexistent/mecab-ko-dic")
        }
        #expect(throws: MorphologyError.self) {
            try MorphologyDictionary.locate(environment: [MorphologyDictionary.environmentVariable: "/nonexistent"])
        }
        let message = "\(MorphologyError.dictionaryNotFound(searched: ["/x"]))"
        #expect(message.contains("NEWSLINE_MECAB_DICTIONARY") && message.contains("/x"))
    }
}
