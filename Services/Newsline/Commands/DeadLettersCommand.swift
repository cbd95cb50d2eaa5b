import ArgumentParser
import Foundation
import Kafka
import NewslineModels
import StageRuntime

/// `newsline deadletters`: lists dead letters; `replay` sends them back where they came from.
struct DeadLettersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadletters", abstract: "List dead letters with their stage and reason.",
        subcommands: [List.self, Replay.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List dead letters, oldest first.")

        @Option(help: "Show at most this many (the newest).")
        var limit: Int?

        @Option(help: "Only dead letters of this stage.")
        var stage: String?

        @Flag(help: "Print JSON lines.")
        var json = false

        @OptionGroup var kafka: ServiceOptions

        func run() async throws {
            let letters = try await DeadLetterReader.read(kafka, stage: stage)
            let shown = limit.map { Array(letters.suffix($0)) } ?? letters
            if json {
                for letter in shown {
                    let data = try JSONSerialization.data(withJSONObject: letter.jsonObject, options: [.sortedKeys, .withoutEscapingSlashes])
                    print(String(decoding: data, as: UTF8.self))
                }
                return
            }
            print(TextTable.render(
                header: ["time", "stage", "reason", "from", "key", "message"],
                rows: shown.map { letter in
                    [
                        letter.header(DeadLetterHeader.time), letter.header(DeadLetterHeader.stage),
                        letter.header(DeadLetterHeader.errorClass), letter.origin, letter.key,
                        letter.header(DeadLetterHeader.errorMessage),
                    ]
                }, maxWidth: 60))
            print("\(shown.count) of \(letters.count) dead letters")
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "replay", abstract: "Republish dead letters to the topic they came from.")

        @Option(help: "Only dead letters of this stage.")
        var stage: String?

        @OptionGroup var kafka: ServiceOptions

        func run() async throws {
            let logger = CommandLogging.logger("deadletters")
            let letters = try await DeadLetterReader.read(kafka, stage: stage)
            let configuration = try ClusterConnection.configuration(kafka)
            let producer = try KafkaProducer(configuration: configuration, logger: logger)
            producer.start()
            var deliveries: [DeliveryPromise] = []
            for letter in letters {
                let topic = letter.header(DeadLetterHeader.originalTopic)
                guard !topic.isEmpty else { continue }
                let headers = letter.message.headers.filter { !$0.key.hasPrefix("deadletter.") }
                deliveries.append(try await producer.enqueue(
                    KafkaProducerMessage(topic: topic, key: letter.message.key, value: letter.message.value, headers: headers)))
            }
            var replayed = 0
            for delivery in deliveries {
                if case .success = await delivery.result() { replayed += 1 }
            }
            await producer.shutdown()
            print("replayed \(replayed) of \(letters.count) dead letters")
            if replayed < deliveries.count { throw ExitCode(1) }
        }
    }
}

/// A dead letter as read back from `articles.deadletter`.
struct DeadLetterRecord {
    var message: KafkaConsumerMessage

    func header(_ key: String) -> String { message.headers.text(for: key) ?? "" }

    var key: String { message.key.map { String(decoding: $0, as: UTF8.self) } ?? "" }

    var origin: String {
        "\(header(DeadLetterHeader.originalTopic))[\(header(DeadLetterHeader.originalPartition))]@\(header(DeadLetterHeader.originalOffset))"
    }

    var jsonObject: [String: Any] {
        var object: [String: Any] = ["key": key, "bytes": message.value.count, "offset": message.offset, "partition": message.partition]
        for name in DeadLetterHeader.all { object[name] = header(name) }
        return object
    }
}

enum DeadLetterReader {
    static func read(_ options: ServiceOptions, stage: String?) async throws -> [DeadLetterRecord] {
        let logger = CommandLogging.logger("deadletters")
        let configuration = try ClusterConnection.configuration(options)
        let messages = try await TopicSnapshotReader(configuration: configuration, logger: logger).read(Topics.deadletter.name)
        return messages.map(DeadLetterRecord.init).filter { stage == nil || $0.header(DeadLetterHeader.stage) == stage }
    }
}
