extension PageTree {
    /// The visible text under an element, whitespace collapsed; nil when there is none: what metadata is
    /// read from (headings, bylines, the lead paragraph, the standfirst).
    ///
    /// Leaves out what a reader never sees (scripts, embeds, form fields, images, `<head>`) and puts a space
    /// where a block or a line break begins.
    func visibleText(of index: Int) -> String? {
        var bytes: [UInt8] = []
        var child = index + 1
        let end = Int(nodes[index].end)
        while child < end {
            let node = nodes[child]
            if node.isText {
                bytes.append(contentsOf: self.bytes(of: child))
                child += 1
                continue
            }
            // The tag's own kind: a custom element the walk reads as a container is inline text here.
            let kind = tagNames[Int(node.tag)].kind
            switch kind {
            case .skipped, .embed, .input, .image, .head:
                child = Int(node.end)
                continue
            case .lineBreak:
                bytes.append(0x20)
            default:
                if kind.isBlock { bytes.append(0x20) }
            }
            child += 1
        }
        return TextCleanup.trimmed(TextCleanup.collapse(utf8: bytes))
    }
}
