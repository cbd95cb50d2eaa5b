/// How a Newsline client reaches Kafka: typed settings with documented defaults, plus any
/// librdkafka property passed through as is (SASL/SSL, tuning).
///
/// Properties in `properties` win over the typed settings, so an operator can override anything.
public struct KafkaConfiguration: Sendable, Equatable {
    /// `host:port` of one or more brokers. Default `localhost:9092`.
    public var bootstrapServers: [String]
    /// The client id brokers see in their logs and quotas. Default `newsline`.
    public var clientId: String
    /// How long the group waits for a silent consumer before rebalancing. Default 10 s.
    public var sessionTimeoutMilliseconds: Int
    /// How long a consumer may go without polling before it leaves the group. Default 300 s.
    public var maxPollIntervalMilliseconds: Int
    /// How often stored offsets are committed. Default 1 s.
    public var autoCommitIntervalMilliseconds: Int
    /// How long the producer waits to fill a batch. Default 5 ms.
    public var lingerMilliseconds: Int
    /// How long librdkafka keeps retrying a produce before reporting failure. Default 300 s.
    public var deliveryTimeoutMilliseconds: Int
    /// The largest message the client sends. Default 16 MiB, above librdkafka's 1 MB, because raw
    /// articles and their dead letters can be larger; topics need a matching `max.message.bytes`.
    public var maxMessageBytes: Int
    /// Any librdkafka property (`security.protocol`, `sasl.password`, `fetch.wait.max.ms`, …).
    public var properties: [String: String]

    public init(
        bootstrapServers: [String] = ["localhost:9092"],
        clientId: String = "newsline",
        sessionTimeoutMilliseconds: Int = 10_000,
        maxPollIntervalMilliseconds: Int = 300_000,
        autoCommitIntervalMilliseconds: Int = 1_000,
        lingerMilliseconds: Int = 5,
        deliveryTimeoutMilliseconds: Int = 300_000,
        maxMessageBytes: Int = 16 * 1024 * 1024,
        properties: [String: String] = [:]
    ) {
        self.bootstrapServers = bootstrapServers
        self.clientId = clientId
        self.sessionTimeoutMilliseconds = sessionTimeoutMilliseconds
        self.maxPollIntervalMilliseconds = maxPollIntervalMilliseconds
        self.autoCommitIntervalMilliseconds = autoCommitIntervalMilliseconds
        self.lingerMilliseconds = lingerMilliseconds
        self.deliveryTimeoutMilliseconds = deliveryTimeoutMilliseconds
        self.maxMessageBytes = maxMessageBytes
        self.properties = properties
    }

    /// The values of every secret property, for redaction.
    public var secretValues: [String] {
        properties.filter { SecretRedactor.isSecretProperty($0.key) }.map(\.value)
    }

    public var redactor: SecretRedactor { SecretRedactor(secrets: secretValues) }

    /// The settings as `key=value` lines with secret values replaced, safe to log or print.
    public var redactedDescription: String {
        librdkafkaProperties(for: .producer)
            .sorted { $0.key < $1.key }
            .map { SecretRedactor.isSecretProperty($0.key) ? "\($0.key)=[redacted]" : "\($0.key)=\($0.value)" }
            .joined(separator: "\n")
    }

    enum ClientRole {
        case producer
        case consumer(groupId: String)
        case admin
    }

    /// The one translation point from typed settings to librdkafka property names.
    func librdkafkaProperties(for role: ClientRole) -> [String: String] {
        var result: [String: String] = [
            "bootstrap.servers": bootstrapServers.joined(separator: ","),
            "client.id": clientId,
        ]
        switch role {
        case .producer:
            result["enable.idempotence"] = "true"
            result["linger.ms"] = String(lingerMilliseconds)
            result["delivery.timeout.ms"] = String(deliveryTimeoutMilliseconds)
            result["message.max.bytes"] = String(maxMessageBytes)
        case .consumer(let groupId):
            result["group.id"] = groupId
            result["session.timeout.ms"] = String(sessionTimeoutMilliseconds)
            result["max.poll.interval.ms"] = String(maxPollIntervalMilliseconds)
            // Offsets are stored by Newsline only after the work for a message is acknowledged
            // downstream; librdkafka then commits what was stored.
            result["enable.auto.offset.store"] = "false"
            result["enable.auto.commit"] = "true"
            result["auto.commit.interval.ms"] = String(autoCommitIntervalMilliseconds)
            result["auto.offset.reset"] = "earliest"
        case .admin:
            break
        }
        for (key, value) in properties {
            result[key] = value
        }
        return result
    }
}
