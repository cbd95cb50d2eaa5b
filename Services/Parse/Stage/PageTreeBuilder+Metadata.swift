extension PageTreeBuilder {
    /// A byline element with more text than this is a box about the author, not a byline.
    static let maxBylineLength = 80
    /// Date, heading and subtitle elements with more measured text than this are not read whole.
    static let maxMetadataElementText: Int32 = 2_000

    /// Reads what an element's attributes say about the page as it is entered: `<meta>`, `<link>`,
    /// `<html lang>`, `<time>`, `itemprop` dates; says whether its text is read too (`<title>`, JSON-LD),
    /// which `captured` is then given.
    mutating func collectMetadata(tag: TagName, attributes element: Attributes) -> Capture? {
        var capture: Capture?
        switch tag.special {
        case .title where tree.metadata.documentTitle == nil:
            capture = .title
        case .meta:
            guard let key = (element["property"] ?? element["name"] ?? element.itemprop)?.lowercased(),
                let content = element["content"], tree.metadata.meta[key] == nil
            else { return nil }
            tree.metadata.meta[key] = content
        case .link:
            guard let rel = element["rel"]?.lowercased() else { return nil }
            if rel.split(separator: " ").contains("canonical"), tree.metadata.canonicalURL == nil {
                tree.metadata.canonicalURL = element["href"].flatMap { TextCleanup.trimmed($0) }
            }
        case .script:
            if tree.metadata.jsonLDScripts.count < PageBudget.maxJSONLDScripts,
                element["type"]?.lowercased().contains("ld+json") == true
            {
                capture = .jsonLD
            }
        case .html where tree.metadata.language == nil:
            tree.metadata.language = element["lang"].flatMap { TextCleanup.trimmed($0) }
                ?? element["xml:lang"].flatMap { TextCleanup.trimmed($0) }
        case .time where tree.metadata.timeAttribute == nil:
            tree.metadata.timeAttribute = element["datetime"]
        default:
            break
        }
        if element.itemprop == "datePublished", tree.metadata.itemDatePublished == nil {
            tree.metadata.itemDatePublished = element["content"] ?? element["datetime"]
        }
        return capture
    }

    /// Takes the text of an element `collectMetadata` asked for: a `<title>`'s visible text, whitespace
    /// collapsed; a JSON-LD script's exactly as written.
    mutating func captured(_ capture: Capture, text: [UInt8]) {
        switch capture {
        case .title:
            if tree.metadata.documentTitle == nil {
                tree.metadata.documentTitle = TextCleanup.trimmed(TextCleanup.collapse(String(decoding: text, as: UTF8.self)))
            }
        case .jsonLD:
            if tree.metadata.jsonLDScripts.count < PageBudget.maxJSONLDScripts {
                tree.metadata.jsonLDScripts.append(String(decoding: text, as: UTF8.self))
            }
        }
    }

    /// Reads what an element's text says about the page once the element is complete, so a nested
    /// byline element (`<span class="author">` inside `<p class="writer">`) wins over its wrapper.
    /// `namesAuthor`: the element's `itemprop` is `author`, or it is a link with `rel="author"`.
    mutating func readRole(of index: Int, namesAuthor: Bool) {
        let node = tree.nodes[index]
        guard tree.metadata.elementsRead < PageBudget.maxMetadataElements else { return }
        if node.isFirstLevelHeading, tree.metadata.firstHeading == nil {
            guard node.rawText <= Self.maxMetadataElementText else { return }
            tree.metadata.elementsRead += 1
            tree.metadata.firstHeading = tree.visibleText(of: index)
        }
        if namesAuthor { readAuthorName(of: index, text: node.rawText) }
        switch node.role {
        case .byline where tree.metadata.byline == nil && node.rawText <= Self.maxBylineLength * 2:
            tree.metadata.elementsRead += 1
            if let text = tree.visibleText(of: index), text.count <= Self.maxBylineLength { tree.metadata.byline = text }
        case .date where tree.metadata.dateText == nil && node.rawText <= Self.maxMetadataElementText:
            tree.metadata.elementsRead += 1
            if let text = tree.visibleText(of: index), PublicationDate(text) != nil { tree.metadata.dateText = text }
        case .subtitle where tree.metadata.subtitle == nil && node.rawText <= Self.maxMetadataElementText:
            tree.metadata.elementsRead += 1
            tree.metadata.subtitle = tree.visibleText(of: index)
        default:
            break
        }
    }

    private mutating func readAuthorName(of index: Int, text: Int32) {
        guard text > 0, text <= Int32(Self.maxBylineLength), tree.metadata.authorNames.count < PageBudget.maxAuthors
        else { return }
        tree.metadata.elementsRead += 1
        if let name = tree.visibleText(of: index), !tree.metadata.authorNames.contains(name) {
            tree.metadata.authorNames.append(name)
        }
    }
}
