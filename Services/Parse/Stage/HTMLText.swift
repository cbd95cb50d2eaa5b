/// The text of single HTML elements, for metadata read from headings, bylines and scripts.
enum HTMLText {
    /// The visible text under a node, whitespace collapsed; nil when there is none.
    static func of(_ node: HTMLNode) -> String? {
        var buffer = ""
        for child in node.children {
            append(child, to: &buffer, depth: 1)
        }
        return TextCleanup.trimmed(TextCleanup.collapse(buffer))
    }

    /// The text under a node exactly as written (for `<script type="application/ld+json">`).
    static func raw(_ node: HTMLNode) -> String {
        var buffer = ""
        for child in node.children where child.isText {
            buffer += child.text
        }
        return buffer
    }

    private static func append(_ node: HTMLNode, to buffer: inout String, depth: Int) {
        if node.isText {
            buffer += node.text
            return
        }
        guard node.isElement, depth < PageBudget.maxDepth else { return }
        let kind = HTMLVocabulary.kind(of: node.name)
        switch kind {
        case .skipped, .embed, .input, .image, .head: return
        case .lineBreak: buffer += " "
        default: if kind.isBlock { buffer += " " }
        }
        for child in node.children {
            append(child, to: &buffer, depth: depth + 1)
        }
    }
}
