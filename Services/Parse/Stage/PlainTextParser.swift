/// Reads plain text: the first line is the title, the rest is body split on blank lines.
enum PlainTextParser {
    static func parse(_ text: String) -> ArticleFields {
        var fields = ArticleFields()
        let lines = TextCleanup.lines(text)
        guard let titleIndex = lines.firstIndex(where: { TextCleanup.trimmed($0) != nil }) else { return fields }
        fields.title = TextCleanup.collapse(lines[titleIndex])
        fields.provenance["title"] = "plain:first-line"
        fields.paragraphs = TextCleanup.blankLineBlocks(lines[(titleIndex + 1)...])
        if !fields.paragraphs.isEmpty {
            fields.provenance["paragraphs"] = "plain:blank-line-blocks"
        }
        return fields
    }
}
