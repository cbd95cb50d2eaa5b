import Foundation
import IndexStage
import Kafka
import NewslineModels
import Testing
import TestSupport

/// Several index services in one consumer group over one PostgreSQL index: exactly-once across a
/// SIGKILL and a rebalance that hands the dead instance's partitions to the others and a new one.
@Suite(.serialized, .timeLimit(.minutes(6)))
struct SharedIndexIntegrationTests {
    @Test(.enabled(if: TemporaryPostgres.isAvailable, "\(TemporaryPostgres.unavailableReason ?? "")"))
    func threeInstancesOneKilledAndOneAddedIndexEveryArticleExactlyOnce() async throws {
        let cluster = try TestCluster(topics: Topics.allNames, partitions: 6)
        let url = try TemporaryPostgres.makeDatabase()
        let environment = ["NEWSLINE_INDEX_URL": url, "NEWSLINE_HTTP_PORT": "0"]
        let total = 2_000
        let messages = try (0..<total).map { number in
            let event = IndexServiceIntegrationTests.enriched(number)
            return KafkaProducerMessage(topic: Topics.enriched.name, key: Array(event.articleId.utf8), value: try EventCodec().encode(event))
        }
        // Started together: the schema migration must be applied once however they race.
        var instances = try (1...3).map { number in
            try ServiceProcess("newsline-index", brokers: cluster.broker.bootstrapServers, instance: "index-\(number)", environment: environment)
        }
        let feeder = Task {
            for start in stride(from: 0, to: messages.count, by: 100) {
                try await cluster.send(Array(messages[start..<min(start + 100, messages.count)]))
                try await Task.sleep(for: .milliseconds(300))
            }
        }
        try await waitUntil(timeout: .seconds(120)) {
            (try? await cluster.endOffset(Topics.indexed.name)) ?? 0 >= Int64(total / 4)
        }
        instances[0].crash()
        let atCrash = try await cluster.endOffset(Topics.indexed.name)
        instances.append(
            try ServiceProcess("newsline-index", brokers: cluster.broker.bootstrapServers, instance: "index-4", environment: environment))
        try await feeder.value
        let output = try await cluster.read(Topics.indexed.name, timeout: .seconds(180)) { messages in
            Set(messages.compactMap { $0.key }).count >= total
        }
        for instance in instances.dropFirst() { instance.stop() }

        let events = try output.map { try EventCodec().decode(ArticleIndexed.self, from: $0.value) }
        let store = try await PostgresIndex.open(PostgresLocation(url: url), migrate: false, logger: cluster.logger)
        var missing = 0
        for number in 0..<total where try await store.article(id: IndexServiceIntegrationTests.enriched(number).articleId) == nil {
            missing += 1
        }
        let documents = try await store.documentCount()
        let stored = try await store.storedPositions(topic: Topics.enriched.name)
        let admin = try KafkaAdmin(configuration: cluster.configuration, logger: cluster.logger)
        let ends = try await admin.watermarks(topic: Topics.enriched.name).mapValues(\.high)
        print(
            "shared index: crash after \(atCrash) events; \(documents) documents, \(missing) missing, "
                + "\(events.count - Set(events.map(\.articleId)).count) duplicate article.indexed events")

        #expect(atCrash < Int64(total), "the crash must happen mid-stream")
        #expect(missing == 0)
        #expect(documents == total, "no duplicate documents")
        #expect(Set(events.map(\.articleId)).count == total)
        #expect(events.allSatisfy { $0.revision == 1 }, "a redelivered input must not bump the revision")
        #expect(stored == ends, "every partition's stored position is its end offset")
        await store.close()
    }
}
