import Foundation
import NewslineModels

/// Reads JSON articles in the common shapes: `{title, body, published, author, url}` and
/// `{headline, content: [...], datePublished, byline, section}`. Unknown fields are ignored.
enum JSONArticleParser {
    static let titleKeys = ["title", "headline", "name"]
    static let subtitleKeys = ["subtitle", "subheadline", "alternativeHeadline", "deck", "summaryTitle"]
    static let bodyKeys = ["body", "content", "articleBody", "text", "paragraphs"]
    static let dateKeys = ["published", "datePublished", "publishedAt", "published_at", "pubDate", "date", "created"]
    static let bylineKeys = ["byline", "author", "authors", "writer", "reporter"]
    static let sectionKeys = ["section", "articleSection", "category"]
    /// Nested body arrays are flattened down to this depth; ingest already refused deeper JSON.
    static let maxBodyDepth = 8

    /// Throws RejectedInput(malformed-json) when the text is not JSON.
    static func parse(_ text: String) throws -> ArticleFields {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw RejectedInput(RejectedInput.malformedJSON, "the JSON does not parse")
        }
        var fields = ArticleFields()
        guard let article = (object as? [String: Any]) ?? ((object as? [Any])?.first as? [String: Any]) else {
            return fields
        }
        if let (key, value) = first(titleKeys, in: article, as: JSONLDArticle.string) {
            fields.title = value
            fields.provenance["title"] = "json:\(key)"
        }
        if let (key, value) = first(subtitleKeys, in: article, as: JSONLDArticle.string) {
            fields.subtitle = value
            fields.provenance["subtitle"] = "json:\(key)"
        }
        for key in bodyKeys {
            guard let value = article[key] else { continue }
            var paragraphs: [String] = []
            appendParagraphs(of: value, to: &paragraphs, depth: 0)
            if !paragraphs.isEmpty {
                fields.paragraphs = paragraphs
                fields.provenance["paragraphs"] = "json:\(key)"
                break
            }
        }
        for key in dateKeys where fields.setPublished(article[key] as? String, from: "json:\(key)") {
            break
        }
        if let (key, value) = first(bylineKeys, in: article, as: byline) {
            fields.byline = value
            fields.provenance["byline"] = "json:\(key)"
        }
        if let (key, value) = first(sectionKeys, in: article, as: JSONLDArticle.string) {
            fields.section = value
            fields.provenance["section"] = "json:\(key)"
        }
        return fields
    }

    private static func first<Value>(
        _ keys: [String], in article: [String: Any], as read: (Any?) -> Value?
    ) -> (String, Value)? {
        for key in keys {
            if let value = read(article[key]) { return (key, value) }
        }
        return nil
    }

    /// A body string (plain text or HTML), or an array of them, becomes paragraphs.
    private static func appendParagraphs(of value: Any, to paragraphs: inout [String], depth: Int) {
        guard depth < maxBodyDepth else { return }
        if let text = value as? String {
            paragraphs += bodyParagraphs(text)
        } else if let array = value as? [Any] {
            for element in array {
                appendParagraphs(of: element, to: &paragraphs, depth: depth + 1)
            }
        } else if let object = value as? [String: Any] {
            for key in ["text", "content", "body", "html"] {
                if let inner = object[key] {
                    appendParagraphs(of: inner, to: &paragraphs, depth: depth + 1)
                    return
                }
            }
        }
    }

    /// The paragraphs of a body string: an HTML fragment read as HTML, else blank-line blocks, else lines.
    static func bodyParagraphs(_ text: String) -> [String] {
        if looksLikeHTML(text) {
            return HTMLArticleParser.paragraphs(ofFragment: text)
        }
        let lines = TextCleanup.lines(text)
        let blocks = TextCleanup.blankLineBlocks(lines)
        // Bodies with one paragraph per line and no blank lines between them.
        if blocks.count == 1, lines.count > 1 {
            return lines.compactMap { TextCleanup.trimmed(TextCleanup.collapse($0)) }
        }
        return blocks
    }

    /// A tag such as `<p>` or `<br/>`: `<` followed by a letter or `/`, with a `>` later on.
    private static func looksLikeHTML(_ text: String) -> Bool {
        var sawOpen = false
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == UInt8(ascii: "<"), (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == UInt8(ascii: "/") {
                sawOpen = true
            }
            if sawOpen, byte == UInt8(ascii: ">") { return true }
            previous = byte
        }
        return false
    }

    /// `"문서영 기자"`, `{"name": …, "jobTitle": …}`, or an array of either.
    private static func byline(_ value: Any?) -> Byline? {
        if let text = value as? String {
            return BylineParser.parse(text)
        }
        var authors: [Author] = []
        for element in (value as? [Any]) ?? [value as Any] {
            if let object = element as? [String: Any], let name = JSONLDArticle.string(object["name"]) {
                authors.append(Author(name: name, role: JSONLDArticle.string(object["jobTitle"] ?? object["role"])))
            } else if let text = element as? String, let parsed = BylineParser.parse(text) {
                authors += parsed.authors
            }
        }
        return BylineParser.byline(from: authors)
    }
}
