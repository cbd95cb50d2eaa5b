import Foundation
import Kafka
import Logging
import Metrics
import NewslineModels
import Operations
import Prometheus
import ServiceLifecycle

/// Wires one service: settings, logging, tracing, Kafka clients, the runner, the operations port
/// and any extra services, then runs them until SIGTERM or SIGINT.
public enum ServiceMain {
    /// Checks every setting, then sets up logging once per process; throws the first bad setting,
    /// so the service stops with a message naming it before it connects to anything.
    public static func bootstrap(service: String, options: ServiceOptions) throws -> Logger {
        try options.check()
        bootstrapLogging(level: try options.level(), format: try options.format())
        return logger(service: service, options: options)
    }

    /// Sets up swift-log once per process, writing to standard error as text or JSON lines, with
    /// the current trace and span ids in every line.
    public static func bootstrapLogging(level: Logger.Level, format: LogFormat) {
        LoggingSystem.bootstrap(
            { label, provider in
                switch format {
                case .text:
                    var handler = StreamLogHandler.standardError(label: label, metadataProvider: provider)
                    handler.logLevel = level
                    return handler
                case .json:
                    var handler = JSONLogHandler(label: label, metadataProvider: provider)
                    handler.logLevel = level
                    return handler
                }
            }, metadataProvider: ServiceTracing.loggingMetadataProvider)
    }

    /// The logger of a service instance, carrying service and instance as metadata.
    public static func logger(service: String, options: ServiceOptions) -> Logger {
        var logger = Logger(label: "newsline.\(service)")
        logger[metadataKey: "service"] = .string(service)
        logger[metadataKey: "instance"] = .string(options.instanceName())
        return logger
    }

    /// The registry `/metrics` exports; swift-metrics is bootstrapped onto it once per process.
    public static let metricsRegistry = PrometheusCollectorRegistry()

    /// The factory of every metric a service records, also swift-metrics' global one (so metrics
    /// of libraries such as Hummingbird's middleware are exported too).
    public static let metricsFactory: PrometheusMetricsFactory = {
        var factory = PrometheusMetricsFactory(registry: metricsRegistry)
        factory.durationHistogramBuckets["newsline_stage_processing_seconds"] = StageMetrics.processingBuckets
        MetricsSystem.bootstrap(factory)
        return factory
    }()

    /// How often librdkafka reports its statistics when the operations port is on, unless
    /// `statistics.interval.ms` is set: often enough for a 30 s scrape, rare enough to cost nothing.
    static let statisticsInterval = "15000"

    /// A poll loop that has not polled for this long is stuck: longer than anything that may
    /// hold it on purpose (a rebalance waits up to 10 s for in-flight work, a committed-offsets
    /// query up to 10 s).
    public static let pollStallLimit: Duration = .seconds(60)

    /// Runs a stage as a service until a shutdown signal, with `extraServices` (such as an HTTP
    /// server) started after it and stopped before it.
    ///
    /// Before anything starts it checks that the topics the stage reads and writes exist. `health`
    /// takes the checks of the stage's clients; a service adds its own (index: the database).
    ///
    /// Throws when the stage stops on its own (a fatal Kafka error, an error about the service, a
    /// configuration refused at start) or an extra service fails, so the process exits non-zero
    /// and its supervisor restarts it. The whole graceful shutdown is bounded by the shutdown budget.
    public static func run<S: BatchStage>(
        _ stage: S,
        options: ServiceOptions,
        startOffsets: KafkaConsumer.StartOffsets? = nil,
        extraServices: [any Service] = [],
        health: ServiceHealth = ServiceHealth(),
        logger: Logger
    ) async throws {
        var configuration = try options.kafkaConfiguration()
        let budget = try options.shutdownBudget()
        let operationsPort = try options.operationsPort()
        if operationsPort > 0, configuration.properties["statistics.interval.ms"] == nil {
            configuration.properties["statistics.interval.ms"] = statisticsInterval
        }
        let tracing = try ServiceTracing.bootstrap(
            serviceName: "newsline-\(stage.name)", otlpEndpoint: try options.otlpEndpointURL(), logger: logger)
        logger.info(
            "connecting",
            metadata: ["brokers": .string(configuration.bootstrapServers.joined(separator: ",")), "group": .string(options.groupId(for: stage.name))])
        try await TopicCheck.require(
            [stage.inputTopic, stage.outputTopic.name, Topics.deadletter.name], configuration: configuration, logger: logger)
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
        let metrics = StageMetrics(stage: stage.name, factory: metricsFactory)
        let runner = StageRunner(
            stage: stage, consumer: consumer, producer: producer, logger: logger, shutdownBudget: budget,
            crashGuard: crashGuard, metrics: metrics)
        addChecks(to: health, runner: runner, consumer: consumer, producer: producer)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: tracing), .init(service: runner)]
        if operationsPort > 0 {
            let consumerGauges = KafkaStatisticsGauges(client: "consumer", factory: metricsFactory)
            let producerGauges = KafkaStatisticsGauges(client: "producer", factory: metricsFactory)
            consumer.onStatistics { consumerGauges.record(json: $0) }
            producer.onStatistics { producerGauges.record(json: $0) }
            recordBuildInfo(service: stage.name)
            let host = try options.operationsHostName()
            services.append(
                .init(
                    service: OperationsServer.make(
                        host: host, port: operationsPort, registry: metricsRegistry, health: health,
                        serverName: "newsline-\(stage.name)-operations", logger: logger,
                        beforeScrape: { metrics.sample(consumer: consumer, producer: producer) })))
            logger.info("operations port", metadata: ["address": .string("\(host):\(operationsPort)")])
        }
        services += extraServices.map { .init(service: $0) }
        try await ServiceGroup(configuration: groupConfiguration(services, budget: budget, logger: logger)).run()
    }

    /// The liveness and readiness checks every stage has.
    public static func addChecks<S: BatchStage>(
        to health: ServiceHealth, runner: StageRunner<S>, consumer: KafkaConsumer, producer: KafkaProducer
    ) {
        health.add(.liveness, "stage") { runner.failure.map { "stopping: \($0.description)" } }
        health.add(.liveness, "consumer") {
            if let failure = consumer.failure { return "consumer failed: \(failure.description)" }
            if let since = consumer.sinceLastPoll, since > pollStallLimit { return "the poll loop has not polled for \(since)" }
            return nil
        }
        health.add(.liveness, "producer") {
            if let fatal = producer.fatalError { return "producer fatal error: \(fatal.description)" }
            if let since = producer.sinceLastPoll, since > pollStallLimit { return "the poll loop has not polled for \(since)" }
            return nil
        }
        health.add(.readiness, "partitions") { consumer.assignment.isEmpty ? "no partitions assigned yet" : nil }
    }

    static func recordBuildInfo(service: String) {
        #if DEBUG
            let configuration = "debug"
        #else
            let configuration = "release"
        #endif
        let version = ProcessInfo.processInfo.environment["NEWSLINE_BUILD_VERSION"] ?? "unknown"
        Gauge(
            label: "newsline_build_info",
            dimensions: [("service", service), ("version", version), ("configuration", configuration)],
            factory: metricsFactory
        ).record(1)
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
