import NewslineModels

extension ArticleParser {
    /// How many letters of the title and first paragraphs are read to tell a Korean article; bounds the
    /// check on a long page (the rest of the text is not read).
    static let koreanSampleLetters = 400

    /// Sets `publishedDate` to the paper's day of `publishedAt` (`PublicationDay`, the rule enrich dates by),
    /// so a Korean paper's `2024-05-20T15:10:00Z` is dated 21 May, its day in Seoul.
    ///
    /// Korean time applies when the page declares Korean, its address is under `.kr`, or its title and first
    /// paragraphs are mostly Hangul (a Korean paper that declares no language). A date taken from the URL
    /// path or printed text has no `publishedAt` and is left as written.
    static func applyPublicationDay(_ fields: inout ArticleFields, sourceURL: String?) {
        guard let timestamp = fields.publishedAt else { return }
        let korean = PublicationDay.isKorean(
            language: isMostlyHangul(fields) ? "ko" : nil, declaredLanguage: fields.declaredLanguage,
            urls: [fields.canonicalURL, sourceURL])
        if let day = PublicationDay.day(timestamp: timestamp, inKorea: korean), day != fields.publishedDate {
            fields.publishedDate = day
            fields.provenance["publishedDate"] = (fields.provenance["publishedDate"] ?? "") + "+paper-time-zone"
        }
    }

    /// Whether at least half of the first `koreanSampleLetters` letters of the title and body are Hangul.
    static func isMostlyHangul(_ fields: ArticleFields) -> Bool {
        var letters = 0
        var hangul = 0
        for text in [fields.title ?? ""] + fields.paragraphs.prefix(3) {
            for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
                letters += 1
                if (0xAC00...0xD7A3).contains(scalar.value) || (0x1100...0x11FF).contains(scalar.value) { hangul += 1 }
                if letters >= koreanSampleLetters { return hangul * 2 >= letters }
            }
        }
        return letters > 0 && hangul * 2 >= letters
    }
}
