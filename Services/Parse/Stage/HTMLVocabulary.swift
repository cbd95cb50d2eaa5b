import TextScanning

/// Which HTML elements carry article text, which are page furniture, and how to tell them apart.
enum HTMLVocabulary {
    /// What an element is to the body extractor.
    enum Kind: UInt8 {
        /// Text and inline markup: joins the paragraph around it.
        case inline
        /// `<a>`: inline, and its text counts as link text.
        case anchor
        /// `<br>`: one is a line break, two end a paragraph.
        case lineBreak
        /// `<p>`, `<pre>`, `<blockquote>`, `<address>`: one paragraph.
        case paragraph
        /// `<h1>`…`<h6>`.
        case heading
        /// `<li>`, `<dt>`, `<dd>`.
        case listItem
        /// `<ul>`, `<ol>`, `<dl>`.
        case list
        /// `<table>` and its row groups.
        case table
        /// `<tr>`.
        case row
        /// `<td>`, `<th>`.
        case cell
        /// `<div>`, `<section>`, `<article>`, `<main>`, `<body>`…: holds paragraphs or loose text.
        case container
        /// `<form>`, `<fieldset>`: a block that is kept only when its text outweighs its inputs.
        case form
        /// `<nav>`, `<footer>`, `<aside>`, `<menu>`, `<header>`: never article text.
        case furniture
        /// `<img>` and `<amp-img>`: counted against the text of the block around it.
        case image
        /// `<iframe>`, `<video>`, `<object>`, `<embed>`: counted, never read.
        case embed
        /// `<input>`, `<select>`, `<textarea>`, `<button>`: counted, never read.
        case input
        /// `<script>`, `<style>`, `<figure>`, `<svg>`…: never read as text (JSON-LD is taken from scripts).
        case skipped
        /// `<head>`: searched for metadata only.
        case head

        /// Starts and ends a paragraph of its own.
        var isBlock: Bool {
            switch self {
            case .inline, .anchor, .lineBreak, .image, .embed, .input, .skipped: false
            default: true
            }
        }
    }

    static let kinds: [String: Kind] = {
        var kinds: [String: Kind] = ["a": .anchor, "br": .lineBreak, "head": .head, "wbr": .inline]
        for name in ["p", "pre", "blockquote", "address", "summary"] { kinds[name] = .paragraph }
        for name in ["h1", "h2", "h3", "h4", "h5", "h6"] { kinds[name] = .heading }
        for name in ["li", "dt", "dd"] { kinds[name] = .listItem }
        for name in ["ul", "ol", "dl"] { kinds[name] = .list }
        for name in ["table", "tbody", "thead", "tfoot"] { kinds[name] = .table }
        kinds["tr"] = .row
        for name in ["td", "th"] { kinds[name] = .cell }
        for name in ["div", "section", "article", "main", "body", "html", "center", "details", "hgroup", "dialog"] {
            kinds[name] = .container
        }
        // `<noscript>` is a container whose text is weak furniture (`PageTreeBuilder`): libxml2 leaves one that
        // is never closed open around the rest of the page, article included.
        kinds["noscript"] = .container
        for name in ["form", "fieldset"] { kinds[name] = .form }
        for name in ["nav", "footer", "aside", "menu", "header"] { kinds[name] = .furniture }
        for name in ["img", "amp-img", "image"] { kinds[name] = .image }
        for name in ["iframe", "video", "object", "embed", "amp-iframe", "amp-video", "amp-youtube"] { kinds[name] = .embed }
        // `<label>` is inline: it holds the text of the control it names (an ingredient beside its checkbox).
        for name in ["input", "select", "textarea", "button", "option"] { kinds[name] = .input }
        for name in [
            "script", "style", "template", "svg", "canvas", "map", "picture", "audio", "figure",
            "figcaption", "math", "source", "track", "datalist", "title", "meta", "link", "rt", "rp",
        ] {
            kinds[name] = .skipped
        }
        return kinds
    }()

    /// The kind of a lowercased tag name; custom elements (`amp-sidebar`) are inline unless their name
    /// says they are furniture, which the class markers then decide.
    static func kind(of name: String) -> Kind {
        kinds[name] ?? .inline
    }

    /// What the class and id of an element say it is, for the metadata read from the page.
    enum Role {
        case plain
        case furniture
        case byline
        case date
        case subtitle
    }

    /// Class or id words of page furniture, for the metadata roles: ads, share bars, related lists.
    static let furnitureWords: Set<String> = [
        "ad", "ads", "advert", "advertisement", "banner", "related", "popular", "ranking", "rank", "share", "sns",
        "social", "copyright", "breadcrumb", "tags", "tag", "comment", "comments", "recommend", "subscribe", "promo",
        "sponsor", "footer", "foot", "header", "nav", "menu", "gnb", "lnb", "sidebar", "aside", "btn", "button",
        "print", "skip", "util", "most", "caption", "logo", "search", "widget", "newsletter",
    ]

    /// The words of `furnitureWords` and the date words, as the keys `role(classAndID:)` looks its words up by.
    static let roleWords: [VocabularyWord: Role] = {
        var words: [String: Role] = [:]
        for word in furnitureWords { words[word] = .furniture }
        for word in ["date", "time", "datetime", "published"] { words[word] = .date }
        return VocabularyWord.table(words)
    }()

    /// One pass over the attribute's bytes, ASCII letters lowercased: marker substrings first, then the words.
    static func role(classAndID marker: String) -> Role {
        if marker.isEmpty { return .plain }
        var marker = marker
        return marker.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { scratch in
                for index in bytes.indices {
                    let byte = bytes[index]
                    scratch[index] = byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
                }
                return role(lowered: UnsafeBufferPointer(scratch))
            }
        }
    }

    private static func role(lowered: UnsafeBufferPointer<UInt8>) -> Role {
        // One pass for the markers: only where a marker's first letter stands is any of them compared.
        // The tables are read into locals once: a static read in the loop costs a check of its initialization.
        let (firstBytes, subtitles, bylines, words) = (markerFirstBytes, subtitleMarkerBytes, bylineMarkerBytes, roleWords)
        var namesByline = false
        for index in lowered.indices where firstBytes[Int(lowered[index])] {
            let rest = UnsafeBufferPointer(rebasing: lowered[index...])
            if subtitles.contains(where: { rest.starts(with: $0) }) { return .subtitle }
            if !namesByline, bylines.contains(where: { rest.starts(with: $0) }) { namesByline = true }
        }
        if namesByline { return .byline }
        var isDate = false
        var start = -1
        for index in 0...lowered.count {
            let byte = index < lowered.count ? lowered[index] : 0
            if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80 {
                if start < 0 { start = index }
                continue
            }
            guard start >= 0 else { continue }
            let word = VocabularyWord(UnsafeBufferPointer(rebasing: lowered[start..<index]))
            start = -1
            switch word.flatMap({ words[$0] }) {
            case .furniture: return .furniture
            case .date: isDate = true
            default: break
            }
        }
        return isDate ? .date : .plain
    }

    static let subtitleMarkerBytes = subtitleMarkers.map { Array($0.utf8) }
    static let bylineMarkerBytes = bylineMarkers.map { Array($0.utf8) }
    /// The bytes a subtitle or byline marker starts with, by byte value.
    static let markerFirstBytes: [Bool] = {
        var first = [Bool](repeating: false, count: 256)
        for marker in subtitleMarkerBytes + bylineMarkerBytes { first[Int(marker[0])] = true }
        return first
    }()

    /// Whether `pattern` occurs in `bytes`.
    static func contains(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
        guard let first = pattern.first, bytes.count >= pattern.count else { return false }
        var index = 0
        let last = bytes.count - pattern.count
        while index <= last {
            if bytes[index] == first {
                var matched = 1
                while matched < pattern.count, bytes[index + matched] == pattern[matched] { matched += 1 }
                if matched == pattern.count { return true }
            }
            index += 1
        }
        return false
    }

    /// The role of an element from the roles of its class and its id: subtitle, byline, furniture, date.
    static func stronger(_ first: Role, _ second: Role) -> Role {
        for role in [Role.subtitle, .byline, .furniture, .date] where first == role || second == role {
            return role
        }
        return .plain
    }

    static let subtitleMarkers = ["subtitle", "sub_title", "sub-title", "subhead", "sub_head", "deck"]
    static let bylineMarkers = ["byline", "reporter", "author", "writer", "journalist"]

    /// The ASCII letter-and-digit runs of a lowercased class list: `ad-top news_body` → ad, top, news, body.
    static func words(of text: String) -> [String] {
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
