import ArgumentParser
import Foundation
import IndexStage

/// `newsline search`: ranked hits from the article index, for a terminal or as JSON.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the article index.",
        discussion: """
            Words are matched as written; quotes, *, AND, OR, NOT and the like are plain text. Articles holding
            every word rank first; those holding at least half of them still match. Near-duplicates are folded
            into one hit per story, as on the search page and in GET /search.
            """)

    @Argument(help: "Words to find. Without words, the newest articles the filters allow are listed.")
    var words: [String] = []

    @Option(help: "The index file. Default: $NEWSLINE_INDEX_PATH, else ./var/newsline-index.sqlite.")
    var index: String?

    @Option(help: "First publication day to include (YYYY-MM-DD).")
    var from: String?

    @Option(help: "Last publication day to include (YYYY-MM-DD).")
    var to: String?

    @Option(help: "Only this section, e.g. 경제.")
    var section: String?

    @Option(help: "Only this category, e.g. IT/과학.")
    var category: String?

    @Option(help: "Only articles naming this entity (canonical name, any case).")
    var entity: String?

    @Option(help: "Only the articles of this story (a storyId), each on its own line.")
    var story: String?

    @Option(help: "Order: relevance (default), recent (relevance with newer articles lifted) or newest.")
    var sort: String = SearchOrder.relevance.rawValue

    @Option(help: "How many hits to show (1-\(SearchQuery.maximumLimit)).")
    var limit: Int = SearchQuery.defaultLimit

    @Option(help: "Which page of hits to show, from 1; pages are --limit hits long.")
    var page: Int = 1

    @Flag(help: "Print the results as JSON (as GET /search answers), snippets as HTML with <mark> around matches.")
    var json = false

    static let defaultIndexPath = "./var/newsline-index.sqlite"

    func validate() throws {
        guard (1...SearchQuery.maximumLimit).contains(limit) else {
            throw ValidationError("--limit must be from 1 to \(SearchQuery.maximumLimit).")
        }
        guard SearchOrder(rawValue: sort) != nil else {
            throw ValidationError("--sort must be one of \(SearchOrder.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard page >= 1, (page - 1) * limit <= SearchQuery.maximumOffset else {
            throw ValidationError("--page must be from 1 to \(SearchQuery.maximumOffset / limit + 1).")
        }
        do {
            try makeQuery().validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let path = index ?? ProcessInfo.processInfo.environment["NEWSLINE_INDEX_PATH"] ?? Self.defaultIndexPath
        let articleIndex: ArticleIndex
        do {
            articleIndex = try ArticleIndex(path: path, create: false)
        } catch IndexError.missingIndex {
            throw SearchCommandError(
                description: "no search index at \(path); run the index service first, or pass --index PATH")
        }
        let results = try articleIndex.search(makeQuery())
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(results))
            print()
        } else {
            print(SearchResultsText(results: results, highlight: isatty(STDOUT_FILENO) == 1).text, terminator: "")
        }
    }

    private func makeQuery() -> SearchQuery {
        SearchQuery(
            text: words.joined(separator: " "), from: from, to: to, section: section, category: category,
            entity: entity, story: story, order: SearchOrder(rawValue: sort) ?? .relevance, limit: limit,
            offset: (page - 1) * limit)
    }
}

/// A search that cannot run, reported without the usage text a wrong option gets.
struct SearchCommandError: Error, CustomStringConvertible {
    var description: String
}

/// Search results as lines for a terminal.
struct SearchResultsText {
    var results: SearchResults
    /// Bold matches with ANSI escapes; only when stdout is a terminal.
    var highlight: Bool

    var text: String {
        guard !results.hits.isEmpty else { return "No articles found.\n" }
        var output = ""
        for (number, hit) in results.hits.enumerated() {
            output += "\(results.offset + number + 1). \(Self.printable(hit.title ?? "(untitled)"))\n"
            let authors = hit.authors.map { [$0.name, $0.role].compactMap { $0 }.joined(separator: " ") }
            let details = [hit.publishedDate, hit.section, authors.isEmpty ? nil : authors.joined(separator: ", ")]
                .compactMap { $0 }
            output += "   " + Self.printable(details.joined(separator: " · ")) + "\n"
            let snippet = hit.snippet.parts.map { part in
                let text = Self.printable(part.text)
                return part.isMatch && highlight ? "\u{1B}[1m" + text + "\u{1B}[0m" : text
            }
            output += "   " + snippet.joined() + "\n"
            output += "   id \(hit.articleId)" + (hit.duplicateOf.map { " · near-duplicate of \($0)" } ?? "") + "\n"
            if hit.moreInStory > 0 {
                output += "   \(hit.moreInStory) more in this story: --story \(hit.storyId)\n"
            }
            output += "\n"
        }
        let unit = results.total == 1 ? "hit" : "hits"
        output += "\(results.offset + 1)-\(results.offset + results.hits.count) of \(results.total)"
            + (results.totalIsExact ? "" : "+") + " \(unit)"
        if results.hasMore {
            output += "; --page \(results.offset / results.limit + 2) shows the next"
        }
        output += ".\n"
        for (name, counts) in [("sections", results.facets.sections), ("months", results.facets.months)]
        where !counts.isEmpty {
            output += "\(name): " + counts.prefix(8).map { "\(Self.printable($0.value)) (\($0.count))" }
                .joined(separator: ", ") + "\n"
        }
        return output
    }

    /// Article text with control characters removed, so stored text cannot drive the terminal.
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.properties.generalCategory != .control }))
    }
}
