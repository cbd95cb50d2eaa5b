import ArgumentParser
import Foundation
import Kafka
import NewslineModels
import StageRuntime

/// `newsline status`: topics, partitions, end offsets and every service group's lag, in all and per
/// partition, counted as the services' `newsline_consumer_lag` metric counts (`GroupLag.lag`).
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the pipeline topics, their end offsets and each service's lag.")

    @OptionGroup var kafka: ServiceOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Also show each group's lag per partition, as newsline_consumer_lag{topic,partition} exports it.")
    var partitions = false

    /// Which group reads which topic.
    static let stages: [(service: String, topic: String)] = [
        ("ingest", Topics.raw.name), ("parse", Topics.ingested.name), ("enrich", Topics.parsed.name),
        ("index", Topics.enriched.name),
    ]

    func run() async throws {
        let logger = CommandLogging.logger("status")
        let configuration = try ClusterConnection.configuration(kafka)
        let admin = try KafkaAdmin(configuration: configuration, logger: logger)
        let status = try await PipelineStatus.read(admin: admin)
        if json {
            let data = try JSONSerialization.data(withJSONObject: status.jsonObject, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("Kafka: \(configuration.bootstrapServers.joined(separator: ","))")
        print("")
        print(TextTable.render(
            header: ["topic", "partitions", "messages", "end offset"],
            rows: status.topics.map { [$0.name, String($0.partitions), String($0.messages), String($0.endOffset)] }))
        print("")
        print(TextTable.render(
            header: ["service", "group", "reads", "lag"],
            rows: status.groups.map { [$0.service, $0.group, $0.topic, String($0.lag)] }))
        guard partitions else { return }
        print("")
        print(TextTable.render(
            header: ["service", "topic", "partition", "lag"],
            rows: status.groups.flatMap { group in
                group.partitions.keys.sorted().map { [group.service, group.topic, String($0), String(group.partitions[$0]!)] }
            }))
    }
}

/// What `newsline status` shows, also used by `newsline run` for its live counts.
struct PipelineStatus {
    struct TopicRow {
        var name: String
        var partitions: Int
        var messages: Int64
        var endOffset: Int64
    }

    struct GroupRow {
        var service: String
        var group: String
        var topic: String
        var lag: Int64
        /// The lag of each partition, by partition number.
        var partitions: [Int32: Int64]
    }

    var topics: [TopicRow]
    var groups: [GroupRow]

    static func read(admin: KafkaAdmin) async throws -> PipelineStatus {
        let known = try await admin.listTopics()
        var topics: [TopicRow] = []
        for name in Topics.allNames where known.contains(where: { $0.name == name }) {
            let marks = try await admin.watermarks(topic: name)
            topics.append(
                TopicRow(
                    name: name, partitions: marks.count, messages: marks.values.reduce(0) { $0 + $1.high - $1.low },
                    endOffset: marks.values.reduce(0) { $0 + $1.high }))
        }
        var groups: [GroupRow] = []
        for (service, topic) in StatusCommand.stages where known.contains(where: { $0.name == topic }) {
            let group = "newsline-\(service)"
            let lag = try await admin.lag(group: group, topic: topic)
            groups.append(GroupRow(service: service, group: group, topic: topic, lag: lag.total, partitions: lag.partitions))
        }
        return PipelineStatus(topics: topics, groups: groups)
    }

    var jsonObject: [String: Any] {
        [
            "topics": topics.map { ["name": $0.name, "partitions": $0.partitions, "messages": $0.messages, "endOffset": $0.endOffset] },
            "groups": groups.map { group in
                [
                    "service": group.service, "group": group.group, "topic": group.topic, "lag": group.lag,
                    "partitions": Dictionary(uniqueKeysWithValues: group.partitions.map { (String($0.key), $0.value) }),
                ]
            },
        ]
    }
}
