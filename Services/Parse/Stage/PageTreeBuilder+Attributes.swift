import CLibXML2
import Glibc

/// The attributes of one element the extractor reads, found in one walk over its attribute list.
struct Attributes {
    /// The class list as bytes of the document: most class lists of a page repeat, and their reading is
    /// found by these bytes without a `String` (`PageTreeBuilder.cachedReading`).
    var classes: AttributeBytes?
    var id: String?
    var role: String?
    var hidden = false
    var ariaHidden: String?
    var style: String?
    var itemprop: String?
    /// Read for links only (`rel="author"`); most `rel` values (`noopener`, `nofollow`) are never looked at.
    var rel: AttributeBytes?
    var any = false

    init(_ node: xmlNodePtr) {
        var attribute = node.pointee.properties
        while let current = attribute {
            defer { attribute = current.pointee.next }
            guard let rawName = current.pointee.name else { continue }
            // Names compared as bytes: most attributes of a page (`href`, `src`, `data-*`) are none of these,
            // and a `String` for each would cost an allocation and a hash.
            switch Self.name(rawName) {
            case .classes: classes = AttributeBytes(current)
            case .id: id = Self.value(current)
            case .role: role = Self.value(current)
            case .hidden: hidden = true
            case .ariaHidden: ariaHidden = Self.value(current)
            case .style: style = Self.value(current)
            case .itemprop: itemprop = Self.value(current)
            case .rel:
                rel = AttributeBytes(current)
                continue  // not one of the attributes that make `any`
            case .other: continue
            }
            any = true
        }
    }

    enum Name { case classes, id, role, hidden, ariaHidden, style, itemprop, rel, other }

    /// Which of the attributes read here a NUL-terminated attribute name is.
    static func name(_ raw: UnsafePointer<xmlChar>) -> Name {
        switch raw[0] {
        case UInt8(ascii: "c"): return equals(raw, "class") ? .classes : .other
        case UInt8(ascii: "i"): return equals(raw, "id") ? .id : equals(raw, "itemprop") ? .itemprop : .other
        case UInt8(ascii: "r"): return equals(raw, "role") ? .role : equals(raw, "rel") ? .rel : .other
        case UInt8(ascii: "h"): return equals(raw, "hidden") ? .hidden : .other
        case UInt8(ascii: "a"): return equals(raw, "aria-hidden") ? .ariaHidden : .other
        case UInt8(ascii: "s"): return equals(raw, "style") ? .style : .other
        default: return .other
        }
    }

    /// Whether a NUL-terminated name is `literal`, byte for byte.
    static func equals(_ raw: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
        literal.withUTF8Buffer { bytes in
            for index in 0..<bytes.count where raw[index] != bytes[index] { return false }
            return raw[bytes.count] == 0
        }
    }

    /// Whether a NUL-terminated name is `name`, byte for byte, without building a `String` of it.
    static func equals(_ raw: UnsafePointer<xmlChar>, _ name: String) -> Bool {
        var index = 0
        for byte in name.utf8 {
            guard raw[index] == byte else { return false }
            index += 1
        }
        return raw[index] == 0
    }

    static func value(_ attribute: xmlAttrPtr) -> String {
        // One text child is the usual case: read it without building an empty string first.
        guard let first = attribute.pointee.children else { return "" }
        if first.pointee.next == nil { return first.pointee.content.map { String(cString: $0) } ?? "" }
        var value = ""
        var child: xmlNodePtr? = first
        while let node = child {
            if let content = node.pointee.content { value += String(cString: content) }
            child = node.pointee.next
        }
        return value
    }
}

/// An attribute's value as the document's own bytes, hashed and compared as bytes.
///
/// Valid only while the document is lent out: it points into libxml2's tree. A value libxml2 keeps in
/// more than one text child (rare) is joined into a `String` instead.
struct AttributeBytes: Hashable {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let joined: String?

    init(_ attribute: xmlAttrPtr) {
        if let first = attribute.pointee.children, first.pointee.next != nil {
            bytes = UnsafeBufferPointer(start: nil, count: 0)
            joined = Attributes.value(attribute)
        } else if let content = attribute.pointee.children?.pointee.content {
            bytes = UnsafeBufferPointer(start: content, count: strlen(content))
            joined = nil
        } else {
            bytes = UnsafeBufferPointer(start: nil, count: 0)
            joined = nil
        }
    }

    /// The value as text, invalid UTF-8 repaired as `String(cString:)` does.
    var string: String { joined ?? String(decoding: bytes, as: UTF8.self) }

    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard var joined else { return body(bytes) }
        return joined.withUTF8(body)
    }

    static func == (left: AttributeBytes, right: AttributeBytes) -> Bool {
        left.withBytes { leftBytes in
            right.withBytes { rightBytes in
                guard leftBytes.count == rightBytes.count else { return false }
                guard let leftBase = leftBytes.baseAddress, let rightBase = rightBytes.baseAddress else { return true }
                return memcmp(leftBase, rightBase, leftBytes.count) == 0
            }
        }
    }

    func hash(into hasher: inout Hasher) {
        withBytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// What the walk needs of a tag name, worked out once per distinct name of a page.
struct TagName {
    /// Names the walk and the metadata reading treat apart from their kind.
    enum Special {
        case none, h1, body, html, noscript, articleOrMain, formField, title, meta, link, script, time
    }

    let name: String
    let kind: HTMLVocabulary.Kind
    let special: Special
    /// A custom element's name (`amp-sidebar`): it holds a `-`.
    let isCustom: Bool

    init(_ name: String) {
        self.name = name
        kind = HTMLVocabulary.kind(of: name)
        isCustom = name.utf8.contains(UInt8(ascii: "-"))
        switch name {
        case "h1": special = .h1
        case "body": special = .body
        case "html": special = .html
        case "noscript": special = .noscript
        case "article", "main": special = .articleOrMain
        case "input", "select", "textarea": special = .formField
        case "title": special = .title
        case "meta": special = .meta
        case "link": special = .link
        case "script": special = .script
        case "time": special = .time
        default: special = .none
        }
    }
}
