import Foundation
import IndexStage
import Kafka
import NewslineModels
import Testing
import TestSupport

/// The index service as a separate process: exactly-once into the index across a crash.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct IndexServiceIntegrationTests {
    static func enriched(_ number: Int) -> ArticleEnriched {
        let parsed = TestArticles.parsed(number)
        let text = parsed.paragraphs[0]
        // Fingerprints far apart, so no article is taken for a near-duplicate of another.
        var generator = SplitMix64(seed: UInt64(number))
        return ArticleEnriched(
            article: parsed, language: "ko", entities: [], keywords: [], summary: [text], quotes: [], dates: [],
            category: Category.society.rawValue, fingerprint: String(format: "%016llx", generator.next()))
    }

    @Test func aKilledIndexServiceResumesFromItsStoredPositionsWithoutDuplicateDocuments() async throws {
        let cluster = try TestCluster(topics: Topics.allNames)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsline-index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("index.sqlite").path
        let environment = ["NEWSLINE_INDEX_PATH": path, "NEWSLINE_HTTP_PORT": "0"]
        let total = 2_000
        let messages = try (0..<total).map { number in
            let event = Self.enriched(number)
            return KafkaProducerMessage(topic: Topics.enriched.name, key: Array(event.articleId.utf8), value: try EventCodec().encode(event))
        }
        var index = try ServiceProcess("newsline-index", brokers: cluster.broker.bootstrapServers, instance: "index-1", environment: environment)
        // Fed over a few seconds, so the crash lands mid-stream however fast the service indexes.
        let feeder = Task {
            for start in stride(from: 0, to: messages.count, by: 100) {
                try await cluster.send(Array(messages[start..<min(start + 100, messages.count)]))
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        try await waitUntil(timeout: .seconds(90)) {
            (try? await cluster.endOffset(Topics.indexed.name)) ?? 0 >= Int64(total / 4)
        }
        index.crash()
        let atCrash = try await cluster.endOffset(Topics.indexed.name)
        index = try ServiceProcess("newsline-index", brokers: cluster.broker.bootstrapServers, instance: "index-2", environment: environment)
        try await feeder.value
        let output = try await cluster.read(Topics.indexed.name, timeout: .seconds(120)) { messages in
            Set(messages.compactMap { $0.key }).count >= total
        }
        index.stop()
        let events = try output.map { try EventCodec().decode(ArticleIndexed.self, from: $0.value) }
        let store = try ArticleIndex(path: path)
        print("index crash after \(atCrash) events; \(events.count - Set(events.map(\.articleId)).count) duplicate article.indexed events")

        #expect(atCrash < Int64(total), "the crash must happen mid-stream")
        #expect(Set(events.map(\.articleId)).count == total)
        #expect(try store.documentCount() == total)
        #expect(events.allSatisfy { $0.revision == 1 }, "a redelivered event must not bump the revision")
        #expect(try store.pendingOutbox(limit: 10).isEmpty, "every committed event was relayed")
    }
}
