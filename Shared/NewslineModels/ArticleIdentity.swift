import Crypto
import Foundation

/// The articleId and contentHash rules of the event contract.
///
/// articleId is the first 128 bits of SHA-256 over the normalized source URL when there is one,
/// else over the normalized text, so re-publishing an article gives the same id.
/// contentHash is the full SHA-256 of the normalized text, telling a changed article from a repeat.
public enum ArticleIdentity {
    public static func articleId(sourceURL: String?, text: String) -> String {
        if let sourceURL, let normalized = normalizeURL(sourceURL) {
            return String(sha256Hex("url:" + normalized).prefix(32))
        }
        return String(sha256Hex("text:" + normalizeText(text)).prefix(32))
    }

    public static func contentHash(text: String) -> String {
        withNormalizedUTF8(text) { hex(SHA256.hash(data: $0)) }
    }

    /// `articleId` and `contentHash` together, normalizing the text once for both.
    ///
    /// The normalized text is hashed from its UTF-8 bytes, never made a `String`: ingest runs this on every
    /// page, and the copies and UTF-8 validation of a `String` cost as much as the hashing.
    public static func identity(sourceURL: String?, text: String) -> (articleId: String, contentHash: String) {
        let urlId = sourceURL.flatMap(normalizeURL).map { String(sha256Hex("url:" + $0).prefix(32)) }
        return withNormalizedUTF8(text) { normalized in
            let contentHash = hex(SHA256.hash(data: normalized))
            if let urlId { return (urlId, contentHash) }
            var hasher = SHA256()
            hasher.update(data: Array("text:".utf8))
            hasher.update(bufferPointer: normalized)
            return (String(hex(hasher.finalize()).prefix(32)), contentHash)
        }
    }

    /// Lowercases scheme and host, drops the fragment, default ports, tracking parameters and a
    /// trailing slash. Returns nil for text that is not an absolute http(s) URL.
    public static func normalizeURL(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard var components = URLComponents(string: trimmed),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return nil }
        components.scheme = scheme
        components.host = host.lowercased()
        components.fragment = nil
        if (scheme == "http" && components.port == 80) || (scheme == "https" && components.port == 443) {
            components.port = nil
        }
        let kept = (components.queryItems ?? []).filter { !isTrackingParameter($0.name) }
        components.queryItems = kept.isEmpty ? nil : kept.sorted { ($0.name, $0.value ?? "") < ($1.name, $1.value ?? "") }
        if components.path.count > 1, components.path.hasSuffix("/") {
            components.path.removeLast()
        }
        if components.path.isEmpty {
            components.path = "/"
        }
        return components.string
    }

    /// NFC, whitespace runs collapsed to one space, trimmed.
    public static func normalizeText(_ text: String) -> String {
        collapsingWhitespace(CanonicalComposition.nfc(text))
    }

    private static func isTrackingParameter(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered.hasPrefix("utm_") || lowered == "fbclid" || lowered == "gclid"
    }

    private static func sha256Hex(_ text: String) -> String {
        hex(SHA256.hash(data: Array(text.utf8)))
    }

    /// Lowercase hexadecimal of a digest, two digits a byte.
    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return digest.withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: bytes.count * 2) { output in
                for (index, byte) in bytes.enumerated() {
                    output[2 * index] = digits[Int(byte >> 4)]
                    output[2 * index + 1] = digits[Int(byte & 0x0F)]
                }
                return bytes.count * 2
            }
        }
    }
}
