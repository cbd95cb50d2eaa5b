import Foundation
import NewslineModels
import TestSupport

/// Builds the `ArticleParsed` a sample's golden file describes, so enrich is tested without the parser.
enum GoldenArticle {
    static func parsed(_ sample: Fixtures.Sample) throws -> ArticleParsed {
        let golden = try sample.expectedObject()
        return parsed(golden: golden, name: sample.name)
    }

    static func parsed(golden: [String: Any], name: String = "test") -> ArticleParsed {
        let paragraphs = golden["paragraphs"] as? [String] ?? []
        var byline: Byline?
        if let b = golden["byline"] as? [String: Any] {
            let authors = (b["authors"] as? [[String: Any]] ?? []).map {
                Author(name: $0["name"] as? String ?? "", role: $0["role"] as? String)
            }
            byline = Byline(raw: b["raw"] as? String ?? "", dateline: b["dateline"] as? String, authors: authors)
        }
        return ArticleParsed(
            articleId: String(repeating: "0", count: 32),
            contentHash: String(repeating: "0", count: 64),
            source: name,
            sourceURL: nil,
            format: ArticleFormat(rawValue: golden["format"] as? String ?? "plain") ?? .plain,
            charset: golden["charset"] as? String ?? "utf-8",
            rawBytes: 0,
            receivedAt: Date(timeIntervalSince1970: 0),
            title: golden["title"] as? String,
            subtitle: golden["subtitle"] as? String,
            byline: byline,
            publishedDate: golden["publishedDate"] as? String,
            section: golden["section"] as? String,
            page: golden["page"] as? String,
            paragraphs: paragraphs,
            declaredCharCount: golden["declaredCharCount"] as? Int,
            bodyCharCount: paragraphs.reduce(0) { $0 + $1.count },
            hasMedia: golden["hasMedia"] as? Bool,
            quality: Quality(score: 1, warnings: []),
            provenance: [:]
        )
    }

    /// The golden entity lists by type.
    static func entities(_ sample: Fixtures.Sample) throws -> [EntityType: [String]] {
        let object = try sample.expectedObject()["entities"] as? [String: [String]] ?? [:]
        var result: [EntityType: [String]] = [:]
        for type in EntityType.allCases { result[type] = object[type.rawValue] ?? [] }
        return result
    }

    static func quotes(_ sample: Fixtures.Sample) throws -> [Quote] {
        (try sample.expectedObject()["quotes"] as? [[String: Any]] ?? []).map {
            Quote(text: $0["text"] as? String ?? "", speaker: $0["speaker"] as? String)
        }
    }

    static func dates(_ sample: Fixtures.Sample) throws -> [DateMention] {
        (try sample.expectedObject()["dates"] as? [[String: Any]] ?? []).map {
            DateMention(text: $0["text"] as? String ?? "", date: $0["date"] as? String ?? "")
        }
    }
}
