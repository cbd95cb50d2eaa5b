import Foundation
import IndexStage
import NewslineModels

/// What the article page template shows: the stored article, its entities as links to a filtered
/// search, its quotes, resolved dates and where each field came from.
struct ArticlePageView {
    struct EntityLink {
        var name: String
        var mentions: Int
        var href: String
    }

    struct EntityGroup {
        var type: String
        var entities: [EntityLink]
    }

    struct QuoteView {
        var text: String
        var speaker: String?
    }

    struct DateView {
        var text: String
        var date: String
    }

    struct Field {
        var name: String
        var value: String
    }

    var pageTitle: String
    /// The query the reader came from, kept in the search box.
    var q: String
    var language: String
    var title: String
    var subtitle: String?
    var publishedDate: String?
    var section: String?
    var page: String?
    var category: String
    var authors: String?
    var paragraphs: [String]
    var entityGroups: [EntityGroup]
    var quotes: [QuoteView]
    var dates: [DateView]
    // Stored, not computed: templates see a value's stored properties only.
    var hasEntities: Bool
    var hasQuotes: Bool
    var hasDates: Bool
    var provenance: [Field]
    var record: [Field]
    /// Only http(s) addresses become links; anything else a page declared is shown as text.
    var sourceLink: String?
    var sourceText: String?
    var backHref: String
    var storyHref: String
    var duplicateHref: String?

    init(article: IndexedArticle, query: String) {
        title = article.title ?? "(untitled)"
        pageTitle = title + " · Newsline"
        q = query
        language = article.language.isEmpty ? "und" : article.language
        subtitle = article.subtitle
        publishedDate = article.publishedDate
        section = article.section
        page = article.page
        category = article.category
        let authors = article.authors.map { [$0.name, $0.role].compactMap { $0 }.joined(separator: " ") }
        self.authors = authors.isEmpty ? nil : authors.joined(separator: ", ")
        paragraphs = article.paragraphs
        let path = SearchPageView.path
        entityGroups = EntityType.allCases.compactMap { type in
            let entities = article.entities.filter { $0.type == type }.sorted { $0.mentions > $1.mentions }
            guard !entities.isEmpty else { return nil }
            return EntityGroup(
                type: type.rawValue.capitalized,
                entities: entities.map {
                    EntityLink(
                        name: $0.canonical, mentions: $0.mentions,
                        href: PageLink(path: path, parameters: [("entity", $0.canonical)]).href)
                })
        }
        quotes = (article.quotes ?? []).map { QuoteView(text: $0.text, speaker: $0.speaker) }
        dates = (article.dates ?? []).map { DateView(text: $0.text, date: $0.date) }
        hasEntities = !entityGroups.isEmpty
        hasQuotes = !quotes.isEmpty
        hasDates = !dates.isEmpty
        provenance = (article.provenance ?? [:]).sorted { $0.key < $1.key }.map { Field(name: $0.key, value: $0.value) }
        record = [
            Field(name: "articleId", value: article.articleId),
            Field(name: "revision", value: String(article.revision)),
            Field(name: "contentHash", value: article.contentHash),
            Field(name: "storyId", value: article.storyId),
            Field(name: "language", value: article.language),
            Field(name: "receivedAt", value: Timestamp.format(article.receivedAt)),
            Field(name: "indexedAt", value: Timestamp.format(article.indexedAt)),
        ]
        if let url = article.sourceURL {
            let lowered = url.lowercased()
            if lowered.hasPrefix("https://") || lowered.hasPrefix("http://") {
                sourceLink = url
            } else {
                sourceText = url
            }
        }
        backHref = PageLink(path: path, parameters: [("q", query)]).href
        storyHref = PageLink(path: path, parameters: [("story", article.storyId)]).href
        duplicateHref = article.duplicateOf.map { SearchPageView.articlePath + "/" + PageLink.encode($0) }
    }
}
