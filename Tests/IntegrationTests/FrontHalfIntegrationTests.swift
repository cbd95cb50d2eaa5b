import Foundation
import Kafka
import NewslineModels
import Testing
import TestSupport

/// Ingest and parse as separate processes over the embedded broker.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct FrontHalfIntegrationTests {
    let pipelineTopics = Topics.allNames

    @Test func everySampleBecomesAParsedArticleOrADeadLetterWithItsReason() async throws {
        let cluster = try TestCluster(topics: pipelineTopics)
        let ingest = try ServiceProcess("newsline-ingest", brokers: cluster.broker.bootstrapServers, instance: "ingest-1")
        let parse = try ServiceProcess("newsline-parse", brokers: cluster.broker.bootstrapServers, instance: "parse-1")
        defer {
            ingest.stop()
            parse.stop()
        }
        var messages: [KafkaProducerMessage] = []
        for sample in Fixtures.goodSamples {
            messages.append(KafkaProducerMessage(topic: Topics.raw.name, key: Array(sample.name.utf8), value: try sample.bytes()))
        }
        var badReasons = Dictionary(uniqueKeysWithValues: Fixtures.badSamples.map { ($0.name, $0.reason) })
        for (name, _) in Fixtures.badSamples {
            messages.append(KafkaProducerMessage(topic: Topics.raw.name, key: Array(name.utf8), value: try Fixtures.badBytes(name)))
        }
        badReasons["huge.txt"] = "too-large"
        messages.append(KafkaProducerMessage(topic: Topics.raw.name, key: Array("huge.txt".utf8), value: Fixtures.hugeArticle()))
        try await cluster.send(messages)

        let parsed = try await cluster.read(Topics.parsed.name, count: Fixtures.goodSamples.count, timeout: .seconds(120))
            .map { try EventCodec().decode(ArticleParsed.self, from: $0.value) }
        let letters = try await cluster.read(Topics.deadletter.name, count: badReasons.count, timeout: .seconds(60))

        #expect(parsed.count == Fixtures.goodSamples.count, "ingest log:\n\(ingest.log.suffix(2000))\nparse log:\n\(parse.log.suffix(2000))")
        for sample in Fixtures.goodSamples {
            let golden = try sample.expectedObject()
            let match = parsed.first { $0.title == golden["title"] as? String }
            #expect(match != nil, "\(sample.name) was not parsed")
            #expect(match?.paragraphs == golden["paragraphs"] as? [String], "\(sample.name) paragraphs")
            #expect(match?.format.rawValue == golden["format"] as? String, "\(sample.name) format")
        }
        // Ingest's dead letters keep the raw key (the file name); parse's keep their input's key, the articleId.
        let reason = { (letter: KafkaConsumerMessage) in letter.headers.text(for: DeadLetterHeader.errorClass) ?? "" }
        let fromIngest = letters.filter { $0.headers.text(for: DeadLetterHeader.stage) == "ingest" }
        let fromParse = letters.filter { $0.headers.text(for: DeadLetterHeader.stage) == "parse" }
        #expect(fromIngest.count + fromParse.count == letters.count)
        for letter in fromIngest {
            let name = String(decoding: letter.key ?? [], as: UTF8.self)
            #expect(badReasons[name] == reason(letter), "\(name)")
        }
        #expect((letters.map(reason)).sorted() == badReasons.values.sorted())
    }

    @Test func aKilledStageRestartsWithoutLosingAnything() async throws {
        let cluster = try TestCluster(topics: pipelineTopics)
        let total = 3_000
        let base = try Fixtures.sample("archive/openai-tokyo").bytes()
        let messages = (0..<total).map { number in
            KafkaProducerMessage(
                topic: Topics.raw.name, key: Array("article-\(number)".utf8), value: base,
                headers: [KafkaHeader(key: RawArticleHeader.sourceURL, text: "https://news.example/articles/\(number)")])
        }
        var ingest = try ServiceProcess("newsline-ingest", brokers: cluster.broker.bootstrapServers, instance: "ingest-crash")
        let feeder = Task { try await cluster.send(messages) }
        try await waitUntil(timeout: .seconds(60)) {
            (try? await cluster.endOffset(Topics.ingested.name)) ?? 0 >= Int64(total / 4)
        }
        ingest.crash()
        let atCrash = try await cluster.endOffset(Topics.ingested.name)
        ingest = try ServiceProcess("newsline-ingest", brokers: cluster.broker.bootstrapServers, instance: "ingest-restarted")
        defer { ingest.stop() }
        try await feeder.value

        let output = try await cluster.read(Topics.ingested.name, timeout: .seconds(120)) { messages in
            Set(messages.compactMap { $0.key }).count >= total
        }
        let ids = try output.map { try EventCodec().decode(ArticleIngested.self, from: $0.value).articleId }
        let distinct = Set(ids)
        print("crash after \(atCrash) events; \(ids.count - distinct.count) duplicates of \(total) after restart")
        #expect(atCrash < Int64(total), "the crash must happen mid-stream")
        #expect(distinct.count == total, "lost \(total - distinct.count)")
    }
}

/// Polls a condition until it holds or the timeout passes.
func waitUntil(timeout: Duration, _ condition: () async -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("condition not met within \(timeout)")
}
