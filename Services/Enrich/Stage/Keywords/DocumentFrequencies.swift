import Foundation
import Morphology

/// How many documents of a reference corpus each noun occurs in, for an IDF-like keyword weight:
/// a noun every article uses (`기자`, `경우`) weighs little, a rare one (`전해질`) much.
///
/// The table (`Resources/noun-df.tsv`) is a derived statistic, counts only, no text: see
/// `Resources/SOURCES.md` for its corpus and licence, and `newsline eval df` for how it is rebuilt.
struct DocumentFrequencies: Sendable {
    let documents: Int
    private let counts: [String: Int]

    init(documents: Int, counts: [String: Int]) {
        self.documents = documents
        self.counts = counts
    }

    /// Reads `noun-df.tsv`: a `#documents N` line, then `noun<TAB>documents` rows.
    init() throws {
        let url = try ResourceFile.url("noun-df.tsv")
        let text = try String(contentsOf: url, encoding: .utf8)
        var documents = 0
        var counts: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            if line.hasPrefix("#documents ") {
                documents = Int(line.dropFirst("#documents ".count)) ?? 0
                continue
            }
            guard !line.hasPrefix("#") else { continue }
            let parts = line.split(separator: "\t")
            guard parts.count == 2, let count = Int(parts[1]) else { throw EnricherError.malformedResource("noun-df.tsv") }
            counts[String(parts[0])] = count
        }
        guard documents > 0 else { throw EnricherError.malformedResource("noun-df.tsv") }
        self.init(documents: documents, counts: counts)
    }

    /// `log((N + 1) / (df + 1)) + 1`: at least 1, so a noun the corpus never saw is weighed as the rarest.
    func weight(_ noun: String) -> Double {
        log(Double(documents + 1) / Double((counts[noun] ?? 0) + 1)) + 1
    }

    /// Counts the documents each noun of `documents` occurs in (keyword nouns, as the extractor finds them).
    static func count(_ documents: [String], analyzer: MorphemeAnalyzer, minimum: Int = 2) -> DocumentFrequencies {
        var counts: [String: Int] = [:]
        for document in documents {
            for noun in Set(KeywordExtractor.nouns(in: analyzer.analyze(document))) { counts[noun, default: 0] += 1 }
        }
        return DocumentFrequencies(documents: documents.count, counts: counts.filter { $0.value >= minimum })
    }

    /// The table as `noun-df.tsv` holds it, most frequent first.
    func tsv(source: String) -> String {
        var lines = ["# Document frequencies of keyword nouns. Source: \(source)", "#documents \(documents)"]
        for (noun, count) in counts.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
            lines.append("\(noun)\t\(count)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Builds the keyword nouns' document-frequency table (`newsline eval df`).
public enum NounFrequencyTable {
    /// The `noun-df.tsv` text for `documents` (each one document), nouns in at least two of them.
    public static func tsv(documents: [String], source: String) throws -> String {
        DocumentFrequencies.count(documents, analyzer: try MorphemeAnalyzer.shared()).tsv(source: source)
    }
}
