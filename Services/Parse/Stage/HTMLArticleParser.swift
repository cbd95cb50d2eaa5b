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

    /// A DOM body shorter than this many characters gives way to a longer JSON-LD `articleBody`.
    static let minimumDOMBody = 200
    /// A JSON-LD `articleBody` this many times longer than the DOM body means the DOM choice missed
    /// part of the article (text split over blocks the score did not join), so the JSON-LD body wins.
    static let jsonLDBodyAdvantage = 1.6
    /// Paragraphs this short that hold a date or an author's name are the byline or date line
    /// repeated in the body (`By Ana Ruiz`, `19.04.2022 10:42`), not article text.
    static let maxRepeatedMetaLength = 60

    static func parse(_ html: String, sourceURL: String? = nil) -> ArticleFields {
        var fields = ArticleFields()
        if let tree = PageTreeReader.read(html) {
            fields.warnings += tree.warnings
            let scan = tree.metadata
            let jsonLD = JSONLDArticle(scripts: scan.jsonLDScripts)
            readTitle(scan, jsonLD, into: &fields)
            readByline(scan, jsonLD, into: &fields)
            readDate(scan, jsonLD, sourceURL: sourceURL, into: &fields)
            readPageFacts(scan, jsonLD, into: &fields)
            readBody(tree, jsonLD, into: &fields)
            if fields.paragraphs.isEmpty {
                // Readability's retry: a page whose every text block is classed as furniture is read
                // again with those classes ignored, all but consent, comments, sign-in, ads and menus.
                var lenient = tree
                lenient.readLeniently()
                readBody(lenient, jsonLD, into: &fields)
                if !fields.paragraphs.isEmpty, let source = fields.provenance["paragraphs"] {
                    fields.provenance["paragraphs"] = source + "+lenient"
                }
            }
        }
        return fields
    }

    /// The paragraphs of an HTML fragment, such as the `body` string of a JSON article.
    static func paragraphs(ofFragment html: String) -> [String] {
        guard let tree = PageTreeReader.read(html) else { return [] }
        // A fragment is all body: read it whole, leaving out only its furniture.
        return BodyExtractor.paragraphs(in: tree, roots: [tree.body]).map(\.text)
    }

    /// The body, from the best-scoring blocks of the page, else JSON-LD `articleBody`, else every
    /// paragraph of the page that is not furniture; the choice is recorded in `provenance`.
    private static func readBody(_ tree: PageTree, _ jsonLD: JSONLDArticle?, into fields: inout ArticleFields) {
        let roots = ContentSelector.roots(in: tree)
        var paragraphs = withoutRepeatedMetadata(BodyExtractor.paragraphs(in: tree, roots: roots).map(\.text), fields)
        var source = "html:content-score"
        if let lead = leadParagraph(tree, before: roots.first, description: tree.metadata.meta["og:description"]
            ?? tree.metadata.meta["description"], body: paragraphs)
        {
            paragraphs.insert(lead, at: 0)
        } else if let root = roots.first, let standfirst = Standfirst.text(in: tree, before: root),
            !paragraphs.contains(standfirst)
        {
            paragraphs.insert(standfirst, at: 0)
        }
        let domLength = paragraphs.reduce(0) { $0 + $1.utf8.count }
        if let body = jsonLD?.bodyText {
            let jsonParagraphs = JSONArticleParser.bodyParagraphs(body)
            let jsonLength = jsonParagraphs.reduce(0) { $0 + $1.utf8.count }
            if jsonLength > 0,
                (domLength < minimumDOMBody && jsonLength > domLength)
                    || Double(jsonLength) > Double(domLength) * jsonLDBodyAdvantage
            {
                paragraphs = jsonParagraphs
                source = "json-ld:articleBody"
            }
        }
        if paragraphs.isEmpty {
            paragraphs = withoutRepeatedMetadata(baselineParagraphs(tree), fields)
            source = "html:all-paragraphs"
        }
        fields.paragraphs = paragraphs
        if !paragraphs.isEmpty {
            fields.provenance["paragraphs"] = source
        }
    }

    /// A description shorter than this is a tagline, not the article's lead.
    static let minLeadDescription = 60
    /// Elements read whole while looking for the lead, from the body up.
    static let maxLeadCandidates = 32

    /// The lead paragraph printed above the body, in the article's header: the block before the body
    /// whose text begins like the page's description (`og:description` is usually the lead, cut short).
    private static func leadParagraph(_ tree: PageTree, before root: Int?, description: String?, body: [String]) -> String? {
        // The body block can sit before `<body>`'s first element in a malformed tree: nothing lies before it then.
        guard let root, tree.body < root, let description = description.map(TextCleanup.collapse),
            description.count >= minLeadDescription
        else { return nil }
        let opening = String(description.prefix(40))
        guard !body.prefix(3).contains(where: { $0.hasPrefix(opening) }) else { return nil }
        let length = Int32(description.unicodeScalars.filter { !$0.properties.isWhitespace }.count)
        var read = 0
        // Nearest the body first: the lead sits just above it, and a page's menus and teaser lists before it
        // hold many blocks of a lead's length.
        for index in stride(from: root - 1, to: tree.body, by: -1) where read < maxLeadCandidates {
            let node = tree.nodes[index]
            guard !node.isText, node.kind == .paragraph || node.kind == .heading || node.kind == .container,
                node.blockChildren == 0, node.rawText * 10 >= length * 8, node.rawText <= length * 3 + 200,
                node.linkText * 10 < node.rawText
            else { continue }
            read += 1
            if let text = tree.visibleText(of: index), text.hasPrefix(opening) { return text }
        }
        return nil
    }

    /// Every `<p>`-like block outside furniture that is not mostly links: the page's own structure,
    /// for pages where no block scores (a body of one-word paragraphs).
    private static func baselineParagraphs(_ tree: PageTree) -> [String] {
        BodyExtractor.paragraphs(in: tree, roots: [tree.body]).filter { !$0.isHeading }.map(\.text)
    }

    /// Drops the title, short subtitle and byline printed again in the body, and short date or author lines.
    ///
    /// A subtitle of `minLeadDescription` characters or more is the standfirst, which the body keeps as its
    /// lead wherever it is printed (above the body it is put first, `leadParagraph` and `Standfirst`).
    static func withoutRepeatedMetadata(_ paragraphs: [String], _ fields: ArticleFields) -> [String] {
        let subtitle = fields.subtitle.flatMap { $0.count < minLeadDescription ? $0 : nil }
        // Compared one by one: a set would hash every paragraph of the body, normalizing it, to find at most three.
        let repeated = [fields.title, subtitle, fields.byline?.raw].compactMap { $0 }
        let names = (fields.byline?.authors ?? []).map(\.name).filter { $0.count >= 4 }
        return paragraphs.filter { paragraph in
            if repeated.contains(paragraph) { return false }
            guard paragraph.utf8.count <= maxRepeatedMetaLength * 4, paragraph.count <= maxRepeatedMetaLength else {
                return true
            }
            if PublicationDate(paragraph) != nil || DateLines.isDateLine(paragraph) { return false }
            return !names.contains { paragraph.contains($0) }
        }
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
            if isSiteName(suffix, siteName: siteName, separator: separator, headlineLength: last) {
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

    private static func isSiteName(
        _ part: String, siteName: String?, separator: String = "", headlineLength: Int = 0
    ) -> Bool {
        if let siteName, part == siteName { return true }
        if !part.isEmpty && part.count <= 20 && !part.utf8.contains(UInt8(ascii: " ")) { return true }
        // After a pipe or a dash a short name of a few words is the site (`… | City Post`); headlines do
        // not use those separators inside themselves the way they use ` - ` and `: `.
        return siteNameSeparators.contains(separator) && part.count <= 40 && part.utf8.count < headlineLength
            && part.split(separator: " ").count <= 4 && !part.hasSuffix(".")
    }

    /// Separators after which a short multi-word suffix is taken for a site name.
    static let siteNameSeparators: Set<String> = [" | ", " — ", " – ", " · "]
}
