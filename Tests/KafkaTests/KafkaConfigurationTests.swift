import Testing

@testable import Kafka

@Suite struct KafkaConfigurationTests {
    @Test func readsBrokersClientAndPassThroughProperties() throws {
        let configuration = try KafkaConfiguration.fromEnvironment([
            "KAFKA_BROKERS": "a:9092, b:9093",
            "KAFKA_CLIENT_ID": "enrich-7",
            "KAFKA_PROP_security.protocol": "SASL_SSL",
            "KAFKA_PROP_SASL_MECHANISMS": "PLAIN",
            "PATH": "/usr/bin",
        ])
        #expect(configuration.bootstrapServers == ["a:9092", "b:9093"])
        #expect(configuration.clientId == "enrich-7")
        #expect(configuration.properties == ["security.protocol": "SASL_SSL", "sasl.mechanisms": "PLAIN"])
        let consumer = configuration.librdkafkaProperties(for: .consumer(groupId: "g"))
        #expect(consumer["enable.auto.offset.store"] == "false")
        #expect(consumer["group.id"] == "g")
        #expect(consumer["security.protocol"] == "SASL_SSL")
        #expect(configuration.librdkafkaProperties(for: .producer)["enable.idempotence"] == "true")
    }

    @Test func passThroughWinsOverTypedSettings() {
        let configuration = KafkaConfiguration(lingerMilliseconds: 5, properties: ["linger.ms": "50"])
        #expect(configuration.librdkafkaProperties(for: .producer)["linger.ms"] == "50")
    }

    @Test(arguments: ["", "nohost", "host:port", " , "])
    func rejectsMalformedBrokerLists(_ text: String) {
        #expect(throws: KafkaError.self) { try KafkaConfiguration.parseBrokers(text) }
    }

    @Test func redactsSecretsInDescriptionsAndText() {
        let configuration = KafkaConfiguration(properties: [
            "sasl.password": "hunter2-canary", "ssl.key.password": "pem-secret", "sasl.username": "newsline",
        ])
        #expect(!configuration.redactedDescription.contains("hunter2-canary"))
        #expect(!configuration.redactedDescription.contains("pem-secret"))
        #expect(configuration.redactedDescription.contains("sasl.username=newsline"))
        #expect(configuration.redactor.redact("auth failed for hunter2-canary") == "auth failed for [redacted]")
    }

    @Test func invalidPropertyIsAClearConfigurationError() {
        var configuration = KafkaConfiguration(properties: ["no.such.property": "1"])
        configuration.bootstrapServers = ["localhost:1"]
        #expect {
            try KafkaProducer(configuration: configuration, logger: .init(label: "test"))
        } throws: { error in
            (error as? KafkaError)?.code == .configuration && "\(error)".contains("no.such.property")
        }
    }
}
