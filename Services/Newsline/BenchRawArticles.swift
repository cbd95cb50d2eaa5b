import Kafka
import NewslineModels

/// Raw articles to publish in a benchmark: the `StageBenchCorpus` articles over and over, each
/// message with a source URL of its own, so every message is a new article to the pipeline.
///
/// The source URL names the run phase and the message's number
/// (`https://bench.newsline.example/<phase>/<number>/<sample>`), which is how arrivals on
/// `articles.indexed` and `articles.deadletter` are matched to what was sent.
struct BenchRawArticles: Sendable {
    private let corpus: [RawArticle]
    private let names: [String]

    init(samples: String, distinct: Int) throws {
        corpus = try StageBenchCorpus.make(samples: samples, count: distinct)
        names = corpus.map { raw in
            String((raw.sourceURL ?? "").split(separator: "/").last ?? "article")
        }
    }

    var distinctCount: Int { corpus.count }

    var meanBytes: Int { corpus.reduce(0) { $0 + $1.bytes.count } / max(corpus.count, 1) }

    static let host = "https://bench.newsline.example/"

    func sourceURL(phase: String, number: Int) -> String {
        "\(Self.host)\(phase)/\(number)/\(names[number % names.count])"
    }

    /// Message `number` of a phase, as `newsline publish` would send it: keyed by its source URL,
    /// with the content-type, source and source-url headers.
    func message(topic: String = Topics.raw.name, phase: String, number: Int) -> KafkaProducerMessage {
        let raw = corpus[number % corpus.count]
        let url = sourceURL(phase: phase, number: number)
        var headers = [
            KafkaHeader(key: RawArticleHeader.source, text: "newsline-bench"),
            KafkaHeader(key: RawArticleHeader.sourceURL, text: url),
        ]
        if let contentType = raw.contentType {
            headers.insert(KafkaHeader(key: RawArticleHeader.contentType, text: contentType), at: 0)
        }
        return KafkaProducerMessage(topic: topic, key: Array(url.utf8), value: raw.bytes, headers: headers)
    }

    /// The phase a benchmark source URL belongs to, or nil for any other URL.
    static func phase(ofSourceURL url: String) -> Substring? {
        guard url.hasPrefix(host) else { return nil }
        return url.dropFirst(host.count).split(separator: "/", maxSplits: 1).first
    }
}
