/// Reads the paragraphs of the chosen body blocks, leaving out the boilerplate inside them.
///
/// Each block element is a paragraph of its own (headings, list items and table cells too, so lists
/// and tables that belong to the article stay as text), `<br><br>` splits loose text, inline tags join
/// their text to the paragraph around them. Inside the body, furniture-classed and hidden blocks are
/// skipped, and so are blocks Readability's conditional cleaning finds to be boxes rather than text:
/// mostly links (related lists, tag clouds), more inputs than paragraphs (forms), more images than
/// paragraphs (galleries), a lone embed. Paragraphs that are mostly link text ("Read also: …") and
/// headings left with nothing after them (the title of a dropped related box) are dropped last.
enum BodyExtractor {
    /// A block with this many commas is prose whatever else it holds (Readability).
    static let proseCommas: Int32 = 10
    /// Link share above which a block inside the body is a box of links, for blocks without a
    /// positive class weight (Readability's 0.2) and with one (0.5).
    static let maxLinkDensity: Float = 0.2
    static let maxLinkDensityOfContentBlock: Float = 0.5
    /// Link share above which one paragraph is a link list or a "read also" line.
    static let maxParagraphLinkDensity: Float = 0.5

    /// Share of the body's text in link lines above which the body is a list of links, kept whole…
    static let maxLinkLineShare = 0.5
    /// …when it has at least this many of them (one link beside a label is a form's or a box's, not a list).
    static let minLinkListLines = 3

    /// Cells above which a table inside the body is a data table (Readability's rows × columns > 10).
    static let minDataTableCells: Int32 = 10

    /// A run of prose this long keeps a block with a negative class weight in the body.
    static let minProseInNegativeBlock: Int32 = 100

    /// A paragraph this long is prose (jusText's `length_low` of 70 characters).
    static let minProseCharacters: Int32 = 40

    struct Paragraph {
        var text: String
        var characters: Int32
        var linkCharacters: Int32
        var isHeading: Bool
        /// A list item or table cell: a line of a list the article holds (ingredients, facts, data).
        var isListLine = false
    }

    static func paragraphs(in tree: PageTree, roots: [Int]) -> [Paragraph] {
        let unfiltered = unfilteredParagraphs(in: tree, roots: roots)
        // A post that is a list of links (a link roundup, show notes: "Title via Site" a line) keeps its lines:
        // link lines are boilerplate only beside text, when they are the lesser part of the body.
        let linkLineText = unfiltered.reduce(0) { $0 + (isLinkLine($1) ? Int($1.characters) : 0) }
        let bodyText = unfiltered.reduce(0) { $0 + Int($1.characters) }
        let linkLines = unfiltered.reduce(0) { $0 + (isLinkLine($1) ? 1 : 0) }
        let keepsLinkLines = linkLines >= minLinkListLines && Double(linkLineText) > Double(bodyText) * maxLinkLineShare
        var paragraphs = unfiltered.filter { (keepsLinkLines || !isLinkLine($0)) && !isLineOfThePage($0) }
        dropAppendix(from: &paragraphs)
        // jusText's context rule at the edge: short lines after the last paragraph of prose have no good
        // neighbour on one side ("War der Artikel nützlich?", "Titelbild:", "Quellen ausblenden"), unless
        // they close the text (a last sentence, a greeting) or go on its list; notes to the reader closing
        // the body (subscribe, follow us, copyright) go with them, as long as more is left.
        while true {
            if let lastProse = paragraphs.lastIndex(where: { $0.characters >= minProseCharacters && !$0.isHeading }) {
                let closing = paragraphs[(lastProse + 1)...].prefix(while: isClosingLine).count
                paragraphs.removeSubrange((lastProse + 1 + closing)...)
            }
            guard paragraphs.count > 1, let last = paragraphs.last,
                ReaderNotes.isNote(last.text, characters: last.characters)
            else { break }
            paragraphs.removeLast()
        }
        // A heading with nothing after it is the title of a box that was dropped ("Related", "Comments").
        while paragraphs.last?.isHeading == true { paragraphs.removeLast() }
        return paragraphs
    }

    /// Every paragraph of the chosen blocks with boxes left out, before the line filters.
    static func unfilteredParagraphs(in tree: PageTree, roots: [Int]) -> [Paragraph] {
        var collector = Collector()
        for root in roots {
            read(root, in: tree, into: &collector)
            collector.flush()
        }
        return collector.paragraphs
    }

    /// A paragraph that is mostly link text: a link list or a "read also" line.
    static func isLinkLine(_ paragraph: Paragraph) -> Bool {
        paragraph.characters > 0
            && Float(paragraph.linkCharacters) / Float(paragraph.characters) > maxParagraphLinkDensity
    }

    /// Whether a short line after the article's last paragraph still belongs to it: no link in it, and
    /// either a line of the article's list or a sentence of its own (ends like one, not with a `:` that
    /// announces a box).
    static func isClosingLine(_ paragraph: Paragraph) -> Bool {
        guard paragraph.linkCharacters == 0, !paragraph.isHeading else { return false }
        if paragraph.isListLine { return true }
        guard let last = paragraph.text.unicodeScalars.last else { return false }
        return closingMarks.contains(last)
    }

    /// Marks a sentence or a greeting ends with: `.`, `!`, `?`, `…`, closing quotes, `。`, and emoticons' `)`.
    static let closingMarks: Set<Unicode.Scalar> = [".", "!", "?", "…", "\u{201C}", "\u{201D}", "\u{00BB}", "\"", "。", "！", "？"]

    /// Whether a short paragraph is a caption, a control label or a disclosure (the cue lists say which);
    /// paragraphs longer than any of them are not read against the lists.
    static func isLineOfThePage(_ paragraph: Paragraph) -> Bool {
        guard paragraph.characters <= maxLineOfThePage else { return false }
        return CaptionLines.isCaption(paragraph.text) || InterfaceLabels.isLabel(paragraph.text)
            || DisclosureLines.isDisclosure(paragraph.text, characters: paragraph.characters)

    }

    /// The longest caption, label or disclosure, in characters without whitespace.
    static let maxLineOfThePage = max(Int32(CaptionLines.maxLabelledCaption), DisclosureLines.maxCharacters)

    /// Paragraphs after a note to the reader that still belong to its box ("Join now to get: …").
    static let maxParagraphsAfterNote = 3

    /// Drops the appendix under the article (contact, sources, further reading) from its label line on, and
    /// a box of notes to the reader (a paywall or donation appeal and its explanation) from its first note
    /// on, when they sit in the last part of the body.
    static func dropAppendix(from paragraphs: inout [Paragraph]) {
        let total = paragraphs.reduce(0) { $0 + Int($1.characters) }
        var after = 0
        var cut: Int?
        for index in paragraphs.indices.reversed() {
            if Double(after) > Double(total) * AppendixLabels.maxAppendixShare { break }
            let paragraph = paragraphs[index]
            if index > 0, AppendixLabels.isLabel(paragraph.text)
                || (paragraphs.count - index - 1 <= maxParagraphsAfterNote
                    && ReaderNotes.isNote(paragraph.text, characters: paragraph.characters))
            {
                cut = index
            }
            after += Int(paragraph.characters)
        }
        if let cut { paragraphs.removeSubrange(cut...) }
    }

    private static func read(_ root: Int, in tree: PageTree, into collector: inout Collector) {
        let stop = Int(tree.nodes[root].end)
        var blockEnds: [Int] = []
        var index = root
        while index < stop {
            while let last = blockEnds.last, index >= last {
                collector.flush()
                blockEnds.removeLast()
            }
            let node = tree.nodes[index]
            if node.isText {
                collector.add(tree.bytes(of: index), characters: node.text, link: node.linkText)
                index += 1
                continue
            }
            if index != root,
                node.dropped || isBox(node, bodyText: tree.nodes[root].text) || isNoteBox(index, in: tree)
            {
                index = Int(node.end)
                continue
            }
            // A `<header>` that is still here was kept by `PageTree` for the prose it holds (the article's header
            // with its lead): it is read like a block. `<nav>`, `<footer>` and `<aside>` never are.
            if node.kind == .furniture, tree.tag(of: index).special != .header {
                index = Int(node.end)
                continue
            }
            switch node.kind {
            case .skipped, .embed, .input, .image, .head:
                index = Int(node.end)
                continue
            case .lineBreak:
                collector.lineBreak()
            default:
                if node.kind.isBlock {
                    collector.flush()
                    collector.isHeading = node.kind == .heading
                    collector.isListLine = node.kind == .listItem || node.kind == .cell
                    blockEnds.append(Int(node.end))
                }
            }
            index += 1
        }
        while !blockEnds.isEmpty {
            collector.flush()
            blockEnds.removeLast()
        }
    }

    /// The most text of a box of notes inside the body: a heading or opening note and a few short lines.
    static let maxNoteBoxText: Int32 = 480

    /// A small box inside the body that opens with a prompt to the reader: the site's newsletter or sign-up
    /// promotion set between paragraphs as a fact box ("Sign up for the newsletter" over "Never miss the latest
    /// news…" and a link). Its first line names it, whatever its class; the lines after it belong to it.
    /// Only a block of several parts counts: a paragraph of its own that mentions a newsletter is left to
    /// the end-of-body rules.
    static func isNoteBox(_ index: Int, in tree: PageTree) -> Bool {
        let node = tree.nodes[index]
        guard node.kind == .container, node.text > 0, node.text <= maxNoteBoxText, node.blockChildren >= 2 else {
            return false
        }
        var first = index + 1
        while first < Int(node.end) {
            let child = tree.nodes[first]
            if child.dropped {
                first = Int(child.end)
                continue
            }
            if !child.isText, child.kind.isBlock, child.blockChildren == 0, child.text > 0 { break }
            first += 1
        }
        // The first line's length is known before its text is read: most boxes open with a longer one.
        guard first < Int(node.end), tree.nodes[first].text <= ReaderNotes.maxNoteCharacters,
            let text = tree.visibleText(of: first)
        else { return false }
        return ReaderNotes.isPrompt(text, characters: tree.nodes[first].text)
    }

    /// Readability's conditional cleaning: a block inside the body that is a box, not text.
    ///
    /// A block holding most of the body's text is the body itself, whatever its counts say (show notes
    /// that are lists of links, a story with a dozen inline images).
    static func isBox(_ node: PageTree.Node, bodyText: Int32) -> Bool {
        switch node.kind {
        case .container, .list, .table, .form: break
        default: return false
        }
        if node.text * 2 >= bodyText { return false }
        // Readability keeps data tables whatever their counts: more than `minDataTableCells` cells is a
        // table of facts (a wiki's item table with an icon a row), not a layout box.
        if node.kind == .table, node.cells > minDataTableCells, node.weight >= 0 { return false }
        // A negative class word (`card`, `widget`, `media`, `side`) marks a box, unless the block holds a
        // paragraph of prose and few links: page builders give article text blocks such names.
        if node.weight < 0 {
            return node.longestProse < minProseInNegativeBlock || node.linkDensity > maxLinkDensity
        }
        if node.commas >= proseCommas { return false }
        let paragraphs = Float(node.paragraphs)
        let density = node.linkDensity
        let isList = node.kind == .list
        if node.images > 1 && paragraphs / Float(node.images) < 0.5 { return true }
        // A block whose class names article text (a recipe's `ingredients`) may carry a control per line (a
        // servings counter, a checkbox an ingredient): it is a form only with more inputs than paragraphs.
        let maxInputs = node.weight >= 25 ? paragraphs : (paragraphs / 3).rounded(.down)
        if node.inputs > 0 && Float(node.inputs) > maxInputs { return true }
        if !isList && node.text < 25 && (node.images == 0 || node.images > 2) && density > 0 { return true }
        if node.weight < 25 && density > (isList ? maxLinkDensityOfContentBlock : maxLinkDensity) { return true }
        if node.weight >= 25 && density > maxLinkDensityOfContentBlock { return true }
        if node.embeds >= 1 && node.text < 75 { return true }
        return false
    }

    private struct Collector {
        var paragraphs: [Paragraph] = []
        /// The paragraph's text so far, as the page's UTF-8 bytes: one `String` is made of it when it ends.
        var buffer: [UInt8] = []
        var characters: Int32 = 0
        var linkCharacters: Int32 = 0
        var pendingBreaks = 0
        var isHeading = false
        var isListLine = false

        mutating func add(_ text: ArraySlice<UInt8>, characters: Int32, link: Int32) {
            if characters > 0 {
                if pendingBreaks >= 2 { flush() }
                pendingBreaks = 0
            }
            buffer.append(contentsOf: text)
            self.characters += characters
            linkCharacters += link
        }

        mutating func lineBreak() {
            pendingBreaks += 1
            buffer.append(0x20)
        }

        mutating func flush() {
            if characters > 0, let text = TextCleanup.trimmed(TextCleanup.collapse(utf8: buffer)) {
                paragraphs.append(
                    Paragraph(
                        text: text, characters: characters, linkCharacters: linkCharacters, isHeading: isHeading,
                        isListLine: isListLine))
            }
            buffer.removeAll(keepingCapacity: true)
            characters = 0
            linkCharacters = 0
            pendingBreaks = 0
            isHeading = false
            isListLine = false
        }
    }
}
