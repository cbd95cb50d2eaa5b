import ArgumentParser
import Foundation
import IndexStage
import NewslineModels

/// `newsline bench index`: indexing throughput and search latency over generated articles.
///
/// Articles are built from the sample goldens with words swapped for words of a large generated
/// vocabulary, so the index sees a realistic number of distinct terms rather than 24 repeated texts.
struct BenchIndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index", abstract: "Index throughput and search latency.",
        discussion: """
            SQLite by default (a new temporary file). --index-url postgres://… measures a PostgreSQL
            database instead, which the benchmark empties first; --instances N writes with N index
            instances at once, each with its own connections and partition, as N newsline-index
            processes in one consumer group would.
            """)

    @Option(help: "How many articles to index.")
    var documents = 20_000

    @Option(help: "Articles per transaction.")
    var batchSize = 500

    @Option(help: "How many searches to time.")
    var queries = 400

    @Option(help: "The index file; it must not exist yet. Default: a temporary file, removed afterwards.")
    var index: String?

    @Option(name: .customLong("index-url"), help: "A PostgreSQL index (postgres://…) to measure; it is emptied first.")
    var indexURL: String?

    @Option(help: "Index instances writing at once (PostgreSQL only; a SQLite file has one writer).")
    var instances = 1

    @Option(help: "The folder of sample articles with their *.expected.json goldens.")
    var samples = "Tests/Fixtures/samples"

    func validate() throws {
        guard documents > 0, batchSize > 0, queries > 0, instances > 0 else {
            throw ValidationError("--documents, --batch-size, --queries and --instances must be positive.")
        }
        if let index, FileManager.default.fileExists(atPath: index) {
            throw ValidationError("\(index) exists; the benchmark needs a new index file.")
        }
        if instances > 1, !(indexURL.map(PostgresLocation.isPostgresURL) ?? false) {
            throw ValidationError("--instances above 1 needs --index-url postgres://…: a SQLite file has one writer.")
        }
    }

    func run() async throws {
        let corpus = try BenchCorpus(samplesDirectory: samples)
        let path = index ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("newsline-bench-\(UUID().uuidString).sqlite").path
        defer {
            if index == nil, indexURL == nil {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        }
        let location = try IndexLocation(indexURL ?? path)
        let logger = CommandLogging.logger("bench")
        var writers: [any IndexBackend] = []
        for _ in 0..<instances {
            writers.append(try await location.open(logger: logger))
        }
        if let postgres = writers.first as? PostgresIndex {
            try await postgres.removeAll()
        }
        // Every writer draws from one generator, so the articles are the same whatever the instance count.
        var generator = BenchArticleGenerator(corpus: corpus, seed: 42)
        var batches: [[IndexInput]] = []
        var offsets = Array(repeating: Int64(0), count: instances)
        var made = 0
        while made < documents {
            let count = min(batchSize, documents - made)
            let writer = batches.count % instances
            batches.append((0..<count).map { i in
                IndexInput(
                    event: generator.next(), topic: "articles.enriched", partition: Int32(writer),
                    offset: offsets[writer] + Int64(i))
            })
            offsets[writer] += Int64(count)
            made += count
        }

        let start = DispatchTime.now()
        let cpuStart = Self.processCPUSeconds()
        let duplicates = try await withThrowingTaskGroup(of: Int.self) { group in
            for (number, writer) in writers.enumerated() {
                let mine = batches.enumerated().filter { $0.offset % instances == number }.map(\.element)
                group.addTask {
                    var duplicates = 0
                    for batch in mine {
                        let entries = try await writer.apply(batch)
                        try await writer.markEmitted(entries.map(\.id))
                        duplicates += entries.filter { $0.event.duplicateOf != nil }.count
                    }
                    return duplicates
                }
            }
            return try await group.reduce(0, +)
        }
        let indexingSeconds = Self.seconds(since: start)
        let indexingCPUSeconds = Self.processCPUSeconds() - cpuStart
        batches = []

        let articleIndex = writers[0]
        let searches = generator.queries(count: queries)
        var latencies: [Double] = []
        var totalHits = 0
        var slowest = (milliseconds: 0.0, query: "")
        for query in searches {
            let start = DispatchTime.now()
            totalHits += try await articleIndex.search(query).hits.count
            let milliseconds = Self.seconds(since: start) * 1000
            latencies.append(milliseconds)
            if milliseconds > slowest.milliseconds {
                slowest = (milliseconds, query.text)
            }
        }
        latencies.sort()
        for writer in writers { await writer.close() }

        let fileBytes = Double(Self.fileSize(path) + Self.fileSize(path + "-wal"))
        let size = indexURL == nil ? String(format: "%.1f MiB", fileBytes / 1_048_576) : "see pg_database_size"
        let rows: [(String, String)] = [
            ("index", location == .sqlite(path: path) ? "SQLite file" : "PostgreSQL \(articleIndex.location)"),
            ("writing instances", "\(instances)"),
            ("articles indexed", "\(documents)"),
            ("batch size", "\(batchSize) per transaction"),
            ("indexing time", String(format: "%.2f s", indexingSeconds)),
            ("indexing throughput", String(format: "%.0f articles/s", Double(documents) / indexingSeconds)),
            (
                "indexing CPU time (this process)",
                String(
                    format: "%.2f s (%.0f articles per CPU-second, all threads)", indexingCPUSeconds,
                    Double(documents) / indexingCPUSeconds)
            ),
            ("near-duplicates found", "\(duplicates)"),
            ("index size", size),
            ("searches", "\(searches.count) mixed (1-3 words, 1/3 with filters), limit 10"),
            ("average hits per search", String(format: "%.1f", Double(totalHits) / Double(searches.count))),
            ("search latency p50", String(format: "%.2f ms", Self.percentile(latencies, 0.50))),
            ("search latency p99", String(format: "%.2f ms", Self.percentile(latencies, 0.99))),
            ("search latency max", String(format: "%.2f ms (\"%@\")", latencies.last ?? 0, slowest.query)),
            ("load average at the end", Self.loadAverage()),
        ]
        print("| measure | value |")
        print("|---|---|")
        for (name, value) in rows {
            print("| \(name) | \(value) |")
        }
    }

    private static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// CPU time of every thread of this process, so a busy machine does not hide the index's own cost.
    private static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "unknown")
            .split(separator: " ").prefix(3).joined(separator: " ")
    }

    private static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
    }

    private static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }
}

/// The sample articles' fields the generator draws from.
struct BenchCorpus {
    struct Sample {
        var title: String
        var subtitle: String?
        var paragraphs: [String]
        var section: String?
        var entities: [Entity]
    }

    var samples: [Sample] = []
    /// Every word of the samples, repeats kept, so drawing from it follows their word frequencies.
    var words: [String] = []

    init(samplesDirectory: String) throws {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(atPath: samplesDirectory) else {
            throw ValidationError("No samples at \(samplesDirectory); pass --samples PATH.")
        }
        for case let file as String in enumerator where file.hasSuffix(".expected.json") {
            let data = try Data(contentsOf: URL(fileURLWithPath: samplesDirectory).appendingPathComponent(file))
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                let title = object["title"] as? String, let paragraphs = object["paragraphs"] as? [String]
            else { continue }
            var entities: [Entity] = []
            for (type, names) in object["entities"] as? [String: [String]] ?? [:] {
                guard let type = EntityType(rawValue: type) else { continue }
                entities += names.map { Entity(text: $0, type: type, canonical: $0, mentions: 1) }
            }
            samples.append(
                Sample(
                    title: title, subtitle: object["subtitle"] as? String, paragraphs: paragraphs,
                    section: object["section"] as? String, entities: entities))
            words += paragraphs.flatMap { $0.split(separator: " ").map(String.init) }
        }
        guard !samples.isEmpty else {
            throw ValidationError("No *.expected.json samples under \(samplesDirectory); pass --samples PATH.")
        }
    }
}

/// Deterministic articles and queries for the benchmark.
struct BenchArticleGenerator {
    let corpus: BenchCorpus
    var random: SplitMix64
    private var made = 0
    private var recentFingerprints: [UInt64] = []
    /// Generated words, drawn with a Zipf-like skew: a few are common, most are rare.
    private let vocabulary: [String]
    private let sections = ["종합", "정치", "경제", "사회", "국제", "문화", "과학", "스포츠", "오피니언"]
    private let particles = ["", "", "", "은", "는", "이", "가", "을", "를", "에", "에서", "의", "와", "로", "으로", "도"]

    init(corpus: BenchCorpus, seed: UInt64) {
        self.corpus = corpus
        random = SplitMix64(seed: seed)
        let syllables = Array("가나다라마바사아자차카타파하고노도로모보소오조초코토포호구누두루무부수우주추쿠투푸후기니디리미비시이지치키티피히강남동산성정경영민진한국대신전")
        var words: [String] = []
        var generator = SplitMix64(seed: seed &+ 1)
        for _ in 0..<60_000 {
            let length = 2 + Int(generator.next() % 3)
            words.append(String((0..<length).map { _ in syllables[Int(generator.next() % UInt64(syllables.count))] }))
        }
        vocabulary = words
    }

    /// The next article: a sample's structure with about a fifth of its words replaced.
    mutating func next() -> ArticleEnriched {
        made += 1
        let sample = corpus.samples[Int(random.next() % UInt64(corpus.samples.count))]
        let paragraphs = sample.paragraphs.map { vary($0) }
        let title = vary(sample.title)
        let text = ([title] + paragraphs).joined(separator: "\n")
        let day = Int(random.next() % 1_826)
        let date = Calendar(identifier: .gregorian).date(byAdding: .day, value: day, to: Self.firstDay)!
        // A few articles are syndicated copies: a fingerprint one or two bits from a recent one.
        var fingerprint = random.next()
        if made % 50 == 0, let recent = recentFingerprints.randomElement(using: &random) {
            fingerprint = recent ^ (1 << (random.next() % 64)) ^ (1 << (random.next() % 64))
        }
        recentFingerprints.append(fingerprint)
        if recentFingerprints.count > 200 { recentFingerprints.removeFirst() }

        let parsed = ArticleParsed(
            articleId: ArticleIdentity.articleId(sourceURL: "https://bench.example/\(made)", text: text),
            contentHash: ArticleIdentity.contentHash(text: text),
            source: "bench", sourceURL: "https://bench.example/\(made)", format: .archiveText, charset: "utf-8",
            rawBytes: text.utf8.count, receivedAt: Date(), title: title, subtitle: sample.subtitle.map { vary($0) },
            byline: Byline(raw: "홍길동 기자", dateline: nil, authors: [Author(name: "홍길동", role: "기자")]),
            publishedDate: Self.dayFormat.string(from: date), section: sections[Int(random.next() % UInt64(sections.count))],
            page: "A1", paragraphs: paragraphs, declaredCharCount: nil, bodyCharCount: paragraphs.joined().count,
            hasMedia: false, quality: Quality(score: 1, warnings: []), provenance: [:])
        return ArticleEnriched(
            article: parsed, language: "ko", entities: sample.entities,
            keywords: (0..<5).map { _ in Keyword(term: zipfWord(), score: 0.5) }, summary: Array(paragraphs.prefix(1)),
            quotes: [], dates: [], category: Category.allCases.randomElement(using: &random)!.rawValue,
            fingerprint: String(format: "%016llx", fingerprint))
    }

    /// Mixed searches: sample words and generated words, one to three of them, a third with filters.
    mutating func queries(count: Int) -> [SearchQuery] {
        let fixed = ["도쿄", "도쿄에", "오픈AI", "손정의", "일본 총리", "AI 반도체", "배터리", "서울", "북", "기자"]
        return (0..<count).map { i in
            var words: [String] = []
            if i < fixed.count {
                words = [fixed[i]]
            } else {
                for _ in 0..<(1 + i % 3) {
                    words.append(i % 2 == 0 ? corpusWord() : zipfWord())
                }
            }
            var query = SearchQuery(text: words.joined(separator: " "))
            switch i % 6 {
            case 1: query.section = sections[i % sections.count]
            case 3: (query.from, query.to) = ("2022-01-01", "2022-12-31")
            default: break
            }
            return query
        }
    }

    private mutating func vary(_ text: String) -> String {
        text.split(separator: " ").map { word in
            random.next() % 5 == 0 ? zipfWord() + particles[Int(random.next() % UInt64(particles.count))] : String(word)
        }.joined(separator: " ")
    }

    private mutating func zipfWord() -> String {
        // Squaring a uniform draw favours low ranks, a cheap stand-in for Zipf's law.
        let uniform = Double(random.next() % 1_000_000) / 1_000_000
        return vocabulary[Int(uniform * uniform * Double(vocabulary.count - 1))]
    }

    private mutating func corpusWord() -> String {
        corpus.words[Int(random.next() % UInt64(corpus.words.count))]
    }

    private static let firstDay = Calendar(identifier: .gregorian).date(from: DateComponents(year: 2020, month: 1, day: 1))!
    private static let dayFormat: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter
    }()
}

/// A small, fast, seedable random number generator, so every run generates the same articles.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
