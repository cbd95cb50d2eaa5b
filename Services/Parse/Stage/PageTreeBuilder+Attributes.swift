import CLibXML2
import Glibc

/// The attributes of one element the extractor reads, found in one pass over libxml2's attribute list.
///
/// Valid only inside the parse event that delivered the list: libxml2 frees the values when it returns.
struct Attributes {
    /// libxml2's list: name, value, name, value…, ending in a null name; a value is null when the attribute
    /// has none (`<div hidden>`).
    typealias List = UnsafeMutablePointer<UnsafePointer<xmlChar>?>

    /// The class list as bytes: most class lists of a page repeat, and their reading is found by these
    /// bytes without a `String` (`PageTreeBuilder.cachedReading`).
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
    private let list: List?

    init(_ list: List?) {
        self.list = list
        guard let list else { return }
        var index = 0
        while let rawName = list[index] {
            let value = list[index + 1]
            index += 2
            // Names compared as bytes: most attributes of a page (`href`, `src`, `data-*`) are none of these,
            // and a `String` for each would cost an allocation and a hash.
            switch Self.name(rawName) {
            case .classes: classes = AttributeBytes(value)
            case .id: id = Self.string(value)
            case .role: role = Self.string(value)
            case .hidden: hidden = true
            case .ariaHidden: ariaHidden = Self.string(value)
            case .style: style = Self.string(value)
            case .itemprop: itemprop = Self.string(value)
            case .rel:
                rel = AttributeBytes(value)
                continue  // not one of the attributes that make `any`
            case .other: continue
            }
            any = true
        }
    }

    /// The value of any attribute, names compared as bytes; a boolean attribute without a value
    /// (`checked`) has its own name as value, any other an empty one, as libxml2's tree gives them.
    subscript(_ name: StaticString) -> String? {
        guard let list else { return nil }
        var index = 0
        while let rawName = list[index] {
            if Self.equals(rawName, name) {
                if let value = list[index + 1] { return String(cString: value) }
                return htmlIsBooleanAttr(rawName) != 0 ? String(cString: rawName) : ""
            }
            index += 2
        }
        return nil
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

    private static func string(_ value: UnsafePointer<xmlChar>?) -> String {
        value.map { String(cString: $0) } ?? ""
    }
}

/// An attribute's value as libxml2's bytes, valid only inside the parse event that delivered it.
struct AttributeBytes {
    let bytes: UnsafeBufferPointer<UInt8>

    init(_ value: UnsafePointer<xmlChar>?) {
        bytes = UnsafeBufferPointer(start: value, count: value.map { strlen($0) } ?? 0)
    }

    /// The value as text, invalid UTF-8 repaired.
    var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// A class list's bytes as the key of the page's class-list cache: borrowed from libxml2 to look one up,
/// copied to keep one.
enum ClassListKey: Hashable {
    case borrowed(UnsafeBufferPointer<UInt8>)
    case kept([UInt8])

    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch self {
        case .borrowed(let bytes): body(bytes)
        case .kept(let bytes): bytes.withUnsafeBufferPointer(body)
        }
    }

    static func == (left: ClassListKey, right: ClassListKey) -> Bool {
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
        case none, h1, body, html, noscript, articleOrMain, formField, title, meta, link, script, time, header
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
        case "header": special = .header
        default: special = .none
        }
    }
}
