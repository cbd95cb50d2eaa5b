/// The slowest inputs of up to 2 MiB found for parse, for the budget tests and `newsline eval html --worst-case`.
///
/// Each stresses one dimension of the page walk or the text passes: size, depth, breadth, tiny runs,
/// long attributes, a huge title, JSON-LD, and a JSON article of 150,000 one-character paragraphs.
public enum WorstCasePages {
    /// Just under ingest's default 2 MiB limit.
    public static let targetBytes = 2 * 1024 * 1024 - 4_096

    public static let all: [(name: String, bytes: [UInt8])] = [
        ("huge article page", hugeArticlePage()),
        ("deeply nested divs", repeated(open: "<div>", count: 380_000, inner: "text")),
        ("deeply nested tables", repeated(open: "<table><tr><td>", count: 120_000, inner: "cell")),
        ("thousands of sibling paragraphs", page(String(repeating: "<p>word, text.</p>\n", count: 105_000))),
        ("one-character runs between br", page("<div>" + String(repeating: "a<br>", count: 400_000) + "</div>")),
        ("unclosed inline tags", page(String(repeating: "<b>x ", count: 400_000))),
        ("unclosed tags then stray end tags", page(
            "<p>" + String(repeating: "<b>", count: 300_000) + "text " + String(repeating: "</i>", count: 300_000))),
        ("huge class attributes", page(
            "<div class=\"" + String(repeating: "related-share comment x ", count: 80_000) + "\"><p>text</p></div>")),
        ("200,000-character title", titlePage()),
        ("huge JSON-LD article body", jsonLDPage()),
        ("JSON article of 150,000 one-character paragraphs", jsonArticle()),
        ("one 2 MiB paragraph", page("<p>" + String(repeating: "word, ", count: targetBytes / 6 - 20) + "</p>")),
        ("links in every word", page("<div>" + String(repeating: "<a href=\"/x\">w</a> ", count: 95_000) + "</div>")),
    ]

    static func page(_ body: String) -> [UInt8] {
        Array(("<!DOCTYPE html><html lang=\"en\"><head><title>Worst case | Site</title></head><body>" + body
            + "</body></html>").utf8.prefix(targetBytes))
    }

    static func repeated(open: String, count: Int, inner: String) -> [UInt8] {
        page(String(repeating: open, count: count) + inner)
    }

    static func hugeArticlePage() -> [UInt8] {
        let paragraph = "<p>The council voted on Tuesday to extend the night bus network, a decision that ends a long "
            + "campaign by residents, shift workers and the hospital.</p>\n"
        let chrome = "<nav class=\"menu\"><a href=\"/\">Home</a> <a href=\"/city\">City</a></nav>"
            + "<aside class=\"sidebar\"><ul><li><a href=\"/1\">Other story</a></li></ul></aside>\n"
        var body = ""
        while body.utf8.count < targetBytes - 10_000 {
            body += "<div class=\"block\">" + String(repeating: paragraph, count: 20) + "</div>" + chrome
        }
        return page("<article>" + body + "</article>")
    }

    static func titlePage() -> [UInt8] {
        let title = String(repeating: "Night buses | north - ", count: 200_000 / 22)
        let body = "<p>" + String(repeating: "The council voted to extend the night buses. ", count: 30_000) + "</p>"
        return Array(("<html><head><title>\(title)</title><meta property=\"og:title\" content=\"\(title)\"></head><body>"
            + "<h1>\(title)</h1>\(body)</body></html>").utf8.prefix(targetBytes))
    }

    static func jsonLDPage() -> [UInt8] {
        let body = String(repeating: "The council voted to extend the night buses.\\n", count: 40_000)
        let script = "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": \"Night buses\", "
            + "\"articleBody\": \"\(body)\"}</script>"
        return page(script + "<div id=\"root\"></div>")
    }

    public static func jsonArticle() -> [UInt8] {
        let paragraphs = String(repeating: "\"a\",", count: 150_000)
        return Array("{\"title\": \"Night buses\", \"body\": [\(paragraphs)\"z\"]}".utf8)
    }
}
