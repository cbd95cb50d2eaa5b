import NewslineModels
import Testing

/// Each kind of page furniture around or inside an article is left out of the body.
struct HTMLBoilerplateTests {
    typealias Page = HTMLPageFixtures

    static let kinds: [(name: String, html: String, text: String)] = [
        ("navigation", "<div class=\"main-navigation\"><a href=\"/\">World</a> <a href=\"/b\">Business news</a></div>",
         "Business news"),
        ("share bar", "<div class=\"share-buttons\"><a href=\"#\">Share on Facebook</a><a href=\"#\">Tweet</a></div>",
         "Share on Facebook"),
        ("related links", "<ul class=\"related-articles\"><li><a href=\"/x\">Tram fares rise again next year</a></li></ul>",
         "Tram fares rise again"),
        ("read-also line", "<p>Read also: <a href=\"/y\">Why the northern districts lost their last bus in 2019</a></p>",
         "Why the northern districts"),
        ("comments", """
            <div id="comments"><h3>3 comments</h3><div class="comment-body"><p>I have waited years for this, finally \
            somebody listened to the people who work nights in this city and need to get home safely.</p></div></div>
            """, "I have waited years"),
        ("cookie box", """
            <div class="cookie-consent"><p>This website uses cookies to improve your experience while you navigate \
            through the website, and to show you personalised advertising.</p><button>Accept</button></div>
            """, "This website uses cookies"),
        ("newsletter box", """
            <div class="newsletter-signup"><p>Get the best of City Post in your inbox every morning, free of charge, \
            with the stories our editors picked for you.</p><input type="email"></div>
            """, "Get the best of City Post"),
        ("caption and credit", """
            <figure><img src="bus.jpg"><figcaption>A night bus at the central station. Photo: Ana Ruiz</figcaption></figure>
            <div class="photo-credit">Photo: City Post archive</div>
            """, "Photo:"),
        ("footer inside the article", "<div class=\"article-footer\"><a href=\"/tags/bus\">bus</a> Filed under City</div>",
         "Filed under"),
        ("repeated byline and date", "<div class=\"byline\">By Ana Ruiz</div><div class=\"date\">19.04.2024 10:42</div>",
         "19.04.2024"),
        ("hidden block", "<div style=\"display: none\">Subscribers only: the full timetable as a download.</div>",
         "Subscribers only"),
    ]

    @Test(arguments: kinds.map(\.name))
    func furnitureIsLeftOut(name: String) throws {
        let kind = Self.kinds.first { $0.name == name }!
        let body = "<article><h1>Night buses reach the north</h1>\(kind.html)"
            + Page.prose.map { "<p>\($0)</p>" }.joined() + kind.html + "</article>"
        let parsed = try Page.parse(Page.page(body))
        let text = Page.body(parsed)
        #expect(!text.contains(kind.text), "\(name) kept")
        for paragraph in Page.prose {
            #expect(text.contains(paragraph), "\(name): lost \(paragraph.prefix(30))")
        }
        #expect(!parsed.paragraphs.contains("Night buses reach the north"), "the title is not repeated in the body")
    }

    @Test func pagesWithoutAnArticleAreRejected() throws {
        let index = Page.page((1...30).map { "<h3><a href=\"/story/\($0)\">Headline of story number \($0) on the front page</a></h3>" }
            .joined())
        let login = Page.page("""
            <form action="/login"><h2>Sign in to your account</h2><label>Email</label><input name="email">
            <label>Password</label><input type="password" name="password"><button>Sign in</button>
            <a href="/forgot">Forgot your password?</a></form>
            """)
        let shell = Page.page("<div id=\"root\"></div><script>window.app.mount('#root')</script>")
        let cookieWall = Page.page("""
            <div class="cookie-consent-overlay"><p>We and our partners use cookies to store and access information on \
            your device, to show personalised advertising and to measure how the site is used.</p>
            <button>Accept all</button><button>Settings</button></div>
            """)
        for html in [index, login, shell, cookieWall] {
            #expect(throws: RejectedInput.self) { try Page.parse(html) }
            do {
                _ = try Page.parse(html)
            } catch let error as RejectedInput {
                #expect(error.reason == RejectedInput.noArticleContent)
            }
        }
    }

    @Test func pageWhoseOnlyTextIsClassedAsFurnitureIsReadAgainLeniently() throws {
        let body = "<div class=\"sidebar-wrap\"><div class=\"teaser-box\">" + Page.prose.map { "<p>\($0)</p>" }.joined()
            + "</div></div>"
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs == Page.prose)
        #expect(parsed.provenance["paragraphs"] == "html:content-score+lenient")
    }

    @Test func longBlockWithAMetaClassIsArticleText() throws {
        let body = "<div class=\"post-meta\">" + Page.prose.map { "<p>\($0)</p>" }.joined() + "</div>"
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs == Page.prose)
    }

    @Test func jsonLDArticleBodyIsTheFallbackForAPageWithoutBodyMarkup() throws {
        let script = """
            <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Night buses reach the north",
            "articleBody": "\(Page.prose.joined(separator: "\\n"))"}</script>
            """
        let parsed = try Page.parse(Page.page("<div id=\"root\"></div>", head: script))
        #expect(parsed.paragraphs == Page.prose)
        #expect(parsed.provenance["paragraphs"] == "json-ld:articleBody")
    }
}
