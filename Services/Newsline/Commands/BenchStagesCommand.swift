import ArgumentParser
import EnrichStage
import Foundation
import IngestStage
import NewslineModels
import ParseStage

/// `newsline bench stages`: in-process throughput of ingest, parse and enrich on one core, no broker.
///
/// The corpus is every good sample with its text cut or repeated to vary sizes, each copy with its
/// own source URL. Each stage is timed with the JSON encode and decode of its events included, as the
/// service does them.
struct BenchStagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages", abstract: "Throughput of ingest, parse and enrich in process, on one core.")

    @Option(help: "Articles per stage.")
    var articles = 20_000

    @Option(help: "The folder of sample articles.")
    var samples = "Tests/Fixtures/samples"

    @Option(help: "Also write the figures as JSON to this file.")
    var json: String?

    @Option(help: "Also write every enriched event to this file, one JSON line each, with its arrival time zeroed.")
    var enrichedEvents: String?

    func validate() throws {
        guard articles > 0 else { throw ValidationError("--articles must be positive") }
    }

    func run() throws {
        let raws = try StageBenchCorpus.make(samples: samples, count: articles)
        let codec = EventCodec()
        let ingester = Ingester()
        let parser = ArticleParser()
        let enricher = try Enricher()

        var ingested: [[UInt8]] = []
        let ingestSeconds = try time {
            for raw in raws {
                if let event = try? ingester.ingest(raw) { ingested.append(try codec.encode(event)) }
            }
        }
        var parsed: [[UInt8]] = []
        let parseSeconds = try time {
            for bytes in ingested {
                if let event = try? parser.parse(codec.decode(ArticleIngested.self, from: bytes)) {
                    parsed.append(try codec.encode(event))
                }
            }
        }
        var enrichedCount = 0
        var kept: [ArticleEnriched] = []
        let enrichSeconds = try time {
            for bytes in parsed {
                if let event = try? enricher.enrich(codec.decode(ArticleParsed.self, from: bytes)) {
                    _ = try codec.encode(event)
                    enrichedCount += 1
                    if enrichedEvents != nil { kept.append(event) }
                }
            }
        }
        if let enrichedEvents { try Self.write(kept, to: enrichedEvents, codec: codec) }
        let rows: [(String, Int, Double)] = [
            ("ingest", ingested.count, ingestSeconds), ("parse", parsed.count, parseSeconds),
            ("enrich", enrichedCount, enrichSeconds),
        ]
        let bytes = raws.reduce(0) { $0 + $1.bytes.count }
        print("corpus: \(raws.count) raw articles, \(ByteCount.format(bytes)), mean \(bytes / max(raws.count, 1)) bytes")
        print(TextTable.render(
            header: ["stage", "articles", "seconds", "articles/s (one core)"],
            rows: rows.map { [$0.0, String($0.1), String(format: "%.2f", $0.2), String(format: "%.0f", Double($0.1) / $0.2)] }))
        if let json {
            let object: [String: Any] = [
                "corpus": ["articles": raws.count, "bytes": bytes],
                "stages": rows.map { ["stage": $0.0, "articles": $0.1, "seconds": $0.2, "perSecond": Double($0.1) / $0.2] },
            ]
            try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: json))
        }
    }

    /// The events as JSON lines; the arrival time is the run's clock, so it is zeroed to let two runs be compared.
    private static func write(_ events: [ArticleEnriched], to path: String, codec: EventCodec) throws {
        var lines: [UInt8] = []
        for var event in events {
            event.article.receivedAt = Date(timeIntervalSince1970: 0)
            lines += try codec.encode(event)
            lines.append(UInt8(ascii: "\n"))
        }
        try Data(lines).write(to: URL(fileURLWithPath: path))
    }

    private func time(_ work: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try work()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// Raw articles made from the samples: every format, sizes varied by cutting or repeating paragraphs.
enum StageBenchCorpus {
    static func make(samples: String, count: Int) throws -> [RawArticle] {
        let inputs = try RawInputCollector.collect([samples]).filter { input in
            !input.name.hasPrefix("bad/") && !input.name.hasSuffix(".expected.json") && !input.name.hasSuffix(".md")
        }
        guard !inputs.isEmpty else { throw ValidationError("no sample articles in \(samples)") }
        let originals = try inputs.map { (name: $0.name, bytes: try $0.read(), type: $0.guessedContentType) }
        return (0..<count).map { number in
            let original = originals[number % originals.count]
            return RawArticle(
                bytes: resized(original.bytes, variant: number / originals.count), contentType: original.type,
                source: "bench", sourceURL: "https://bench.newsline.example/\(number)/\(original.name)")
        }
    }

    /// Cycles through half, full, and double-length copies. Text formats only; other bytes stay whole.
    private static func resized(_ bytes: [UInt8], variant: Int) -> [UInt8] {
        guard let text = String(validating: bytes, as: UTF8.self), !text.hasPrefix("{"), !text.hasPrefix("<"),
            !text.contains("<html")
        else { return bytes }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        switch variant % 3 {
        case 0: return bytes
        case 1: return Array(lines.prefix(max(lines.count * 2 / 3, 8)).joined(separator: "\n").utf8)
        default:
            let body = lines.dropFirst(8).dropLast(8)
            return Array((lines.prefix(8) + body + body + lines.suffix(8)).joined(separator: "\n").utf8)
        }
    }
}
