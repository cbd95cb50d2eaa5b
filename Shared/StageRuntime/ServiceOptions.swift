import ArgumentParser
import Foundation
import Kafka

/// The options every Newsline service takes, from flags or the environment.
///
/// Flags win over environment variables: `KAFKA_BROKERS`, `KAFKA_GROUP_ID`, `KAFKA_CLIENT_ID`,
/// `KAFKA_PROPERTIES_FILE`, `KAFKA_PROP_<property>`, `NEWSLINE_INSTANCE`, `LOG_LEVEL`,
/// `NEWSLINE_SHUTDOWN_BUDGET`.
public struct ServiceOptions: ParsableArguments {
    /// How long a graceful shutdown may take in all: finishing in-flight work, flushing, the final
    /// commit and leaving the group. Below the pods' `terminationGracePeriodSeconds` (30 s in
    /// deploy/k8s), so the service exits on its own before it is killed. Work not finished in it
    /// is not committed and is read again.
    public static let defaultShutdownBudget: Duration = .seconds(25)

    @Option(name: .long, help: "Kafka bootstrap servers, host:port[,host:port…] (env KAFKA_BROKERS).")
    public var brokers: String?

    @Option(name: .long, help: "Consumer group id (env KAFKA_GROUP_ID; default newsline-<service>).")
    public var group: String?

    @Option(name: .long, help: "Name of this instance in logs (env NEWSLINE_INSTANCE; default host-pid).")
    public var instance: String?

    @Option(name: .customLong("kafka-property"), help: "A librdkafka property key=value; repeatable.")
    public var kafkaProperties: [String] = []

    @Option(name: .customLong("kafka-properties-file"), help: "A file of librdkafka properties (env KAFKA_PROPERTIES_FILE).")
    public var kafkaPropertiesFile: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error (env LOG_LEVEL).")
    public var logLevel: String?

    @Option(
        name: .customLong("shutdown-budget"),
        help: """
            Seconds a graceful shutdown may take in all; keep it below the supervisor's grace period \
            (env NEWSLINE_SHUTDOWN_BUDGET; default 25).
            """)
    public var shutdownBudgetSeconds: Double?

    @OptionGroup public var crashGuard: CrashGuardOptions

    public init() {}

    /// The Kafka configuration: environment first, then the flags on top.
    public func kafkaConfiguration(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> KafkaConfiguration {
        var configuration = try KafkaConfiguration.fromEnvironment(environment)
        if let kafkaPropertiesFile {
            try configuration.loadProperties(fromFile: kafkaPropertiesFile)
        }
        if let brokers {
            configuration.bootstrapServers = try KafkaConfiguration.parseBrokers(brokers)
        }
        for property in kafkaProperties {
            guard let separator = property.firstIndex(of: "="), separator != property.startIndex else {
                throw ValidationError("--kafka-property expects key=value")
            }
            configuration.properties[String(property[..<separator])] = String(property[property.index(after: separator)...])
        }
        return configuration
    }

    public func groupId(for service: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        group ?? environment["KAFKA_GROUP_ID"] ?? "newsline-\(service)"
    }

    public func instanceName(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        instance ?? environment["NEWSLINE_INSTANCE"] ?? "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// The shutdown budget: flag, then `NEWSLINE_SHUTDOWN_BUDGET`, then the default.
    public func shutdownBudget(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Duration {
        guard let seconds = shutdownBudgetSeconds ?? environment["NEWSLINE_SHUTDOWN_BUDGET"].flatMap(Double.init) else {
            if let text = environment["NEWSLINE_SHUTDOWN_BUDGET"] {
                throw ValidationError("NEWSLINE_SHUTDOWN_BUDGET=\(text) is not a number of seconds")
            }
            return Self.defaultShutdownBudget
        }
        guard seconds > 0, seconds.isFinite else {
            throw ValidationError("the shutdown budget must be a positive number of seconds, not \(seconds)")
        }
        return .milliseconds(Int64(seconds * 1000))
    }

    public func level(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        logLevel ?? environment["LOG_LEVEL"] ?? "info"
    }
}
