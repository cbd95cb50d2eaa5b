@testable import EnrichStage
import NewslineModels
import Testing

/// The gazetteer's longest match, which stops extending at the first prefix no entry has: names that share
/// a start, names longer than what follows them, and every match a scan of all lengths would find.
struct LexiconMatchTests {
    private let names = ["서울", "서울시", "서울시립대학교", "미국", "미국 국무부", "국무부", "對", "中", "Bank of Korea", "한"]

    private var lexicon: Lexicon {
        Lexicon(
            entries: names.map { Lexicon.Entry(surface: Array($0.unicodeScalars), type: .organization, canonical: nil,
                                               alwaysCanonical: false) },
            surnames: [], titles: [], particles: ["에서", "의", "는", "가"])
    }

    private func found(_ text: String) -> [String] {
        let scanned = ScannedText(text)
        return lexicon.matches(in: scanned).map { scanned.string($0.start, $0.end) }
    }

    /// Every entry that starts at a word start and ends a word, longest first, left to right, by trying
    /// every length: what the matcher must give.
    private func byEveryLength(_ text: String) -> [String] {
        let scanned = ScannedText(text)
        let lex = lexicon
        var result: [String] = []
        var i = 0
        while i < scanned.count {
            guard scanned.isWordStart(i) else {
                i += 1
                continue
            }
            var best: Int?
            for start in [i] + (scanned.scalars[i] == "對" && i + 1 < scanned.count ? [i + 1] : []) where best == nil {
                for end in stride(from: scanned.count, to: start, by: -1)
                where lex.entry(scanned.scalars[start..<end]) != nil && lex.endsWord(scanned, at: end) {
                    best = end
                    result.append(scanned.string(start, end))
                    break
                }
            }
            i = best ?? scanned.wordEnd[i]
        }
        return result
    }

    @Test func longestOfNamesSharingAStart() {
        #expect(found("서울시립대학교에서 만났다") == ["서울시립대학교"])
        #expect(found("서울시립대 앞").isEmpty)
        #expect(found("서울시는 미국 국무부의 발표") == ["서울시", "미국 국무부"])
        #expect(found("미국 국무") == ["미국"])
        #expect(found("對中 정책, Bank of Korea") == ["中", "Bank of Korea"])
    }

    @Test(arguments: [
        "서울시립대학교에서 만났다", "서울시립대 앞", "서울시는 미국 국무부의 발표", "미국 국무", "對中 정책, Bank of Korea",
        "서울서울시 서울", "국무부가 한 말", "Bank of Kor", "", "서", "한국 서울시립대학교의 서울",
    ])
    func sameAsTryingEveryLength(text: String) {
        #expect(found(text) == byEveryLength(text))
    }
}
