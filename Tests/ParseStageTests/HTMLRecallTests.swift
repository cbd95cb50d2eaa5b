import NewslineModels
@testable import ParseStage
import Testing

/// Article text in places a strict reading loses: blocks with negative class words, text behind a
/// paywall class, short closing lines, hyphenation hints, and script text left out before libxml2 reads.
struct HTMLRecallTests {
    typealias Page = HTMLPageFixtures

    static let boxProse = "The operator will also test electric buses on the longest of the new lines, and the first "
        + "results, which the council expects in spring, will decide whether the whole fleet is replaced."

    @Test func aNegativelyNamedBlockHoldingProseStays() throws {
        // Page builders name every block `widget` or `card`; one of them holds a paragraph of the article.
        let body = "<article>" + Page.prose.map { "<p>\($0)</p>" }.joined()
            + "<div class=\"widget text-card\"><p>\(Self.boxProse)</p></div></article>"
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs.contains(Self.boxProse))
    }

    @Test func aNegativelyNamedBoxOfLinksIsLeftOut() throws {
        let links = (1...4).map { "<li><a href=\"/story\($0)\">Another story about the buses of the city, part \($0)</a></li>" }
        let body = "<article>" + Page.prose.map { "<p>\($0)</p>" }.joined()
            + "<div class=\"card-list\"><ul>\(links.joined())</ul></div></article>"
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs == Page.prose)
    }

    @Test func textInsideAPaywallWrapperIsRead() throws {
        let body = "<article><p>\(Page.prose[0])</p><div class=\"content-behind-paywall\">"
            + Page.prose.dropFirst().map { "<p>\($0)</p>" }.joined() + "</div></article>"
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs == Page.prose)
    }

    @Test func aShortPaywallPromptIsLeftOut() throws {
        let body = "<article>" + Page.prose.map { "<p>\($0)</p>" }.joined()
            + "<div class=\"paywall\"><p>Read on with a subscription.</p></div></article>"
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs == Page.prose)
    }

    @Test(arguments: ["Ich hoffe, es gefällt euch.", "Bis bald!", "– „Ok.“"])
    func aShortSentenceClosingTheArticleStays(closing: String) throws {
        let body = "<article>" + Page.prose.map { "<p>\($0)</p>" }.joined() + "<p>\(closing)</p></article>"
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs == Page.prose + [closing])
    }

    @Test(arguments: ["Mehr Themen:", "Quellen ausblenden", "<a href=\"/next\">Next story</a>"])
    func aShortLabelAfterTheArticleIsLeftOut(label: String) throws {
        let body = "<article>" + Page.prose.map { "<p>\($0)</p>" }.joined() + "<p>\(label)</p></article>"
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs == Page.prose)
    }

    @Test func theListClosingTheArticleStays() throws {
        let items = ["Camera: digital", "Exposure: 40 minutes", "Place: Kasberg"]
        let body = "<article>" + Page.prose.map { "<p>\($0)</p>" }.joined()
            + "<ul>" + items.map { "<li>\($0)</li>" }.joined() + "</ul></article>"
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs == Page.prose + items)
    }

    @Test func softHyphensStayAsPublished() throws {
        let hyphenated = "Die Stadt\u{00AD}werke wollen die Nacht\u{00AD}linien bis zum Früh\u{00AD}jahr auf "
            + "Elektro\u{00AD}busse umstellen, sagte die Sprecherin, und die Fahr\u{00AD}pläne bleiben gleich."
        let body = "<article>" + Page.prose.map { "<p>\($0)</p>" }.joined() + "<p>\(hyphenated)</p></article>"
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs.last == hyphenated)
    }

    private func slimmed(_ html: String) -> String? {
        Array(html.utf8).withUnsafeBufferPointer { HTMLAttributeLimit.limited($0) }
            .map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func scriptAndStyleTextIsLeftOutBeforeLibxml2Reads() {
        let code = String(repeating: "var x = '<p>not text</p>';", count: 20)
        let style = String(repeating: "p { color: red; } ", count: 20)
        let page = "<head><style>\(style)</style></head><body><script>\(code)</script><p>kept</p></body>"
        #expect(slimmed(page) == "<head><style></style></head><body><script></script><p>kept</p></body>")
    }

    @Test func jsonLDQuotingAScriptTagIsKeptWhole() {
        let json = #"{"@type":"NewsArticle","articleBody":"<script async src=\"x.js\"><\/script> "#
            + String(repeating: "Night buses reach the north. ", count: 20) + #"","headline":"Buses at night"}"#
        let page = "<script type=\"application/ld+json\">\(json)</script><p>kept</p>"
        #expect(slimmed(page) == nil)
        let fields = HTMLArticleParser.parse(Page.page(page))
        #expect(fields.title == "Buses at night")
    }

    @Test func shortScriptsAreLeftAlone() {
        #expect(slimmed("<script>var a = 1;</script><p>kept</p>") == nil)
    }

    static let builderProse = "The council will decide in spring whether the whole fleet of the city is replaced by "
        + "electric buses over the next ten years."

    @Test func aProseBlockBesideTheBestOneInsideTheArticleStays() throws {
        // Page builders put each part of the article in its own row; the second row scores too little alone.
        let body = "<article><div class=\"row-one\">" + Page.prose.map { "<p>\($0)</p>" }.joined() + "</div>"
            + "<div class=\"row-two\"><h3>The next step</h3><p>\(Self.builderProse)</p></div></article>"
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs == Page.prose + ["The next step", Self.builderProse])
    }

    @Test func aLinkHeavyBlockBesideTheBestOneInsideTheArticleIsLeftOut() throws {
        let links = "<a href=\"/a\">the night bus timetable of the city</a> and <a href=\"/b\">the map of the lines</a>"
        let body = "<article><div class=\"row-one\">" + Page.prose.map { "<p>\($0)</p>" }.joined() + "</div>"
            + "<div class=\"row-two\"><h3>Elsewhere</h3><p>See also \(links) on the website.</p></div></article>"
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs == Page.prose)
    }

    @Test func aStandfirstPrintedAsTheSubtitleInsideTheBodyStays() throws {
        let standfirst = "Twelve new night lines and shorter waits: the council's plan for the buses after midnight."
        let body = "<article><h1>Night buses</h1><p class=\"subtitle\">\(standfirst)</p>"
            + Page.prose.map { "<p>\($0)</p>" }.joined() + "</article>"
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.subtitle == standfirst)
        #expect(parsed.paragraphs == [standfirst] + Page.prose)
    }

    @Test func aShortSubtitleRepeatedInTheBodyIsLeftOut() throws {
        let body = "<article><h1>Night buses</h1><p class=\"subtitle\">Transport</p>"
            + Page.prose.map { "<p>\($0)</p>" }.joined() + "</article>"
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.subtitle == "Transport")
        #expect(parsed.paragraphs == Page.prose)
    }

    /// A page builder's text blocks: one class, each in its own row and column, so they are cousins.
    static func builderPage(secondBlock: String) -> String {
        let first = "<div class=\"text-column\">" + Page.prose.map { "<p>\($0)</p>" }.joined() + "</div>"
        return "<div class=\"page-rows\"><div class=\"row row-1\"><div class=\"col\">\(first)</div></div>"
            + "<div class=\"row row-2\"><div class=\"col\"><figure><img src=\"bus.jpg\"></figure></div></div>"
            + "<div class=\"row row-3\"><div class=\"col\"><div class=\"text-column\">\(secondBlock)</div></div></div></div>"
    }

    @Test func aTextBlockOfTheSameClassInAnotherRowStays() throws {
        let parsed = try Page.parse(Page.page(Self.builderPage(secondBlock: "<p>\(Self.builderProse)</p>")))
        #expect(parsed.paragraphs == Page.prose + [Self.builderProse])
    }

    @Test func aLinkListOfTheSameClassInAnotherRowIsLeftOut() throws {
        let links = (1...3).map { "<p><a href=\"/s\($0)\">Another story about the buses of the city, part \($0)</a></p>" }
        let parsed = try Page.parse(Page.page(Self.builderPage(secondBlock: links.joined())))
        #expect(parsed.paragraphs == Page.prose)
    }
}
