import ArgumentParser
import EnrichStage
import Foundation
import IndexStage
import IngestStage
import NewslineModels
import ParseStage

/// `newsline bench worst`: every stage timed on the slowest inputs of the largest size it accepts.
///
/// The inputs are built, not sampled: each aims at one way a stage's work could grow faster than its
/// input (tiny paragraphs by the hundred thousand, one enormous word, thousands of distinct names,
/// quotes, brackets, deep markup, undeclared charsets). Each is timed alone, on one core, with the JSON
/// decoding and encoding of the stage's events included as `bench stages` does, so an input whose cost
/// blows up stands out against the others of its stage instead of vanishing in an average.
struct BenchWorstCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worst", abstract: "Time each stage on constructed worst-case inputs of the largest accepted size.")

    @Option(help: "Size of each input in bytes (default: the ingest limit, 2 MiB).")
    var bytes = 2 * 1024 * 1024

    @Option(help: "Only inputs whose `stage/name` contains this text.")
    var only: String?

    @Option(help: "Seconds per stage and input above which a row is marked as over the target.")
    var target = 2.0

    @Option(help: "The folder of sample articles (for the repeated-samples inputs).")
    var samples = "Tests/Fixtures/samples"

    @Option(help: "Also write the figures as JSON to this file.")
    var json: String?

    func validate() throws {
        guard bytes >= 1_024 else { throw ValidationError("--bytes must be at least 1024") }
    }

    /// One timed run: which stage, which input, how it ended and how long it took.
    struct Row {
        var stage: String
        var input: String
        var inputBytes: Int
        var outcome: String
        var seconds: Double
    }

    func run() throws {
        let codec = EventCodec()
        let ingester = Ingester()
        let parser = ArticleParser()
        let enricher = try Enricher()
        let corpus = try? BenchCorpus(samplesDirectory: samples)
        var rows: [Row] = []
        func selected(_ stage: String, _ name: String) -> Bool { only.map { "\(stage)/\(name)".contains($0) } ?? true }
        func report(_ row: Row) {
            rows.append(row)
            let mark = row.seconds > target ? "  OVER TARGET" : ""
            print(String(format: "%@/%@: %.3f s (%@)%@", row.stage, row.input, row.seconds, row.outcome, mark))
            fflush(nil)
        }

        for input in WorstCaseInputs.raw(bytes: bytes) where selected("ingest", input.name) || selected("parse", input.name) {
            var ingested: [UInt8]?
            let ingestSeconds = Self.time {
                ingested = (try? ingester.ingest(input.raw)).flatMap { try? codec.encode($0) }
            }
            if selected("ingest", input.name) {
                report(Row(stage: "ingest", input: input.name, inputBytes: input.raw.bytes.count,
                           outcome: ingested == nil ? "rejected" : "ingested", seconds: ingestSeconds))
            }
            guard let ingested, selected("parse", input.name) else { continue }
            var outcome = "rejected"
            let parseSeconds = Self.time {
                if let event = try? parser.parse(codec.decode(ArticleIngested.self, from: ingested)),
                    (try? codec.encode(event)) != nil
                {
                    outcome = "parsed, \(event.paragraphs.count) paragraphs"
                }
            }
            report(Row(stage: "parse", input: input.name, inputBytes: ingested.count, outcome: outcome, seconds: parseSeconds))
        }

        for input in WorstCaseInputs.parsed(bytes: bytes, corpus: corpus) where selected("enrich", input.name) {
            let event = try codec.encode(input.article)
            var outcome = "rejected"
            let seconds = Self.time {
                do {
                    let enriched = try enricher.enrich(codec.decode(ArticleParsed.self, from: event))
                    _ = try codec.encode(enriched)
                    let partial = enriched.article.quality.warnings.filter { $0.hasPrefix("enrich-") }
                    outcome = "\(enriched.entities.count) entities, \(enriched.quotes.count) quotes"
                        + (partial.isEmpty ? "" : ", " + partial.joined(separator: " "))
                } catch {
                    outcome = "rejected: \(error)"
                }
            }
            report(Row(stage: "enrich", input: input.name, inputBytes: event.count, outcome: outcome, seconds: seconds))
        }

        let indexInputs = WorstCaseInputs.enriched(bytes: bytes, corpus: corpus).filter { selected("index", $0.name) }
        if !indexInputs.isEmpty {
            try IndexWorstCase(codec: codec).run(indexInputs, report: report)
        }

        print("")
        print(TextTable.render(
            header: ["stage", "input", "bytes", "seconds", "outcome"],
            rows: rows.map { [$0.stage, $0.input, ByteCount.format($0.inputBytes), String(format: "%.3f", $0.seconds),
                              $0.outcome + ($0.seconds > target ? " (over target)" : "")] }))
        let over = rows.filter { $0.seconds > target }
        print(over.isEmpty ? "every stage under \(target) s on every input"
              : "\(over.count) over the \(target) s target: " + over.map { "\($0.stage)/\($0.input)" }.joined(separator: ", "))
        if let json {
            let object: [String: Any] = [
                "bytes": bytes, "target": target,
                "rows": rows.map { ["stage": $0.stage, "input": $0.input, "bytes": $0.inputBytes, "outcome": $0.outcome,
                                    "seconds": $0.seconds] },
            ]
            try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
                .write(to: URL(fileURLWithPath: json))
        }
    }

    static func time(_ work: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try work()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// The index part of `bench worst`: each enriched input applied to a fresh index, then replaced by a new
/// revision (the old document's rows deleted), then searched with a long query (snippet included).
/// One more row times an insert into an index where thousands of articles share a fingerprint band.
private struct IndexWorstCase {
    let codec: EventCodec

    func run(_ inputs: [WorstCaseInputs.Enriched], report add: (BenchWorstCaseCommand.Row) -> Void) throws {
        for input in inputs {
            try withIndex { index in
                let event = try codec.encode(input.article)
                var first: [OutboxEntry] = []
                let seconds = try BenchWorstCaseCommand.time {
                    first = try index.apply([IndexInput(event: try codec.decode(ArticleEnriched.self, from: event),
                                                        topic: "articles.enriched", partition: 0, offset: 0)])
                }
                add(.init(stage: "index", input: input.name, inputBytes: event.count,
                          outcome: "\(first.count) indexed", seconds: seconds))
                var revised = input.article
                revised.article.contentHash = String(repeating: "f", count: 64)
                revised.article.paragraphs.append("개정")
                let revisedEvent = try codec.encode(revised)
                var second: [OutboxEntry] = []
                let replaceSeconds = try BenchWorstCaseCommand.time {
                    second = try index.apply([IndexInput(event: try codec.decode(ArticleEnriched.self, from: revisedEvent),
                                                         topic: "articles.enriched", partition: 0, offset: 1)])
                }
                add(.init(stage: "index", input: input.name + " (new revision)", inputBytes: revisedEvent.count,
                          outcome: "revision \(second.first?.event.revision ?? 0)", seconds: replaceSeconds))
                var hits = 0
                let searchSeconds = try BenchWorstCaseCommand.time {
                    hits = try index.search(SearchQuery(text: input.query)).hits.count
                }
                add(.init(stage: "index", input: input.name + " (search)", inputBytes: input.query.utf8.count,
                          outcome: "\(hits) hits", seconds: searchSeconds))
            }
        }
        try withIndex { index in
            // Articles whose fingerprints share the new one's lowest 16-bit band and differ in every other:
            // candidates the band lookup returns that are no near-duplicate.
            let crowd = 20_000
            var offset: Int64 = 0
            while offset < Int64(crowd) {
                let batch = (0..<1_000).map { i -> IndexInput in
                    let n = Int(offset) + i
                    let bits = UInt64(0xabcd) | (UInt64(truncatingIfNeeded: (n + 1) &* 0x9e37_79b9) & 0xffff_ffff_ffff) << 16
                    return IndexInput(event: WorstCaseInputs.smallArticle(number: n, fingerprint: bits),
                                      topic: "articles.enriched", partition: 0, offset: Int64(n))
                }
                _ = try index.apply(batch)
                offset += 1_000
            }
            let newcomer = WorstCaseInputs.smallArticle(number: crowd, fingerprint: 0xabcd)
            let event = try codec.encode(newcomer)
            let seconds = try BenchWorstCaseCommand.time {
                _ = try index.apply([IndexInput(event: try codec.decode(ArticleEnriched.self, from: event),
                                                topic: "articles.enriched", partition: 0, offset: Int64(crowd))])
            }
            add(.init(stage: "index", input: "fingerprint-band-shared-by-\(crowd)", inputBytes: event.count,
                      outcome: "indexed", seconds: seconds))
        }
    }

    private func withIndex(_ body: (ArticleIndex) throws -> Void) throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("newsline-bench-worst-\(UUID().uuidString).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        try body(try ArticleIndex(path: path))
    }
}

/// The constructed inputs, each about `bytes` long in the form its stage reads.
enum WorstCaseInputs {
    struct Raw {
        var name: String
        var raw: RawArticle
    }

    struct Parsed {
        var name: String
        var article: ArticleParsed
    }

    struct Enriched {
        var name: String
        var article: ArticleEnriched
        /// What the search row looks for in it.
        var query: String
    }

    /// The parts `make` gives for 0, 1, 2, … as long as together they stay within `bytes` UTF-8 bytes.
    static func fill(_ bytes: Int, _ make: (Int) -> String) -> [String] {
        var parts: [String] = []
        var size = 0
        while true {
            let part = make(parts.count)
            guard size + part.utf8.count <= bytes else { return parts }
            size += part.utf8.count
            parts.append(part)
        }
    }

    /// A distinct Hangul syllable without a final consonant for every `n` below 399.
    static func syllable(_ n: Int) -> String {
        String(Unicode.Scalar(UInt32(0xac00 + 28 * (n % 399)))!)
    }

    /// A distinct three-syllable Korean name (`김가나`) for every `n` below 1.5 million.
    static func koreanName(_ n: Int) -> String {
        let surnames = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"]
        return surnames[n % surnames.count] + syllable(n / surnames.count) + syllable(n / surnames.count / 399)
    }

    /// A distinct capitalized Latin word (`Kab`) for every `n`.
    static func latinWord(_ n: Int) -> String {
        var word = "K"
        var rest = n
        repeat {
            word.unicodeScalars.append(Unicode.Scalar(UInt8(0x61 + rest % 26)))
            rest /= 26
        } while rest > 0
        return word
    }

    static func json(_ object: [String: Any]) -> [UInt8] {
        Array((try? JSONSerialization.data(withJSONObject: object)) ?? Data())
    }

    // MARK: Raw articles (ingest and parse)

    static func raw(bytes: Int) -> [Raw] {
        func article(_ name: String, _ text: String, _ type: String? = nil) -> Raw {
            Raw(name: name, raw: RawArticle(bytes: Array(text.utf8), contentType: type, source: "bench",
                                            sourceURL: "https://bench.newsline.example/worst/\(name)"))
        }
        func repeated(_ size: Int, _ make: (Int) -> String) -> String { fill(size, make).joined() }
        func jsonText(_ object: [String: Any]) -> String { String(decoding: json(object), as: UTF8.self) }
        // Leave room for the JSON around the text so the whole stays under `bytes`.
        let room = bytes - 4_096
        let longTitle = jsonText([
            "title": String(repeating: "가", count: 200_000), "subtitle": "부제",
            "body": repeated(room - 700_000) { _ in "본문 문장이다. " },
        ])
        let escaped: String = "{\"title\":\"t\",\"body\":\"" + repeated(room) { _ in "\\uac00" } + "\"}"
        let deep: String = "<html><body>" + repeated(bytes / 2 - 100) { _ in "<div>" } + "가"
            + repeated(bytes / 2 - 100) { _ in "</div>" } + "</body></html>"
        let attributes: String = "<html><body><p " + repeated(bytes - 100) { n in "a\(n)=\"x\" " } + ">가</p></body></html>"
        let archive: String = "타이틀\n긴 기사\n발행일 : 2024.04.03 / 종합 A1 면\n" + repeated(bytes - 200) { _ in "가\n" }
            + "기고자 : 가\n"
        let marks: String = "a" + repeated(bytes - 10) { n in n % 2 == 0 ? "\u{301}" : "\u{316}" }
        var inputs = [
            article("json-one-char-paragraphs", jsonText(["title": "작은 문단", "body": repeated(room / 2) { _ in "가\n\n" }]),
                    "application/json"),
            article("json-one-mention-paragraphs", jsonText(["title": "작은 문단", "body": repeated(room / 2) { _ in "日\n\n" }]),
                    "application/json"),
            article("json-paragraph-array", jsonText(["title": "작은 문단", "content": fill(room / 2) { _ in "가" }]),
                    "application/json"),
            article("json-long-title-with-subtitle", longTitle, "application/json"),
            article("json-escaped-text", escaped, "application/json"),
            article("html-many-paragraphs", "<html><body><article>" + repeated(bytes - 100) { _ in "<p>가</p>" }
                    + "</article></body></html>", "text/html"),
            article("html-deep-nesting", deep, "text/html"),
            article("html-unclosed-tags", "<html><body>" + repeated(bytes - 100) { _ in "<p><b><i>가" }, "text/html"),
            article("html-many-attributes", attributes, "text/html"),
            article("html-comment-open", "<html><body><p>가</p><!--" + repeated(bytes - 100) { _ in "<p>-- " }, "text/html"),
            article("archive-many-lines", archive),
            article("plain-one-line", repeated(bytes) { _ in "가" }, "text/plain"),
            article("plain-blank-lines", "제목\n" + repeated(bytes - 10) { _ in "\n \n" } + "끝", "text/plain"),
            article("plain-combining-marks", marks, "text/plain"),
        ]
        // Undeclared bytes in the EUC-KR lead and trail ranges that are not valid UTF-8: charset detection.
        var legacy = [UInt8](repeating: 0, count: bytes)
        for n in 0..<bytes {
            legacy[n] = n % 2 == 0 ? UInt8(0xb0 + n % 23) : UInt8(0xa1 + n % 94)
        }
        inputs.append(Raw(name: "undeclared-legacy-bytes", raw: RawArticle(
            bytes: legacy, source: "bench", sourceURL: "https://bench.newsline.example/worst/undeclared-legacy-bytes")))
        return inputs
    }

    // MARK: Parsed articles (enrich)

    /// A parsed article with these texts and a publication date, as parse would give it.
    static func parsedArticle(title: String?, subtitle: String? = nil, _ paragraphs: [String]) -> ArticleParsed {
        ArticleParsed(
            articleId: String(repeating: "a", count: 32), contentHash: String(repeating: "0", count: 64),
            source: "bench", sourceURL: nil, format: .json, charset: "utf-8",
            rawBytes: paragraphs.reduce(0) { $0 + $1.utf8.count }, receivedAt: Date(timeIntervalSince1970: 0),
            title: title, subtitle: subtitle, byline: nil, publishedDate: "2024-04-03", section: nil, page: nil,
            paragraphs: paragraphs, declaredCharCount: nil, bodyCharCount: paragraphs.reduce(0) { $0 + $1.count },
            hasMedia: nil, quality: Quality(score: 1, warnings: []), provenance: [:])
    }

    static func parsed(bytes: Int, corpus: BenchCorpus?) -> [Parsed] {
        func article(_ name: String, title: String? = "대형 기사", subtitle: String? = nil, _ paragraphs: [String]) -> Parsed {
            Parsed(name: name, article: parsedArticle(title: title, subtitle: subtitle, paragraphs))
        }
        /// Paragraphs of `perParagraph` numbered units each, `size` bytes in all (JSON escapes of quotes
        /// and the fields around them take the rest of `bytes`).
        func paragraphs(_ perParagraph: Int, size: Int = bytes * 15 / 16, _ make: @escaping (Int) -> String) -> [String] {
            let units = fill(size) { make($0) }
            return stride(from: 0, to: units.count, by: perParagraph).map {
                units[$0..<min($0 + perParagraph, units.count)].joined()
            }
        }
        var inputs = [
            // A 200,000-scalar title (550 KB) uses up the text budget before the subtitle.
            article("long-title-with-subtitle", title: String(repeating: "오픈AI 도쿄 ", count: 25_000), subtitle: "부제 ",
                    paragraphs(20, size: bytes - 600_000) { _ in "본문 문장이다. " }),
            // JSON quotes and a comma make each paragraph 4 bytes longer in the event.
            article("one-char-paragraphs", fill(bytes / 2) { _ in "가" }),
            article("one-char-mention-paragraphs", fill(bytes / 2) { _ in "日" }),
            article("one-word", [fill(bytes) { _ in "가" }.joined()]),
            article("distinct-person-names", paragraphs(10) { "\(koreanName($0)) 씨는 " }),
            article("distinct-person-names-one-paragraph", [fill(bytes) { "\(koreanName($0)) 씨는 " }.joined()]),
            article("surnames-and-full-names", paragraphs(10) { n in n % 2 == 0 ? "김 씨는 " : "\(koreanName(n * 10)) 씨는 " }),
            article("many-quotes", paragraphs(40) { "\(koreanName($0)) 씨는 \"\(syllable($0))다\"고 말했다. " }),
            article("many-quotes-one-paragraph", [fill(bytes) { "\"\(syllable($0))다\"고 \(koreanName($0)) 교수는 말했다. " }.joined()]),
            article("quotes-after-brackets", [fill(bytes) { _ in "가)는 \"나\" " }.joined()]),
            article("quotes-of-companies", paragraphs(40) { "\(syllable($0))\(syllable($0 / 399))연구소 측은 \"예\"라고 했다. " }),
            article("distinct-organizations", paragraphs(20) { "\(syllable($0))\(syllable($0 / 399))연구소와 " }),
            article("nested-organization-names", paragraphs(20) { n in
                (0...(n % 6)).map { syllable(n + $0) }.joined() + "연구원과 " }),
            article("bracket-aliases", paragraphs(20) { "\(koreanName($0))전자(\(syllable($0))전)는 " }),
            article("titles-everywhere", paragraphs(50) { _ in "김 교수 " }),
            article("relative-dates", paragraphs(50) { "지난달 \($0 % 31 + 1)일 " }),
            article("country-chains", paragraphs(50) { _ in "한·미·일·중·러 " }),
            article("english-capitalized-run", [fill(bytes) { "\(latinWord($0)) " }.joined()]),
            article("english-said-quotes", paragraphs(30) { _ in "\"Yes,\" said Lee Soo-jin, a professor. " }),
            article("punctuation-runs", [fill(bytes) { _ in ".,!?()\"'·" }.joined()]),
            article("spaces-between-letters", [fill(bytes) { _ in "가 " }.joined()]),
            article("combining-marks", ["a" + fill(bytes) { n in n % 2 == 0 ? "\u{301}" : "\u{316}" }.joined()]),
        ]
        if let corpus {
            let body = corpus.samples.flatMap(\.paragraphs)
            var repeated: [String] = []
            var size = 0
            while size < bytes, !body.isEmpty {
                let paragraph = body[repeated.count % body.count]
                repeated.append(paragraph)
                size += paragraph.utf8.count + 4
            }
            inputs.append(article("samples-repeated", repeated))
        }
        return inputs
    }

    // MARK: Enriched articles (index)

    static func enriched(bytes: Int, corpus: BenchCorpus?) -> [Enriched] {
        func article(_ name: String, _ paragraphs: [String], entities: [Entity] = [], keywords: [Keyword] = [],
                     query: String) -> Enriched {
            Enriched(
                name: name,
                article: ArticleEnriched(article: parsedArticle(title: "대형 기사", paragraphs), language: "ko", entities: entities, keywords: keywords,
                                         summary: [String(String.UnicodeScalarView((paragraphs.first ?? "").unicodeScalars.prefix(100)))], quotes: [], dates: [],
                                         category: "사회", fingerprint: "0123456789abcdef"),
                query: query)
        }
        let longQuery = String(repeating: "가", count: 2_000)
        return [
            article("hangul-run", [fill(bytes) { _ in "가" }.joined()], query: longQuery),
            article("latin-run", [fill(bytes) { _ in "a" }.joined()], query: String(repeating: "a", count: 2_000)),
            article("one-char-words", [fill(bytes) { n in syllable(n) + " " }.joined()], query: "가 나 다 라 마 바 사 아 자 차"),
            article("one-char-paragraphs", fill(bytes / 2) { _ in "가" }, query: "가"),
            article("combining-marks", ["a" + fill(bytes) { n in n % 2 == 0 ? "\u{301}" : "\u{316}" }.joined()], query: "a"),
            article("particles", [fill(bytes) { _ in "가에서는 " }.joined()], query: "가에서는"),
            // About 90 and 40 bytes of JSON per entity and keyword.
            article("many-entities", ["본문"], entities: (0..<(bytes / 90)).map { n in
                Entity(text: koreanName(n), type: .person, canonical: koreanName(n) + "\(n)", mentions: n % 7) },
                    keywords: (0..<10).map { Keyword(term: koreanName($0), score: 1) }, query: "김가가"),
            article("many-keywords", ["본문"], keywords: (0..<(bytes / 40)).map { Keyword(term: koreanName($0), score: 1) },
                    query: "김가가"),
        ]
    }

    /// A short article with a chosen fingerprint, for filling an index.
    static func smallArticle(number: Int, fingerprint: UInt64) -> ArticleEnriched {
        var article = parsedArticle(title: "짧은 기사", ["짧은 기사 \(number)"])
        let hex = String(number, radix: 16)
        article.articleId = String(repeating: "0", count: 32 - hex.count) + hex
        article.contentHash = String(repeating: "0", count: 64 - hex.count) + hex
        let digits = String(fingerprint, radix: 16)
        return ArticleEnriched(article: article, language: "ko", entities: [], keywords: [], summary: [], quotes: [],
                               dates: [], category: "사회", fingerprint: String(repeating: "0", count: 16 - digits.count) + digits)
    }
}
