/// Chooses the blocks of a page that hold its article text, by Readability's content score.
///
/// Every run of text of at least `minRunLength` characters scores 1, plus one per comma, plus one per
/// hundred characters (at most three), less its share of link text; the score goes to the block that
/// holds the run, half of it to the next block up, and a third of the level to those above, five
/// levels in all. A block starts from its tag (`div` +5, `td` +3, lists −3, headings −5) and its class
/// weight, and its final score is discounted by its link density. The best block is widened to its
/// ancestor when several near-best blocks share it, and its siblings that score well or read like
/// paragraphs are taken with it: articles split into several blocks (text between ad slots, one
/// `<section>` per chapter) come out whole. Nothing here depends on `<article>` or `<p>`: loose text
/// in a `<div>`, text between `<br>`s and table cells make runs as paragraphs do.
enum ContentSelector {
    /// Runs shorter than this are captions, buttons and labels, not paragraphs (Readability's 25).
    static let minRunLength: Int32 = 25
    /// Ancestor levels a run's score reaches.
    static let scoredLevels = 5
    /// Near-best blocks (at least this share of the best score) that pull the choice up to their ancestor.
    static let alternativeShare: Float = 0.75
    static let alternativesToPromote = 3

    /// The chosen blocks (indices of `tree.nodes`) in document order; empty when the page has no text.
    static func roots(in tree: PageTree) -> [Int] {
        if let roots = roots(in: tree, minRunLength: minRunLength) { return roots }
        // Pages whose every paragraph is short (briefs, listings of one-liners) still have a body.
        return roots(in: tree, minRunLength: 1) ?? []
    }

    private static func roots(in tree: PageTree, minRunLength: Int32) -> [Int]? {
        let nodes = tree.nodes
        var scores = [Float](repeating: 0, count: nodes.count)
        var scored = [Bool](repeating: false, count: nodes.count)
        var candidates: [Int] = []
        for run in tree.runs where run.text >= minRunLength {
            let density = Float(run.linkText) / Float(max(run.text, 1))
            let value = (1 + Float(run.commas) + min(Float(run.text) / 100, 3)) * (1 - density)
            var owner = Int(run.owner)
            let ownerNode = nodes[owner]
            if ownerNode.blockChildren == 0 && ownerNode.runs == 1 && ownerNode.parent >= 0 {
                // A block holding one run is the paragraph itself; its container collects the score.
                owner = Int(ownerNode.parent)
            }
            var level = 0
            var ancestor = owner
            while ancestor >= 0, level < scoredLevels {
                if !scored[ancestor] {
                    scored[ancestor] = true
                    scores[ancestor] = baseScore(nodes[ancestor])
                    candidates.append(ancestor)
                }
                let divider: Float = level == 0 ? 1 : level == 1 ? 2 : Float(level * 3)
                scores[ancestor] += value / divider
                ancestor = Int(nodes[ancestor].parent)
                level += 1
            }
        }
        guard !candidates.isEmpty else { return nil }
        var final = [Float](repeating: 0, count: nodes.count)
        for candidate in candidates {
            final[candidate] = scores[candidate] * (1 - nodes[candidate].linkDensity)
        }
        let ranked = candidates.sorted { final[$0] > final[$1] }
        var top = ranked[0]
        let topScore = final[top]
        guard topScore > 0 else { return nil }

        // Several near-best blocks under one ancestor: the article is that ancestor.
        let alternatives = ranked.dropFirst().prefix(4).filter { final[$0] / topScore >= alternativeShare }
        if alternatives.count >= alternativesToPromote {
            var ancestor = Int(nodes[top].parent)
            while ancestor > tree.body {
                let contained = alternatives.filter { $0 > ancestor && $0 < Int(nodes[ancestor].end) }.count
                if contained >= alternativesToPromote {
                    top = ancestor
                    break
                }
                ancestor = Int(nodes[ancestor].parent)
            }
        }
        // A parent scoring more than the block it holds is the better container.
        var lastScore = final[top]
        let threshold = lastScore / 3
        var parent = Int(nodes[top].parent)
        while parent > tree.body {
            if !scored[parent] {
                parent = Int(nodes[parent].parent)
                continue
            }
            if final[parent] < threshold { break }
            if final[parent] > lastScore {
                top = parent
                break
            }
            lastScore = final[parent]
            parent = Int(nodes[parent].parent)
        }
        top = widened(top, in: tree)
        let styled = top
        // A block that is its parent's only child stands for the parent.
        while nodes[top].parent > tree.body, tree.children(of: Int(nodes[top].parent)).filter(isElement(tree)).count == 1 {
            top = Int(nodes[top].parent)
        }
        let roots = withSiblings(of: top, in: tree, final: final, scored: scored)
        return (roots + sameClassBlocks(as: styled, top: top, besides: roots, in: tree)).sorted()
    }

    /// Levels above the best block within which blocks styled like it are looked for.
    static let sameClassLevels = 5

    /// Blocks of prose with the best block's class (before it stands for a parent it is the only child of)
    /// further away than its siblings, under an ancestor at most `sameClassLevels` up: page builders (WPBakery's `wpb_text_column`, CMS rich-text components) give every
    /// text block of an article one class and wrap each in its own row and column, so the blocks are cousins.
    /// Readability takes siblings sharing the best block's class; this takes the cousins on the same evidence,
    /// when they hold prose with few links (`isProseBlock`) and lie in no dropped block.
    /// `styled` is the best block whose class is matched, `top` the block standing for it (`styled` or an
    /// ancestor), `roots` the blocks already chosen (`top` and its siblings); one pass over the ancestor's
    /// subtree, chosen blocks skipped whole.
    private static func sameClassBlocks(as styled: Int, top: Int, besides roots: [Int], in tree: PageTree) -> [Int] {
        let nodes = tree.nodes
        let classHash = nodes[styled].classHash
        guard classHash != 0 else { return [] }
        var ancestor = styled
        for _ in 0..<sameClassLevels where nodes[ancestor].parent > tree.body {
            ancestor = Int(nodes[ancestor].parent)
        }
        // Within the block already chosen there is nothing more to take.
        guard ancestor < top || ancestor >= Int(nodes[top].end) else { return [] }
        let chosen = Set(roots)
        var found: [Int] = []
        var index = ancestor + 1
        while index < Int(nodes[ancestor].end) {
            let node = nodes[index]
            if node.dropped || chosen.contains(index) {
                index = Int(node.end)  // a dropped block, or one already chosen, is skipped whole
                continue
            }
            if !node.isText && node.classHash == classHash && isProseBlock(node) {
                found.append(index)
                index = Int(node.end)
                continue
            }
            index += 1
        }
        return found
    }

    /// The block the article's text is read from, given the best-scoring one: a paragraph, heading, list
    /// item or table row is never the article, its parent block is (Readability scores the parents of
    /// paragraphs, never a paragraph). A table cell can be: it is the article's container in layout tables.
    static func widened(_ best: Int, in tree: PageTree) -> Int {
        let nodes = tree.nodes
        var top = best
        while top > tree.body, [.paragraph, .heading, .listItem, .row].contains(nodes[top].kind) {
            top = Int(nodes[top].parent)
        }
        return top
    }

    /// The best block and those of its siblings that belong to the article, in document order.
    private static func withSiblings(of top: Int, in tree: PageTree, final: [Float], scored: [Bool]) -> [Int] {
        let nodes = tree.nodes
        let parent = Int(nodes[top].parent)
        guard parent >= 0, top != tree.body else { return [top] }
        let threshold = max(10, final[top] * 0.2)
        let inArticle = nodes[parent].isContent
        var roots: [Int] = []
        for sibling in tree.children(of: parent) {
            let node = nodes[sibling]
            if sibling == top {
                roots.append(sibling)
                continue
            }
            if node.dropped || node.text == 0 { continue }
            if node.isText {
                // Loose text beside the best block, as in `<td>text<div>…</div>text</td>`.
                if node.text > 80 { roots.append(sibling) }
                continue
            }
            let bonus = node.classHash != 0 && node.classHash == nodes[top].classHash ? final[top] * 0.2 : 0
            if scored[sibling] && final[sibling] + bonus >= threshold {
                roots.append(sibling)
            } else if (inArticle || isStyledLike(node, nodes[top])) && isProseBlock(node) {
                roots.append(sibling)
            } else if isParagraphLike(node) {
                let density = node.linkDensity
                if node.text > 80 && density < 0.25 {
                    roots.append(sibling)
                } else if node.text < 80 && density == 0 && node.endsSentence {
                    roots.append(sibling)
                }
            }
        }
        return roots
    }

    /// A block marked up like the best one, same tag and same class (or neither classed): the next chapter
    /// in its own `<section>`, the next text block of a page builder.
    static func isStyledLike(_ node: PageTree.Node, _ top: PageTree.Node) -> Bool {
        node.classHash == top.classHash && node.kind == top.kind
            && node.tag == top.tag
    }

    /// Prose a block beside the best one must hold to be taken from an article-marked container: a run of at
    /// least this many characters (Readability's paragraph of 80).
    static let siblingProseLength: Int32 = 80
    /// The link share above which such a block is a list of links, not prose (Readability's 0.25).
    static let siblingLinkDensity: Float = 0.25

    /// A block of prose inside the article's container (`<article>`, `entry-content`) beside the best block:
    /// the second text block of a page builder, a chapter in its own `<section>`, a review's verdict. It must
    /// hold a run of prose, few links, no form and no negative class (a box of related links or a widget).
    /// A `<header>`, `<footer>` or `<aside>` is left out: the article's header holds its title and standfirst,
    /// which `HTMLArticleParser` places itself (`Standfirst`).
    static func isProseBlock(_ node: PageTree.Node) -> Bool {
        node.kind.isBlock && node.kind != .form && node.kind != .furniture && node.longestProse >= siblingProseLength
            && node.linkDensity < siblingLinkDensity && node.weight >= 0 && node.inputs == 0
    }

    private static func isElement(_ tree: PageTree) -> (Int) -> Bool {
        { index in
            let node = tree.nodes[index]
            return !node.isText && !node.dropped && (node.kind.isBlock || node.text > 0)
        }
    }

    /// A `<p>`, or a block with nothing but one run of text.
    static func isParagraphLike(_ node: PageTree.Node) -> Bool {
        node.kind == .paragraph || (node.kind.isBlock && node.blockChildren == 0 && node.runs <= 1)
    }

    /// Readability's starting score of a block: by tag, plus its class weight.
    static func baseScore(_ node: PageTree.Node) -> Float {
        var score: Float
        switch node.kind {
        case .container: score = 5
        case .cell: score = 3
        case .list, .listItem, .form: score = -3
        case .heading: score = -5
        default: score = 0
        }
        score += Float(node.weight)
        return score
    }
}
