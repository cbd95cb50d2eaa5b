/// The sentences where predicted spans differ from the gold ones, for reading errors on the tuning split.
///
/// Each such sentence is a `# text` line, then `- start-end LABEL text` for every gold span that was
/// missed and `+ start-end LABEL text` for every predicted span that is not gold.
public struct NERDisagreements {
    public let report: String

    public init(_ examples: [NERExample], predicted: [[NERSpan]]) {
        func line(_ span: NERSpan) -> String { "\(span.start)-\(span.end) \(span.label) \(span.text)" }
        var report = ""
        for (example, spans) in zip(examples, predicted) {
            let gold = Set(example.entities.filter { $0.type != nil }.map(line))
            let found = Set(spans.map(line))
            guard gold != found else { continue }
            report += "# \(example.text)\n"
            for missed in gold.subtracting(found).sorted() { report += "- \(missed)\n" }
            for extra in found.subtracting(gold).sorted() { report += "+ \(extra)\n" }
        }
        self.report = report
    }
}
