import Foundation
import NewslineModels
import Testing

@testable import IndexStage

/// The index writes its JSON by hand for speed; it must be what the shared codec would write.
@Suite struct JSONTextTests {
    static let awkward = "따옴표 \" 역슬래시 \\ 슬래시 / 줄\n탭\t\r\u{8}\u{C}\u{1}\u{1F}\u{7F} \u{2028}\u{2029} <script> 🇰🇷 é"

    static func articles() -> [IndexedArticle] {
        var articles = SampleArticles.all.keys.sorted().map { name in
            IndexedArticle(
                event: SampleArticles.named(name), revision: 3, indexedAt: Date(timeIntervalSince1970: 1_732_975_000.123),
                duplicateOf: name.hasPrefix("json") ? "0123456789abcdef0123456789abcdef" : nil, storyId: "story")
        }
        var odd = SampleArticles.make(
            title: awkward, subtitle: awkward, paragraphs: [awkward, ""], byline: Byline(
                raw: awkward, dateline: nil, authors: [Author(name: awkward, role: nil), Author(name: "a", role: awkward)]),
            publishedDate: nil, section: nil, entities: [Entity(text: awkward, type: .person, canonical: awkward, mentions: 2)],
            keywords: [Keyword(term: awkward, score: 0.25)], sourceURL: "https://example.com/a/b?c=d&e=\"f\"")
        odd.article.receivedAt = Date(timeIntervalSinceReferenceDate: 0.1 + 0.2)
        articles.append(
            IndexedArticle(event: odd, revision: 1, indexedAt: Date(), duplicateOf: nil, storyId: awkward))
        return articles
    }

    @Test func eventPayloadsAreWhatTheEventCodecWrites() throws {
        for article in Self.articles() {
            let event = article.indexedEvent
            let expected = try EventCodec().encode(event)
            let written = IndexedArticle.payload(of: event)
            #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        }
    }

    @Test func storedDocumentsReadBackUnchanged() throws {
        for article in Self.articles() {
            #expect(try StoredDocument.decode(StoredDocument.encode(article)) == article)
        }
    }
}
