import CLibXML2

/// The state of the one pass: open elements and the run of text each open block is collecting.
///
/// `PageTreeReader` feeds it the page's elements and text in document order, each text node whole.
struct PageTreeBuilder {
    struct Frame {
        var index: Int
        var isBlock: Bool
        var isLink: Bool
        /// `itemprop="author"`, or a link with `rel="author"`: its text is an author's name.
        var namesAuthor = false
    }

    struct OpenRun {
        var owner: Int
        var text: Int32 = 0
        var linkText: Int32 = 0
        var commas: Int32 = 0
        var breaks = 0
    }

    var tree = PageTree()
    /// Class lists already read on this page, by their bytes: pages repeat a few hundred class lists
    /// thousands of times, and a repeated one is found without building its `String`.
    var classReadings: [ClassListKey: ClassReading] = [:]

    /// What one class list says, with its hash (for siblings styled alike) computed once.
    struct ClassReading {
        var reading: BoilerplateMarkers.Reading
        var role: HTMLVocabulary.Role
        var hash: Int32
        /// The list's index in `PageTree.classLists`.
        var list: Int32
    }
    var frames: [Frame] = []
    var blockRuns: [OpenRun] = []
    var links = 0
    var lastTextEndsSentence = false
    var sawBody = false

    /// What the reader does with an element's content once it is entered.
    enum Descent {
        /// Its children are elements and text of the tree.
        case children
        /// It is a leaf of the tree: nothing inside it is read.
        case none
        /// It is a leaf whose text metadata is read from (`<title>`, a JSON-LD script).
        case text(Capture)
    }

    enum Capture {
        case title
        case jsonLD
    }

    /// Whether the tree holds as many nodes as `PageBudget` allows: nothing more is added.
    var isFull: Bool { tree.nodes.count >= PageBudget.maxNodes }

    /// Closes every element still open and measures the tree.
    mutating func finish() {
        while !frames.isEmpty { exit() }
        if !sawBody { tree.body = 0 }
        tree.finish()
    }

    /// Tag names already read on this page, by libxml2's interned name pointer: the parser keeps one copy of
    /// each name in its dictionary, so a page's thousands of elements share a few dozen names. An open
    /// addressing table on the pointer's bits: no hashing of its own for the lookup done at every element.
    var tagSlots = [UnsafePointer<xmlChar>?](repeating: nil, count: PageTreeBuilder.tagSlotCount)
    var tagSlotIndexes = [Int32](repeating: 0, count: PageTreeBuilder.tagSlotCount)
    var tagPointersKept = 0
    /// Each distinct name's index in `PageTree.tagNames`: a name reached by two pointers (`fb:like`, `like`)
    /// is one name.
    var tagIndexes: [String: Int32] = [:]

    /// Slots of the tag-name table (a power of two); names past half of them are looked up by name.
    static let tagSlotCount = 512

    /// The index in `PageTree.tagNames` of an element's name, read once per distinct name pointer.
    mutating func tagIndex(of pointer: UnsafePointer<xmlChar>) -> Int32 {
        let mask = Self.tagSlotCount - 1
        var slot = (Int(bitPattern: pointer) >> 4) & mask
        while let key = tagSlots[slot] {
            if key == pointer { return tagSlotIndexes[slot] }
            slot = (slot + 1) & mask
        }
        let name = Self.localName(pointer)
        let index: Int32
        if let known = tagIndexes[name] {
            index = known
        } else {
            index = Int32(tree.tagNames.count)
            tree.tagNames.append(TagName(name))
            tagIndexes[name] = index
        }
        if tagPointersKept < Self.tagSlotCount / 2 {
            tagSlots[slot] = pointer
            tagSlotIndexes[slot] = index
            tagPointersKept += 1
        }
        return index
    }

    /// A qualified name's part after its first `:` (`fb:like` is `like`), as libxml2's tree names elements.
    static func localName(_ pointer: UnsafePointer<xmlChar>) -> String {
        var colon: UnsafePointer<xmlChar>?
        var cursor = pointer
        while cursor.pointee != 0 {
            if cursor.pointee == UInt8(ascii: ":") {
                colon = cursor
                break
            }
            cursor += 1
        }
        if let colon, colon != pointer, colon[1] != 0 { return String(cString: colon + 1) }
        return String(cString: pointer)
    }

    /// Appends an element; says whether its children are to be read.
    mutating func enter(_ namePointer: UnsafePointer<xmlChar>, _ list: Attributes.List?) -> Descent {
        let tagIndex = tagIndex(of: namePointer)
        let tag = tree.tagNames[Int(tagIndex)]
        let name = tag.name
        var kind = tag.kind
        let attributes = Attributes(list)
        let index = tree.nodes.count
        var element = PageTree.Node(
            tag: tagIndex, parent: Int32(frames.last?.index ?? -1), end: Int32(index + 1), kind: kind, isText: false)
        element.isFirstLevelHeading = tag.special == .h1
        let capture = collectMetadata(tag: tag, attributes: attributes)
        if let id = attributes.id { tree.ids[Int32(index)] = id }
        if kind == .skipped || kind == .embed || kind == .input || kind == .image {
            switch kind {
            case .image: element.images = 1
            case .embed: element.embeds = 1
            // Readability counts form fields only: buttons sit beside article text (a recipe's ingredients
            // have one each, a player its controls).
            case .input: element.inputs = tag.special == .formField ? 1 : 0
            default: break
            }
            tree.nodes.append(element)
            return capture.map(Descent.text) ?? .none
        }
        if tag.special == .body, !sawBody {
            sawBody = true
            tree.body = index
        }
        var verdict = BoilerplateMarkers.Verdict()
        if attributes.any {
            let classReading = attributes.classes.map { cachedReading($0) }
            verdict = BoilerplateMarkers.verdict(
                classes: classReading?.reading, id: attributes.id.map(BoilerplateMarkers.reading), role: attributes.role,
                hidden: attributes.hidden, ariaHidden: attributes.ariaHidden, style: attributes.style)
            element.classHash = classReading?.hash ?? 0
            element.classList = classReading?.list ?? -1
            let idRole = attributes.id.map { HTMLVocabulary.role(classAndID: $0) } ?? .plain
            element.role = HTMLVocabulary.stronger(classReading?.role ?? .plain, idRole)
        }
        if tag.isCustom, kind == .inline {
            // Custom elements (`amp-sidebar`, `article-body`) name what they are, like a class does.
            let custom = BoilerplateMarkers.verdict(
                classes: name, id: nil, role: nil, hidden: false, ariaHidden: nil, style: nil)
            if custom.mark != .none, verdict.mark == .none { verdict.mark = custom.mark }
            kind = .container
            element.kind = kind
        }
        if tag.special == .noscript, verdict.mark == .none {
            // What a page shows without scripts ("enable JavaScript", a tracking pixel) is no article text,
            // unless it holds prose: then it is the page itself, wrapped by an unclosed `<noscript>`.
            verdict.mark = .weakFurniture
        }
        if tag.special == .body || tag.special == .html {
            // Page-wide classes (`single-post hide-love with_aside`) describe the page, not a block.
            verdict.mark = .none
        }
        element.mark = verdict.mark
        element.alwaysFurniture = verdict.alwaysFurniture
        element.weight = Int16(verdict.weight)
        element.isContent = verdict.isContent || tag.special == .articleOrMain
            || attributes.itemprop == "articleBody"
        let isQuiet = verdict.mark != .none || kind == .furniture || kind == .head
        // A marked block ends the run around it, so furniture text never joins a paragraph's run.
        if kind.isBlock || isQuiet { flushRun() }
        tree.nodes.append(element)
        let namesAuthor = attributes.itemprop == "author"
            || (kind == .anchor && attributes.rel?.string.lowercased().split(separator: " ").contains("author") == true)
        frames.append(Frame(index: index, isBlock: kind.isBlock, isLink: kind == .anchor, namesAuthor: namesAuthor))
        if kind == .anchor { links += 1 }
        if kind.isBlock { blockRuns.append(OpenRun(owner: index)) }
        if kind == .lineBreak, !blockRuns.isEmpty { blockRuns[blockRuns.count - 1].breaks += 1 }
        return .children
    }

    /// Appends a text node whose bytes are `tree.textBytes[start...]`.
    mutating func addText(from start: Int) {
        let measure = tree.textBytes.withUnsafeBufferPointer { TextMeasure(UnsafeBufferPointer(rebasing: $0[start...])) }
        let parent = frames.last?.index ?? -1
        var text = PageTree.Node(
            textStart: Int32(start), textLength: Int32(tree.textBytes.count - start), parent: Int32(parent),
            end: Int32(tree.nodes.count + 1), kind: .inline, isText: true)
        text.isLink = links > 0
        text.text = measure.characters
        text.linkText = links > 0 ? measure.characters : 0
        text.commas = measure.commas
        tree.nodes.append(text)
        guard measure.characters > 0 else { return }
        lastTextEndsSentence = measure.endsSentence
        text.rawText = measure.characters
        tree.nodes[tree.nodes.count - 1].rawText = measure.characters
        if parent >= 0 { tree.nodes[parent].rawText += text.text }
        guard !blockRuns.isEmpty else { return }
        if blockRuns[blockRuns.count - 1].breaks >= 2 { flushRun() }
        blockRuns[blockRuns.count - 1].breaks = 0
        blockRuns[blockRuns.count - 1].text += text.text
        blockRuns[blockRuns.count - 1].linkText += text.linkText
        blockRuns[blockRuns.count - 1].commas += text.commas
    }

    /// Ends the run the innermost open block is collecting.
    mutating func flushRun() {
        guard !blockRuns.isEmpty else { return }
        let run = blockRuns[blockRuns.count - 1]
        if run.text > 0 {
            tree.runs.append(PageTree.Run(owner: Int32(run.owner), text: run.text, linkText: run.linkText, commas: run.commas))
            tree.nodes[run.owner].runs += 1
        }
        blockRuns[blockRuns.count - 1] = OpenRun(owner: run.owner)
    }

    mutating func exit() {
        guard let frame = frames.popLast() else { return }
        let index = frame.index
        if frame.isBlock {
            flushRun()
            blockRuns.removeLast()
        }
        if frame.isLink { links -= 1 }
        var node = tree.nodes[index]
        node.end = Int32(tree.nodes.count)
        node.endsSentence = lastTextEndsSentence
        if node.isContent { node.bestContent = max(node.bestContent, node.rawText) }
        tree.nodes[index] = node
        readRole(of: index, namesAuthor: frame.namesAuthor)
        guard let parent = frames.last?.index else { return }
        tree.nodes[parent].rawText += node.rawText
        tree.nodes[parent].bestContent = max(tree.nodes[parent].bestContent, node.bestContent)
    }

    mutating func cachedReading(_ bytes: AttributeBytes) -> ClassReading {
        if let known = classReadings[.borrowed(bytes.bytes)] { return known }
        let classes = bytes.string
        let read = ClassReading(
            reading: BoilerplateMarkers.reading(of: classes), role: HTMLVocabulary.role(classAndID: classes),
            hash: Int32(truncatingIfNeeded: classes.hashValue), list: Int32(tree.classLists.count))
        tree.classLists.append(classes)
        if classReadings.count < PageBudget.maxCachedClassLists { classReadings[.kept(Array(bytes.bytes))] = read }
        return read
    }
}
