import Logging
import Testing

@testable import Kafka

/// Pass-through properties that would break the delivery rules are refused: by a producer when it is
/// made, by a consumer when a stage runner checks it.
@Suite struct DeliveryRulesTests {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test(arguments: [
        ("enable.auto.offset.store", "true"), ("enable.auto.commit", "false"), ("auto.commit.enable", "false"),
        ("auto.offset.reset", "latest"), ("auto.offset.reset", "largest"), ("isolation.level", "read_uncommitted"),
    ])
    func consumerRefusesPropertiesThatBreakTheRules(_ property: String, _ value: String) {
        let configuration = KafkaConfiguration(bootstrapServers: ["127.0.0.1:1"], properties: [property: value])
        #expect {
            try KafkaConsumer(configuration: configuration, groupId: "g", topics: ["t"], logger: logger).checkDeliveryRules()
        } throws: { error in
            let text = "\(error)"
            return (error as? KafkaError)?.code == .configuration && text.contains("\(property)=\(value)")
        }
    }

    @Test(arguments: [
        ("enable.idempotence", "false"), ("acks", "1"), ("acks", "0"), ("request.required.acks", "1"),
        ("queuing.strategy", "lifo"), ("transactional.id", "newsline-tx"),
    ])
    func producerRefusesPropertiesThatBreakTheRules(_ property: String, _ value: String) {
        let configuration = KafkaConfiguration(bootstrapServers: ["127.0.0.1:1"], properties: [property: value])
        #expect {
            try KafkaProducer(configuration: configuration, logger: logger)
        } throws: { error in
            let text = "\(error)"
            return (error as? KafkaError)?.code == .configuration && text.contains("\(property)=\(value)")
        }
    }

    @Test func valuesThatKeepTheRulesAreAccepted() throws {
        let configuration = KafkaConfiguration(
            bootstrapServers: ["127.0.0.1:1"],
            properties: [
                "acks": "all", "enable.idempotence": "TRUE", "enable.auto.offset.store": "false",
                "auto.offset.reset": "earliest", "isolation.level": "read_committed", "linger.ms": "20",
            ])
        _ = try KafkaProducer(configuration: configuration, logger: logger)
        try KafkaConsumer(configuration: configuration, groupId: "g", topics: ["t"], logger: logger).checkDeliveryRules()
    }

    /// `newsline tail` reads without committing, from the end: a consumer outside a stage may.
    @Test func aReaderOutsideAStageMaySkipCommits() throws {
        let configuration = KafkaConfiguration(
            bootstrapServers: ["127.0.0.1:1"], properties: ["enable.auto.commit": "false", "auto.offset.reset": "latest"])
        _ = try KafkaConsumer(configuration: configuration, groupId: "g", topics: ["t"], logger: logger)
    }
}
