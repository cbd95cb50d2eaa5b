import Foundation
import Kafka
import Logging
import NewslineModels
import ServiceLifecycle

/// Wires one service: logging, Kafka clients, the runner and any extra services, then runs them
/// until SIGTERM or SIGINT.
public enum ServiceMain {
    /// Sets up swift-log once per process, writing to standard error.
    public static func bootstrapLogging(level: String) {
        let logLevel = Logger.Level(rawValue: level.lowercased()) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = logLevel
            return handler
        }
    }

    /// The logger of a service instance, carrying service and instance as metadata.
    public static func logger(service: String, options: ServiceOptions) -> Logger {
        var logger = Logger(label: "newsline.\(service)")
        logger[metadataKey: "service"] = .string(service)
        logger[metadataKey: "instance"] = .string(options.instanceName())
        return logger
    }

    /// Runs a stage as a service until a shutdown signal, with `extraServices` (such as an HTTP
    /// server) started after it and stopped before it.
    ///
    /// Throws when the stage stops on its own (a fatal Kafka error, an error about the service, a
    /// configuration refused at start) or an extra service fails, so the process exits non-zero
    /// and its supervisor restarts it. The whole graceful shutdown is bounded by the shutdown budget.
    public static func run<S: BatchStage>(
        _ stage: S,
        options: ServiceOptions,
        startOffsets: KafkaConsumer.StartOffsets? = nil,
        extraServices: [any Service] = [],
        logger: Logger
    ) async throws {
        let configuration = try options.kafkaConfiguration()
        let budget = try options.shutdownBudget()
        logger.info(
            "connecting",
            metadata: ["brokers": .string(configuration.bootstrapServers.joined(separator: ",")), "group": .string(options.groupId(for: stage.name))])
        let consumer = try KafkaConsumer(
            configuration: configuration, groupId: options.groupId(for: stage.name), topics: [stage.inputTopic],
            logger: logger, startOffsets: startOffsets)
        let producer = try KafkaProducer(configuration: configuration, logger: logger)
        let crashGuard = try options.crashGuard.open(group: options.groupId(for: stage.name))
        if crashGuard.inheritedDeaths > 0 {
            logger.warning(
                "a previous process of this stage died while processing inputs; they are processed one at a time",
                metadata: ["guard": .string(crashGuard.path ?? ""), "deaths": "\(crashGuard.inheritedDeaths)"])
        }
        let runner = StageRunner(
            stage: stage, consumer: consumer, producer: producer, logger: logger, shutdownBudget: budget,
            crashGuard: crashGuard)
        let services: [ServiceGroupConfiguration.ServiceConfiguration] =
            [.init(service: runner)] + extraServices.map { .init(service: $0) }
        try await ServiceGroup(configuration: groupConfiguration(services, budget: budget, logger: logger)).run()
    }

    /// How long cancelled services get to return once the shutdown budget is spent.
    static let cancellationGrace: Duration = .seconds(2)

    /// The group: graceful shutdown on SIGTERM and SIGINT, bounded by the budget (the runner
    /// bounds itself; extra services that overrun it are cancelled).
    static func groupConfiguration(
        _ services: [ServiceGroupConfiguration.ServiceConfiguration], budget: Duration, logger: Logger
    ) -> ServiceGroupConfiguration {
        var configuration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = budget
        configuration.maximumCancellationDuration = cancellationGrace
        return configuration
    }
}
