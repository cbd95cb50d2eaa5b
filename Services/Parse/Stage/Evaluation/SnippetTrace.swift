/// Why a snippet of a page is missing from the extracted body: which step of the extractor left it out.
///
/// For developing the extractor on evaluation pages (`newsline eval html --explain`): a missed snippet is
/// either in a block dropped as furniture, outside the blocks the content score chose, inside a chosen
/// block but in a box the conditional cleaning removed, or in a paragraph a later line filter dropped.
public enum SnippetTrace {
    /// One reason per snippet, in the order given; the page is the decoded text ingest hands to parse.
    public static func reasons(html: String, snippets: [String]) -> [String] {
        guard let tree = PageTreeReader.read(html) else { return snippets.map { _ in "page has no element" } }
        let roots = ContentSelector.roots(in: tree)
        return snippets.map { reason(for: $0, tree: tree, roots: roots) }
    }

    /// Characters of the snippet's opening searched for in the page's text nodes.
    static let probeLength = 24

    private static func reason(for snippet: String, tree: PageTree, roots: [Int]) -> String {
        let probe = String(SnippetScore.normalize(snippet).prefix(probeLength))
        guard let node = tree.nodes.indices.first(where: {
            tree.nodes[$0].isText && SnippetScore.normalize(tree.text(of: $0)).contains(probe)
        }) else { return "not in one text node" }
        var chain: [Int] = []
        var ancestor = Int(tree.nodes[node].parent)
        while ancestor >= 0 {
            chain.append(ancestor)
            ancestor = Int(tree.nodes[ancestor].parent)
        }
        if let dropped = chain.last(where: { tree.nodes[$0].dropped }) {
            return "dropped \(describe(dropped, tree)) mark \(tree.nodes[dropped].mark)"
        }
        guard let root = roots.first(where: { node > $0 && node < Int(tree.nodes[$0].end) }) else {
            let first = roots.first ?? tree.body
            let common = chain.first { first >= $0 && first < Int(tree.nodes[$0].end) } ?? tree.body
            let up = sequence(first: first) { Int(tree.nodes[$0].parent) }.prefix { $0 >= 0 && $0 != common }.count
            return "outside roots: root \(describe(first, tree)), common ancestor \(up) up \(describe(common, tree))"
        }
        if let box = chain.prefix(while: { $0 != root }).last(where: {
            BodyExtractor.isBox(tree.nodes[$0], bodyText: tree.nodes[root].text)
        }) {
            let boxNode = tree.nodes[box]
            return "box \(describe(box, tree)) text \(boxNode.text) links \(boxNode.linkText) weight \(boxNode.weight)"
                + " paragraphs \(boxNode.paragraphs) images \(boxNode.images) inputs \(boxNode.inputs) embeds \(boxNode.embeds)"
        }
        let paragraph = BodyExtractor.unfilteredParagraphs(in: tree, roots: roots).first {
            SnippetScore.normalize($0.text).contains(probe)
        }
        let filter = paragraph.map { paragraph in
            if BodyExtractor.isLinkLine(paragraph) { return "link line" }
            if BodyExtractor.isLineOfThePage(paragraph) { return "caption, label or disclosure line" }
            var kept = BodyExtractor.unfilteredParagraphs(in: tree, roots: roots).filter {
                !BodyExtractor.isLinkLine($0) && !BodyExtractor.isLineOfThePage($0)
            }
            BodyExtractor.dropAppendix(from: &kept)
            if !kept.contains(where: { $0.text == paragraph.text }) { return "appendix or note box" }
            if !BodyExtractor.paragraphs(in: tree, roots: roots).contains(where: { $0.text == paragraph.text }) {
                return "short line or note after the last prose (\(paragraph.characters) characters)"
            }
            return "repeated metadata (\(paragraph.characters) characters)"
        } ?? "not a paragraph of its own"
        return "inside root \(describe(root, tree)): dropped by a paragraph filter: \(filter)"
    }

    private static func describe(_ index: Int, _ tree: PageTree) -> String {
        var text = "<" + tree.tag(of: index).name
        if let id = tree.ids[Int32(index)] { text += "#" + id.prefix(30) }
        if let classes = tree.classList(of: index) { text += "." + classes.prefix(60) }
        return text + ">"
    }
}
