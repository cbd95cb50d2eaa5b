import NewslineModels
@testable import ParseStage
import Testing

/// Lines a page prints inside the article's own block without a class that names them: notes to the
/// reader after the text, the appendix under it, picture captions and credits.
struct HTMLBodyEdgeTests {
    typealias Page = HTMLPageFixtures

    static func article(before: String = "", after: String = "") -> String {
        "<article><h1>Night buses reach the north</h1>\(before)" + Page.prose.map { "<p>\($0)</p>" }.joined()
            + after + "</article>"
    }

    @Test(arguments: [
        "<p>Subscribe now to our e-paper edition for the full story.</p>",
        "<p>Follow us on Instagram and never miss a story from the north.</p>",
        "<p>© 2024 City Post. All rights reserved.</p><p>Written permission must be obtained before reprint.</p>",
        "<p>Folgen Sie uns auf Facebook, um keine Meldung zu verpassen!</p>",
        "<p>Suscríbete a nuestro boletín para recibir las noticias del día.</p>",
    ])
    func notesToTheReaderAfterTheArticleAreLeftOut(note: String) throws {
        let parsed = try Page.parse(Page.page(Self.article(after: note)))
        #expect(parsed.paragraphs == Page.prose)
    }

    @Test func aClosingParagraphOfProseThatMentionsANewsletterStays() throws {
        let closing = "The council will publish the new timetable in its weekly newsletter, and drivers, who asked "
            + "for the change for years, say they will keep pressing for a second night line to the airport, "
            + "which the operator has promised to study, although no date has been set, and the unions, the "
            + "residents and the shop owners of the northern districts have all said they would support it."
        let parsed = try Page.parse(Page.page(Self.article(after: "<p>\(closing)</p>")))
        #expect(parsed.paragraphs == Page.prose + [closing])
    }

    @Test func aNoteBeforeTheLastParagraphStays() throws {
        let note = "Subscribe to read the council's full report."
        let parsed = try Page.parse(Page.page(Self.article(before: "<p>\(note)</p>")))
        #expect(parsed.paragraphs.contains(note))
    }

    @Test func theAppendixUnderTheArticleIsLeftOut() throws {
        let appendix = "<p>Weitere Informationen:</p><p>Stadtwerke Nord, Pressestelle, Telefon 0431 123 456 78.</p>"
        let parsed = try Page.parse(Page.page(Self.article(after: appendix)))
        #expect(parsed.paragraphs == Page.prose)
    }

    @Test(arguments: [
        "<p>Foto: City Post archive</p>",
        "<p>Abbildung 2: the new night line on the map of the northern districts.</p>",
        "<p>A night bus at the central station. © AFP / ANA RUIZ</p>",
        "<p>The depot in winter. (ana ruiz / iStock.com)</p>",
        "<p>Quelle: Verkehrsverbund Nord</p>",
        "<p>*Werbung. Dieser Beitrag enthält Werbung für einen Fahrradhändler.</p>",
        "<p>We may earn a commission when you buy through the links on this page.</p>",
    ])
    func captionCreditAndDisclosureLinesAreLeftOut(caption: String) throws {
        let parsed = try Page.parse(Page.page(Self.article(before: caption)))
        #expect(parsed.paragraphs == Page.prose)
    }

    static let lead = "Four new lines will connect the northern districts with the centre from next spring, the council said."

    @Test func theStandfirstInABlockOfItsOwnOpensTheBody() throws {
        let html = "<header class=\"story-header\"><h1>Night buses reach the north</h1><p class=\"story-lead\">"
            + Self.lead + "</p></header><div class=\"story-body\">" + Page.prose.map { "<p>\($0)</p>" }.joined() + "</div>"
        let parsed = try Page.parse(Page.page(html))
        #expect(parsed.paragraphs == [Self.lead] + Page.prose)
    }

    @Test func textBeforeTheBodyWithoutAStandfirstClassStaysOut() throws {
        let html = "<div class=\"promo-box\"><p class=\"box-text\">" + Self.lead + "</p></div><div class=\"story-body\">"
            + Page.prose.map { "<p>\($0)</p>" }.joined() + "</div>"
        let parsed = try Page.parse(Page.page(html))
        #expect(parsed.paragraphs == Page.prose)
    }

    @Test func aPaywallBoxAfterTheArticleIsLeftOutWithItsExplanation() throws {
        let box = "<p>To read the full story, please subscribe to City Post.</p><p>Subscribers get every story of "
            + "the northern districts, the morning briefing and the archive since 1990, on every device.</p>"
        let parsed = try Page.parse(Page.page(Self.article(after: box)))
        #expect(parsed.paragraphs == Page.prose)
    }

    @Test func cuesCountOnlyAtTheStartOfAWord() {
        #expect(ReaderNotes.isNote("Download the app to follow the line.", characters: 30))
        #expect(!ReaderNotes.isNote("To get fast builds for your application:", characters: 35))
    }

    @Test func interfaceLabelsAloneAreLeftOutAndTextThatUsesTheWordsStays() {
        #expect(InterfaceLabels.isLabel("Inhaltsverzeichnis"))
        #expect(InterfaceLabels.isLabel("Wird geladen …"))
        #expect(!InterfaceLabels.isLabel("Loading the buses"))
    }

    @Test func aPublicationNoteClosingTheBodyIsLeftOut() throws {
        let parsed = try Page.parse(Page.page(Self.article(after: "<p>This entry was posted in City on 19 April.</p>")))
        #expect(parsed.paragraphs == Page.prose)
    }
}
