/// How much of one article enrich analyses, so that no input, however it is built, costs more than a
/// bounded amount of work that grows linearly with what is analysed.
///
/// Every cap is far above what a real article needs (the longest sample has 9 paragraphs, 1,715
/// characters, 20 entities and 10 quotes). Past a cap the rest is left out and the article's quality
/// carries the warning named here, so a consumer can tell a partial analysis from a full one; the
/// quality score, which rates the parse, is left as it is.
enum EnrichBudget {
    /// Scalars of title, subtitle and paragraphs analysed, about a hundred long articles' worth. Past it
    /// the text is cut (mid-paragraph if need be) and the rest is left out.
    static let scalars = 200_000
    static let scalarsWarning = "enrich-partial-text"

    /// Text units (title, subtitle, paragraphs) analysed. Each unit has a fixed cost (a tagger run,
    /// a scan for quotes and dates) however short it is; past this the remaining paragraphs are left out.
    static let units = 2_000
    static let unitsWarning = "enrich-partial-paragraphs"

    /// Entity mentions kept. Once the units read so far hold this many, the remaining units are not
    /// sent to the recognizer (their text still counts for keywords, dates and the fingerprint).
    static let mentions = 10_000
    static let mentionsWarning = "enrich-partial-mentions"

    /// Distinct entities (canonical names) kept, first mentioned first; mentions of later names are dropped.
    static let entities = 1_000
    static let entitiesWarning = "enrich-partial-entities"

    /// Quotes kept, in order; later quotes are not extracted.
    static let quotes = 300
    static let quotesWarning = "enrich-partial-quotes"

    /// Date mentions kept, in order; later ones are not extracted.
    static let dates = 300
    static let datesWarning = "enrich-partial-dates"

    /// Distinct keyword candidates counted; words first seen after this many are not counted.
    static let terms = 20_000
    static let termsWarning = "enrich-partial-keywords"

    /// Names longer than this (in scalars) are not looked for again in the text nor indexed as the fuller
    /// form of a short one: no real name is that long, and each is compared at every word start.
    static let nameLength = 64

    /// Distinct strings looked for in the whole article text (whether it writes an alias's full form,
    /// or a known organization a quote refers to). Each costs a pass over the text; past this the
    /// answer is "not written" and the alias or reference stays as printed.
    static let textSearches = 64
    static let textSearchesWarning = "enrich-partial-aliases"
}
