import Foundation
import NewslineModels

/// Parsed articles built in the test, one per number, each with its own articleId.
enum TestArticles {
    static func parsed(_ number: Int, paragraph: String? = nil) -> ArticleParsed {
        let text = paragraph ?? "기사 \(number) 본문"
        return ArticleParsed(
            articleId: String(format: "%032x", number), contentHash: ArticleIdentity.contentHash(text: text),
            source: "test", sourceURL: "https://news.example/\(number)", format: .plain, charset: "utf-8",
            rawBytes: text.utf8.count, receivedAt: Date(), title: "제목 \(number)", subtitle: nil, byline: nil,
            publishedDate: "2024-04-03", section: "종합", page: nil, paragraphs: [text], declaredCharCount: nil,
            bodyCharCount: text.count, hasMedia: nil, quality: Quality(score: 1, warnings: []), provenance: [:])
    }
}
