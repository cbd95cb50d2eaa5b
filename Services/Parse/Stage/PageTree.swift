/// A page's elements and text nodes in document order, each with the text measures of its subtree.
///
/// Built from libxml2's parse events in one pass (`PageTreeReader`; no recursion, so any depth is safe, and
/// no libxml2 tree is built or freed), it is what the body extractor scores and reads: a subtree is the
/// index range `[i, nodes[i].end)`, so skipping one is a jump. Measures leave out page furniture, hidden blocks and short byline or date lines, so
/// an ancestor's text is the text a reader would take for content.
struct PageTree {
    struct Node {
        /// An element's tag name, an index into `tagNames`: two elements have the same name exactly when they
        /// have the same index.
        var tag: Int32 = 0
        /// An element's class list, an index into `classLists` (-1 when it has none).
        var classList: Int32 = -1
        /// A text node's bytes in `textBytes`.
        var textStart: Int32 = 0
        var textLength: Int32 = 0
        var parent: Int32
        /// One past the last node of the subtree.
        var end: Int32
        var kind: HTMLVocabulary.Kind
        var isText: Bool
        /// A text node inside `<a>`.
        var isLink = false
        var isFirstLevelHeading = false
        /// What the class and id say for metadata: byline, date or subtitle element.
        var role: HTMLVocabulary.Role = .plain
        var mark: BoilerplateMarkers.Mark = .none
        /// Named for what is never article text (cookie consent, comments, sign-in, ads): dropped even
        /// when the page is read leniently.
        var alwaysFurniture = false
        /// Excluded from its ancestors' measures and from the body.
        var dropped = false
        var weight: Int16 = 0
        /// Hash of the class attribute (0 when none), to find siblings styled like the best block.
        var classHash: Int32 = 0
        /// Non-whitespace characters (Unicode scalars) of the subtree's text, furniture left out.
        var text: Int32 = 0
        /// The same with nothing left out.
        var rawText: Int32 = 0
        /// Its class, tag or itemprop says article (`entry-content`, `<article>`, `articleBody`).
        var isContent = false
        /// The longest run of prose (few links) in the subtree, furniture left out.
        var longestProse: Int32 = 0
        /// The most text (all of it counted) of one such article-marked element in the subtree.
        var bestContent: Int32 = 0
        var linkText: Int32 = 0
        var commas: Int32 = 0
        var paragraphs: Int32 = 0
        var images: Int32 = 0
        var listItems: Int32 = 0
        /// Table cells (`<td>`, `<th>`) in the subtree.
        var cells: Int32 = 0
        var inputs: Int32 = 0
        var embeds: Int32 = 0
        /// Block children kept, and runs of loose text owned by this block.
        var blockChildren: Int32 = 0
        var runs: Int32 = 0
        /// The subtree's last text ends a sentence (`.`, `!`, `?`, `。`…).
        var endsSentence = false

        var linkDensity: Float { text > 0 ? Float(linkText) / Float(text) : 0 }
    }

    /// A run of inline text inside one block, between its block children and double `<br>`s:
    /// what a reader sees as one paragraph, and what the body score is built from.
    struct Run {
        var owner: Int32
        var text: Int32
        var linkText: Int32
        var commas: Int32
    }

    var nodes: [Node] = []
    var runs: [Run] = []
    /// Every run, furniture included, kept for a lenient second reading.
    var allRuns: [Run] = []
    /// Class-named furniture kept (Readability's retry without its unlikely-candidate removal); blocks
    /// named for consent, comments, sign-in and ads stay dropped.
    var lenient = false
    var metadata = PageMetadata()
    var warnings: [String] = []
    /// Index of `<body>` (or the root when there is none).
    var body = 0
    /// Every text node's bytes, UTF-8, one after the other.
    var textBytes: [UInt8] = []
    /// The page's distinct tag names, lowercased, local names only (`fb:like` is `like`).
    var tagNames: [TagName] = []
    /// The page's distinct class lists as written.
    var classLists: [String] = []
    /// The `id` of each element that has one, by node index.
    var ids: [Int32: String] = [:]

    /// The direct children of node `index`, in order.
    func children(of index: Int) -> [Int] {
        var result: [Int] = []
        var child = index + 1
        let end = Int(nodes[index].end)
        while child < end {
            result.append(child)
            child = Int(nodes[child].end)
        }
        return result
    }

    /// The text of a text node, as libxml2 decoded it.
    func text(of index: Int) -> String {
        String(decoding: bytes(of: index), as: UTF8.self)
    }

    /// The UTF-8 bytes of a text node; none for an element.
    func bytes(of index: Int) -> ArraySlice<UInt8> {
        let node = nodes[index]
        guard node.isText else { return [] }
        let start = Int(node.textStart)
        return textBytes[start..<start + Int(node.textLength)]
    }

    /// What is known of an element's tag name.
    func tag(of index: Int) -> TagName {
        tagNames[Int(nodes[index].tag)]
    }

    /// An element's class list as written, nil when it has none.
    func classList(of index: Int) -> String? {
        let node = nodes[index]
        guard !node.isText, node.classList >= 0 else { return nil }
        return classLists[Int(node.classList)]
    }
}
