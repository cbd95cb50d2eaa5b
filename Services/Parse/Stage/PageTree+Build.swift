import NewslineModels

extension PageTree {
    /// A byline, date or meta-classed block with at most this many characters is page furniture
    /// (`By Ana Ruiz · 19 April 2022`); a longer one is article text in an oddly named block.
    static let maxMetaBlockText: Int32 = 200
}

/// Counts of one text node's bytes: characters that are not whitespace, commas, and how it ends.
struct TextMeasure {
    var characters: Int32 = 0
    var commas: Int32 = 0
    var endsSentence = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var last: UInt8 = 0
        var lastLead: UInt8 = 0
        var previous: UInt8 = 0
        var previous2: UInt8 = 0
        var index = 0
        while index < bytes.count {
            // Eight printable ASCII bytes without a comma or space are eight characters, the last two of them
            // what the bytes after need to know (most of a page's text in Latin script).
            if index + 8 <= bytes.count {
                let word = ByteWords.load(bytes, at: index)
                if ByteWords.isASCII(word), !ByteWords.hasByteBelow(word, 0x21),
                    !ByteWords.hasByteBelow(word ^ Self.commas, 1)
                {
                    characters += 8
                    previous2 = bytes[index + 6]
                    previous = bytes[index + 7]
                    last = previous
                    lastLead = previous
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            index += 1
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                previous2 = previous
                previous = byte
                continue
            }
            if byte == 0xA0, previous == 0xC2 {
                // The lead byte of a no-break space was counted; take it back.
                characters -= 1
                previous2 = previous
                previous = byte
                continue
            }
            if byte & 0xC0 != 0x80 {
                characters += 1
                lastLead = byte
            }
            if byte == 0x2C {
                commas += 1
            } else if previous2 == 0xEF && previous == 0xBC && byte == 0x8C {
                commas += 1  // U+FF0C fullwidth comma
            } else if previous2 == 0xE3 && previous == 0x80 && byte == 0x81 {
                commas += 1  // U+3001 ideographic comma
            } else if previous == 0xD8 && byte == 0x8C {
                commas += 1  // U+060C Arabic comma
            }
            last = byte
            previous2 = previous
            previous = byte
        }
        // `.`, `!`, `?`, `"`, `)`, `。` (E3 80 82), `！`/`？` (EF BC 81 / 9F), `다` ending Korean sentences is
        // followed by `.` anyway.
        endsSentence = last == 0x2E || last == 0x21 || last == 0x3F || last == 0x22 || last == 0x29 || last == 0x82
            || last == 0x81 || last == 0x9F || lastLead == 0xE2
    }

    /// A comma in each byte: a word XORed with it has a zero byte where the word has a comma.
    private static let commas: UInt64 = 0x2C2C_2C2C_2C2C_2C2C
}

extension PageTree {
    /// Furniture holding at least this much article-marked text is a wrapper the page put around its
    /// article (`<header>` left open, `content-sidebar-wrap`, `elementor-widget-container`), not furniture.
    static let minRescuedContent: Int32 = 500
    /// …and that text must also be this share of the page's text.
    static let minRescuedShare: Float = 0.2

    /// Furniture whose text lies at least this share inside one article-marked element (of `minRescuedContent`
    /// characters or more) only wraps the article: a share bar's sticky container around the text
    /// (`documentContent__sharingContainer`), a grid column named for the navigation beside it that holds `<main>`.
    /// A navigation, share or related box holds its own links and teasers, never one article and nothing else.
    static let minWrappedShare: Float = 0.9

    /// A run of loose text this long counts as a paragraph for the conditional cleaning's ratios
    /// (the content score's shortest run).
    static let minParagraphRun: Int32 = 25

    /// Weak furniture (`header`, `caption`…) holding a run of prose this long wraps article text.
    static let minRescuedProse: Int32 = 100

    /// Decides which blocks are dropped, then measures every subtree without them, in one backward
    /// pass (children come after their parent in document order), and keeps the runs outside them.
    mutating func finish() {
        if allRuns.isEmpty { allRuns = runs } else { runs = allRuns }
        let pageText = nodes.isEmpty ? 0 : nodes[body].rawText
        for run in runs {
            let owner = Int(run.owner)
            if run.linkText * 10 < run.text { nodes[owner].longestProse = max(nodes[owner].longestProse, run.text) }
            // Readability turns a `<div>` of loose text into a `<p>` before it counts paragraphs: a run of
            // text outside `<p>` is a paragraph too (the `<p>` itself is counted once, below).
            if nodes[owner].kind != .paragraph, run.text >= Self.minParagraphRun { nodes[owner].paragraphs += 1 }
        }
        for index in nodes.indices.reversed() {
            var node = nodes[index]
            if !node.isText {
                node.dropped = isDropped(index, pageText: pageText)
                switch node.kind {
                case .paragraph: node.paragraphs += 1
                case .listItem: node.listItems += 1
                case .cell: node.cells += 1
                default: break
                }
                nodes[index] = node
            }
            let parent = Int(node.parent)
            guard parent >= 0, !node.dropped else { continue }
            nodes[parent].text += node.text
            nodes[parent].linkText += node.linkText
            nodes[parent].commas += node.commas
            nodes[parent].paragraphs += node.paragraphs
            nodes[parent].images += node.images
            nodes[parent].listItems += node.listItems
            nodes[parent].cells += node.cells
            nodes[parent].inputs += node.inputs
            nodes[parent].embeds += node.embeds
            nodes[parent].longestProse = max(nodes[parent].longestProse, node.longestProse)
            if node.kind.isBlock && !node.isText { nodes[parent].blockChildren += 1 }
        }
        // Parents come first, so one forward pass knows whether any ancestor is dropped.
        var insideDropped = [Bool](repeating: false, count: nodes.count)
        for index in nodes.indices {
            let parent = Int(nodes[index].parent)
            insideDropped[index] = nodes[index].dropped || (parent >= 0 && insideDropped[parent])
        }
        runs.removeAll { insideDropped[Int($0.owner)] }
    }

    /// The same page read again with class-named furniture kept, for a page whose strict reading has
    /// no body: measures start over from the text nodes.
    mutating func readLeniently() {
        lenient = true
        for index in nodes.indices where !nodes[index].isText {
            let kind = nodes[index].kind
            nodes[index].text = 0
            nodes[index].linkText = 0
            nodes[index].commas = 0
            nodes[index].paragraphs = 0
            nodes[index].listItems = 0
            nodes[index].cells = 0
            nodes[index].blockChildren = 0
            nodes[index].longestProse = 0
            nodes[index].images = kind == .image ? 1 : 0
            nodes[index].embeds = kind == .embed ? 1 : 0
            // Inputs are leaves: their own count (form fields only) stands.
            nodes[index].inputs = kind == .input ? nodes[index].inputs : 0
        }
        finish()
    }

    /// Whether the class or id of a block names text of its own that an article-marked element may hold:
    /// comments (each in an `<article>`), consent, sign-in and newsletter dialogs (a `content` inside).
    /// Read only for the few furniture blocks that hold little but one article-marked element.
    private func namesOwnText(_ index: Int) -> Bool {
        [classList(of: index), ids[Int32(index)]].contains { value in
            value.map { BoilerplateMarkers.namesOwnText($0) } ?? false
        }
    }

    private func isDropped(_ index: Int, pageText: Int32) -> Bool {
        let node = nodes[index]
        if lenient, !node.alwaysFurniture, node.mark == .furniture || node.mark == .weakFurniture || node.mark == .meta {
            return false
        }
        let holdsArticle = node.bestContent >= Self.minRescuedContent
        let rescued = holdsArticle && Float(node.bestContent) >= Float(pageText) * Self.minRescuedShare
        // Only a class names a wrapper so: `<nav>`, `<aside>` and `<footer>` are the page's own word. Read for
        // class-named furniture only, as its class words are compared last.
        func wraps() -> Bool {
            holdsArticle && Float(node.bestContent) >= Float(node.rawText) * Self.minWrappedShare
                && !namesOwnText(index)
        }
        switch node.mark {
        case .hidden: return true
        case .furniture: return !rescued && !wraps()
        case .weakFurniture: return !rescued && node.longestProse < Self.minRescuedProse && !wraps()
        case .meta: return node.text <= Self.maxMetaBlockText
        case .none:
            if node.kind == .head { return true }
            guard node.kind == .furniture, !rescued else { return false }
            // `<header>` holds the lead paragraph on some pages; `<nav>`, `<footer>`, `<aside>` never do.
            return tag(of: index).special != .header || node.longestProse < Self.minRescuedProse
        }
    }
}
