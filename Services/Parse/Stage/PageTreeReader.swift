import CLibXML2

/// Builds a page's `PageTree` straight from libxml2's HTML parse events (its SAX interface), without the
/// libxml2 tree: no node is allocated, linked and freed again for every element, text and attribute.
///
/// The parser is the same, with the same options, so the elements, their nesting (implied and auto-closed
/// elements included) and the text are those of the tree `htmlReadMemory` builds. What the tree builder does
/// on top is done here the same way:
/// - an element's name is its local name (`fb:like` is `like`);
/// - adjacent text events form one text node, until an element starts or ends or a comment or processing
///   instruction comes between them; script and style text (CDATA) forms its own nodes;
/// - the root element is the document's first element and lasts until the document ends: an element after
///   it at the top level is one of its children when it is the document's first node, and is outside the
///   tree otherwise; text outside any element is dropped;
/// - attribute values are the parser's, a boolean attribute without a value has its own name;
/// - an element opened inside more than `PageBudget.maxDepth` open elements stops the parse.
struct PageTreeReader {
    /// Reads an HTML text (UTF-8 already: any `<meta charset>` is ignored); nil when it holds no element.
    static func read(_ html: String) -> PageTree? {
        LibXML2.initialize()
        var utf8 = html
        return utf8.withUTF8 { buffer in
            guard let limited = HTMLAttributeLimit.limited(buffer) else { return parse(buffer) }
            return limited.withUnsafeBufferPointer { parse($0) }
        }
    }

    /// Leniently, never touching the network, reporting no errors.
    static let options = Int32(
        HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue
            | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)

    private static func parse(_ buffer: UnsafeBufferPointer<UInt8>) -> PageTree? {
        guard let base = buffer.baseAddress, buffer.count > 0, buffer.count < Int(Int32.max),
            let parser = base.withMemoryRebound(to: CChar.self, capacity: buffer.count, {
                htmlCreateMemoryParserCtxt($0, Int32(buffer.count))
            })
        else { return nil }
        defer { htmlFreeParserCtxt(parser) }
        let reader = UnsafeMutablePointer<PageTreeReader>.allocate(capacity: 1)
        reader.initialize(to: PageTreeReader(parser: parser))
        defer { reader.deinitialize(count: 1).deallocate() }
        parser.pointee.sax?.pointee = Self.events()
        parser.pointee.userData = UnsafeMutableRawPointer(reader)
        htmlCtxtUseOptions(parser, options)
        if let utf8 = xmlFindCharEncodingHandler("UTF-8") { xmlSwitchToEncoding(parser, utf8) }
        htmlParseDocument(parser)
        if let document = parser.pointee.myDoc { xmlFreeDoc(document) }
        return reader.pointee.finish()
    }

    /// The parse events read; every other one (errors, entities, the document's start) is left unset.
    private static func events() -> htmlSAXHandler {
        var events = htmlSAXHandler()
        events.startElement = { context, name, attributes in
            guard let context, let name else { return }
            context.assumingMemoryBound(to: PageTreeReader.self).pointee.startElement(name, attributes)
        }
        events.endElement = { context, _ in
            context?.assumingMemoryBound(to: PageTreeReader.self).pointee.endElement()
        }
        events.characters = { context, bytes, count in
            guard let context, let bytes, count > 0 else { return }
            context.assumingMemoryBound(to: PageTreeReader.self).pointee
                .text(UnsafeBufferPointer(start: bytes, count: Int(count)), kind: .text)
        }
        events.cdataBlock = { context, bytes, count in
            guard let context, let bytes, count > 0 else { return }
            context.assumingMemoryBound(to: PageTreeReader.self).pointee
                .text(UnsafeBufferPointer(start: bytes, count: Int(count)), kind: .cdata)
        }
        events.comment = { context, _ in
            context?.assumingMemoryBound(to: PageTreeReader.self).pointee.otherNode()
        }
        events.processingInstruction = { context, _, _ in
            context?.assumingMemoryBound(to: PageTreeReader.self).pointee.otherNode()
        }
        events.internalSubset = { context, _, _, _ in
            context?.assumingMemoryBound(to: PageTreeReader.self).pointee.documentHasChildren = true
        }
        return events
    }

    private enum TextKind {
        case text
        case cdata
    }

    private enum RootState {
        case notYet
        case open
        /// Its end tag came; it stays open in the tree until the document ends.
        case ended
    }

    private var builder = PageTreeBuilder()
    private let parser: htmlParserCtxtPtr
    /// Elements open in the parser, those outside the tree included.
    private var depth = 0
    private var documentHasChildren = false
    private var root = RootState.notYet
    private var rootIsFirstChild = false
    private var rootHasChildren = false
    /// Open elements outside the root's subtree.
    private var outsideDepth = 0
    /// Open elements inside a leaf of the tree (its own included): their content is not read.
    private var leafDepth = 0
    /// What the open leaf's text is kept for, and that text.
    private var capture: PageTreeBuilder.Capture?
    private var captured: [UInt8] = []
    /// The text node being collected: its kind and where its bytes start.
    private var openText: (kind: TextKind, start: Int)?
    /// A budget ran out (nodes or depth): the parser was stopped and nothing more is read.
    private var stopped = false

    private init(parser: htmlParserCtxtPtr) {
        self.parser = parser
    }

    private mutating func startElement(_ name: UnsafePointer<xmlChar>, _ attributes: Attributes.List?) {
        guard !stopped else { return }
        if depth > PageBudget.maxDepth {
            stop(warning: PageBudget.depthBudgetWarning)
            return
        }
        if outsideDepth > 0 {
            outsideDepth += 1
            depth += 1
            return
        }
        if leafDepth > 0 {
            leafDepth += 1
            depth += 1
            if capture == .title, HTMLVocabulary.kind(of: PageTreeBuilder.localName(name)).separatesText {
                captured.append(0x20)
            }
            return
        }
        if depth == 0 {
            switch root {
            case .notYet:
                root = .open
                rootIsFirstChild = !documentHasChildren
                documentHasChildren = true
            case .ended where rootIsFirstChild && rootHasChildren:
                break  // one more child of the root
            default:
                outsideDepth = 1
                depth += 1
                return
            }
        }
        closeText()
        depth += 1
        guard !isFull() else { return }
        switch builder.enter(name, attributes) {
        case .children:
            if depth == 1 { rootHasChildren = true }
        case .none:
            leafDepth = 1
        case .text(let wanted):
            leafDepth = 1
            capture = wanted
            captured.removeAll(keepingCapacity: true)
        }
    }

    private mutating func endElement() {
        guard !stopped, depth > 0 else { return }
        depth -= 1
        if outsideDepth > 0 {
            outsideDepth -= 1
            return
        }
        if leafDepth > 0 {
            leafDepth -= 1
            if leafDepth == 0, let done = capture {
                builder.captured(done, text: captured)
                capture = nil
            }
            if depth == 0, root == .open { root = .ended }
            return
        }
        closeText()
        if depth == 0, root == .open {
            // The root's end waits for the document's: libxml2 adds later top-level elements to it.
            root = .ended
            return
        }
        builder.exit()
    }

    private mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, kind: TextKind) {
        guard !stopped, depth > 0, outsideDepth == 0 else { return }
        if leafDepth > 0 {
            if capture == .title || (capture == .jsonLD && leafDepth == 1) { captured.append(contentsOf: bytes) }
            return
        }
        if let open = openText, open.kind != kind { closeText() }
        if openText == nil { openText = (kind, builder.tree.textBytes.count) }
        builder.tree.textBytes.append(contentsOf: bytes)
    }

    /// A comment or processing instruction: it ends the text node before it.
    private mutating func otherNode() {
        guard !stopped else { return }
        if depth == 0 {
            documentHasChildren = true
            return
        }
        if outsideDepth == 0, leafDepth == 0 { closeText() }
    }

    private mutating func closeText() {
        guard let open = openText else { return }
        openText = nil
        guard !isFull() else { return }
        builder.addText(from: open.start)
    }

    /// Whether the node budget is spent; the first time, the parser is stopped and the tree says so.
    private mutating func isFull() -> Bool {
        guard builder.isFull else { return false }
        stop(warning: PageBudget.nodeBudgetWarning)
        return true
    }

    /// Stops the parser: nothing after this point of the page is read, and the tree carries `warning`.
    private mutating func stop(warning: String) {
        guard !stopped else { return }
        stopped = true
        builder.tree.warnings.append(warning)
        xmlStopParser(parser)
    }

    private mutating func finish() -> PageTree? {
        closeText()
        guard !builder.tree.nodes.isEmpty else { return nil }
        builder.finish()
        return builder.tree
    }
}

extension HTMLVocabulary.Kind {
    /// A block or a line break: text on either side of it reads as two words.
    var separatesText: Bool { self == .lineBreak || isBlock }
}

/// libxml2's process-wide set-up, done once before the first parse.
enum LibXML2 {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func initialize() {
        _ = initialized
    }
}
