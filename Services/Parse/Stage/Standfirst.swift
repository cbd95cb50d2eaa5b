/// The standfirst (lead, teaser, intro) printed between the headline and the body, in a block of its own.
///
/// News pages set the standfirst apart from the body (`<p class="lead">`, `<div class="teaser-text">`,
/// `<h2 class="subheadline">`), so the content score, which picks the body's block, leaves it out; and
/// `teaser` or `header` classes often mark it as weak furniture. The nearest run of text before the body
/// is the standfirst when a block holding it is named for one, as Readability's and trafilatura's
/// evaluations count it as article text.
enum Standfirst {
    /// Class words that name a standfirst (English, German, French, Spanish, Portuguese, Italian usage).
    static let words: Set<String> = [
        "lead", "lede", "leader", "intro", "introduction", "teaser", "standfirst", "summary", "abstract", "excerpt",
        "subheadline", "subheading", "subtitle", "deck", "dek", "sapo", "chapo", "chapeau", "entradilla", "bajada",
        "copete", "vorspann", "anriss", "einleitung", "occhiello", "sommario", "linha", "fina",
    ]
    /// A standfirst is at least this long: shorter lines before the body are kickers, dates and labels.
    static let minCharacters: Int32 = 60
    /// Blocks from the run's owner up that may carry the naming class.
    static let levels = 3

    /// The standfirst's text, or nil when the text before the body is not one.
    ///
    /// Looked for before the chosen block first, then inside it before its first kept run: the chosen block
    /// may also hold the header or teaser block before the body (a block standing for the parent it is the
    /// only kept child of).
    static func text(in tree: PageTree, before root: Int) -> String? {
        if let text = text(in: tree, before: root, limit: root) { return text }
        let rootEnd = Int(tree.nodes[root].end)
        let bodyStart = tree.runs.lazy.map { Int($0.owner) }.filter { $0 >= root && $0 < rootEnd }.min() ?? root
        return bodyStart > root ? text(in: tree, before: bodyStart, limit: bodyStart) : nil
    }

    /// Blocks from a run's owner up that are looked at for a byline or date class.
    static let metaLevels = 3

    /// Whether a run's block, or one of the few blocks around it, is a byline or date line (`PageTree` drops it).
    static func isMetaLine(_ owner: Int, in tree: PageTree) -> Bool {
        var index = owner
        for _ in 0..<metaLevels where index > tree.body {
            if tree.nodes[index].mark == .meta, tree.nodes[index].dropped { return true }
            index = Int(tree.nodes[index].parent)
        }
        return false
    }

    /// The standfirst among the runs of blocks that end before `limit`.
    private static func text(in tree: PageTree, before root: Int, limit: Int) -> String? {
        let runs = tree.allRuns.isEmpty ? tree.runs : tree.allRuns
        // Runs are listed as their blocks close, so a container around the body lists its loose text after
        // the body's own runs: only runs of blocks that end before the body are candidates.
        // The byline and date line often sit between the standfirst and the body: their runs are passed over.
        guard let run = runs.last(where: {
                Int(tree.nodes[Int($0.owner)].end) <= limit && $0.text >= ContentSelector.minRunLength
                    && !isMetaLine(Int($0.owner), in: tree)
            }),
            run.text >= minCharacters, run.linkText * 10 < run.text,
            ContentSelector.isParagraphLike(tree.nodes[Int(run.owner)])
        else { return nil }
        var index = Int(run.owner)
        var named = false
        var level = 0
        while index > tree.body, level < levels {
            let node = tree.nodes[index]
            // A block around the body too is past the standfirst's own blocks; strong furniture and hidden
            // text never lead.
            if Int(node.end) > limit { break }
            if node.mark == .furniture || node.mark == .hidden { return nil }
            if let classes = tree.classList(of: index),
                classes.split(separator: " ").contains(where: { BoilerplateMarkers.splitWords($0).contains(where: words.contains) })
            {
                named = true
            }
            // The article's header: the run follows the headline (`<h1>`) in the same block, as a
            // `<header>` holding headline and standfirst is laid out on most pages.
            if level > 0, (index + 1..<Int(run.owner)).contains(where: { tree.nodes[$0].isFirstLevelHeading }) {
                named = true
            }
            index = Int(node.parent)
            level += 1
        }
        guard named else { return nil }
        return tree.visibleText(of: Int(run.owner))
    }
}
