import Foundation
import Kafka
import NewslineModels
import Testing

/// Two enrich services in one consumer group over the embedded broker: the stateless worker users
/// scale by starting more of it.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct EnrichServiceIntegrationTests {
    static let paragraph = """
        손정의 소프트뱅크 회장은 15일 도쿄에서 기자들과 만나 "인공지능 반도체에 더 투자하겠다"고 말했다. \
        샘 올트먼 오픈AI 최고경영자(CEO)도 지난달 일본을 찾았다.
        """

    @Test func twoInstancesShareThePartitionsAndEnrichEveryArticleOnce() async throws {
        let cluster = try TestCluster(topics: Topics.allNames)
        let first = try ServiceProcess("newsline-enrich", brokers: cluster.broker.bootstrapServers, instance: "enrich-1")
        defer { first.stop() }
        try await waitUntil(timeout: .seconds(60)) { Self.assignment(in: first.log).count == 4 }
        let second = try ServiceProcess("newsline-enrich", brokers: cluster.broker.bootstrapServers, instance: "enrich-2")
        defer { second.stop() }
        // The group rebalances: each instance ends up with its own half of articles.parsed.
        try await waitUntil(timeout: .seconds(60)) {
            let a = Self.assignment(in: first.log), b = Self.assignment(in: second.log)
            return !a.isEmpty && !b.isEmpty && a.isDisjoint(with: b) && a.union(b).count == 4
        }
        let shares = (Self.assignment(in: first.log), Self.assignment(in: second.log))

        let total = 1_000
        let messages = try (0..<total).map { number in
            let article = TestArticles.parsed(number, paragraph: "\(number)번째 기사. " + Self.paragraph)
            return KafkaProducerMessage(
                topic: Topics.parsed.name, key: Array(article.articleId.utf8), value: try EventCodec().encode(article))
        }
        try await cluster.send(messages)
        let output = try await cluster.read(Topics.enriched.name, timeout: .seconds(120)) { messages in
            Set(messages.compactMap { $0.key }).count >= total
        }
        let held = (Self.assignment(in: first.log), Self.assignment(in: second.log))
        // Anything still in flight would have arrived while both instances drain and commit.
        first.stop()
        second.stop()
        let all = try await cluster.read(Topics.enriched.name, count: output.count + 1, timeout: .seconds(5))
        let events = try all.map { try EventCodec().decode(ArticleEnriched.self, from: $0.value) }
        let logs = "enrich-1:\n\(first.log.suffix(1500))\nenrich-2:\n\(second.log.suffix(1500))"

        #expect(shares.0.count == 2 && shares.1.count == 2, "assignments \(shares)\n\(logs)")
        #expect(held.0 == shares.0 && held.1 == shares.1, "no rebalance while the articles flowed: \(held)")
        #expect(events.count == total, "each article enriched exactly once: \(events.count) events")
        #expect(Set(events.map(\.articleId)) == Set((0..<total).map { String(format: "%032x", $0) }))
        #expect(events.allSatisfy { event in event.entities.contains { $0.canonical == "손정의" } }, "\(events.first.map { $0.entities } ?? [])")
        // Both instances committed what they enriched.
        let admin = try KafkaAdmin(configuration: cluster.configuration, logger: cluster.logger)
        let lag = try await admin.lag(group: "newsline-enrich", topic: Topics.parsed.name)
        #expect(lag.partitions.count == 4 && lag.partitions.values.allSatisfy { $0 == 0 }, "lag \(lag.partitions)")
    }

    /// The articles.parsed partitions a service holds now, replayed from its assignment log lines.
    static func assignment(in log: String) -> Set<Int32> {
        var held = Set<Int32>()
        let pattern = /articles\.parsed\[(\d+)\]/
        for line in log.split(separator: "\n") {
            let partitions = line.matches(of: pattern).compactMap { Int32($0.1) }
            if line.contains("partitions assigned") { held.formUnion(partitions) }
            if line.contains("partitions revoked") { held.subtract(partitions) }
        }
        return held
    }
}
