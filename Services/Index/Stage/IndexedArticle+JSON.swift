import Foundation
import NewslineModels

extension IndexedArticle {
    /// The `article.indexed` event as `EventCodec` writes it: keys sorted, envelope fields included.
    static func payload(of event: ArticleIndexed) -> [UInt8] {
        var json = JSONText(capacity: 2048)
        json.raw("{")
        json.key("articleId"); json.string(event.articleId); json.comma()
        json.key("authors"); json.array(event.authors, Self.write); json.comma()
        json.key("category"); json.string(event.category); json.comma()
        json.key("contentHash"); json.string(event.contentHash); json.comma()
        json.key("duplicateOf"); json.string(orNull: event.duplicateOf); json.comma()
        json.key("indexedAt"); json.string(Timestamp.format(event.indexedAt)); json.comma()
        json.key("keywords"); json.array(event.keywords) { $0.string($1) }; json.comma()
        json.key("language"); json.string(event.language); json.comma()
        json.key("page"); json.string(orNull: event.page); json.comma()
        json.key("publishedDate"); json.string(orNull: event.publishedDate); json.comma()
        json.key("receivedAt"); json.string(Timestamp.format(event.receivedAt)); json.comma()
        json.key("revision"); json.number(event.revision); json.comma()
        json.key("section"); json.string(orNull: event.section); json.comma()
        if let sourceURL = event.sourceURL {
            json.key("sourceURL"); json.string(sourceURL); json.comma()
        }
        json.key("storyId"); json.string(event.storyId); json.comma()
        json.key("summary"); json.array(event.summary) { $0.string($1) }; json.comma()
        json.key("title"); json.string(orNull: event.title); json.comma()
        json.key("topEntities"); json.array(event.topEntities, Self.write); json.comma()
        json.key("type"); json.string(ArticleIndexed.eventType); json.comma()
        json.key("version"); json.number(ArticleIndexed.majorVersion)
        json.raw("}")
        return json.bytes
    }

    /// The stored form, read back by `JSONDecoder` with its default strategies (dates as seconds
    /// since the reference date, so they come back exactly).
    var storedJSON: [UInt8] {
        var json = JSONText(capacity: 4096)
        json.raw("{")
        json.key("articleId"); json.string(articleId); json.comma()
        json.key("contentHash"); json.string(contentHash); json.comma()
        json.key("revision"); json.number(revision); json.comma()
        json.key("indexedAt"); json.number(indexedAt.timeIntervalSinceReferenceDate); json.comma()
        json.key("receivedAt"); json.number(receivedAt.timeIntervalSinceReferenceDate); json.comma()
        json.key("sourceURL"); json.string(orNull: sourceURL); json.comma()
        json.key("title"); json.string(orNull: title); json.comma()
        json.key("subtitle"); json.string(orNull: subtitle); json.comma()
        json.key("publishedDate"); json.string(orNull: publishedDate); json.comma()
        json.key("section"); json.string(orNull: section); json.comma()
        json.key("page"); json.string(orNull: page); json.comma()
        json.key("authors"); json.array(authors, Self.write); json.comma()
        json.key("category"); json.string(category); json.comma()
        json.key("language"); json.string(language); json.comma()
        json.key("entities"); json.array(entities, Self.write); json.comma()
        json.key("keywords"); json.array(keywords) { $0.string($1) }; json.comma()
        json.key("summary"); json.array(summary) { $0.string($1) }; json.comma()
        json.key("paragraphs"); json.array(paragraphs) { $0.string($1) }; json.comma()
        json.key("duplicateOf"); json.string(orNull: duplicateOf); json.comma()
        json.key("storyId"); json.string(storyId)
        if let quotes {
            json.comma(); json.key("quotes")
            json.array(quotes) { json, quote in
                json.raw("{"); json.key("text"); json.string(quote.text); json.comma()
                json.key("speaker"); json.string(orNull: quote.speaker); json.raw("}")
            }
        }
        if let dates {
            json.comma(); json.key("dates")
            json.array(dates) { json, date in
                json.raw("{"); json.key("text"); json.string(date.text); json.comma()
                json.key("date"); json.string(date.date); json.raw("}")
            }
        }
        if let provenance {
            json.comma(); json.key("provenance"); json.raw("{")
            for (index, field) in provenance.keys.sorted().enumerated() {
                if index > 0 { json.comma() }
                json.string(field); json.raw(":"); json.string(provenance[field] ?? "")
            }
            json.raw("}")
        }
        json.raw("}")
        return json.bytes
    }

    private static func write(_ json: inout JSONText, _ author: Author) {
        json.raw("{")
        json.key("name"); json.string(author.name)
        if let role = author.role {
            json.comma(); json.key("role"); json.string(role)
        }
        json.raw("}")
    }

    private static func write(_ json: inout JSONText, _ entity: Entity) {
        json.raw("{")
        json.key("canonical"); json.string(entity.canonical); json.comma()
        json.key("mentions"); json.number(entity.mentions); json.comma()
        json.key("text"); json.string(entity.text); json.comma()
        json.key("type"); json.string(entity.type.rawValue)
        json.raw("}")
    }
}
