import Foundation
import NewslineModels

/// Checks that a JSON article is well formed and not nested beyond a limit.
///
/// The nesting limit is enforced by an iterative byte scan before any JSON parser runs, because
/// recursive parsers can exhaust the stack on input such as 10,000 nested arrays.
struct JSONArticleCheck {
    var maxDepth: Int

    /// Returns the article's own `url` field when it holds an absolute http(s) URL.
    func validate(_ text: String) throws -> String? {
        try scanNesting(text)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw RejectedInput(RejectedInput.malformedJSON, "the JSON does not parse")
        }
        let article = (object as? [String: Any]) ?? ((object as? [Any])?.first as? [String: Any])
        for key in ["url", "canonicalUrl", "link"] {
            if let url = article?[key] as? String, ArticleIdentity.normalizeURL(url) != nil {
                return url
            }
        }
        return nil
    }

    /// Tracks bracket depth outside strings; reports too-deep as soon as the limit is passed.
    private func scanNesting(_ text: String) throws {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in text.utf8 {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > maxDepth {
                    throw RejectedInput(RejectedInput.tooDeep, "JSON nesting goes deeper than \(maxDepth) levels")
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth < 0 {
                    throw RejectedInput(RejectedInput.malformedJSON, "a closing bracket has no opening one")
                }
            default:
                break
            }
        }
        if inString {
            throw RejectedInput(RejectedInput.malformedJSON, "a string is not terminated")
        }
        if depth != 0 {
            throw RejectedInput(RejectedInput.malformedJSON, "\(depth) brackets are not closed")
        }
    }
}
