import Foundation
import NewslineModels

extension ArticleParsed {
    /// An article whose body is one evaluation sentence, published on `publishedDate`: how `newsline eval
    /// quotes` and `newsline eval dates` put a KLUE sentence through the enricher the service runs.
    public static func evaluationText(_ text: String, publishedDate: String? = nil) -> ArticleParsed {
        ArticleParsed(
            articleId: String(repeating: "0", count: 32), contentHash: String(repeating: "0", count: 64),
            source: "evaluation", sourceURL: nil, format: .plain, charset: "utf-8", rawBytes: text.utf8.count,
            receivedAt: Date(timeIntervalSince1970: 0), title: nil, subtitle: nil, byline: nil,
            publishedDate: publishedDate, section: nil, page: nil, paragraphs: [text], declaredCharCount: nil,
            bodyCharCount: text.count, hasMedia: nil, quality: Quality(score: 1, warnings: []), provenance: [:])
    }
}
