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
}
