import TextScanning
import NewslineModels

/// Tells the shape of a decoded article from its first characters, its markers and the content type.
enum FormatDetector {
    /// Lines and labels only a newspaper archive page dump has.
    static let archiveMarkers = ["기사상세보기", "발행일 :", "본문자수 :", "표/그림/사진 유무", "종이신문보기"]
    /// Tags that show the text is an HTML page or fragment, searched in its first characters.
    static let htmlMarkers = [
        "<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<p", "<div", "<article", "<style", "<script",
        "<link", "<br",
    ]

    /// Bytes of a text opening with `<` searched for an HTML tag when its first 2 KiB hold none: pages
    /// open with long style sheets, scripts or server warnings (`<b>Deprecated</b>: …`) before `<html>`.
    /// Past it the text is taken for what its content type says.
    static let htmlMarkerWindow = 65_536

    private static func hasHTMLMarker(_ text: String, within bytes: Int) -> Bool {
        let head = String(decoding: text.utf8.prefix(bytes), as: UTF8.self).lowercased()
        return htmlMarkers.contains { head.containsText($0) }
    }

    /// The longest line (in bytes) that can still be the `타이틀` label with the whitespace around it.
    static let titleLabelLineLimit = 256

    static func detect(_ text: String, contentType: ContentType) -> ArticleFormat {
        let start = text.unicodeScalars.first { !$0.isSpace }
        if start == "{" || start == "[" {
            return .json
        }
        if start == "<" {
            if contentType.isHTML || hasHTMLMarker(text, within: 2048) || hasHTMLMarker(text, within: htmlMarkerWindow) {
                return .html
            }
        }
        if isArchivePage(text) {
            return .archiveText
        }
        if contentType.isJSON {
            return .json
        }
        if contentType.isHTML {
            return .html
        }
        return .plain
    }

    private static func isArchivePage(_ text: String) -> Bool {
        if archiveMarkers.contains(where: { text.containsText($0) }) {
            return true
        }
        // A page whose body was lost can still open with the archive's `타이틀` label line.
        // Split on bytes: a Character split walks graphemes through a whole page that has no line breaks.
        // Bytes compared, not Strings: the text is NFC, and String equality would normalize a long line.
        return text.utf8.split(separator: 0x0A, maxSplits: 5).contains { line in
            line.count <= titleLabelLineLimit && Substring(line).trimmingWhitespace().utf8.elementsEqual("타이틀".utf8)
        }
    }
}
