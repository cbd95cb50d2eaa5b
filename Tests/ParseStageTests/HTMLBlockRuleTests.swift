import NewslineModels
@testable import ParseStage
import Testing

/// Blocks real pages lay out around their article: recipe parts, step lists with pictures, data tables,
/// standfirsts in the article's header, chapters in sibling sections, author boxes, reader notes and
/// `<noscript>` wrappers.
struct HTMLBlockRuleTests {
    typealias Page = HTMLPageFixtures

    static let article = Page.prose.map { "<p>\($0)</p>" }.joined()
    static let lead = "Four new lines will run through the night from March, the council decided."

    @Test func anIngredientListWithButtonsAndLabelsStays() throws {
        // Each line has a label and a shopping-list button: controls beside text, not a form.
        let items = ["200 g flour", "3 eggs", "100 ml milk", "1 pinch of salt"]
        let list = "<div class=\"shop-list\"><ul>" + items.map {
            "<li><label>\($0)</label><button>Add to list</button></li>"
        }.joined() + "</ul></div>"
        let parsed = try Page.parse(Page.page("<article>" + Self.article + list + "</article>"))
        for item in items { #expect(parsed.paragraphs.contains(item)) }
    }

    @Test func stepsOfLooseTextWithAPictureEachStay() throws {
        let steps = [
            "Whisk the eggs with the milk until the batter is smooth.",
            "Fold in the flour and leave the batter to rest for ten minutes.",
            "Bake the pancakes in a hot pan, two minutes on each side.",
        ]
        let block = "<div class=\"how\">" + steps.map {
            "<div><img src=\"step.jpg\"><div>\($0)</div></div>"
        }.joined() + "</div>"
        let parsed = try Page.parse(Page.page("<article>" + Self.article + block + "</article>"))
        for step in steps { #expect(parsed.paragraphs.contains(step)) }
    }

    @Test func aGalleryOfImagesWithShortCaptionsIsLeftOut() throws {
        let gallery = "<div class=\"pictures\">" + (1...4).map {
            "<div><img src=\"\($0).jpg\"><span>Bus \($0)</span></div>"
        }.joined() + "</div>"
        let parsed = try Page.parse(Page.page("<article>" + Self.article + gallery + "</article>"))
        #expect(parsed.paragraphs == Page.prose)
    }

    @Test func anIngredientsTableNamedLikeAHeaderStays() throws {
        let table = "<table class=\"ingredients table-header\"><tr><td>250 g</td><td>butter</td></tr>"
            + "<tr><td>2</td><td>lemons</td></tr></table>"
        let parsed = try Page.parse(Page.page("<article>" + Self.article + table + "</article>"))
        #expect(parsed.paragraphs.contains("butter"))
        #expect(parsed.paragraphs.contains("lemons"))
    }

    @Test func aDataTableWithAnIconInEveryRowStays() throws {
        let rows = (1...6).map {
            "<tr><td><img src=\"i\($0).png\"><img src=\"j\($0).png\"></td><td>Item number \($0), sold at the market</td></tr>"
        }
        let table = "<table class=\"items\">" + rows.joined() + "</table>"
        let parsed = try Page.parse(Page.page("<article>" + Self.article + table + "</article>"))
        #expect(parsed.paragraphs.contains("Item number 6, sold at the market"))
    }

    @Test func aLongAuthorBoxIsLeftOut() throws {
        let bio = "Ana Ruiz has covered transport and city politics for the City Post since 2011, after ten years as a "
            + "reporter in Madrid and Lisbon; she studied economics and writes a weekly column on the buses, trams "
            + "and trains of the region, and on the people who run them."
        let box = "<section class=\"author-bio\"><p>\(bio)</p></section>"
        let parsed = try Page.parse(Page.page("<article>" + Self.article + box + "</article>"))
        #expect(parsed.paragraphs == Page.prose)
    }

    @Test func theLeadAfterTheHeadlineInTheArticleHeaderIsTheStandfirst() throws {
        let body = "<div class=\"story\"><header class=\"top\"><h1>Night buses reach the north</h1><p>\(Self.lead)</p>"
            + "</header><div class=\"body-copy\">\(Self.article)</div></div>"
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs == [Self.lead] + Page.prose)
    }

    @Test func aStandfirstBesideTheBodyInOneColumnIsFound() throws {
        let body = "<div class=\"col-8\"><div class=\"teaser-text\"><p>\(Self.lead)</p></div>"
            + "<div class=\"news-text-wrap\">\(Self.article)</div></div>"
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs == [Self.lead] + Page.prose)
    }

    @Test func aHeaderInsideTheArticleBlockIsRead() throws {
        let lead = "Four new lines will run through the night from March, the council decided on Tuesday after "
            + "a two-year campaign by residents and shift workers."
        let body = "<article><header><h1>Night buses reach the north</h1><div class=\"intro\"><p>\(lead)</p></div>"
            + "</header>\(Self.article)</article>"
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs.first == lead)
        #expect(Array(parsed.paragraphs.suffix(3)) == Page.prose)
    }

    @Test func aChapterInASiblingSectionIsTaken() throws {
        let chapter = "The second part of the plan concerns the trams, which will run until one in the morning on "
            + "weekends from the summer on."
        let body = "<div class=\"sections\"><section>\(Self.article)</section><section><p>\(chapter)</p></section>"
            + "<aside class=\"box\"><a href=\"/more\">More from the city</a></aside></div>"
        let parsed = try Page.parse(Page.page(body))
        #expect(parsed.paragraphs == Page.prose + [chapter])
    }

    @Test(arguments: [
        "Follow The City Post on Twitter and Instagram @citypost.",
        "Get the latest news straight to your phone with the City Post app.",
        "Werden Sie Mitglied und erhalten Sie exklusive Angebote!",
    ])
    func aReaderNoteClosingTheArticleIsLeftOut(note: String) throws {
        let parsed = try Page.parse(Page.page("<article>" + Self.article + "<p>\(note)</p></article>"))
        #expect(parsed.paragraphs == Page.prose)
    }

    @Test func anArticleInsideANoscriptIsReadAndAShortNoscriptIsNot() throws {
        let wrapped = "<noscript><img src=\"pixel.gif\">Please enable JavaScript.</noscript>"
            + "<noscript><div class=\"page\"><article>\(Self.article)</article></div></noscript>"
        let parsed = try Page.parse(Page.page(wrapped))
        #expect(parsed.paragraphs == Page.prose)
    }
}
