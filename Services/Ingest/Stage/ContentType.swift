import TextScanning

/// The parts of a `content-type` header ingest uses: the media type and its `charset`.
struct ContentType: Sendable, Equatable {
    /// Lowercased, without parameters: `text/html`.
    var mediaType: String?
    /// Lowercased, without quotes: `euc-kr`.
    var charset: String?

    init(_ header: String?) {
        guard let header else { return }
        let parts = header.split(separator: ";", omittingEmptySubsequences: false)
        let type = parts.first.map { $0.trimmingWhitespace().lowercased() } ?? ""
        mediaType = type.isEmpty ? nil : type
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingWhitespace().lowercased() == "charset" else { continue }
            var value = pair[1].trimmingWhitespace()
            value.removeAll { $0 == "\"" || $0 == "'" }
            charset = value.isEmpty ? nil : value.lowercased()
        }
    }

    var isHTML: Bool { mediaType?.contains("html") ?? false }
    var isJSON: Bool { mediaType?.contains("json") ?? false }
}
