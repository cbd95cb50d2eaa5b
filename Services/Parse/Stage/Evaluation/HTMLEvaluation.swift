import Foundation
import NewslineModels

/// Runs pages through ingest and parse exactly as the services do and scores the article text.
///
/// The ingest step is passed in (the parse stage does not depend on the ingest stage); the CLI and the
/// regression test both pass `Ingester().ingest`. A page's URL from the evaluation data is its
/// `source-url`, as a publisher would send it; the pages carry no other headers.
public struct HTMLEvaluation {
    /// What happened to one page.
    public struct PageResult: Sendable {
        public var page: EvalPage
        /// The reason class and message when ingest or parse rejected the page.
        public var rejection: (reason: String, message: String)?
        public var missed: [String]
        public var found: [String]
        public var provenance: String?
        /// The body text scored, nil for a rejected page.
        public var text: String?
        /// Every field parse read, nil for a rejected page.
        public var parsed: ArticleParsed?
    }

    public struct Report: Sendable {
        /// Body paragraphs only: the figure the targets are set on.
        public var score = SnippetScore()
        /// Title, subtitle and paragraphs together, for comparison.
        public var scoreWithTitle = SnippetScore()
        public var pages: [PageResult] = []
        public var ingestSeconds = 0.0
        public var parseSeconds = 0.0
        /// How many pages took their body from each source (`html:content-score`, `json-ld:articleBody`…).
        public var bodySources: [String: Int] = [:]

        public var rejected: [PageResult] { pages.filter { $0.rejection != nil } }
    }

    let ingest: (RawArticle) throws -> ArticleIngested
    let parser = ArticleParser()

    public init(ingest: @escaping (RawArticle) throws -> ArticleIngested) {
        self.ingest = ingest
    }

    /// The article text the metric reads: the body paragraphs, one a line.
    public static func bodyText(_ parsed: ArticleParsed) -> String {
        parsed.paragraphs.joined(separator: "\n")
    }

    public func run(pages: [EvalPage], directory: URL) throws -> Report {
        var report = Report()
        let clock = ContinuousClock()
        for page in pages {
            let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(page.file)))
            var parsed: ArticleParsed?
            var rejection: (String, String)?
            let started = clock.now
            var ingested: ArticleIngested?
            do {
                ingested = try ingest(RawArticle(bytes: bytes, sourceURL: page.url))
            } catch let error as RejectedInput {
                rejection = ("ingest:\(error.reason)", error.message)
            } catch {
                rejection = ("ingest:error", "\(error)")
            }
            let ingestedAt = clock.now
            if let ingested {
                do {
                    parsed = try parser.parse(ingested)
                } catch let error as RejectedInput {
                    rejection = ("parse:\(error.reason)", error.message)
                } catch {
                    rejection = ("parse:error", "\(error)")
                }
            }
            let parsedAt = clock.now
            report.ingestSeconds += Self.seconds(ingestedAt - started)
            report.parseSeconds += Self.seconds(parsedAt - ingestedAt)
            let text = parsed.map(Self.bodyText)
            let (missed, found) = report.score.add(text: text, page: page)
            let titled = parsed.map { ([$0.title, $0.subtitle].compactMap { $0 } + [Self.bodyText($0)]).joined(separator: "\n") }
            report.scoreWithTitle.add(text: titled, page: page)
            let provenance = parsed?.provenance["paragraphs"]
            if let provenance { report.bodySources[provenance, default: 0] += 1 }
            report.pages.append(
                PageResult(
                    page: page, rejection: rejection, missed: missed, found: found, provenance: provenance, text: text,
                    parsed: parsed))
        }
        return report
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

extension HTMLEvaluation.Report {
    /// The misses as text: one block per page with its missed `with` and found `without` snippets.
    public var errorsReport: String { errors(explaining: nil) }

    /// The same, with each missed snippet followed by the reason `explain` gives for it (one per snippet).
    public func errors(explaining explain: ((HTMLEvaluation.PageResult) -> [String])?) -> String {
        var lines: [String] = []
        for result in pages where !result.missed.isEmpty || !result.found.isEmpty {
            var header = "## \(result.page.file)  \(result.page.url)"
            if let rejection = result.rejection { header += "  REJECTED \(rejection.reason): \(rejection.message)" }
            if let provenance = result.provenance { header += "  [\(provenance)]" }
            lines.append(header)
            let reasons = explain.map { $0(result) } ?? []
            for (index, snippet) in result.missed.enumerated() {
                lines.append("- missed: \(snippet)")
                if index < reasons.count { lines.append("  why: \(reasons[index])") }
            }
            lines += result.found.map { "+ found: \($0)" }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
