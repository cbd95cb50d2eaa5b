import ArgumentParser
import EnrichStage
import Foundation
import NewslineModels

/// `newsline eval dates`: date accuracy of the enricher on the hand-annotated KLUE date expressions.
struct EvalDatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dates",
        abstract: "Date accuracy on the hand-annotated date expressions of KLUE held-out sentences.",
        discussion: """
            Puts each annotated sentence (read from the KLUE file, never from the repository) through the \
            Enricher as a one-paragraph article published on the annotation's reference day, and scores the \
            dates with DateScore (docs/EVALUATION.md). Skipped with a message when the KLUE file is absent.
            """
    )

    @Option(help: "Annotated date expressions.")
    var annotations = "Tests/Fixtures/annotations/klue-dates.jsonl"

    @Option(help: "KLUE-style JSONL file holding the annotated sentences.")
    var klue = "../shared/eval/klue-ner-news-dev.jsonl"

    @Option(help: "Write every wrong expression to this file.")
    var errors: String?

    func run() throws {
        guard FileManager.default.fileExists(atPath: klue) else {
            print("skipped the date evaluation: \(klue) is not present")
            return
        }
        var texts: [String: String] = [:]
        for example in try NERExample.load(from: URL(fileURLWithPath: klue)) { texts[example.id] = example.text }
        let annotated = try DateAnnotation.load(from: URL(fileURLWithPath: annotations))
        let enricher = try Enricher()
        var score = DateScore()
        var order: [String] = []
        var groups: [String: [DateAnnotation]] = [:]
        for annotation in annotated {
            let key = annotation.id + " " + annotation.reference
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(annotation)
        }
        var missing = 0
        for key in order {
            let group = groups[key]!
            guard let text = texts[group[0].id] else {
                missing += group.count
                continue
            }
            let scalars = Array(text.unicodeScalars)
            for annotation in group {
                guard annotation.start >= 0, annotation.start <= annotation.end, annotation.end <= scalars.count,
                    String(String.UnicodeScalarView(scalars[annotation.start..<annotation.end])) == annotation.text
                else { throw ValidationError("\(annotation.id): \"\(annotation.text)\" is not at its offsets") }
            }
            let dates = try enricher.enrich(.evaluationText(text, publishedDate: group[0].reference)).dates
            score.add(group, text: text, mentions: dates)
        }
        if missing > 0 { print("skipped \(missing) expressions whose sentence is not in \(klue)") }
        print("KLUE news held-out split: \(score.line)")
        if let errors {
            try score.errors.joined(separator: "\n").write(toFile: errors, atomically: true, encoding: .utf8)
            print("wrote \(score.errors.count) wrong expressions to \(errors)")
        }
    }
}
