import NewslineModels

extension HTMLArticleParser {
    /// Meta names that carry a publication time on pages without `article:published_time`.
    static let dateMetaNames = [
        "article:published_time", "og:article:published_time", "article:published", "pubdate", "publishdate",
        "date", "dc.date", "dcterms.date", "dc.date.issued", "dcterms.created", "datepublished", "parsely-pub-date",
        "sailthru.date", "publish-date", "publication_date", "article.published", "cxenseparse:recs:publishtime",
        "og:published_time", "article_date_original", "date_published",
    ]
    /// Meta names that carry the author's name (`article:author` is often a profile URL, skipped then).
    static let authorMetaNames = ["author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author"]
    /// Meta names that carry the section.
    static let sectionMetaNames = ["article:section", "section", "parsely-section", "category", "dc.subject"]

    static func readTitle(_ scan: PageMetadata, _ jsonLD: JSONLDArticle?, into fields: inout ArticleFields) {
        let siteName = scan.meta["og:site_name"].flatMap { TextCleanup.trimmed($0) }
        let documentTitle = scan.documentTitle.map { withoutSiteName($0, siteName: siteName) }
        let candidates: [(String?, String)] = [
            (jsonLD?.headline, "json-ld:headline"),
            (scan.meta["og:title"].map { withoutSiteName(TextCleanup.collapse($0), siteName: siteName) }, "og:title"),
            (scan.firstHeading, "html:h1"),
            (documentTitle, "html:title"),
        ]
        if let (title, source) = candidates.first(where: { $0.0?.isEmpty == false }), let title {
            fields.title = withinTitleBudget(title, &fields)
            fields.provenance["title"] = source
        }
        if let subtitle = jsonLD?.alternativeHeadline ?? scan.subtitle {
            fields.subtitle = withinTitleBudget(subtitle, &fields)
            fields.provenance["subtitle"] =
                jsonLD?.alternativeHeadline != nil ? "json-ld:alternativeHeadline" : "html:subtitle-element"
        }
    }

    private static func withinTitleBudget(_ title: String, _ fields: inout ArticleFields) -> String {
        guard let cut = PageBudget.cut(title, to: PageBudget.maxTitleCharacters) else { return title }
        if !fields.warnings.contains(PageBudget.titleLengthWarning) {
            fields.warnings.append(PageBudget.titleLengthWarning)
        }
        return cut
    }

    static func readByline(_ scan: PageMetadata, _ jsonLD: JSONLDArticle?, into fields: inout ArticleFields) {
        if let text = scan.byline, let byline = BylineParser.parse(text), !byline.authors.isEmpty {
            fields.byline = byline
            fields.provenance["byline"] = "html:byline-element"
            return
        }
        for name in authorMetaNames {
            guard let text = scan.meta[name], !looksLikeURL(text), let byline = BylineParser.parse(text),
                !byline.authors.isEmpty
            else { continue }
            fields.byline = byline
            fields.provenance["byline"] = "meta:\(name)"
            return
        }
        if let byline = BylineParser.byline(from: Array((jsonLD?.authors ?? []).prefix(PageBudget.maxAuthors))) {
            fields.byline = byline
            fields.provenance["byline"] = "json-ld:author"
            return
        }
        let linked = scan.authorNames.compactMap { BylineParser.parse($0)?.authors }.flatMap { $0 }
        if let byline = BylineParser.byline(from: Array(linked.prefix(PageBudget.maxAuthors))) {
            fields.byline = byline
            fields.provenance["byline"] = "html:rel-author"
        }
    }

    static func readDate(
        _ scan: PageMetadata, _ jsonLD: JSONLDArticle?, sourceURL: String?, into fields: inout ArticleFields
    ) {
        if fields.setPublished(jsonLD?.datePublished, from: "json-ld:datePublished") { return }
        for name in dateMetaNames where fields.setPublished(scan.meta[name], from: "meta:\(name)") {
            return
        }
        if fields.setPublished(scan.itemDatePublished, from: "html:itemprop-datePublished") { return }
        if fields.setPublished(scan.timeAttribute, from: "html:time") { return }
        if fields.setPublished(scan.dateText, from: "html:date-element") { return }
        for url in [scan.canonicalURL, scan.meta["og:url"], sourceURL].compactMap({ $0 }) {
            if let day = urlDate(url) {
                fields.publishedDate = day
                fields.publishedAt = nil
                fields.provenance["publishedDate"] = "url:date-path"
                return
            }
        }
    }

    /// Section, declared language, canonical URL and lead image.
    static func readPageFacts(_ scan: PageMetadata, _ jsonLD: JSONLDArticle?, into fields: inout ArticleFields) {
        if let section = jsonLD?.section {
            fields.section = section
            fields.provenance["section"] = "json-ld:articleSection"
        } else {
            for name in sectionMetaNames {
                guard let section = scan.meta[name].flatMap({ TextCleanup.trimmed(TextCleanup.collapse($0)) }),
                    section.count <= 80
                else { continue }
                fields.section = section
                fields.provenance["section"] = "meta:\(name)"
                break
            }
        }
        if let language = scan.language.flatMap(languageTag) {
            fields.declaredLanguage = language
            fields.provenance["declaredLanguage"] = "html:lang"
        } else if let language = (scan.meta["og:locale"] ?? scan.meta["content-language"] ?? scan.meta["dc.language"])
            .flatMap(languageTag)
        {
            fields.declaredLanguage = language
            fields.provenance["declaredLanguage"] = scan.meta["og:locale"] != nil ? "meta:og:locale" : "meta:language"
        }
        if let url = scan.canonicalURL, looksLikeURL(url) {
            fields.canonicalURL = url
            fields.provenance["canonicalURL"] = "html:link-canonical"
        } else if let url = scan.meta["og:url"].flatMap({ TextCleanup.trimmed($0) }), looksLikeURL(url) {
            fields.canonicalURL = url
            fields.provenance["canonicalURL"] = "meta:og:url"
        }
        let imageMeta = ["og:image", "og:image:url", "twitter:image", "twitter:image:src"].first {
            scan.meta[$0].flatMap { TextCleanup.trimmed($0) } != nil
        }
        if let imageMeta {
            fields.hasLeadImage = true
            fields.provenance["hasLeadImage"] = "meta:\(imageMeta)"
        } else if jsonLD?.hasImage == true {
            fields.hasLeadImage = true
            fields.provenance["hasLeadImage"] = "json-ld:image"
        } else {
            fields.hasLeadImage = false
        }
    }

    /// `en_US` → `en-US`; nil for values that are not language tags.
    static func languageTag(_ value: String) -> String? {
        guard let trimmed = TextCleanup.trimmed(value), trimmed.count <= 35 else { return nil }
        let tag = trimmed.replacingOccurrences(of: "_", with: "-")
        guard tag.first?.isLetter == true, tag.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" })
        else { return nil }
        return tag
    }

    private static func looksLikeURL(_ text: String) -> Bool {
        text.hasPrefix("http://") || text.hasPrefix("https://") || text.hasPrefix("//")
    }

    /// A date written in a URL's path: `/2022/04/19/`, `/2022-04-19-`, `/20220419/`.
    static func urlDate(_ url: String) -> String? {
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        guard path.utf8.count <= 2_000 else { return nil }
        for segment in path.split(separator: "/") where segment.count == 8 && segment.allSatisfy(\.isASCII) {
            if segment.allSatisfy(\.isNumber) {
                let text = "\(segment.prefix(4))-\(segment.dropFirst(4).prefix(2))-\(segment.suffix(2))"
                if let date = PublicationDate(text) { return date.day }
            }
        }
        let afterHost = path.split(separator: "/").dropFirst(2).joined(separator: "/")
        return PublicationDate(afterHost)?.day
    }
}
