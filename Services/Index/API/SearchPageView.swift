import IndexStage

/// What the search page template shows for one query: plain values only, every link built and
/// percent-encoded here, every text escaped by the template.
struct SearchPageView {
    struct Part {
        var text: String
        var isMatch: Bool
    }

    struct Hit {
        var href: String
        var title: [Part]
        var publishedDate: String?
        var section: String?
        var category: String
        var authors: String?
        var snippet: [Part]
        var moreInStory: Int?
        var storyHref: String
        var moreInStoryLabel: String
    }

    struct FacetValue {
        var label: String
        var count: Int
        var href: String
        var isSelected: Bool
    }

    struct Facet {
        var name: String
        var values: [FacetValue]
    }

    struct ActiveFilter {
        var label: String
        var value: String
        var removeHref: String
    }

    struct Hidden {
        var name: String
        var value: String
    }

    struct Option {
        var value: String
        var label: String
        var isSelected: Bool
    }

    var pageTitle: String
    var q: String
    var from: String
    var to: String
    var sortOptions: [Option]
    var hidden: [Hidden]
    var activeFilters: [ActiveFilter]
    var hasActiveFilters: Bool
    var error: String?
    var summary: String?
    var hits: [Hit]
    var noHits: Bool
    var facets: [Facet]
    var previousHref: String?
    var nextHref: String?
    var pageLabel: String?

    /// The page path; the article page is `articlePath` + `/` + articleId.
    static let path = "/"
    static let articlePath = "/view"

    /// The query's parameters as the page links them, in a fixed order, without paging.
    static func parameters(of query: SearchQuery) -> [(name: String, value: String)] {
        [
            ("q", query.text), ("from", query.from ?? ""), ("to", query.to ?? ""), ("section", query.section ?? ""),
            ("category", query.category ?? ""), ("entity", query.entity ?? ""), ("story", query.story ?? ""),
            ("sort", query.order == .relevance ? "" : query.order.rawValue),
            ("limit", query.limit == SearchQuery.defaultLimit ? "" : String(query.clampedLimit)),
        ]
    }

    /// A link to this search with some parameters replaced (an empty value removes one), from page one.
    static func link(_ query: SearchQuery, replacing changes: [String: String]) -> String {
        let parameters = Self.parameters(of: query).map { (name: $0.name, value: changes[$0.name] ?? $0.value) }
        return PageLink(path: path, parameters: parameters).href
    }

    init(query: SearchQuery, results: SearchResults) {
        self.init(query: query, error: nil)
        let limit = results.limit
        hits = results.hits.map { hit in
            let authors = hit.authors.map { [$0.name, $0.role].compactMap { $0 }.joined(separator: " ") }
            return Hit(
                href: PageLink(path: Self.articlePath + "/" + PageLink.encode(hit.articleId), parameters: [("q", query.text)])
                    .href,
                title: Self.parts(hit.highlightedTitle) ?? [Part(text: hit.title ?? "(untitled)", isMatch: false)],
                publishedDate: hit.publishedDate,
                section: hit.section,
                category: hit.category,
                authors: authors.isEmpty ? nil : authors.joined(separator: ", "),
                snippet: Self.parts(hit.snippet) ?? [],
                moreInStory: hit.moreInStory > 0 ? hit.moreInStory : nil,
                storyHref: Self.link(query, replacing: ["story": hit.storyId]),
                moreInStoryLabel: hit.moreInStory == 1 ? "1 more in this story" : "\(hit.moreInStory) more in this story")
        }
        noHits = results.hits.isEmpty
        let shownFrom = results.offset + 1
        let shownTo = results.offset + results.hits.count
        let unit = query.story == nil ? (results.total == 1 ? "story" : "stories") : (results.total == 1 ? "article" : "articles")
        let total = "\(results.total)\(results.totalIsExact ? "" : "+") \(unit)"
        summary = results.hits.isEmpty ? nil : "\(shownFrom)–\(shownTo) of \(total)"
        facets = Self.facets(query, results.facets)
        if results.offset > 0 {
            previousHref = pageLink(query, offset: max(0, results.offset - limit))
        }
        if results.hasMore {
            nextHref = pageLink(query, offset: results.offset + limit)
        }
        if results.total > limit {
            let pages = (results.total + limit - 1) / limit
            pageLabel = "Page \(results.offset / limit + 1) of \(pages)"
        }
    }

    /// The page for a query that could not run, with the form filled in and the reason.
    init(query: SearchQuery, error: String?) {
        pageTitle = query.text.isEmpty ? "Newsline search" : query.text + " · Newsline search"
        q = query.text
        from = query.from ?? ""
        to = query.to ?? ""
        sortOptions = [
            Option(value: "relevance", label: "Best match", isSelected: query.order == .relevance),
            Option(value: "recent", label: "Best match, recent first", isSelected: query.order == .recent),
            Option(value: "newest", label: "Newest", isSelected: query.order == .newest),
        ]
        let kept: [(String, String?)] = [
            ("section", query.section), ("category", query.category), ("entity", query.entity), ("story", query.story),
        ]
        hidden = kept.compactMap { name, value in value.map { Hidden(name: name, value: $0) } }
        let labels = ["section": "Section", "category": "Category", "entity": "Entity", "story": "Story"]
        activeFilters = hidden.map { filter in
            ActiveFilter(
                label: labels[filter.name] ?? filter.name, value: filter.value,
                removeHref: Self.link(query, replacing: [filter.name: ""]))
        }
        if query.from != nil || query.to != nil {
            activeFilters.append(
                ActiveFilter(
                    label: "Published", value: "\(query.from ?? "…") – \(query.to ?? "…")",
                    removeHref: Self.link(query, replacing: ["from": "", "to": ""])))
        }
        hasActiveFilters = !activeFilters.isEmpty
        self.error = error
        summary = nil
        hits = []
        noHits = error == nil
        facets = []
    }

    private func pageLink(_ query: SearchQuery, offset: Int) -> String {
        let parameters = Self.parameters(of: query) + [("offset", offset == 0 ? "" : String(offset))]
        return PageLink(path: Self.path, parameters: parameters).href
    }

    private static func parts(_ snippet: Snippet?) -> [Part]? {
        snippet.map { $0.parts.map { Part(text: $0.text, isMatch: $0.isMatch) } }
    }

    private static func facets(_ query: SearchQuery, _ facets: SearchFacets) -> [Facet] {
        func values(_ counts: [FacetCount], parameter: String, selected: String?) -> [FacetValue] {
            counts.map { count in
                let isSelected = selected.map { $0.lowercased() == count.value.lowercased() } ?? false
                return FacetValue(
                    label: count.value, count: count.count,
                    href: link(query, replacing: [parameter: isSelected ? "" : count.value]), isSelected: isSelected)
            }
        }
        let months = facets.months.compactMap { count -> FacetValue? in
            guard let first = CalendarDay(count.value + "-01") else { return nil }
            let last = CalendarDay.daysIn(year: first.year, month: first.month)
            let from = count.value + "-01"
            let to = count.value + "-" + (last < 10 ? "0" : "") + String(last)
            let isSelected = query.from == from && query.to == to
            return FacetValue(
                label: count.value, count: count.count,
                href: link(query, replacing: isSelected ? ["from": "", "to": ""] : ["from": from, "to": to]),
                isSelected: isSelected)
        }
        return [
            Facet(name: "Section", values: values(facets.sections, parameter: "section", selected: query.section)),
            Facet(name: "Category", values: values(facets.categories, parameter: "category", selected: query.category)),
            Facet(name: "Entity", values: values(facets.entities, parameter: "entity", selected: query.entity)),
            Facet(name: "Month", values: months),
        ].filter { !$0.values.isEmpty }
    }
}
