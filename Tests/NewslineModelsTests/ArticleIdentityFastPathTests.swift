import Crypto
import Foundation
import Testing

@testable import NewslineModels

/// The byte-level identity (collapse and hash without building the normalized `String`) against the
/// contract's definition: SHA-256 over the UTF-8 of `normalizeText`, NFC then collapsed whitespace.
@Suite struct ArticleIdentityFastPathTests {
    static func referenceHash(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static let tricky: [String] = [
        "", "   ", "\n\r\n\t", "a", " a ", "가  나\n다 ",
        "cafe\u{301} e\u{301}\u{301} \u{301}mark after space \u{301}\u{302}",
        "\u{1100}\u{1161}\u{11A8} decomposed hangul, 가\u{11A8} syllable and trailing jamo",
        "indent \t \n\u{301}mark after a run, \r\n\u{20DD}after crlf,\t\u{200D}\n joiner, \u{0600}\n\n prepend",
        "crlf\r\nlines\r\rand\u{2028}separators\u{2029}end",
        "nbsp\u{A0}\u{A0}narrow\u{202F}ideographic\u{3000}\u{3000}ogham\u{1680}en\u{2002}em\u{2003}thin\u{2009}",
        "zero width\u{200B}space\u{200D}joiner \u{200D}after \u{FE0F}selector",
        "arabic \u{0600} prepended\u{0600} mark, \u{0627}\u{0653} madda",
        "👩‍👩‍👧 family 👍\u{1F3FD} toned \u{1F3FD} alone",
        "Å Ω K singletons, \u{212B} \u{2126} \u{212A} and \u{0958} composition exclusion",
        "\u{0344}\u{0F73} expanding, \u{1E0A}\u{0323} reordered \u{0044}\u{0307}\u{0323}",
        "a" + String(repeating: "\u{301}", count: 100) + " stacked marks",
        String(repeating: "본문 텍스트 word\u{A0}and\tmore\n", count: 20_000),
        String(repeating: "e\u{301}\u{A0}", count: 50_000),
    ]

    @Test(arguments: tricky)
    func hashesTheNormalizedText(text: String) {
        let identity = ArticleIdentity.identity(sourceURL: nil, text: text)
        let normalized = ArticleIdentity.normalizeText(text)
        #expect(identity.contentHash == Self.referenceHash(normalized))
        #expect(identity.articleId == String(Self.referenceHash("text:" + normalized).prefix(32)))
        #expect(ArticleIdentity.contentHash(text: text) == identity.contentHash)
        #expect(ArticleIdentity.articleId(sourceURL: nil, text: text) == identity.articleId)
    }

    @Test(arguments: tricky)
    func normalizedBytesAreNormalizeText(text: String) {
        let bytes = ArticleIdentity.withNormalizedUTF8(text) { Array($0) }
        #expect(bytes == Array(ArticleIdentity.normalizeText(text).utf8))
    }

    /// The definition by graphemes (`Character.isWhitespace`), for text without the Stream-Safe cut of
    /// `CanonicalComposition.maxNonStarterRun`: the byte walks must split words exactly where it does.
    /// Left out too: a Hangul LV syllable before a trailing jamo, which NFC composes (가 + ᆨ = 각) and
    /// Foundation's `precomposedStringWithCanonicalMapping` on Linux does not.
    @Test(arguments: tricky.filter {
        !$0.contains(String(repeating: "\u{301}", count: 31)) && !$0.unicodeScalars.contains("\u{11A8}")
    })
    func normalizedTextSplitsAsGraphemesDo(text: String) {
        let graphemes = text.precomposedStringWithCanonicalMapping.split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
        #expect(ArticleIdentity.withNormalizedUTF8(text) { Array($0) } == Array(graphemes.utf8))
    }

    @Test func sourceURLIdentityHashesTheURLAndTheText() {
        let url = "HTTPS://Example.com:443/news/1/?utm_source=x#top"
        let identity = ArticleIdentity.identity(sourceURL: url, text: "가\u{A0} 나")
        #expect(identity.articleId == String(Self.referenceHash("url:https://example.com/news/1").prefix(32)))
        #expect(identity.contentHash == Self.referenceHash("가 나"))
    }
}
