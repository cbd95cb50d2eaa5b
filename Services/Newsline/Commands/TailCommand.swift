import ArgumentParser
import Foundation
import Kafka
import NewslineModels
import StageRuntime
import UnixSignals

/// `newsline tail [TOPIC]`: prints events as they arrive.
struct TailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail", abstract: "Print events from a topic as they arrive (default articles.indexed).")

    @Argument(help: "The topic to follow.")
    var topic = Topics.indexed.name

    @Flag(name: .customLong("from-beginning"), help: "Start at the oldest kept message instead of the end.")
    var fromBeginning = false

    @Flag(help: "Print each value as one line of raw JSON.")
    var json = false

    @Flag(help: "Print each value as indented JSON.")
    var pretty = false

    @Option(help: "Stop after this many events.")
    var limit: Int?

    @OptionGroup var kafka: ServiceOptions

    func validate() throws {
        if json && pretty { throw ValidationError("use --json or --pretty, not both") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let logger = CommandLogging.logger("tail")
        var configuration = try ClusterConnection.configuration(kafka)
        // Without --group a private group is used, so nothing is committed on anyone's behalf.
        let group = kafka.group ?? "newsline-tail-\(UUID().uuidString)"
        if kafka.group == nil {
            configuration.properties["enable.auto.commit"] = configuration.properties["enable.auto.commit"] ?? "false"
        }
        if configuration.properties["auto.offset.reset"] == nil {
            configuration.properties["auto.offset.reset"] = fromBeginning ? "earliest" : "latest"
        }
        let consumer = try KafkaConsumer(configuration: configuration, groupId: group, topics: [topic], logger: logger)
        try consumer.start()
        let stopOnSignal = Task {
            for await _ in await UnixSignalsSequence(trapping: .sigterm, .sigint) {
                consumer.stopDelivering()
                break
            }
        }
        var printed = 0
        outer: while true {
            let batch = await consumer.nextBatch()
            if batch.isEmpty { break }
            for message in batch {
                print(EventPrinter.render(message, json: json, pretty: pretty))
                consumer.acknowledge(message)
                printed += 1
                if let limit, printed >= limit { break outer }
            }
            fflush(nil)
        }
        stopOnSignal.cancel()
        await consumer.close()
    }
}

/// Renders a consumed event for a human, or as JSON.
enum EventPrinter {
    static func render(_ message: KafkaConsumerMessage, json: Bool, pretty: Bool) -> String {
        if json || pretty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(message.value)) else {
                return String(decoding: JSONSerialization.quote(message.value), as: UTF8.self)
            }
            let options: JSONSerialization.WritingOptions = pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: options.union(.withoutEscapingSlashes))) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
        return summary(message)
    }

    /// One line: where the message was, and what it says.
    static func summary(_ message: KafkaConsumerMessage) -> String {
        let place = "\(message.topic)[\(message.partition)]@\(message.offset)"
        if message.topic == Topics.deadletter.name {
            let stage = message.headers.text(for: DeadLetterHeader.stage) ?? "?"
            let reason = message.headers.text(for: DeadLetterHeader.errorClass) ?? "?"
            let key = message.key.map { String(decoding: $0, as: UTF8.self) } ?? "-"
            return "\(place)  dead letter  stage=\(stage) reason=\(reason) key=\(key)"
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(message.value))) as? [String: Any] else {
            return "\(place)  \(message.value.count) bytes"
        }
        var parts = [place]
        if let id = object["articleId"] as? String { parts.append(String(id.prefix(12))) }
        if let revision = object["revision"] as? Int { parts.append("r\(revision)") }
        if let date = object["publishedDate"] as? String { parts.append(date) }
        if let category = object["category"] as? String { parts.append("[\(category)]") }
        parts.append((object["title"] as? String).map { "“\($0)”" } ?? "(untitled)")
        if let duplicate = object["duplicateOf"] as? String { parts.append("duplicate of \(duplicate.prefix(12))") }
        return parts.joined(separator: "  ")
    }
}

extension JSONSerialization {
    /// Bytes that are not JSON, as a JSON string of their (lossily decoded) text.
    static func quote(_ bytes: [UInt8]) -> Data {
        (try? JSONSerialization.data(withJSONObject: [String(decoding: bytes, as: UTF8.self)], options: [])).map {
            Data($0.dropFirst().dropLast())
        } ?? Data("\"\"".utf8)
    }
}
