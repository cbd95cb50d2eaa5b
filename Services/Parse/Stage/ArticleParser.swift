import NewslineModels

/// Turns an `article.ingested` event into an `article.parsed` event: the article's structure.
public struct ArticleParser: Sendable {
    public init() {}

    /// Throws RejectedInput(reason "no-article-content") when there is neither title nor body.
    ///
    /// An HTML page with no body text is refused the same way (its `<title>` is then the site's name),
    /// and a JSON article whose text does not parse gives `malformed-json`.
    public func parse(_ article: ArticleIngested) throws -> ArticleParsed {
        var fields: ArticleFields
        switch article.format {
        case .archiveText: fields = ArchivePageParser.parse(article.text)
        case .html: fields = HTMLArticleParser.parse(article.text, sourceURL: article.sourceURL)
        case .json: fields = try JSONArticleParser.parse(article.text)
        case .plain: fields = PlainTextParser.parse(article.text)
        }
        Self.applyBudgets(&fields)
        Self.applyPublicationDay(&fields, sourceURL: article.sourceURL)
        if fields.title == nil && fields.paragraphs.isEmpty {
            throw RejectedInput(RejectedInput.noArticleContent, "no title and no body text")
        }
        if article.format == .html && fields.paragraphs.isEmpty {
            // A page with no body text is an app shell or an index page; its <title> is the site's name.
            throw RejectedInput(RejectedInput.noArticleContent, "the HTML page has no body text")
        }
        let bodyCharCount = fields.paragraphs.reduce(0) { $0 + TextCleanup.characterCount($1) }
        var provenance = fields.provenance
        provenance["bodyCharCount"] = "measured:paragraphs"
        return ArticleParsed(
            articleId: article.articleId,
            contentHash: article.contentHash,
            source: article.source,
            sourceURL: article.sourceURL,
            format: article.format,
            charset: article.charset,
            rawBytes: article.rawBytes,
            receivedAt: article.receivedAt,
            title: fields.title,
            subtitle: fields.subtitle,
            byline: fields.byline,
            publishedDate: fields.publishedDate,
            publishedAt: fields.publishedAt,
            section: fields.section,
            page: fields.page,
            paragraphs: fields.paragraphs,
            declaredCharCount: fields.declaredCharCount,
            bodyCharCount: bodyCharCount,
            hasMedia: fields.hasMedia,
            quality: QualityAssessor.assess(fields, bodyCharCount: bodyCharCount),
            provenance: provenance,
            declaredLanguage: fields.declaredLanguage,
            canonicalURL: fields.canonicalURL,
            hasLeadImage: fields.hasLeadImage
        )
    }

    /// Keeps at most `PageBudget.maxParagraphs` paragraphs of at most `maxParagraphCharacters` each,
    /// whatever the format, and names the cut in the quality warnings.
    static func applyBudgets(_ fields: inout ArticleFields) {
        if fields.paragraphs.count > PageBudget.maxParagraphs {
            fields.paragraphs.removeLast(fields.paragraphs.count - PageBudget.maxParagraphs)
            fields.warnings.append(PageBudget.paragraphBudgetWarning)
        }
        var cut = false
        for index in fields.paragraphs.indices {
            if let shorter = PageBudget.cut(fields.paragraphs[index], to: PageBudget.maxParagraphCharacters) {
                fields.paragraphs[index] = shorter
                cut = true
            }
        }
        if cut { fields.warnings.append(PageBudget.paragraphLengthWarning) }
    }
}
