import CLibXML2

/// Swift wrapper type for a libxml2 HTML document (`htmlDocPtr`), freed when the wrapper goes away.
///
/// Nodes are lent out only inside `withRoot`; they point into the document and must not escape it.
final class LibXML2Document {
    private let document: htmlDocPtr

    /// Parses HTML text leniently, never touching the network and ignoring any `<meta charset>`:
    /// the text is already UTF-8 by the time parse sees it.
    init?(html: String) {
        LibXML2.initialize()
        let options = Int32(
            HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue
                | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)
        var utf8 = html
        let parsed = utf8.withUTF8 { buffer -> htmlDocPtr? in
            guard let base = buffer.baseAddress, buffer.count > 0, buffer.count < Int(Int32.max) else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count), nil, "UTF-8", options)
            }
        }
        guard let parsed else { return nil }
        document = parsed
    }

    deinit {
        xmlFreeDoc(document)
    }

    /// Lends the root element to `body`; do not let the node or anything reached from it escape.
    @discardableResult
    func withRoot<Result>(_ body: (HTMLNode) -> Result) -> Result? {
        guard let root = xmlDocGetRootElement(document) else { return nil }
        return withExtendedLifetime(self) { body(HTMLNode(root)) }
    }
}

/// libxml2's process-wide set-up, done once before the first parse.
enum LibXML2 {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func initialize() {
        _ = initialized
    }
}

/// A node of a `LibXML2Document`, valid only while the document is lent out.
struct HTMLNode {
    fileprivate let pointer: xmlNodePtr

    fileprivate init(_ pointer: xmlNodePtr) {
        self.pointer = pointer
    }

    var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE }

    /// The lowercased tag name of an element (libxml2's HTML parser lowercases names).
    var name: String {
        guard let name = pointer.pointee.name else { return "" }
        return String(cString: name)
    }

    /// The text of a text node.
    var text: String {
        guard let content = pointer.pointee.content else { return "" }
        return String(cString: content)
    }

    var firstChild: HTMLNode? { pointer.pointee.children.map(HTMLNode.init) }
    var nextSibling: HTMLNode? { pointer.pointee.next.map(HTMLNode.init) }

    var children: UnfoldSequence<HTMLNode, HTMLNode?> {
        sequence(state: firstChild) { next in
            defer { next = next?.nextSibling }
            return next
        }
    }

    /// The value of an attribute, read straight from the node's attribute list: no copy to free.
    func attribute(_ name: String) -> String? {
        var attribute = pointer.pointee.properties
        while let current = attribute {
            if let attributeName = current.pointee.name, String(cString: attributeName) == name {
                var value = ""
                var child = current.pointee.children
                while let node = child {
                    if let content = node.pointee.content { value += String(cString: content) }
                    child = node.pointee.next
                }
                return value
            }
            attribute = current.pointee.next
        }
        return nil
    }
}
