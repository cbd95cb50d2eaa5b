import NewslineModels

/// Reads an HTML article page with libxml2's forgiving HTML parser.
///
/// Metadata comes from the most reliable source present: JSON-LD `NewsArticle`, then Open Graph and
/// `article:*` meta tags, then the page's own elements (`<h1>`, byline and date elements, `<title>`).
enum HTMLArticleParser {
    /// Separators between a headline and the site name in `<title>`.
    static let titleSeparators = [" | ", " - ", " : ", " :: ", " – ", " — ", " < ", " > ", " · "]
    /// Separators after which a short, space-free prefix is taken for a site name.
    static let prefixSeparators: Set<String> = [" | ", " :: ", " < ", " > "]
    /// Meta names that carry a publication time on pages without `article:published_time`.
    static let dateMetaNames = [
        "article:published_time", "og:article:published_time", "article:published", "pubdate", "publishdate",
        "date", "dc.date", "dcterms.date", "dc.date.issued", "datepublished", "parsely-pub-date", "sailthru.date",
    ]

    static func parse(_ html: String) -> ArticleFields {
        var fields = ArticleFields()
        guard let document = LibXML2Document(html: html) else { return fields }
        document.withRoot { root in
            let scan = HTMLPageScan(root: root)
            let jsonLD = JSONLDArticle(scripts: scan.jsonLDScripts)
            readTitle(scan, jsonLD, into: &fields)
            readByline(scan, jsonLD, into: &fields)
            readDate(scan, jsonLD, into: &fields)
            if let section = jsonLD?.section {
                fields.section = section
                fields.provenance["section"] = "json-ld:articleSection"
            } else if let section = scan.meta["article:section"].flatMap({ TextCleanup.trimmed($0) }) {
                fields.section = section
                fields.provenance["section"] = "meta:article:section"
            }
            if let container = scan.container {
                fields.paragraphs = HTMLText.paragraphs(of: container)
                fields.provenance["paragraphs"] = "html:body-container"
            }
            if fields.paragraphs.isEmpty, let body = jsonLD?.body {
                fields.paragraphs = TextCleanup.blankLineBlocks(TextCleanup.lines(body))
                fields.provenance["paragraphs"] = "json-ld:articleBody"
            }
            let repeated = Set([fields.title, fields.subtitle, fields.byline?.raw].compactMap { $0 })
            fields.paragraphs.removeAll { repeated.contains($0) }
        }
        return fields
    }

    /// The paragraphs of an HTML fragment, such as the `body` string of a JSON article.
    static func paragraphs(ofFragment html: String) -> [String] {
        guard let document = LibXML2Document(html: html) else { return [] }
        return document.withRoot { root in
            HTMLPageScan(root: root).container.map(HTMLText.paragraphs(of:)) ?? []
        } ?? []
    }

    private static func readTitle(_ scan: HTMLPageScan, _ jsonLD: JSONLDArticle?, into fields: inout ArticleFields) {
        let siteName = scan.meta["og:site_name"].flatMap { TextCleanup.trimmed($0) }
        let documentTitle = scan.documentTitle.map { withoutSiteName($0, siteName: siteName) }
        let candidates: [(String?, String)] = [
            (jsonLD?.headline, "json-ld:headline"),
            (scan.meta["og:title"].map { withoutSiteName(TextCleanup.collapse($0), siteName: siteName) }, "og:title"),
            (scan.firstHeading, "html:h1"),
            (documentTitle, "html:title"),
        ]
        if let (title, source) = candidates.first(where: { $0.0?.isEmpty == false }) {
            fields.title = title
            fields.provenance["title"] = source
        }
        if let subtitle = jsonLD?.alternativeHeadline ?? scan.subtitle {
            fields.subtitle = subtitle
            fields.provenance["subtitle"] = jsonLD?.alternativeHeadline != nil ? "json-ld:alternativeHeadline" : "html:subtitle-element"
        }
    }

    private static func readByline(_ scan: HTMLPageScan, _ jsonLD: JSONLDArticle?, into fields: inout ArticleFields) {
        if let text = scan.byline, let byline = BylineParser.parse(text), !byline.authors.isEmpty {
            fields.byline = byline
            fields.provenance["byline"] = "html:byline-element"
        } else if let text = scan.meta["author"], let byline = BylineParser.parse(text), !byline.authors.isEmpty {
            fields.byline = byline
            fields.provenance["byline"] = "meta:author"
        } else if let byline = BylineParser.byline(from: jsonLD?.authors ?? []) {
            fields.byline = byline
            fields.provenance["byline"] = "json-ld:author"
        }
    }

    private static func readDate(_ scan: HTMLPageScan, _ jsonLD: JSONLDArticle?, into fields: inout ArticleFields) {
        if fields.setPublished(jsonLD?.datePublished, from: "json-ld:datePublished") { return }
        for name in dateMetaNames where fields.setPublished(scan.meta[name], from: "meta:\(name)") {
            return
        }
        if fields.setPublished(scan.timeAttribute, from: "html:time") { return }
        fields.setPublished(scan.dateText, from: "html:date-element")
    }

    /// Drops a site name printed before or after the headline: `제목 - 한빛일보`, `한빛경제 | 제목`.
    ///
    /// A part counts as a site name when it is the page's `og:site_name`, or when it is short and has no
    /// spaces; a headline that merely contains ` - ` keeps both halves.
    static func withoutSiteName(_ title: String, siteName: String?) -> String {
        let title = TextCleanup.collapse(title)
        let bytes = Array(title.utf8)
        for separator in titleSeparators {
            let pattern = Array(separator.utf8)
            guard let last = lastOffset(of: pattern, in: bytes), let first = firstOffset(of: pattern, in: bytes) else { continue }
            let suffix = String(decoding: bytes[(last + pattern.count)...], as: UTF8.self)
            if isSiteName(suffix, siteName: siteName) {
                return TextCleanup.trimmed(String(decoding: bytes[..<last], as: UTF8.self)) ?? title
            }
            // A short first word before ` - ` is as often a headline's subject (`삼성전자 - 애플 …`)
            // as a site name, so a prefix is dropped on that evidence only after `|`, `::`, `<` or `>`.
            let prefix = String(decoding: bytes[..<first], as: UTF8.self)
            if prefix == siteName || (prefixSeparators.contains(separator) && isSiteName(prefix, siteName: siteName)) {
                return TextCleanup.trimmed(String(decoding: bytes[(first + pattern.count)...], as: UTF8.self)) ?? title
            }
        }
        return title
    }

    private static func firstOffset(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        return (0...(bytes.count - pattern.count)).first { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) }
    }

    private static func lastOffset(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        return (0...(bytes.count - pattern.count)).reversed().first { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) }
    }

    private static func isSiteName(_ part: String, siteName: String?) -> Bool {
        if let siteName, part == siteName { return true }
        return !part.isEmpty && part.count <= 20 && !part.utf8.contains(UInt8(ascii: " "))
    }
}
