/// Text of HTML nodes and the paragraphs of a body container.
enum HTMLText {
    /// The visible text under a node, whitespace collapsed; nil when there is none.
    static func of(_ node: HTMLNode) -> String? {
        var buffer = ""
        append(node, to: &buffer, depth: 0)
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
        guard node.isElement, depth < HTMLPageScan.maxDepth else { return }
        let name = node.name
        if HTMLVocabulary.skipped.contains(name) { return }
        if name == "br" || HTMLVocabulary.blocks.contains(name) { buffer += " " }
        for child in node.children {
            append(child, to: &buffer, depth: depth + 1)
        }
    }

    /// The paragraphs of a body container: each block element is one, `<br><br>` splits loose text,
    /// and inline tags join their text to the paragraph without adding space.
    static func paragraphs(of container: HTMLNode) -> [String] {
        var collector = ParagraphCollector()
        collector.walk(container, depth: 0)
        collector.flush()
        return collector.paragraphs
    }

    private struct ParagraphCollector {
        var paragraphs: [String] = []
        var buffer = ""
        var pendingBreaks = 0

        mutating func walk(_ node: HTMLNode, depth: Int) {
            guard depth < HTMLPageScan.maxDepth else { return }
            for child in node.children {
                if child.isText {
                    let text = child.text
                    if text.utf8.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D }) {
                        if pendingBreaks >= 2 { flush() }
                        pendingBreaks = 0
                    }
                    buffer += text
                    continue
                }
                guard child.isElement else { continue }
                let name = child.name
                if HTMLVocabulary.skipped.contains(name) || HTMLVocabulary.furniture.contains(name) { continue }
                let marker = [child.attribute("class"), child.attribute("id")].compactMap { $0 }.joined(separator: " ")
                if HTMLVocabulary.role(classAndID: marker) != .plain { continue }
                if name == "br" {
                    pendingBreaks += 1
                    buffer += " "
                } else if HTMLVocabulary.blocks.contains(name) {
                    flush()
                    walk(child, depth: depth + 1)
                    flush()
                } else {
                    walk(child, depth: depth + 1)
                }
            }
        }

        mutating func flush() {
            if let paragraph = TextCleanup.trimmed(TextCleanup.collapse(buffer)) {
                paragraphs.append(paragraph)
            }
            buffer = ""
            pendingBreaks = 0
        }
    }
}
