import TextScanning

/// Which HTML elements carry article text, which are page furniture, and how to tell them apart.
enum HTMLVocabulary {
    /// Elements whose content is never article text and is not searched for metadata either.
    static let skipped: Set<String> = [
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "select",
        "textarea", "button", "input", "figure", "figcaption", "picture", "video", "audio", "map", "head",
    ]
    /// Elements that are page furniture: searched for the headline and byline but not for body text.
    static let furniture: Set<String> = ["nav", "header", "footer", "aside", "menu", "h1"]
    /// Elements that start and end a paragraph.
    static let blocks: Set<String> = [
        "p", "div", "section", "article", "main", "blockquote", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3",
        "h4", "h5", "h6", "table", "tr", "td", "th", "tbody", "thead", "tfoot", "pre", "address", "center", "hr",
        "header", "footer", "form", "fieldset", "body",
    ]
    /// Inline elements, whose text belongs to the paragraph around them.
    static let inline: Set<String> = [
        "a", "b", "strong", "em", "i", "u", "span", "font", "small", "big", "sub", "sup", "mark", "cite", "q", "abbr",
        "s", "strike", "ins", "del", "code", "time", "br",
    ]
    /// Class or id words of page furniture: ads, share bars, related and most-read lists, copyright lines.
    static let furnitureWords: Set<String> = [
        "ad", "ads", "advert", "advertisement", "banner", "related", "popular", "ranking", "rank", "share", "sns",
        "social", "copyright", "breadcrumb", "tags", "tag", "comment", "comments", "recommend", "subscribe", "promo",
        "sponsor", "footer", "foot", "header", "nav", "menu", "gnb", "lnb", "sidebar", "aside", "btn", "button",
        "print", "skip", "util", "most", "caption", "logo", "search", "widget", "newsletter",
    ]

    /// What the class and id of an element say it is.
    enum Role {
        case plain
        case furniture
        case byline
        case date
        case subtitle
    }

    static func role(classAndID marker: String) -> Role {
        if marker.isEmpty { return .plain }
        let lowered = marker.lowercased()
        if subtitleMarkers.contains(where: lowered.containsText) {
            return .subtitle
        }
        if bylineMarkers.contains(where: lowered.containsText) {
            return .byline
        }
        var isDate = false
        for word in words(of: lowered) {
            if furnitureWords.contains(word) { return .furniture }
            if word == "date" || word == "time" || word == "datetime" || word == "published" { isDate = true }
        }
        return isDate ? .date : .plain
    }

    static let subtitleMarkers = ["subtitle", "sub_title", "sub-title", "subhead", "sub_head", "deck"]
    static let bylineMarkers = ["byline", "reporter", "author", "writer", "journalist"]

    /// The ASCII letter-and-digit runs of a lowercased class list: `ad-top news_body` → ad, top, news, body.
    private static func words(of text: String) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        for byte in text.utf8 {
            if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80 {
                current.append(byte)
            } else if !current.isEmpty {
                words.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }
}
