import Testing

@testable import IngestStage

/// The canonical URL and charset declarations read from a page head, other tags stepped over as bytes.
struct HTMLHeadScannerTests {
    @Test func readsTheCanonicalLinkPastOtherTagsWhoseAttributesHoldAngleBrackets() {
        let page = """
            <!DOCTYPE html><HTML lang="en"><HEAD>
            <script data-x="a > b" src='/app.js'></script>
            <div title=">" class="x"><img alt="<link rel=canonical href=https://wrong.example/>">
            <LINK Rel="Canonical" HREF="https://news.example/a/1">
            """
        #expect(HTMLHeadScanner.canonicalURL(in: page) == "https://news.example/a/1")
    }

    @Test func fallsBackToOpenGraphAndStopsAtTheBody() {
        let openGraph = #"<head><meta property="og:url" content="https://news.example/og"><link rel="icon" href="/i.png">"#
        #expect(HTMLHeadScanner.canonicalURL(in: openGraph) == "https://news.example/og")
        let inBody = #"<head><title>t</title></head><body><link rel="canonical" href="https://news.example/late">"#
        #expect(HTMLHeadScanner.canonicalURL(in: inBody) == nil)
        let relative = #"<head><link rel="canonical" href="/a/1"></head>"#
        #expect(HTMLHeadScanner.canonicalURL(in: relative) == nil)
    }

    @Test func readsOnlyTheFirstBytesOfTheTextForTheURL() {
        let link = #"<link rel="canonical" href="https://news.example/a/1">"#
        // Three-byte scalars: the limit counts UTF-8 bytes, not characters.
        let filler = "<head><title>" + String(repeating: "가", count: 10_000) + "</title>"
        let within = filler + String(repeating: " ", count: HTMLHeadScanner.urlScanLimit - filler.utf8.count - link.utf8.count)
        #expect(HTMLHeadScanner.canonicalURL(in: within + link) == "https://news.example/a/1")
        #expect(HTMLHeadScanner.canonicalURL(in: within + String(repeating: " ", count: link.utf8.count) + link) == nil)
        #expect(HTMLHeadScanner.canonicalURL(in: String(repeating: "a < b ", count: 10_000) + link) == nil)
        #expect(HTMLHeadScanner.canonicalURL(in: "") == nil)
        #expect(HTMLHeadScanner.canonicalURL(in: "no tags at all <") == nil)
    }

    @Test func readsMetaCharsetWhateverTheCaseOfItsTag() {
        let head = Array(#"<html><HEAD><Title x=">">t</Title><META CHARSET="euc-kr"></HEAD>"#.utf8)
        #expect(HTMLHeadScanner.declarations(in: head[...]).metaCharset == "euc-kr")
    }
}
