import NewslineModels
@testable import ParseStage
import Testing

/// Furniture-named wrappers around the article, recipe lines with controls, the standfirst behind a byline,
/// long post-metadata and cookie notes, date lines and link roundups.
struct HTMLWrapperAndLineTests {
    typealias Page = HTMLPageFixtures

    /// Five paragraphs: more than `PageTree.minRescuedContent` characters of article.
    static let paragraphs = Page.prose + [
        "The first buses will leave the central station at ten past midnight, and the last will return shortly "
            + "before six, when the day network takes over again.",
        "Residents of the northern districts have asked for the service since the last tram line there was closed, "
            + "and the hospital has offered to share the cost of the first year.",
    ]
    static let article = paragraphs.map { "<p>\($0)</p>" }.joined()

    /// Teasers to other stories, many times the article's text, so that the article is a small share of the page.
    static let teasers = "<div class=\"more-stories\">" + (1...12).map {
        "<div><p>Story number \($0): the harbour, the schools and the budget of the region, in a long teaser that "
            + "runs on for a while to fill the page with text that is not the article.</p></div>"
    }.joined() + "</div>"

    @Test func aShareContainerAroundTheArticleIsReadOnALongPage() throws {
        let body = "<div class=\"document-sharing-container\"><div class=\"document-content\">\(Self.article)</div></div>"
            + Self.teasers
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs == Self.paragraphs)
    }

    @Test func aNavigationColumnHoldingMainIsRead() throws {
        let body = "<div class=\"grid-column left-navigation-wrapper\"><main>\(Self.article)</main></div>" + Self.teasers
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs == Self.paragraphs)
    }

    /// A comment list, a related box and a sidebar whose one long item sits in an `<article>`: their own text,
    /// not a wrapper.
    @Test(arguments: [
        ("comment-list", "I have taken the night bus for years and it was always late, crowded and cold. "),
        ("related-posts", "Trams will run later on weekends, the council decided in another vote today. "),
        ("sidebar-left", "The City Post has reported on the city and its region since 1921, every day. "),
    ])
    func aBoxWithOneLongArticleOfItsOwnStaysDropped(box: String, sentence: String) throws {
        let item = String(repeating: sentence, count: 8)
        let body = "<div class=\"post-body\">\(Self.article)</div>"
            + "<div class=\"\(box)\"><article class=\"hentry\"><p>\(item)</p></article></div>" + Self.teasers
        let parsed = try Page.parse(Page.page(body))
        #expect(!Page.body(parsed).contains(sentence.prefix(30)))
        #expect(parsed.paragraphs == Self.paragraphs)
    }

    @Test func ingredientsWithACheckboxEachStay() throws {
        let items = ["250 g Mehl", "3 Eier", "1 Päckchen Vanillepuddingpulver", "Frischhaltefolie"]
        let list = "<section class=\"ingredients\"><input type=\"number\" value=\"4\"><ul>" + items.map {
            "<li><input type=\"checkbox\">\($0)</li>"
        }.joined() + "</ul></section>"
        let parsed = try Page.parse(Page.page("<article>" + Self.article + list + "</article>"))
        for item in items { #expect(parsed.paragraphs.contains(item)) }
    }

    @Test func aFormBesideTheArticleIsStillABox() throws {
        let form = "<div class=\"signup-box\"><p>Your e-mail address please</p><input type=\"email\"><input type=\"text\">"
            + "</div>"
        let parsed = try Page.parse(Page.page("<article>" + Self.article + "<div class=\"extra\">" + form + "</div></article>"))
        #expect(!Page.body(parsed).contains("e-mail address"))
    }

    @Test func theStandfirstIsFoundPastTheBylineAndDate() throws {
        let lead = "Four new lines will run through the night from March, the council decided on Tuesday."
        let body = "<article><header class=\"article-header\"><h1>Night buses reach the north</h1>"
            + "<div class=\"summary\">\(lead)</div><div class=\"byline\">Von Ana Ruiz, 17. Oktober 2019, 16:55 Uhr</div>"
            + "</header><div class=\"body-copy\">\(Self.article)</div></article>"
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs == [lead] + Self.paragraphs)
    }

    @Test(arguments: [
        "This entry was posted on Tuesday, March 5th, 2024 at 10:42 and is filed under City, Transport, Night life, "
            + "Buses. You can follow any responses to this entry through the RSS 2.0 feed. You can leave a response, or "
            + "trackback from your own site, and read the comments of others below the post.",
        "Wir verwenden Cookies, um Inhalte und Anzeigen zu personalisieren, Funktionen für soziale Medien anbieten zu "
            + "können und die Zugriffe auf unsere Website zu analysieren. Außerdem geben wir Informationen zur Nutzung "
            + "unserer Website an unsere Partner für soziale Medien, Werbung und Analysen weiter.",
    ])
    func aLongPostMetadataOrCookieNoteClosingTheBodyIsLeftOut(note: String) throws {
        let parsed = try Page.parse(Page.page("<article>" + Self.article + "<p>\(note)</p></article>"))
        #expect(parsed.paragraphs == Self.paragraphs)
    }

    @Test func aLongParagraphMentioningCookiesInsideTheTextStays() throws {
        let text = "The bakery by the station sells cookies until two in the morning now, and its owner says that the night "
            + "buses have brought her more customers than any advertisement ever did; we use cookies as a measure of "
            + "how the night economy of the district is doing, she laughed."
        let parsed = try Page.parse(Page.page("<article>" + Self.article + "<p>\(text)</p></article>"))
        #expect(parsed.paragraphs.last == text)
    }

    @Test func dateLinesAreLeftOutAndLinesHoldingADateStay() throws {
        let dated = ["Stand: 05. Februar 2020", "News date : 04/21/2022", "Release Date:", "Datum: 18.10.2021"]
        let kept = ["Termin: 06.03.2020, 19 Uhr", "Standort: Halle 4, ab 2020"]
        let lines = (dated + kept).map { "<p>\($0)</p>" }.joined()
        let paragraphs = Self.paragraphs.map { "<p>\($0)</p>" }
        let parsed = try Page.parse(Page.page("<article>" + paragraphs[0] + lines + paragraphs[1...].joined() + "</article>"))
        for line in dated { #expect(!parsed.paragraphs.contains(line)) }
        for line in kept { #expect(parsed.paragraphs.contains(line)) }
    }

    @Test(arguments: [
        ("Stand: 05. Februar 2020", true), ("Datum: 18.10.2021", true), ("(Posted: Thursday, April 21, 2022)", true),
        ("Fecha", true), ("Datumsgrenze 2020", false), ("Standort: Halle 4, ab 2020", false),
        ("Termin: 06.03.2020", false), ("Stand der Dinge", false),
    ])
    func aDateLineIsALabelOfPublicationAndADate(line: String, isDateLine: Bool) {
        #expect(DateLines.isDateLine(line) == isDateLine)
    }

    @Test func aNewsletterBoxBetweenParagraphsIsLeftOutWhole() throws {
        let box = "<div class=\"factbox\"><h3>Sign up for the City Post newsletter</h3><div class=\"factbox-inner\">"
            + "<p>Never miss the latest news by signing up to our newsletter today!</p>"
            + "<p>Simply pop your email into the box at the top of this article.</p></div></div>"
        let paragraphs = Self.paragraphs.map { "<p>\($0)</p>" }
        let body = "<article>" + paragraphs[0...1].joined() + box + paragraphs[2...].joined() + "</article>"
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs == Self.paragraphs)
    }

    @Test func aFactBoxOpeningWithACreditStays() throws {
        let box = "<div class=\"factbox\"><p>© City Post</p><p>The night network in numbers: four lines, "
            + "sixty stops, a bus every twenty minutes.</p></div>"
        let parsed = try Page.parse(Page.page("<article>" + Self.article + box + "<p>\(Page.prose[0])</p></article>"))
        #expect(parsed.paragraphs.contains("The night network in numbers: four lines, sixty stops, a bus every twenty minutes."))
    }

    @Test func aLinkRoundupKeepsItsLinks() throws {
        let links = [
            ("Presseförderung: Studie zweifelt an der Stütze vom Staat", "Horizont"),
            ("Gewalt im Netz: Schuldzuweisung statt Opferschutz", "netzpolitik.org"),
            ("Künstliche Intelligenz: EU erwägt Verbot von Gesichtserkennung", "t3n News"),
            ("Die Zukunft der Lokalzeitung nach dem Ende der Druckausgabe", "Übermedien"),
        ]
        let body = "<div class=\"entry-content\">" + links.map { title, site in
            "<p><a href=\"https://example.org/\(site)\">\(title)</a> via <a href=\"https://\(site)\">\(site)</a></p>"
        }.joined() + "</div>"
        let parsed = try Page.parse(Page.page(body))
        for (title, site) in links { #expect(parsed.paragraphs.contains("\(title) via \(site)")) }
    }

    @Test func aReadAlsoLinkBesideTheTextIsStillDropped() throws {
        let body = "<article>" + Self.article + "<p>Read also: <a href=\"/trams\">Trams will run later on weekends</a></p>"
            + "</article>"
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs == Self.paragraphs)
    }
}
