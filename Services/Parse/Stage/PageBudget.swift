/// The limits that keep parsing one HTML page linear and bounded whatever the page holds.
///
/// Every pass over a page is linear in its nodes; these bound the rest: how much of a page is read,
/// how deep, and how much text an event may carry. Past a limit the page is processed partially and
/// the event carries the named quality warning.
enum PageBudget {
    /// Element and text nodes read from one page; a 2 MiB page of empty tags has about 700,000.
    /// Past it the rest of the page is not read (warning `page-node-budget`).
    static let maxNodes = 600_000
    /// Open elements an element may be opened inside; one opened deeper stops the parser and the rest of the
    /// page is not read (warning `page-depth-budget`). libxml2's own tree stops there too (`xmlParserMaxDepth`), and its
    /// parser looks through every open element for each end tag it cannot match: past this depth, stray end
    /// tags would make a page quadratic. Real pages stay under 60.
    static let maxDepth = 256
    /// Paragraphs kept in one article; more are dropped from the end (warning `paragraph-budget`).
    static let maxParagraphs = 5_000
    /// Characters kept in one paragraph; a longer one is cut (warning `paragraph-length-budget`).
    static let maxParagraphCharacters = 40_000
    /// Characters kept in a title or subtitle; a longer one is cut (warning `title-length-budget`).
    static let maxTitleCharacters = 1_000
    /// JSON-LD scripts read from one page, and JSON-LD text read in all; larger pages keep the first.
    static let maxJSONLDScripts = 16
    /// Elements whose text is read whole for metadata (bylines, dates, subtitles, headings).
    static let maxMetadataElements = 64
    /// Distinct class lists whose reading is cached per page; past it they are read each time.
    static let maxCachedClassLists = 4_096
    /// Authors kept from all sources; pages listing more are listing something else.
    static let maxAuthors = 20

    static let nodeBudgetWarning = "page-node-budget"
    static let depthBudgetWarning = "page-depth-budget"
    static let paragraphBudgetWarning = "paragraph-budget"
    static let paragraphLengthWarning = "paragraph-length-budget"
    static let titleLengthWarning = "title-length-budget"

    /// The text cut to `limit` Unicode scalars, or nil when it is already within it.
    static func cut(_ text: String, to limit: Int) -> String? {
        guard text.utf8.count > limit else { return nil }
        var scalars = 0
        var index = text.unicodeScalars.startIndex
        while index < text.unicodeScalars.endIndex {
            if scalars == limit { return String(text.unicodeScalars[..<index]) }
            scalars += 1
            index = text.unicodeScalars.index(after: index)
        }
        return nil
    }
}
