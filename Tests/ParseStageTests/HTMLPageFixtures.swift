import IngestStage
import NewslineModels
import ParseStage

/// Small hand-written pages in the shapes real sites use, for the HTML extractor's unit tests.
enum HTMLPageFixtures {
    /// Three paragraphs of article prose, long enough to read as paragraphs, with commas.
    static let prose = [
        "The city council voted on Tuesday to extend the night bus network to the northern districts, a decision that "
            + "ends a two-year campaign by residents, shift workers and the local hospital.",
        "Under the plan, four new lines will run every twenty minutes between midnight and five in the morning, and "
            + "the existing routes through the centre will be rerouted to serve the railway station.",
        "Opponents argued that the cost, estimated at 3.2 million euros a year, would fall on daytime passengers, "
            + "but the transport committee said fares would stay the same until at least 2026.",
    ]

    /// A page around `body`: head with a site-suffixed title, a navigation bar and a footer.
    static func page(_ body: String, head: String = "", htmlAttributes: String = "") -> String {
        """
        <!DOCTYPE html><html\(htmlAttributes)><head><meta charset="utf-8"><title>Night buses reach the north | City Post</title>
        \(head)</head><body>
        <nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/city">City</a></li><li><a href="/sport">Sport</a></li></ul></nav>
        \(body)
        <footer class="site-footer"><p>Copyright 2024 City Post Media. All rights reserved.</p></footer>
        </body></html>
        """
    }

    static func parse(_ html: String, sourceURL: String? = nil) throws -> ArticleParsed {
        try ArticleParser().parse(try Ingester().ingest(RawArticle(bytes: Array(html.utf8), sourceURL: sourceURL)))
    }

    /// The body text as the evaluation reads it.
    static func body(_ parsed: ArticleParsed) -> String {
        parsed.paragraphs.joined(separator: "\n")
    }
}
