import EnrichStage
import Foundation
import NewslineModels
import TestSupport

/// Enriched articles for index tests, made from the sample goldens or by hand.
enum SampleArticles {
    /// Every good sample as the enrich stage would hand it to the index.
    static let all: [String: ArticleEnriched] = {
        var articles: [String: ArticleEnriched] = [:]
        for sample in Fixtures.goodSamples {
            articles[sample.name] = try! enriched(from: sample.expectedObject())
        }
        return articles
    }()

    static func named(_ name: String) -> ArticleEnriched {
        all[name]!
    }

    /// The sample's articleId, for comparing hits.
    static func id(_ name: String) -> String {
        named(name).articleId
    }

    /// Builds an enriched article from a golden file's fields.
    static func enriched(from golden: [String: Any]) -> ArticleEnriched {
        let title = golden["title"] as? String
        let paragraphs = golden["paragraphs"] as? [String] ?? []
        let byline = (golden["byline"] as? [String: Any]).map { byline in
            Byline(
                raw: byline["raw"] as? String ?? "",
                dateline: byline["dateline"] as? String,
                authors: (byline["authors"] as? [[String: Any]] ?? []).map {
                    Author(name: $0["name"] as? String ?? "", role: $0["role"] as? String)
                })
        }
        let text = ([title ?? ""] + paragraphs).joined(separator: "\n")
        var entities: [Entity] = []
        let grouped = golden["entities"] as? [String: [String]] ?? [:]
        for type in EntityType.allCases {
            for name in grouped[type.rawValue] ?? [] {
                let mentions = max(1, text.components(separatedBy: name).count - 1)
                entities.append(Entity(text: name, type: type, canonical: name, mentions: mentions))
            }
        }
        let section = golden["section"] as? String
        return make(
            title: title,
            subtitle: golden["subtitle"] as? String,
            paragraphs: paragraphs,
            byline: byline,
            publishedDate: golden["publishedDate"] as? String,
            section: section,
            page: golden["page"] as? String,
            entities: entities,
            category: category(forSection: section))
    }

    /// An enriched article with the identity, hash and fingerprint its text gives.
    static func make(
        title: String?,
        subtitle: String? = nil,
        paragraphs: [String],
        byline: Byline? = nil,
        publishedDate: String? = "2024-04-03",
        section: String? = nil,
        page: String? = nil,
        entities: [Entity] = [],
        keywords: [Keyword] = [],
        category: String = Category.society.rawValue,
        sourceURL: String? = nil
    ) -> ArticleEnriched {
        let text = ([title ?? "", subtitle ?? ""] + paragraphs).joined(separator: "\n")
        let parsed = ArticleParsed(
            articleId: ArticleIdentity.articleId(sourceURL: sourceURL, text: text),
            contentHash: ArticleIdentity.contentHash(text: text),
            source: "test",
            sourceURL: sourceURL,
            format: .archiveText,
            charset: "utf-8",
            rawBytes: text.utf8.count,
            receivedAt: Date(timeIntervalSince1970: 1_712_000_000),
            title: title,
            subtitle: subtitle,
            byline: byline,
            publishedDate: publishedDate,
            section: section,
            page: page,
            paragraphs: paragraphs,
            declaredCharCount: nil,
            bodyCharCount: paragraphs.joined().count,
            hasMedia: nil,
            quality: Quality(score: 1, warnings: []),
            provenance: [:])
        return ArticleEnriched(
            article: parsed,
            language: "ko",
            entities: entities,
            keywords: keywords,
            summary: Array(paragraphs.prefix(1)),
            quotes: [],
            dates: [],
            category: category,
            fingerprint: SimHash.hex(of: text))
    }

    private static func category(forSection section: String?) -> String {
        let categories: [String: Category] = [
            "정치": .politics, "경제": .economy, "사회": .society, "국제": .international, "종합": .international,
            "문화": .culture, "과학": .science, "스포츠": .sports, "오피니언": .opinion,
        ]
        return (section.flatMap { categories[$0] } ?? .society).rawValue
    }
}

/// A fresh index file in the temporary directory, removed with its WAL files by `remove()`.
struct TemporaryIndexPath {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("newsline-index-\(UUID().uuidString).sqlite").path

    func remove() {
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
