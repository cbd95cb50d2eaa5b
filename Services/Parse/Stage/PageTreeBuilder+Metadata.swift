import CLibXML2

extension PageTreeBuilder {
    /// A byline element with more text than this is a box about the author, not a byline.
    static let maxBylineLength = 80
    /// Date, heading and subtitle elements with more measured text than this are not read whole.
    static let maxMetadataElementText: Int32 = 2_000

    /// Reads what an element says about the page as it is entered: `<title>`, `<meta>`, `<link>`,
    /// JSON-LD, `<html lang>`, `<time>`, `itemprop` dates.
    mutating func collectMetadata(tag: TagName, node: xmlNodePtr, attributes: Attributes) {
        let element = HTMLNode(node)
        switch tag.special {
        case .title where tree.metadata.documentTitle == nil:
            tree.metadata.documentTitle = HTMLText.of(element)
        case .meta:
            guard let key = (element.attribute("property") ?? element.attribute("name") ?? attributes.itemprop)?
                .lowercased(),
                let content = element.attribute("content"), tree.metadata.meta[key] == nil
            else { return }
            tree.metadata.meta[key] = content
        case .link:
            guard let rel = element.attribute("rel")?.lowercased() else { return }
            if rel.split(separator: " ").contains("canonical"), tree.metadata.canonicalURL == nil {
                tree.metadata.canonicalURL = element.attribute("href").flatMap { TextCleanup.trimmed($0) }
            }
        case .script:
            if tree.metadata.jsonLDScripts.count < PageBudget.maxJSONLDScripts,
                element.attribute("type")?.lowercased().contains("ld+json") == true
            {
                tree.metadata.jsonLDScripts.append(HTMLText.raw(element))
            }
        case .html where tree.metadata.language == nil:
            tree.metadata.language = element.attribute("lang").flatMap { TextCleanup.trimmed($0) }
                ?? element.attribute("xml:lang").flatMap { TextCleanup.trimmed($0) }
        case .time where tree.metadata.timeAttribute == nil:
            tree.metadata.timeAttribute = element.attribute("datetime")
        default:
            break
        }
        if attributes.itemprop == "datePublished", tree.metadata.itemDatePublished == nil {
            tree.metadata.itemDatePublished = element.attribute("content") ?? element.attribute("datetime")
        }
    }

    /// Reads what an element's text says about the page once the element is complete, so a nested
    /// byline element (`<span class="author">` inside `<p class="writer">`) wins over its wrapper.
    /// `namesAuthor`: the element's `itemprop` is `author`, or it is a link with `rel="author"`.
    mutating func readRole(of index: Int, namesAuthor: Bool) {
        let node = tree.nodes[index]
        guard tree.metadata.elementsRead < PageBudget.maxMetadataElements else { return }
        let element = HTMLNode(node.pointer)
        if node.isFirstLevelHeading, tree.metadata.firstHeading == nil {
            guard node.rawText <= Self.maxMetadataElementText else { return }
            tree.metadata.elementsRead += 1
            tree.metadata.firstHeading = HTMLText.of(element)
        }
        if namesAuthor { readAuthorName(element, text: node.rawText) }
        switch node.role {
        case .byline where tree.metadata.byline == nil && node.rawText <= Self.maxBylineLength * 2:
            tree.metadata.elementsRead += 1
            if let text = HTMLText.of(element), text.count <= Self.maxBylineLength { tree.metadata.byline = text }
        case .date where tree.metadata.dateText == nil && node.rawText <= Self.maxMetadataElementText:
            tree.metadata.elementsRead += 1
            if let text = HTMLText.of(element), PublicationDate(text) != nil { tree.metadata.dateText = text }
        case .subtitle where tree.metadata.subtitle == nil && node.rawText <= Self.maxMetadataElementText:
            tree.metadata.elementsRead += 1
            tree.metadata.subtitle = HTMLText.of(element)
        default:
            break
        }
    }

    private mutating func readAuthorName(_ element: HTMLNode, text: Int32) {
        guard text > 0, text <= Int32(Self.maxBylineLength), tree.metadata.authorNames.count < PageBudget.maxAuthors
        else { return }
        tree.metadata.elementsRead += 1
        if let name = HTMLText.of(element), !tree.metadata.authorNames.contains(name) {
            tree.metadata.authorNames.append(name)
        }
    }
}
