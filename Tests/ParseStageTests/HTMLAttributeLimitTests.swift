import Testing

@testable import ParseStage

@Suite struct HTMLAttributeLimitTests {
    private func limited(_ html: String, limit: Int) -> String? {
        Array(html.utf8).withUnsafeBufferPointer { HTMLAttributeLimit.limited($0, limit: limit) }
            .map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func ordinaryMarkupIsLeftAlone() {
        #expect(limited(#"<p class="a" id='b' data-x=1 hidden>Text with a<b and x > y</p>"#, limit: 4) == nil)
    }

    @Test func attributesPastTheLimitAreLeftOutAndTheTagKept() {
        #expect(limited(#"<p a="1" b='>' c=3 d e="5">kept</p><i x=1>also</i>"#, limit: 2) == #"<p a="1" b='>' >kept</p><i x=1>also</i>"#)
    }

    @Test func aTagWithTwoHundredThousandAttributesParsesAtOnce() {
        var page = "<html><head><title>Many attributes</title></head><body><article><p"
        for number in 0..<200_000 { page += " a\(number)=\"v\"" }
        page += ">The article text stays after the tag that carried too many attributes.</p></article></body></html>"
        let clock = ContinuousClock()
        let started = clock.now
        let fields = HTMLArticleParser.parse(page)
        // Minutes before the limit (libxml2 compares each attribute with every earlier one); a bound
        // far above the expected time only catches that blow-up coming back.
        #expect(clock.now - started < .seconds(20))
        #expect(fields.paragraphs.joined().contains("The article text stays"))
    }

    private let path = String(repeating: "M0 0L1 1", count: 40)

    @Test func longScriptStyleAndDrawingContentIsLeftOutAndTheElementsKept() {
        let page = "<p>a</p><script>\(path)</script><style>\(path)</style><svg viewBox='0 0 1 1'><path d='\(path)'/></svg><p>b</p>"
        #expect(limited(page, limit: 256) == "<p>a</p><script></script><style></style><svg viewBox='0 0 1 1'></svg><p>b</p>")
    }

    @Test func shortContentAndJSONLDStay() {
        #expect(limited("<svg><path d='M0 0'/></svg><script>var x = 1</script>", limit: 256) == nil)
        #expect(limited("<script type='application/ld+json'>{\"a\": \"\(path)\"}</script>", limit: 256) == nil)
    }

    @Test func aDrawingHoldingAnotherIsKeptWhole() {
        #expect(limited("<svg><svg><path d='\(path)'/></svg></svg>", limit: 256) == nil)
    }

    @Test func aDrawingClosedInItsStartTagIsEmptyAndTheTextAfterItStays() {
        let page = "<svg class=\"icon\"/><p>Article text \(path)</p></svg>"
        #expect(limited(page, limit: 256) == nil)
    }

    @Test func aScriptClosedInItsStartTagRunsToItsClosingTagAsInABrowser() {
        #expect(limited("<script src=x.js/>\(path)</script><p>b</p>", limit: 256) == "<script src=x.js/></script><p>b</p>")
    }

    @Test func longValuesParseNeverReadsAreLeftOutAndTheAttributesKept() {
        let long = String(repeating: "x", count: HTMLAttributeLimit.minElidedValue)
        let page = "<img src=\"\(long)\" srcset='\(long)' data-x=\"\(long)\" alt=\"short\"><a href=\"\(long)\" rel=\"author\">A</a>"
        #expect(limited(page, limit: 256) == "<img src=\"\" srcset='' data-x=\"\" alt=\"short\"><a href=\"\" rel=\"author\">A</a>")
    }

    @Test func longValuesParseReadsStay() {
        let long = String(repeating: "x", count: HTMLAttributeLimit.minElidedValue)
        for name in HTMLAttributeLimit.readAttributes.map({ String(decoding: $0, as: UTF8.self) }) {
            #expect(limited("<div \(name)=\"\(long)\">t</div>", limit: 256) == nil, "\(name)")
            #expect(limited("<div \(name.uppercased())='\(long)'>t</div>", limit: 256) == nil, "\(name)")
        }
        #expect(limited("<link rel=canonical href=\"https://example.com/\(long)\">", limit: 256) == nil)
    }

    @Test func metadataInLongValuesIsReadWhole() {
        let path = String(repeating: "section/", count: 12)
        let description = String(repeating: "A standfirst that runs long. ", count: 4)
        let page = """
            <html lang="en"><head><title>Headline</title><link rel="canonical" href="https://example.com/\(path)story">
            <meta property="og:description" content="\(description)"></head><body><article>
            <p data-tracking="\(String(repeating: "k=1;", count: 30))">The article text of this page stays whole, \
            in a paragraph long enough to be the body of the page.</p></article></body></html>
            """
        let fields = HTMLArticleParser.parse(page)
        #expect(fields.canonicalURL == "https://example.com/\(path)story")
        #expect(fields.paragraphs.joined().contains("The article text of this page stays whole"))
    }
}
