import ArgumentParser
import Foundation
import Kafka
import Logging

/// The options every Newsline service takes, from flags or the environment.
///
/// Flags win over environment variables: `KAFKA_BROKERS`, `KAFKA_GROUP_ID`, `KAFKA_CLIENT_ID`,
/// `KAFKA_PROPERTIES_FILE`, `KAFKA_PROP_<property>`, `NEWSLINE_INSTANCE`, `LOG_LEVEL`,
/// `NEWSLINE_LOG_FORMAT`, `NEWSLINE_SHUTDOWN_BUDGET`, `NEWSLINE_OPERATIONS_HOST`,
/// `NEWSLINE_OPERATIONS_PORT`, `OTEL_EXPORTER_OTLP_ENDPOINT`. Every value is checked at start: one
/// that does not parse stops the service with a message naming the setting and the value.
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

    @Option(name: .customLong("log-format"), help: "text or json, one JSON object a line (env NEWSLINE_LOG_FORMAT; default text).")
    public var logFormat: String?

    @Option(name: .customLong("operations-host"), help: "Address of the operations port (env NEWSLINE_OPERATIONS_HOST; default 0.0.0.0).")
    public var operationsHost: String?

    @Option(
        name: .customLong("operations-port"),
        help: "Port serving /metrics, /healthz and /readyz; 0 turns it off (env NEWSLINE_OPERATIONS_PORT; default 9090).")
    public var operationsPort: String?

    @Option(
        name: .customLong("otlp-endpoint"),
        help: "OTLP/HTTP collector to export trace spans to, e.g. http://collector:4318 (env OTEL_EXPORTER_OTLP_ENDPOINT; default none).")
    public var otlpEndpoint: String?

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

    /// The port of `/metrics`, `/healthz` and `/readyz` when nothing sets it.
    public static let defaultOperationsPort = 9090

    static let logLevelSetting = Setting<String>.choice(
        flag: "--log-level", environment: "LOG_LEVEL", Logger.Level.allCases.map(\.rawValue))
    static let logFormatSetting = Setting<LogFormat>(
        flag: "--log-format", environment: "NEWSLINE_LOG_FORMAT", expected: "text or json") { LogFormat(rawValue: $0.lowercased()) }
    static let operationsPortSetting = Setting<Int>.port(flag: "--operations-port", environment: "NEWSLINE_OPERATIONS_PORT")
    static let operationsHostSetting = Setting<String>.text(
        flag: "--operations-host", environment: "NEWSLINE_OPERATIONS_HOST", expected: "a host name or address")
    static let otlpEndpointSetting = Setting<String>(
        flag: "--otlp-endpoint", environment: "OTEL_EXPORTER_OTLP_ENDPOINT", expected: "an http:// or https:// URL"
    ) { text in
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            return nil
        }
        return text
    }

    public func level(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Logger.Level {
        let text = try Self.logLevelSetting.value(flag: logLevel, default: "info", environment: environment)
        return Logger.Level(rawValue: text)!
    }

    public func format(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LogFormat {
        try Self.logFormatSetting.value(flag: logFormat, default: .text, environment: environment)
    }

    public func operationsPort(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Int {
        try Self.operationsPortSetting.value(flag: operationsPort, default: Self.defaultOperationsPort, environment: environment)
    }

    public func operationsHostName(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        try Self.operationsHostSetting.value(flag: operationsHost, default: "0.0.0.0", environment: environment)
    }

    /// The OTLP/HTTP endpoint spans are exported to; nil: spans stay in the process.
    public func otlpEndpointURL(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        try Self.otlpEndpointSetting.value(flag: otlpEndpoint, environment: environment.filter { !$0.value.isEmpty })
    }

    /// Reads every setting once, so a bad one stops the service before it connects to anything.
    public func check(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        _ = try level(environment: environment)
        _ = try format(environment: environment)
        _ = try operationsPort(environment: environment)
        _ = try operationsHostName(environment: environment)
        _ = try otlpEndpointURL(environment: environment)
        _ = try shutdownBudget(environment: environment)
        _ = try crashGuard.limit(environment: environment)
        _ = try kafkaConfiguration(environment: environment)
    }
}

/// How a service writes its log lines.
public enum LogFormat: String, Sendable {
    /// swift-log's text lines, for people at a terminal.
    case text
    /// One JSON object a line, for log collectors.
    case json
}
