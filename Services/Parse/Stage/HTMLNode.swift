import CLibXML2

/// A node of a `LibXML2Document`, valid only while the document is lent out.
struct HTMLNode {
    let pointer: xmlNodePtr

    /// Wraps a node of a document that is currently lent out by `LibXML2Document.withRoot`.
    init(_ pointer: xmlNodePtr) {
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

    /// The value of an attribute, read straight from the node's attribute list: no copy to free, and the
    /// names compared as bytes, without a `String` for each attribute passed over.
    func attribute(_ name: String) -> String? {
        var attribute = pointer.pointee.properties
        while let current = attribute {
            if let attributeName = current.pointee.name, Attributes.equals(attributeName, name) {
                return Attributes.value(current)
            }
            attribute = current.pointee.next
        }
        return nil
    }
}
