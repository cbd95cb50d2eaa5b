/// What an element's class, id, role and visibility attributes say about it, for the body extractor.
///
/// Class names are split into words at `-`, `_`, spaces and camel-case humps (`relatedArticles` →
/// related, articles), so the vocabulary below matches how sites in any language name their blocks:
/// the names are English-based even on Korean, Polish or Chinese pages. The weights follow
/// Readability's class weighting (±25); the furniture words are the blocks every extractor drops
/// (trafilatura's discard list, Readability's unlikely candidates).
enum BoilerplateMarkers {
    /// What the attributes make of an element.
    enum Mark: UInt8 {
        case none
        /// Navigation, share bars, related links, comments, cookie and newsletter boxes, captions…: dropped.
        case furniture
        /// Words that are furniture on most pages and a wrapper of article text on some (`header`,
        /// `caption`, `teaser`): dropped unless a paragraph of prose is inside.
        case weakFurniture
        /// A byline, date or meta line: dropped when short (a long one is article text with an odd class).
        case meta
        /// Not shown to the reader (`hidden`, `aria-hidden`, `display:none`, screen-reader-only text).
        case hidden
    }

    struct Verdict {
        var mark: Mark = .none
        /// Readability's class weight: +25 per positive attribute, −25 per negative one.
        var weight = 0
        /// A class name says article and nothing else (`entry-content`, `article-body`).
        var isContent = false
        /// A class name says cookie consent, comments, sign-in, ads or navigation.
        var alwaysFurniture = false
    }

    /// Whole words that name page furniture.
    static let furnitureWords: Set<String> = [
        "nav", "navbar", "menu", "menus", "submenu", "megamenu", "breadcrumb", "breadcrumbs", "footer", "masthead",
        "header", "topbar", "toolbar", "share", "shares", "sharing", "sharebar", "social", "sns", "related", "comment",
        "comments", "disqus", "cookie", "cookies", "consent", "gdpr", "newsletter", "subscribe", "subscription",
        "signup", "login", "signin", "register", "sidebar", "aside", "ad", "ads", "advert", "adverts", "advertisement",
        "adsense", "dfp", "gpt", "banner", "sponsor", "sponsored", "promo", "promotion", "popup", "modal", "pagination",
        "pager", "skip", "outbrain", "taboola", "recirculation", "recirc", "trending", "popular", "mostread",
        "ranking", "tags", "tag", "taglist", "keywords", "caption", "captions", "credit", "credits", "copyright",
        "recommended", "recommendations", "recommend", "rating", "reactions", "reply", "replies", "paywall",
        "donate", "donation", "jump", "backtotop",
        "print", "email", "mail", "follow", "whatsapp", "facebook", "twitter", "pinterest", "linkedin", "telegram",
        "logo", "search", "cta", "teaser", "teasers", "promos", "partner", "partners",
        "more", "next", "prev", "previous", "also", "readmore", "readalso", "interlink", "sticky", "ratings",
        "button", "buttons", "btn",
    ]
    /// Furniture words that also name wrappers of article text: the lead sits in `ratgeber-header-module`,
    /// a video's description in `item-caption`.
    static let weakFurnitureWords: Set<String> = [
        "header", "masthead", "topbar", "toolbar", "caption", "captions", "credit", "credits", "more", "next", "prev",
        "previous", "also", "print", "email", "mail", "follow", "logo", "search", "cta", "partner", "partners", "jump",
        "sticky", "skip", "teaser", "teasers", "rating", "reactions", "tag", "tags", "keywords", "donate", "donation",
        "interlink", "readmore", "readalso", "backtotop", "reply",
        // The text a paywall covers is in the page (`content-behind-paywall`, `non-paywall`).
        "paywall",
    ]
    /// Word prefixes that name page furniture (`commentlist`, `sharedaddy`, `relatedposts`).
    static let furniturePrefixes = [
        "comment", "share", "social", "related", "newsletter", "subscri", "cookie", "sidebar", "breadcrumb",
        "advert", "sponsor", "promo", "recommend", "navigation", "footer", "pagination", "popup", "taboola",
        "outbrain", "disqus", "consent", "banner", "trending",
    ]
    /// Word endings that name page furniture in compounds (`aktionsbutton`, `sharebuttons`).
    static let furnitureSuffixes = ["button", "buttons"]
    /// Words that, beside an author word, make a block the author's box rather than a byline: a biography
    /// of any length is about the writer, not the article (trafilatura discards every `author` class).
    static let authorBoxWords: Set<String> = [
        "bio", "biography", "box", "desc", "description", "about", "profile", "card", "info", "details",
    ]
    static let authorWords: Set<String> = ["author", "authors", "autor", "writer"]

    /// Words that are furniture only in a compound: `commentary` is an article genre, `header` alone a wrapper.
    static let notFurniture: Set<String> = ["commentary", "commentaries", "shared", "sharepoint"]
    /// Bylines, dates and meta lines: dropped from the body when short.
    static let metaWords: Set<String> = [
        "byline", "bylines", "author", "authors", "date", "dateline", "dates", "time", "timestamp", "pubdate",
        "published", "posted", "meta", "metadata", "info", "writer", "reporter", "source", "updated", "datetime",
    ]
    /// Words that say a block is (part of) the article.
    static let positiveWords: Set<String> = [
        "article", "articles", "body", "content", "contents", "entry", "hentry", "main", "page", "post", "text",
        "blog", "story", "artikel", "articulo", "noticia", "nota", "texto", "contenido", "cuerpo", "inhalt", "texte",
        "testo", "tekst", "corpo", "conteudo", "news", "detail", "view", "prose", "richtext", "paragraph",
        // A recipe's ingredients and steps are its text (schema.org `recipeIngredient`, `recipeInstructions`),
        // however their tables and lists are styled (`ingredients table-header`, `recipe-card-ingredients`).
        "ingredients", "ingredient", "instructions", "directions", "steps", "zutaten", "zubereitung", "ingredientes",
        "preparacion", "ingredienti", "preparazione", "skladniki", "przygotowanie",
    ]
    /// Words Readability weighs down without dropping the block.
    static let negativeWords: Set<String> = [
        "combx", "contact", "media", "outbrain", "scroll", "shoutbox", "skyscraper", "shopping", "widget", "meta",
        "hidden", "hid", "bottom", "extra", "foot", "side", "teaser", "card", "cards", "thumb", "thumbnail",
        // Page builders (Elementor, Divi) call every block a widget, and galleries sit inside articles.
        "widgets", "gallery", "slideshow", "carousel", "lightbox", "playlist",
    ]
    /// Words that hide a block from sighted readers.
    static let hiddenWords: Set<String> = ["hidden", "hide", "invisible", "offscreen"]
    /// Multi-word class names that hide a block (`sr-only`, `visually-hidden`, `screen-reader-text`).
    /// Responsive ones (`hidden-xs`, `d-none d-md-block`) hide it on some screens only, so they do not count.
    static let hiddenJoinedWords: Set<String> = ["sronly", "screenreadertext", "screenreaderonly", "visuallyhidden"]
    /// ARIA landmark roles of furniture.
    static let furnitureRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "dialog", "alertdialog", "search",
        "toolbar", "tablist", "alert",
    ]
    /// Class words that state a condition rather than a kind of block (`has-sidebar`, `no-comments`).
    static let stateWords: Set<String> = ["has", "with", "no", "without", "show", "is", "hasnt", "enable", "enabled"]

    /// What one class or id attribute says, before it is combined with the element's other attributes.
    struct Reading {
        var hidden = false
        var positive = false
        var negative = false
        var furnitureNamed = false
        var onlyWeakFurniture = true
        var metaNamed = false
        var purelyPositive = false
        var alwaysFurniture = false
    }

    /// Furniture words that never name article text, even on a page read leniently.
    static let alwaysFurnitureWords: Set<String> = [
        "cookie", "cookies", "consent", "gdpr", "comment", "comments", "disqus", "login", "signin", "register",
        "newsletter", "subscribe", "subscription", "signup", "ad", "ads", "advert", "advertisement",
        "modal", "popup", "nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "share", "sharing", "social",
    ]

    /// Word prefixes of furniture that holds text of its own (comments, consent, sign-in and newsletter
    /// dialogs, boxes of teasers to other articles, the site's about and imprint texts in sidebars and
    /// footers), which an article-marked element inside it (a comment's or a teaser's `<article>`, a dialog's
    /// `content`, a sidebar's `textwidget`) does not make a wrapper of the article.
    static let ownTextPrefixes = [
        "comment", "disqus", "repl", "cookie", "consent", "gdpr", "privacy", "login", "signin", "register",
        "newsletter", "subscri", "signup", "modal", "popup", "dialog", "related", "recommend", "teaser", "promo",
        "trending", "popular", "mostread", "recirc", "outbrain", "taboola", "more", "next", "prev", "sidebar",
        "footer", "author", "bio",
    ]

    /// Whether a class or id attribute names furniture with text of its own (`ownTextPrefixes`).
    static func namesOwnText(_ attribute: String) -> Bool {
        attribute.split(whereSeparator: \.isWhitespace).contains { name in
            splitWords(name).contains { word in ownTextPrefixes.contains { word.hasPrefix($0) } }
        }
    }

    /// What the vocabulary above says of one word, looked up once per word instead of once per set.
    struct WordFlags: OptionSet {
        let rawValue: UInt16
        static let positive = WordFlags(rawValue: 1 << 0)
        static let negative = WordFlags(rawValue: 1 << 1)
        static let furniture = WordFlags(rawValue: 1 << 2)
        static let weakFurniture = WordFlags(rawValue: 1 << 3)
        static let alwaysFurniture = WordFlags(rawValue: 1 << 4)
        static let meta = WordFlags(rawValue: 1 << 5)
        static let notFurniture = WordFlags(rawValue: 1 << 6)
        static let state = WordFlags(rawValue: 1 << 7)
        static let hidden = WordFlags(rawValue: 1 << 8)
        static let author = WordFlags(rawValue: 1 << 9)
        static let authorBox = WordFlags(rawValue: 1 << 10)
    }

    /// Every word of the vocabulary with what it says; a word missing here says nothing by itself.
    static let wordFlags: [String: WordFlags] = {
        var flags: [String: WordFlags] = [:]
        func mark(_ words: Set<String>, _ flag: WordFlags) {
            for word in words { flags[word, default: []].insert(flag) }
        }
        mark(positiveWords, .positive)
        mark(negativeWords, .negative)
        mark(furnitureWords, .furniture)
        mark(weakFurnitureWords, .weakFurniture)
        mark(alwaysFurnitureWords, .alwaysFurniture)
        mark(metaWords, .meta)
        mark(notFurniture, .notFurniture)
        mark(stateWords, .state)
        mark(hiddenWords, .hidden)
        mark(authorWords, .author)
        mark(authorBoxWords, .authorBox)
        return flags
    }()

    /// The furniture prefixes by their first byte: a word is compared with those opening with its own.
    static let furniturePrefixBytes: [[[UInt8]]] = {
        var buckets = [[[UInt8]]](repeating: [], count: 256)
        for prefix in furniturePrefixes { buckets[Int(prefix.utf8.first!)].append(Array(prefix.utf8)) }
        return buckets
    }()
    static let furnitureSuffixBytes = furnitureSuffixes.map { Array($0.utf8) }
    /// `wordFlags` and `hiddenJoinedWords` by the packed keys the readings look words up with.
    static let wordFlagKeys = VocabularyWord.table(wordFlags)
    static let hiddenJoinedKeys = Set(hiddenJoinedWords.compactMap(VocabularyWord.init))

    /// The flags of one lowercased word given as its bytes, prefixes and suffixes of furniture included.
    static func flags(of word: UnsafeBufferPointer<UInt8>, _ tables: FlagTables) -> WordFlags {
        var flags = VocabularyWord(word).flatMap { tables.words[$0] } ?? []
        if !flags.contains(.furniture), !flags.contains(.notFurniture), let first = word.first,
            tables.prefixes[Int(first)].contains(where: { word.starts(with: $0) })
                || tables.suffixes.contains(where: { word.count >= $0.count && word.suffix($0.count).elementsEqual($0) })
        {
            flags.insert(.furniture)
        }
        return flags
    }

    /// The word tables `flags(of:_:)` reads, taken from the statics once per attribute rather than once per word.
    struct FlagTables {
        let words = wordFlagKeys
        let prefixes = furniturePrefixBytes
        let suffixes = furnitureSuffixBytes
    }

    /// What the words of one class name say together, gathered as they are read.
    private struct NameWords {
        var count = 0
        var first: WordFlags = []
        var any: WordFlags = []
        /// A word that is furniture and not made harmless by `notFurniture`; of those, one that is always
        /// furniture, and one that is more than weak furniture.
        var furniture = false
        var alwaysFurniture = false
        var strongFurniture = false
        /// A meta word that is no furniture.
        var meta = false

        mutating func add(_ word: WordFlags) {
            if count == 0 { first = word }
            count += 1
            any.formUnion(word)
            if word.contains(.notFurniture) { return }
            if word.contains(.furniture) {
                furniture = true
                if word.contains(.alwaysFurniture) { alwaysFurniture = true }
                if !word.contains(.weakFurniture) { strongFurniture = true }
            } else if word.contains(.meta) {
                meta = true
            }
        }
    }

    /// Reads one class or id attribute; pages repeat their class lists, so callers cache the result.
    ///
    /// One pass over the attribute's bytes: names split at whitespace, words at non-letters and camel-case
    /// humps, each word looked up once in `wordFlagKeys`, without a `String` for any of them.
    static func reading(of attribute: String) -> Reading {
        var attribute = attribute
        return attribute.withUTF8 { bytes in
            // The word being read and the name's words joined, each at most as long as the attribute.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * bytes.count + 2) { scratch in
                reading(of: bytes, scratch: scratch)
            }
        }
    }

    private static func reading(of bytes: UnsafeBufferPointer<UInt8>, scratch: UnsafeMutableBufferPointer<UInt8>) -> Reading {
        var reading = Reading()
        var words = NameWords()
        let tables = FlagTables()
        let hiddenJoined = hiddenJoinedKeys
        let joinedStart = bytes.count + 1
        var wordLength = 0
        var joinedLength = 0
        var previousLower = false
        func endWord() {
            guard wordLength > 0 else { return }
            words.add(flags(of: UnsafeBufferPointer(rebasing: scratch[0..<wordLength]), tables))
            for index in 0..<wordLength { scratch[joinedStart + joinedLength + index] = scratch[index] }
            joinedLength += wordLength
            wordLength = 0
        }
        /// Folds one class name's words into the reading; false when the name hides the block.
        func endName() -> Bool {
            endWord()
            previousLower = false
            let name = words
            let joined = UnsafeBufferPointer(rebasing: scratch[joinedStart..<(joinedStart + joinedLength)])
            words = NameWords()
            joinedLength = 0
            if name.count == 0 || name.any.contains(.state) { return true }
            if (name.count == 1 && name.first.contains(.hidden))
                || VocabularyWord(joined).map(hiddenJoined.contains) == true
            {
                reading.hidden = true
                return false
            }
            var nameFurniture = name.furniture
            var nameMeta = name.meta
            if name.any.contains(.negative) { reading.negative = true }
            if name.alwaysFurniture { reading.alwaysFurniture = true }
            if name.strongFurniture { reading.onlyWeakFurniture = false }
            if name.any.contains(.author), name.any.contains(.authorBox) {
                nameFurniture = true
                nameMeta = false
                reading.onlyWeakFurniture = false
            }
            let namePositive = name.any.contains(.positive)
            reading.positive = reading.positive || namePositive
            reading.negative = reading.negative || nameFurniture
            reading.furnitureNamed = reading.furnitureNamed || nameFurniture
            reading.metaNamed = reading.metaNamed || nameMeta
            reading.purelyPositive = reading.purelyPositive || (namePositive && !nameFurniture && !nameMeta)
            return true
        }
        for byte in bytes {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A {
                if !endName() { return reading }
                continue
            }
            let isUpper = byte >= 0x41 && byte <= 0x5A
            let isLower = byte >= 0x61 && byte <= 0x7A
            if isUpper {
                if previousLower { endWord() }
                scratch[wordLength] = byte + 32
                wordLength += 1
            } else if isLower || byte >= 0x80 {
                scratch[wordLength] = byte
                wordLength += 1
            } else {
                endWord()
            }
            previousLower = isLower
        }
        _ = endName()
        return reading
    }

    /// Reads class, id, role, hidden, aria-hidden and style; every argument may be nil.
    static func verdict(
        classes: String?, id: String?, role: String?, hidden: Bool, ariaHidden: String?, style: String?
    ) -> Verdict {
        verdict(
            classes: classes.map(reading), id: id.map(reading), role: role, hidden: hidden, ariaHidden: ariaHidden,
            style: style)
    }

    /// Combines the readings of an element's class and id with its role and visibility attributes.
    static func verdict(
        classes: Reading?, id: Reading?, role: String?, hidden: Bool, ariaHidden: String?, style: String?
    ) -> Verdict {
        var verdict = Verdict()
        if hidden || ariaHidden == "true" || style.map(hidesElement) == true || classes?.hidden == true
            || id?.hidden == true
        {
            verdict.mark = .hidden
            return verdict
        }
        if let role = role?.lowercased(), furnitureRoles.contains(role) {
            verdict.mark = .furniture
            return verdict
        }
        // A block is furniture only when no class name of it is purely positive: `<article class="post
        // hentry tag-covid">` is the article (CMS taxonomy classes name its tags), `article-footer` is not.
        let readings = [classes, id].compactMap { $0 }
        for reading in readings {
            if reading.positive { verdict.weight += 25 }
            if reading.negative { verdict.weight -= 25 }
        }
        let purelyPositive = readings.contains { $0.purelyPositive }
        verdict.alwaysFurniture = readings.contains { $0.alwaysFurniture }
        verdict.isContent = purelyPositive
        guard !purelyPositive else { return verdict }
        if readings.contains(where: \.furnitureNamed) {
            verdict.mark = readings.allSatisfy(\.onlyWeakFurniture) ? .weakFurniture : .furniture
        } else if readings.contains(where: \.metaNamed) {
            verdict.mark = .meta
        }
        return verdict
    }

    /// `display:none` or `visibility:hidden` in an inline style.
    ///
    /// Read as bytes, whitespace left out and ASCII lowercased: many elements carry an inline style.
    static func hidesElement(_ style: String) -> Bool {
        var compact: [UInt8] = []
        compact.reserveCapacity(style.utf8.count)
        for byte in style.utf8 where byte != 0x20 && byte != 0x09 && byte != 0x0A {
            compact.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
        }
        return HTMLVocabulary.contains(compact, displayNone) || HTMLVocabulary.contains(compact, visibilityHidden)
    }

    static let displayNone = Array("display:none".utf8)
    static let visibilityHidden = Array("visibility:hidden".utf8)

    /// Lowercased words of one class name, split at non-letters and camel-case humps.
    static func splitWords(_ name: Substring) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        var previousLower = false
        func finish() {
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for byte in name.utf8 {
            let isUpper = byte >= 0x41 && byte <= 0x5A
            let isLower = byte >= 0x61 && byte <= 0x7A
            if isUpper {
                if previousLower { finish() }
                current.append(byte + 32)
            } else if isLower || byte >= 0x80 {
                current.append(byte)
            } else {
                finish()
            }
            previousLower = isLower
        }
        finish()
        return words
    }
}
