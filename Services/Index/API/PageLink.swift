/// Builds the links of the search page: a path and query parameters, percent-encoded.
///
/// Every value a link carries (query text, a section, an entity's name) is percent-encoded here and
/// then HTML-escaped by the template, so neither a URL nor the markup can be broken out of.
struct PageLink {
    var path: String
    var parameters: [(name: String, value: String)]

    init(path: String, parameters: [(name: String, value: String)] = []) {
        self.path = path
        self.parameters = parameters.filter { !$0.value.isEmpty }
    }

    var href: String {
        guard !parameters.isEmpty else { return path }
        return path + "?" + parameters.map { Self.encode($0.name) + "=" + Self.encode($0.value) }.joined(separator: "&")
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters, over the UTF-8 bytes.
    static func encode(_ text: String) -> String {
        var encoded = ""
        encoded.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF")
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.append(Character(Unicode.Scalar(byte)))
            default:
                encoded.append("%")
                encoded.append(hex[Int(byte >> 4)])
                encoded.append(hex[Int(byte & 0xF)])
            }
        }
        return encoded
    }
}
