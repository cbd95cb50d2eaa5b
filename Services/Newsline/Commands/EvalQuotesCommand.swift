import ArgumentParser
import EnrichStage
import Foundation
import IngestStage
import NewslineModels
import ParseStage

/// `newsline eval quotes`: quote-speaker accuracy of the enricher on the hand-annotated quotes.
struct EvalQuotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "Quote-speaker accuracy on the hand-annotated KLUE sentences and English news pages.",
        discussion: """
            Puts each annotated KLUE sentence (read from the KLUE files, never from the repository) through the \
            Enricher as a one-paragraph article, and each annotated page through the Ingester, ArticleParser and \
            Enricher, then scores the quotes with QuoteScore (docs/EVALUATION.md). A part whose data is absent is \
            skipped with a message. Pages are read from a folder where ../shared/eval/html-pages/pages.tgz is \
            unpacked (--pages).
            """
    )

    @Option(help: "Annotated KLUE quotes.")
    var annotations = "Tests/Fixtures/annotations/klue-quotes.jsonl"

    @Option(parsing: .upToNextOption, help: "KLUE-style JSONL files holding the annotated sentences.")
    var klue = ["../shared/eval/klue-ner-news-dev.jsonl", "../shared/eval/klue-ner-nsmc-dev.jsonl"]

    @Option(help: "Annotated page quotes.")
    var pageAnnotations = "Tests/Fixtures/annotations/html-quotes.jsonl"

    @Option(help: "Folder holding the unpacked pages (its eval/ subfolder or the pages themselves).")
    var pages: String?

    @Option(help: "The evaldata.json giving each page's URL.")
    var evaldata = "../shared/eval/html-pages/evaldata.json"

    @Option(help: "Write every wrong quote to this file.")
    var errors: String?

    func run() throws {
        let enricher = try Enricher()
        var parts: [(String, QuoteScore)] = []
        if let (heldOut, rest) = try kluePart(enricher) {
            parts.append(("KLUE news held-out split", heldOut))
            parts.append(("KLUE news tuning split + reviews", rest))
        }
        if let score = try pagePart(enricher) { parts.append(("English news pages", score)) }
        guard !parts.isEmpty else {
            print("nothing scored: no annotated data is present")
            return
        }
        for (name, score) in parts { print("\(name): \(score.line)") }
        let total = parts.map(\.1).reduce(QuoteScore(), +)
        print("all: \(total.line)")
        if let errors {
            try total.errors.joined(separator: "\n").write(toFile: errors, atomically: true, encoding: .utf8)
            print("wrote \(total.errors.count) wrong quotes to \(errors)")
        }
    }

    private func kluePart(_ enricher: Enricher) throws -> (QuoteScore, QuoteScore)? {
        let files = klue.filter { FileManager.default.fileExists(atPath: $0) }
        guard !files.isEmpty else {
            print("skipped the KLUE quotes: none of \(klue.joined(separator: ", ")) is present")
            return nil
        }
        var texts: [String: String] = [:]
        for file in files {
            for example in try NERExample.load(from: URL(fileURLWithPath: file)) { texts[example.id] = example.text }
        }
        let annotated = try QuoteAnnotation.load(from: URL(fileURLWithPath: annotations))
        var heldOut = QuoteScore(), rest = QuoteScore()
        var missing = 0
        for (id, group) in Self.grouped(annotated, by: { $0.id ?? "" }) {
            guard let text = texts[id] else {
                missing += group.count
                continue
            }
            let scalars = Array(text.unicodeScalars)
            let gold = try group.map { annotation -> QuoteScore.Gold in
                guard let start = annotation.start, let end = annotation.end, 0 <= start, start <= end,
                    end <= scalars.count
                else { throw ValidationError("\(id): quote offsets outside the sentence") }
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[start..<end])
                let mark = start > 0 ? scalars[start - 1] : " "
                return QuoteScore.Gold(key: id, text: String(view), exact: true, speech: annotation.isSpeech,
                                       speaker: annotation.speaker, singleQuoted: mark == "'" || mark == "\u{2018}")
            }
            let quotes = try enricher.enrich(.evaluationText(text)).quotes
            if id.hasSuffix("-wikitree"), NERSplit.heldOut.contains(id) {
                heldOut.add(gold: gold, extracted: quotes)
            } else {
                rest.add(gold: gold, extracted: quotes)
            }
        }
        if missing > 0 { print("skipped \(missing) KLUE quotes whose sentence is not in the files given") }
        return (heldOut, rest)
    }

    private func pagePart(_ enricher: Enricher) throws -> QuoteScore? {
        guard let pages, FileManager.default.fileExists(atPath: pages) else {
            print("skipped the page quotes: give --pages DIR, a folder where ../shared/eval/html-pages/pages.tgz is unpacked")
            return nil
        }
        var folder = URL(fileURLWithPath: pages)
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("eval").path) {
            folder = folder.appendingPathComponent("eval")
        }
        var urls: [String: String] = [:]
        if FileManager.default.fileExists(atPath: evaldata) {
            for page in try EvalPage.load(evaldata: URL(fileURLWithPath: evaldata)) { urls[page.file] = page.url }
        }
        let annotated = try QuoteAnnotation.load(from: URL(fileURLWithPath: pageAnnotations))
        let ingester = Ingester()
        let parser = ArticleParser()
        var score = QuoteScore()
        for (file, group) in Self.grouped(annotated, by: { $0.page ?? "" }) {
            let gold = group.map {
                QuoteScore.Gold(key: file, text: $0.quote ?? "", exact: false, speech: $0.isSpeech, speaker: $0.speaker)
            }
            guard let bytes = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) else {
                print("skipped \(group.count) quotes of \(file): the page is not in \(folder.path)")
                continue
            }
            var quotes: [Quote] = []
            do {
                let parsed = try parser.parse(try ingester.ingest(RawArticle(bytes: [UInt8](bytes), sourceURL: urls[file])))
                quotes = try enricher.enrich(parsed).quotes
            } catch {
                print("\(file): rejected (\(error)); its quotes count as not extracted")
            }
            score.add(gold: gold, extracted: quotes)
        }
        return score
    }

    /// The annotations grouped by `key`, groups in the order of their first annotation.
    static func grouped(_ annotations: [QuoteAnnotation], by key: (QuoteAnnotation) -> String)
        -> [(String, [QuoteAnnotation])]
    {
        var order: [String] = []
        var groups: [String: [QuoteAnnotation]] = [:]
        for annotation in annotations {
            let k = key(annotation)
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(annotation)
        }
        return order.map { ($0, groups[$0]!) }
    }
}
