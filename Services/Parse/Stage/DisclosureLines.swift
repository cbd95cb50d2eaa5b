import TextScanning

/// Advertising and affiliate disclosures: the notice that a text contains advertising, that its links earn
/// the site a commission, or that advertisers do not influence it.
///
/// Consumer-protection rules make sites print them inside the article (at its top, under a product box or
/// at its end), as a plain paragraph without a class that names them; they are about the page's business,
/// not the story. Only short paragraphs are read, with phrases that are disclosures in themselves.
enum DisclosureLines {
    /// A disclosure is one or two sentences; longer paragraphs are article text that discusses advertising.
    static let maxCharacters: Int32 = 240

    /// Lowercased disclosure phrases (English, German, French, Spanish, Italian).
    static let cues: [String] = [
        "affiliate link", "affiliate-link", "affiliatelink", "enthält werbung", "*werbung",
        "unbezahlte werbung", "bezahlte partnerschaft", "earn a commission", "we may earn",
        "may receive compensation", "we may receive", "advertising disclaimer", "advertiser disclosure",
        "advertisers do not influence", "sponsored post", "this post is sponsored", "lien affilié",
        "liens affiliés", "liens sponsorisés", "enlaces de afiliados", "enlace de afiliado", "link di affiliazione",
    ]

    /// Whether a paragraph is an advertising or affiliate disclosure.
    static func isDisclosure(_ text: String, characters: Int32) -> Bool {
        guard characters <= maxCharacters else { return false }
        let lowered = text.lowercasedText()
        return cueWords.found(in: lowered)
    }

    /// The cues above, read in one pass over a line.
    static let cueWords = WordCues(cues)
}
