/// One pass over an HTML document collecting metadata and choosing the element that holds the body.
///
/// The body container is the element whose own paragraphs and loose text (not counting nested
/// blocks) hold the most text once scripts, navigation, ads, captions and other furniture are set
/// aside; reading its paragraphs then leaves out everything around the article.
struct HTMLPageScan {
    /// Deeper elements are ignored; it keeps the recursion bounded whatever the input.
    static let maxDepth = 200
    /// A byline element with more text than this is a box about the author, not a byline.
    static let maxBylineLength = 80

    var documentTitle: String?
    var firstHeading: String?
    var subtitle: String?
    var byline: String?
    var dateText: String?
    var timeAttribute: String?
    /// `property` or `name` (lowercased) to `content`, first occurrence wins.
    var meta: [String: String] = [:]
    var jsonLDScripts: [String] = []
    var container: HTMLNode?
    private var containerScore = 0

    init(root: HTMLNode) {
        _ = visit(root, depth: 0, furniture: false)
    }

    /// Returns the length of the article text under `node` (ASCII whitespace not counted).
    private mutating func visit(_ node: HTMLNode, depth: Int, furniture: Bool) -> Int {
        if node.isText {
            return furniture ? 0 : Self.textLength(node.text)
        }
        guard node.isElement, depth < Self.maxDepth else { return 0 }
        let name = node.name
        if HTMLVocabulary.skipped.contains(name) {
            collectSkipped(node, name: name, depth: depth)
            return 0
        }
        if name == "meta" {
            collectMeta(node)
            return 0
        }
        if name == "time", timeAttribute == nil {
            timeAttribute = node.attribute("datetime")
        }
        let marker = [node.attribute("class"), node.attribute("id")].compactMap { $0 }.joined(separator: " ")
        let role = HTMLVocabulary.role(classAndID: marker)
        let isFurniture = furniture || role != .plain || HTMLVocabulary.furniture.contains(name)
        if name == "title", documentTitle == nil {
            documentTitle = HTMLText.of(node)
        }
        if name == "h1", firstHeading == nil {
            firstHeading = HTMLText.of(node)
        }

        var score = 0
        var total = 0
        for child in node.children {
            let length = visit(child, depth: depth + 1, furniture: isFurniture)
            total += length
            if child.isText {
                score += length
            } else if child.isElement {
                let childName = child.name
                if childName == "p" || HTMLVocabulary.inline.contains(childName) {
                    score += length
                }
            }
        }
        switch role {
        case .byline where byline == nil:
            // Children are visited first, so a nested byline element (`<span class="author">` inside
            // `<p class="writer">`) wins over the wrapper that also holds the time.
            if let text = HTMLText.of(node), text.count <= Self.maxBylineLength { byline = text }
        case .date where dateText == nil:
            if let text = HTMLText.of(node), PublicationDate(text) != nil { dateText = text }
        case .subtitle where subtitle == nil:
            subtitle = HTMLText.of(node)
        default:
            break
        }
        if !isFurniture, score > containerScore {
            containerScore = score
            container = node
        }
        return isFurniture ? 0 : total
    }

    private mutating func collectSkipped(_ node: HTMLNode, name: String, depth: Int) {
        switch name {
        case "script":
            if node.attribute("type")?.lowercased().contains("ld+json") == true {
                jsonLDScripts.append(HTMLText.raw(node))
            }
        case "head":
            for child in node.children where child.isElement {
                _ = visit(child, depth: depth + 1, furniture: true)
            }
        default:
            break
        }
    }

    private mutating func collectMeta(_ node: HTMLNode) {
        guard let key = (node.attribute("property") ?? node.attribute("name") ?? node.attribute("itemprop"))?.lowercased(),
            let content = node.attribute("content"), meta[key] == nil
        else { return }
        meta[key] = content
    }

    /// Counts UTF-8 bytes that are not ASCII whitespace: a cheap, consistent measure of text size.
    static func textLength(_ text: String) -> Int {
        var count = 0
        for byte in text.utf8 where byte != 0x20 && byte != 0x0A && byte != 0x09 && byte != 0x0D {
            count += 1
        }
        return count
    }
}
