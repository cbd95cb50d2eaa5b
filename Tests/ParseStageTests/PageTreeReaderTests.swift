import Testing

@testable import ParseStage

/// The tree read from libxml2's parse events is the tree libxml2's own tree builder makes.
///
/// Each expected shape is what `htmlReadMemory` gives for the page with the reader's options (written
/// down from its tree), with the elements the tree keeps as leaves (`title`, `svg`) shown without content.
@Suite struct PageTreeReaderTests {
    /// `name(children)` for an element, `'text'` for a text node.
    private func shape(_ html: String) -> String? {
        guard let tree = PageTreeReader.read(html) else { return nil }
        var text = ""
        var open: [Int] = []
        for index in tree.nodes.indices {
            while let last = open.last, index >= Int(tree.nodes[last].end) {
                text += ")"
                open.removeLast()
            }
            if tree.nodes[index].isText {
                text += "'" + tree.text(of: index) + "'"
            } else {
                text += tree.tag(of: index).name + "("
                open.append(index)
            }
        }
        return text + String(repeating: ")", count: open.count)
    }

    @Test func impliedElementsAreThoseOfLibxml2sTree() {
        #expect(shape("text only") == "html(body(p('text only')))")
        #expect(shape("<svg><title>s</title></svg><p>after</p>") == "html(body(svg()p('after')))")
    }

    @Test func textIsOneNodeUntilAnElementOrCommentComesBetween() {
        #expect(shape("<p>a<!-- c -->b &amp; c<fb:like>x</fb:like></p>") == "html(body(p('a''b & c'like('x'))))")
    }

    @Test func anElementAfterTheRootBelongsToItWhenTheRootComesFirst() {
        #expect(shape("<html><body><p>One</p></body></html><p>Two</p>") == "html(body(p('One'))html(p('Two')))")
        #expect(shape("<!DOCTYPE html><html><body><p>One</p></body></html><div>Two</div>") == "html(body(p('One')))")
        #expect(shape("<!-- c --><html><body><p>One</p></body></html><div>Two</div>") == "html(body(p('One')))")
    }

    @Test func aTextlessDocumentHasNoTree() {
        #expect(PageTreeReader.read("") == nil)
    }

    @Test func titleAndJSONLDAreReadFromTheirText() throws {
        let page = """
            <html><head><title> A &amp;  B </title><title>Second</title>
            <script type="application/ld+json">{"headline": "x < y"}</script></head>
            <body><svg><title>icon</title></svg><p>x</p></body></html>
            """
        let tree = try #require(PageTreeReader.read(page))
        #expect(tree.metadata.documentTitle == "A & B")
        #expect(tree.metadata.jsonLDScripts == [#"{"headline": "x < y"}"#])
    }

    @Test func visibleTextSeparatesBlocksAndLeavesOutWhatIsNotSeen() throws {
        let tree = try #require(PageTreeReader.read(
            "<div id=box class='lead  box'><b>zero</b><p>One<br>two<img src=x.png></p><script>var x</script></div>"))
        let box = try #require(tree.nodes.indices.first { !tree.nodes[$0].isText && tree.tag(of: $0).name == "div" })
        #expect(tree.visibleText(of: box) == "zero One two")
        #expect(tree.classList(of: box) == "lead  box")
        #expect(tree.ids[Int32(box)] == "box")
    }

    @Test func elementsWithTheSameNameShareATagIndex() throws {
        let tree = try #require(PageTreeReader.read("<div><p>a</p><x:p>b</x:p><section><p>c</p></section></div>"))
        let paragraphs = tree.nodes.indices.filter { !tree.nodes[$0].isText && tree.tag(of: $0).name == "p" }
        #expect(paragraphs.count == 3)
        #expect(Set(paragraphs.map { tree.nodes[$0].tag }).count == 1)
    }

    @Test(.timeLimit(.minutes(2))) func aPagePastTheNodeBudgetStopsTheParserAndSaysSo() throws {
        let page = "<html><body>" + String(repeating: "<i>x</i>", count: PageBudget.maxNodes / 2 + 10_000) + "</body></html>"
        let tree = try #require(PageTreeReader.read(page))
        #expect(tree.nodes.count == PageBudget.maxNodes)
        #expect(tree.warnings == [PageBudget.nodeBudgetWarning])
    }

    @Test func anElementOpenedPastTheDepthBudgetStopsTheParserAndSaysSo() throws {
        let tree = try #require(PageTreeReader.read(
            "<p>before</p>" + String(repeating: "<div>", count: PageBudget.maxDepth + 50) + "deep</div><p>after</p>"))
        #expect(tree.warnings == [PageBudget.depthBudgetWarning])
        let texts = tree.nodes.indices.filter { tree.nodes[$0].isText }.map { tree.text(of: $0) }
        #expect(texts == ["before"])
        #expect(tree.nodes.filter { !$0.isText && $0.kind == .container }.count == PageBudget.maxDepth + 1)
    }
}
