import NewslineModels
import Testing

/// Title, date, authors, section, language, canonical URL and lead image from real-page markup.
struct HTMLMetadataTests {
    typealias Page = HTMLPageFixtures
    static let article = "<article>" + HTMLPageFixtures.prose.map { "<p>\($0)</p>" }.joined() + "</article>"

    @Test func openGraphAndLinkTags() throws {
        let head = """
            <meta property="og:site_name" content="City Post"><meta property="og:title" content="Night buses reach the north - City Post">
            <meta property="og:locale" content="en_GB"><meta property="og:url" content="https://citypost.example/2024/04/19/night-buses">
            <meta property="og:image" content="https://citypost.example/bus.jpg"><meta property="article:section" content="City">
            <meta name="author" content="Ana Ruiz"><meta property="article:published_time" content="2024-04-19T10:42:00+02:00">
            <link rel="canonical" href="https://citypost.example/city/night-buses">
            """
        let parsed = try Page.parse(Page.page(Self.article, head: head))
        #expect(parsed.title == "Night buses reach the north")
        #expect(parsed.publishedDate == "2024-04-19" && parsed.publishedAt == "2024-04-19T10:42:00+02:00")
        #expect(parsed.byline?.authors.map(\.name) == ["Ana Ruiz"])
        #expect(parsed.section == "City")
        #expect(parsed.declaredLanguage == "en-GB")
        #expect(parsed.provenance["declaredLanguage"] == "meta:og:locale")
        #expect(parsed.canonicalURL == "https://citypost.example/city/night-buses")
        #expect(parsed.hasLeadImage == true)
    }

    @Test func jsonLDWinsOverMetaAndListsEveryAuthor() throws {
        let head = """
            <meta property="article:published_time" content="2024-04-20">
            <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebPage"},
            {"@type": "NewsArticle", "headline": "Night buses reach the north", "datePublished": "2024-04-19T08:00:00Z",
            "author": [{"@type": "Person", "name": "Ana Ruiz"}, {"@type": "Person", "name": "Tom Berg"}],
            "articleSection": ["City", "Transport"], "image": {"@type": "ImageObject", "url": "x.jpg"}}]}</script>
            """
        let parsed = try Page.parse(Page.page(Self.article, head: head))
        #expect(parsed.publishedDate == "2024-04-19")
        #expect(parsed.provenance["publishedDate"] == "json-ld:datePublished")
        #expect(parsed.byline?.authors.map(\.name) == ["Ana Ruiz", "Tom Berg"])
        #expect(parsed.section == "City")
        #expect(parsed.hasLeadImage == true)
    }

    @Test func pageElementsWhenThereIsNoMetadata() throws {
        let body = """
            <h1>Night buses reach the north</h1><a rel="author" href="/staff/ana">Ana Ruiz</a>
            <time datetime="2024-04-19">19 April</time>\(Self.article)
            """
        let parsed = try Page.parse(Page.page(body, htmlAttributes: " lang=\"en\""))
        #expect(parsed.title == "Night buses reach the north")
        #expect(parsed.provenance["title"] == "html:h1")
        #expect(parsed.byline?.authors.map(\.name) == ["Ana Ruiz"])
        #expect(parsed.provenance["byline"] == "html:rel-author")
        #expect(parsed.publishedDate == "2024-04-19" && parsed.provenance["publishedDate"] == "html:time")
        #expect(parsed.declaredLanguage == "en" && parsed.provenance["declaredLanguage"] == "html:lang")
        #expect(parsed.hasLeadImage == false)
        #expect(!Page.body(parsed).contains("Ana Ruiz"))
    }

    @Test func dateFromTheURLWhenThePageHasNone() throws {
        let parsed = try Page.parse(Page.page(Self.article), sourceURL: "https://citypost.example/2024/04/19/night-buses")
        #expect(parsed.publishedDate == "2024-04-19")
        #expect(parsed.provenance["publishedDate"] == "url:date-path")
        let compact = try Page.parse(Page.page(Self.article), sourceURL: "https://citypost.example/news/20240419/night-buses")
        #expect(compact.publishedDate == "2024-04-19")
    }

    @Test func titleKeepsAHyphenatedHeadlineAndDropsTheSiteName() throws {
        let head = "<meta property=\"og:title\" content=\"Mid-term review: trams first | City Post\">"
        let parsed = try Page.parse(Page.page(Self.article, head: head))
        #expect(parsed.title == "Mid-term review: trams first")
    }
}
