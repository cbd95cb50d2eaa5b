import NewslineModels
import Testing

/// The body is found whatever layout the page uses, not only `<article>` and `<p>`.
struct HTMLLayoutTests {
    typealias Page = HTMLPageFixtures

    static let layouts: [(name: String, body: String)] = [
        ("paragraphs in article", "<article>" + Page.prose.map { "<p>\($0)</p>" }.joined() + "</article>"),
        ("div with br", "<div class=\"x1\">" + Page.prose.joined(separator: "<br><br>\n") + "</div>"),
        ("text directly in containers", Page.prose.map { "<div class=\"c7\">\($0)</div>" }.joined()),
        ("nested layout tables", """
            <table width="980"><tr><td width="200"><a href="/a">Menu one</a><br><a href="/b">Menu two</a></td>
            <td><table><tr><td><table><tr><td>\(Page.prose[0])<br><br>\(Page.prose[1])<br><br>\(Page.prose[2])</td></tr>
            </table></td></tr></table></td></tr></table>
            """),
        ("several content blocks", """
            <div class="w"><div class="t"><p>\(Page.prose[0])</p></div><div class="adslot"><a href="/ad">Advertisement</a></div>
            <div class="t"><p>\(Page.prose[1])</p></div><div class="t"><p>\(Page.prose[2])</p></div></div>
            """),
        ("sections", "<main>" + Page.prose.map { "<section><h2>Part</h2><p>\($0)</p></section>" }.joined() + "</main>"),
        ("AMP page", """
            <amp-sidebar id="sidebar" layout="nodisplay"><a href="/">Home</a><a href="/news">News</a></amp-sidebar>
            <div class="amp-wp-article-content"><amp-img src="a.jpg" width="600" height="400"></amp-img>
            \(Page.prose.map { "<p>\($0)</p>" }.joined())</div>
            """),
        ("meaningless class names", """
            <div class="sc-1x9 k3"><div class="q8z"><span class="r2">\(Page.prose[0])</span></div>
            <div class="q8z"><span class="r2">\(Page.prose[1])</span></div><div class="q8z"><span class="r2">\(Page.prose[2])</span></div></div>
            <div class="sc-77b"><a href="/1">Other story one</a> <a href="/2">Other story two</a></div>
            """),
    ]

    @Test(arguments: layouts.map(\.name))
    func bodyIsFoundInLayout(name: String) throws {
        let body = Self.layouts.first { $0.name == name }!.body
        let parsed = try Page.parse(Page.page(body))
        let text = Page.body(parsed)
        for paragraph in Page.prose {
            #expect(text.contains(paragraph), "\(name): missing \(paragraph.prefix(30))")
        }
        for boilerplate in ["Home", "Copyright 2024", "Menu one", "Other story one", "Advertisement"] {
            #expect(!text.contains(boilerplate), "\(name): kept \(boilerplate)")
        }
        #expect(parsed.provenance["paragraphs"] == "html:content-score")
    }

    @Test func headingsListsAndTablesInsideTheArticleAreKept() throws {
        let body = """
            <article><p>\(Page.prose[0])</p><h2>What changes for passengers</h2>
            <ul><li>Four new night lines to the northern districts.</li><li>Buses every twenty minutes after midnight.</li></ul>
            <p>\(Page.prose[1])</p><table><tr><th>Line</th><th>First bus</th></tr><tr><td>N4</td><td>00:15</td></tr></table>
            <p>\(Page.prose[2])</p></article>
            """
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs.contains("What changes for passengers"))
        #expect(parsed.paragraphs.contains("Four new night lines to the northern districts."))
        #expect(parsed.paragraphs.contains("N4"))
        #expect(parsed.paragraphs.last == Page.prose[2])
    }

    @Test func koreanAndChineseBodiesAreFoundToo() throws {
        let korean = ["정부가 중소기업의 연구개발을 돕는 기술개발 바우처 예산을 내년에 두 배로 늘린다. 중소벤처기업부는 20일 이런 내용을 발표했다.",
                      "바우처 지원 대상은 올해 1200곳에서 내년 2500곳으로 늘고, 기업당 지원 한도도 최대 2억원으로 높아진다."]
        let chinese = ["市政府周二宣布，将把夜间公交线路延伸到北部城区，这一决定结束了居民和医院长达两年的呼吁。",
                       "根据计划，四条新线路将在午夜至凌晨五点之间每二十分钟发一班车，市中心的现有线路也将调整。"]
        for paragraphs in [korean, chinese] {
            let parsed = try Page.parse(Page.page("<div id=\"c\">" + paragraphs.map { "<p>\($0)</p>" }.joined() + "</div>"))
            #expect(parsed.paragraphs == paragraphs)
        }
    }
}
