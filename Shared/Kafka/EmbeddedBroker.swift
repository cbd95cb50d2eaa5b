import CRDKafka
import Logging

/// A Kafka cluster in this process: librdkafka's mock cluster, speaking the Kafka protocol on
/// localhost, for development, tests and the demo.
///
/// It keeps data in memory only and exposes fault injection for reliability tests.
public final class EmbeddedBroker: Sendable {
    private let client: RDKafkaClient
    /// The mock cluster, owned by this object and destroyed before the handle it lives in.
    private nonisolated(unsafe) let cluster: OpaquePointer
    /// `host:port,…` for clients to bootstrap from.
    public let bootstrapServers: String
    public let brokerCount: Int

    public init(brokers: Int = 1, logger: Logger) throws {
        precondition(brokers >= 1, "a cluster needs at least one broker")
        client = try RDKafkaClient(kind: .producer, properties: ["bootstrap.servers": ""], logger: logger, redactor: SecretRedactor(secrets: []))
        guard let cluster = rd_kafka_mock_cluster_new(client.handle, Int32(brokers)) else {
            throw KafkaError(code: .failure, message: "cannot start the embedded broker")
        }
        self.cluster = cluster
        bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
        brokerCount = brokers
    }

    deinit {
        rd_kafka_mock_cluster_destroy(cluster)
    }

    /// Broker ids run from 1 to `brokerCount`.
    public var brokerIds: [Int32] { (1...Int32(brokerCount)).map { $0 } }

    public func createTopic(_ name: String, partitions: Int32, replicationFactor: Int32 = 1) throws(KafkaError) {
        let code = rd_kafka_mock_topic_create(cluster, name, partitions, min(replicationFactor, Int32(brokerCount)))
        guard code == RD_KAFKA_RESP_ERR_NO_ERROR else { throw RDKafkaErrorName.error(code) }
    }

    /// Takes a broker offline: its connections are closed and new ones refused.
    public func setBrokerDown(_ broker: Int32) {
        _ = rd_kafka_mock_broker_set_down(cluster, broker)
    }

    public func setBrokerUp(_ broker: Int32) {
        _ = rd_kafka_mock_broker_set_up(cluster, broker)
    }

    /// Delays every answer of a broker.
    public func setRoundTripTime(_ broker: Int32, milliseconds: Int32) {
        _ = rd_kafka_mock_broker_set_rtt(cluster, broker, milliseconds)
    }

    /// Makes the next requests of a kind fail with these errors, one request per error.
    public func pushRequestErrors(_ request: KafkaRequest, _ errors: [KafkaError.Code]) {
        var codes = errors.map { rd_kafka_resp_err_t(rawValue: $0.rawValue) }
        codes.withUnsafeMutableBufferPointer { buffer in
            rd_kafka_mock_push_request_errors_array(cluster, request.rawValue, buffer.count, buffer.baseAddress)
        }
    }

    /// Makes the broker answer every metadata request about a topic with this error (such as
    /// `topicAuthorizationFailed`); `.init(rawValue: 0)` clears it.
    public func setTopicError(_ topic: String, _ error: KafkaError.Code) {
        rd_kafka_mock_topic_set_error(cluster, topic, rd_kafka_resp_err_t(rawValue: error.rawValue))
    }

    /// Forgets injected request errors.
    public func clearRequestErrors(_ request: KafkaRequest) {
        rd_kafka_mock_clear_request_errors(cluster, request.rawValue)
    }
}

/// Kafka protocol request kinds that fault injection can target.
public enum KafkaRequest: Int16, Sendable, CaseIterable {
    case produce = 0
    case fetch = 1
    case listOffsets = 2
    case metadata = 3
    case offsetCommit = 8
    case offsetFetch = 9
    case findCoordinator = 10
    case joinGroup = 11
    case heartbeat = 12
    case syncGroup = 14
    case initProducerId = 22
}
