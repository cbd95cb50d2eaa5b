import ArgumentParser
import Foundation
import IngestStage
import NewslineModels

/// `newsline bench ingest`: the ingest stage alone on a folder of raw inputs, or on its worst cases.
///
/// Reports the charsets the inputs decoded as and why the others were refused, the throughput on one
/// core, and the slowest inputs; `--worst-case` times inputs of the largest accepted size built to push
/// each of ingest's passes to its worst (`IngestWorstCases`).
struct BenchIngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Ingest alone: charsets, rejections, throughput and slowest inputs.")

    @Option(help: "A folder (or file) of raw inputs, each ingested as one message with the content type `publish` sends.")
    var inputs: String?

    @Flag(help: "Time the built-in worst-case inputs of the largest accepted size instead.")
    var worstCase = false

    @Option(help: "How many times each input is ingested (the figures are per pass).")
    var passes = 3

    @Option(help: "How many of the slowest inputs to list.")
    var slowest = 5

    @Option(help: "Also write each input's encoded `article.ingested` event (or its rejection) to this file, one a line, to compare builds.")
    var events: String?

    func validate() throws {
        guard (inputs != nil) != worstCase else { throw ValidationError("give either --inputs or --worst-case") }
        guard passes > 0 else { throw ValidationError("--passes must be positive") }
    }

    func run() throws {
        let ingester = Ingester()
        let raws: [(name: String, raw: RawArticle)]
        if let inputs {
            raws = try RawInputCollector.collect([inputs]).map { input in
                // A fixed receipt time, so that the events of two builds compare byte for byte.
                (input.name, RawArticle(
                    bytes: try input.read(), contentType: input.guessedContentType, source: "bench",
                    receivedAt: Date(timeIntervalSince1970: 0)))
            }
        } else {
            raws = IngestWorstCases.make(size: ingester.maxBytes)
        }
        guard !raws.isEmpty else { throw ValidationError("no inputs") }

        if let events {
            try writeEvents(of: raws, with: ingester, to: events)
        }
        var outcomes: [String: Int] = [:]
        var seconds = [Double](repeating: 0, count: raws.count)
        for pass in 0..<passes {
            for (index, input) in raws.enumerated() {
                let start = ContinuousClock.now
                let outcome: String
                do {
                    outcome = "charset " + (try ingester.ingest(input.raw)).charset
                } catch let rejected as RejectedInput {
                    outcome = "rejected " + rejected.reason
                }
                let elapsed = ContinuousClock.now - start
                seconds[index] += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                if pass == 0 { outcomes[outcome, default: 0] += 1 }
            }
        }
        let bytes = raws.reduce(0) { $0 + $1.raw.bytes.count }
        let total = seconds.reduce(0, +) / Double(passes)
        print("inputs: \(raws.count), \(ByteCount.format(bytes)), mean \(bytes / raws.count) bytes; \(passes) passes")
        print(TextTable.render(
            header: ["outcome", "inputs"],
            rows: outcomes.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { [$0.key, String($0.value)] }))
        print(String(format: "ingest: %.3f s per pass, %.0f inputs/s, %.1f MiB/s (one core)",
            total, Double(raws.count) / total, Double(bytes) / 1_048_576 / total))
        let ranked = seconds.indices.sorted { seconds[$0] > seconds[$1] }.prefix(slowest)
        print(TextTable.render(
            header: ["slowest input", "bytes", "ms per pass"],
            rows: ranked.map { [raws[$0].name, String(raws[$0].raw.bytes.count), String(format: "%.1f", seconds[$0] * 1000 / Double(passes))] }))
    }

    /// Each input's name and its encoded event or its rejection reason, a line each, in input order.
    private func writeEvents(of raws: [(name: String, raw: RawArticle)], with ingester: Ingester, to path: String) throws {
        let codec = EventCodec()
        var output: [UInt8] = []
        for input in raws {
            output += Array(input.name.utf8) + [UInt8(ascii: "\t")]
            do {
                output += try codec.encode(ingester.ingest(input.raw))
            } catch let rejected as RejectedInput {
                output += Array("rejected \(rejected.reason)".utf8)
            }
            output.append(UInt8(ascii: "\n"))
        }
        try Data(output).write(to: URL(fileURLWithPath: path))
    }
}
