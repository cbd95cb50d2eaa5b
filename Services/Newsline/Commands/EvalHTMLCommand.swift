import ArgumentParser
import Foundation
import IngestStage
import NewslineModels
import ParseStage

/// `newsline eval html DIR --evaldata FILE`: article extraction quality on saved real pages.
struct EvalHTMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "Snippet precision, recall and F1 of HTML article extraction (ingest then parse, offline).",
        discussion: """
            Runs every page of FILE (url → {file, with[], without[]}) found in DIR through the Ingester and the \
            ArticleParser the services run, with the page's URL as source-url, and scores the body paragraphs: \
            whitespace collapsed, a `with` snippet found is a true positive, missed a false negative, a `without` \
            snippet found a false positive, micro-averaged over all pages (docs/EVALUATION.md).
            """
    )

    @Argument(help: "Folder holding the pages.")
    var directory: String?

    @Option(help: "The evaldata.json that maps each page URL to its file and snippets.")
    var evaldata: String?

    @Option(help: "Write every page's extracted body text to this folder, one file per page.")
    var texts: String?

    @Option(help: "Write every page's parsed fields (all but the timestamps) as JSON to this folder, one file per page.")
    var fields: String?

    @Flag(help: "Instead, time ingest and parse of each constructed worst-case 2 MiB input (WorstCasePages).")
    var worstCase = false

    @Option(help: "Write each page's missed `with` and found `without` snippets to this file.")
    var errors: String?

    @Flag(help: "With --errors, say after each missed snippet which step of the extractor left it out.")
    var explain = false

    func run() throws {
        if worstCase { return try timeWorstCases() }
        guard let directory, let evaldata else { throw ValidationError("give DIR and --evaldata FILE, or --worst-case") }
        let pages = try EvalPage.load(evaldata: URL(fileURLWithPath: evaldata))
        let directoryURL = URL(fileURLWithPath: directory)
        let present = pages.filter { FileManager.default.fileExists(atPath: directoryURL.appendingPathComponent($0.file).path) }
        guard !present.isEmpty else {
            throw ValidationError("none of the \(pages.count) pages of \(evaldata) is in \(directory)")
        }
        let ingester = Ingester()
        let report = try HTMLEvaluation(ingest: ingester.ingest).run(pages: present, directory: directoryURL)
        print("pages: \(present.count) of \(pages.count) in the evaluation data")
        let score = report.score
        print(String(format: "body text:          precision %.3f  recall %.3f  F1 %.3f   (TP %d, FN %d, FP %d)",
                     score.precision, score.recall, score.f1, score.truePositives, score.falseNegatives,
                     score.falsePositives))
        let titled = report.scoreWithTitle
        print(String(format: "title + body text:  precision %.3f  recall %.3f  F1 %.3f",
                     titled.precision, titled.recall, titled.f1))
        let count = Double(present.count)
        print(String(format: "ingest %.2f s, parse %.2f s: %.0f pages/s ingest + parse, %.0f pages/s parse (one core)",
                     report.ingestSeconds, report.parseSeconds, count / (report.ingestSeconds + report.parseSeconds),
                     count / report.parseSeconds))
        print("body from: " + report.bodySources.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }
            .joined(separator: ", "))
        let rejected = report.rejected
        print(String(format: "rejected: %d pages (%.1f %%)", rejected.count, 100 * Double(rejected.count) / count))
        for result in rejected {
            guard let rejection = result.rejection else { continue }
            print("  \(result.page.file): \(rejection.reason): \(rejection.message)")
        }
        if let texts {
            try FileManager.default.createDirectory(atPath: texts, withIntermediateDirectories: true)
            for result in report.pages {
                try (result.text ?? "").write(
                    toFile: (texts as NSString).appendingPathComponent(result.page.file + ".txt"), atomically: true,
                    encoding: .utf8)
            }
        }
        if let fields { try writeFields(report, to: fields) }
        if let errors {
            let explainer: ((HTMLEvaluation.PageResult) -> [String])? = explain ? { result in
                guard !result.missed.isEmpty,
                    let bytes = try? [UInt8](Data(contentsOf: directoryURL.appendingPathComponent(result.page.file))),
                    let ingested = try? ingester.ingest(RawArticle(bytes: bytes, sourceURL: result.page.url))
                else { return [] }
                return SnippetTrace.reasons(html: ingested.text, snippets: result.missed)
            } : nil
            try report.errors(explaining: explainer).write(toFile: errors, atomically: true, encoding: .utf8)
            print("wrote the misses to \(errors)")
        }
    }

    /// Each page's `article.parsed` event with its arrival time zeroed, so two builds' output compares byte for byte.
    private func writeFields(_ report: HTMLEvaluation.Report, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let codec = EventCodec()
        for result in report.pages {
            var parsed = result.parsed
            parsed?.receivedAt = Date(timeIntervalSince1970: 0)
            let bytes = try parsed.map { try codec.encode($0) } ?? Array("rejected\n".utf8)
            try Data(bytes).write(to: URL(fileURLWithPath: folder).appendingPathComponent(result.page.file + ".json"))
        }
    }

    /// Each worst-case input through ingest and parse, three times; prints the slowest parse of the three.
    private func timeWorstCases() throws {
        let ingester = Ingester()
        let parser = ArticleParser()
        let clock = ContinuousClock()
        print("input | bytes | outcome | ingest ms | parse ms (slowest of 3)")
        for (name, bytes) in WorstCasePages.all {
            var ingestWorst = Duration.zero
            var parseWorst = Duration.zero
            var outcome = ""
            for _ in 0..<3 {
                let started = clock.now
                let ingested: ArticleIngested
                do {
                    ingested = try ingester.ingest(RawArticle(bytes: bytes))
                } catch {
                    outcome = "ingest rejected: \(error)"
                    break
                }
                let ingestedAt = clock.now
                do {
                    let parsed = try parser.parse(ingested)
                    outcome = "\(parsed.paragraphs.count) paragraphs, warnings \(parsed.quality.warnings)"
                } catch {
                    outcome = "parse rejected: \(error)"
                }
                ingestWorst = max(ingestWorst, ingestedAt - started)
                parseWorst = max(parseWorst, clock.now - ingestedAt)
            }
            print(String(format: "%@ | %d | %@ | %.0f | %.0f", name, bytes.count, outcome,
                         Self.milliseconds(ingestWorst), Self.milliseconds(parseWorst)))
        }
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
