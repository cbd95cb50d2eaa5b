import Foundation
import Mustache

/// The templates and style sheet of the search site, loaded once from the module's resources.
struct SearchPage: Sendable {
    let library: MustacheLibrary
    let styleSheet: String

    /// The templates a page is rendered with; `head` and `foot` are partials of the others.
    static let templateNames = ["head", "foot", "search", "article", "notfound"]

    static let shared: SearchPage = {
        do {
            return try SearchPage(resources: Bundle.module.url(forResource: "Resources", withExtension: nil)!)
        } catch {
            // The templates ship inside the module; one that does not parse is a build defect that the
            // page tests catch, not a condition a running service can recover from.
            preconditionFailure("search page templates cannot be loaded: \(error)")
        }
    }()

    init(resources: URL) throws {
        var library = MustacheLibrary()
        for name in Self.templateNames {
            let url = resources.appendingPathComponent("templates/\(name).mustache")
            try library.register(String(contentsOf: url, encoding: .utf8), named: name)
        }
        self.library = library
        styleSheet = try String(contentsOf: resources.appendingPathComponent("assets/search.css"), encoding: .utf8)
    }

    func render(_ view: SearchPageView) -> String {
        library.render(view, withTemplate: "search") ?? ""
    }

    func render(_ view: ArticlePageView) -> String {
        library.render(view, withTemplate: "article") ?? ""
    }

    func renderNotFound(_ message: String) -> String {
        library.render(["pageTitle": "Not found · Newsline", "message": message, "q": ""], withTemplate: "notfound") ?? ""
    }
}
