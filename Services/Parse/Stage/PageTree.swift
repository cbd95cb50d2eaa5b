import CLibXML2

/// A page's elements and text nodes in document order, each with the text measures of its subtree.
///
/// Built in one iterative pass over the libxml2 tree (no recursion, so any depth is safe), it is what
/// the body extractor scores and reads: a subtree is the index range `[i, nodes[i].end)`, so skipping
/// one is a jump. Measures leave out page furniture, hidden blocks and short byline or date lines, so
/// an ancestor's text is the text a reader would take for content.
struct PageTree {
    struct Node {
        /// The libxml2 node; valid only while the document is lent out.
        let pointer: xmlNodePtr
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
        guard let content = nodes[index].pointer.pointee.content else { return "" }
        return String(cString: content)
    }
}
