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
            guard let limited = HTMLAttributeLimit.limited(buffer) else { return Self.read(buffer, options: options) }
            return limited.withUnsafeBufferPointer { Self.read($0, options: options) }
        }
        guard let parsed else { return nil }
        document = parsed
    }

    deinit {
        xmlFreeDoc(document)
    }

    private static func read(_ buffer: UnsafeBufferPointer<UInt8>, options: Int32) -> htmlDocPtr? {
        guard let base = buffer.baseAddress, buffer.count > 0, buffer.count < Int(Int32.max) else { return nil }
        return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
            htmlReadMemory($0, Int32(buffer.count), nil, "UTF-8", options)
        }
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
