import Logging
import Operations
import ServiceLifecycle
import StageRuntime

/// `newsline-index --no-consume`: the search API (and its database probe) without a consumer, so search
/// scales by instances of its own over a shared PostgreSQL index, stateless.
enum SearchOnly {
    static func run(services: [any Service], options: ServiceOptions, health: ServiceHealth, logger: Logger) async throws {
        var group = services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) }
        let operationsPort = try options.operationsPort()
        if operationsPort > 0 {
            let host = try options.operationsHostName()
            group.append(
                .init(
                    service: OperationsServer.make(
                        host: host, port: operationsPort, registry: ServiceMain.metricsRegistry, health: health,
                        serverName: "newsline-search-operations", logger: logger, beforeScrape: {})))
        }
        var configuration = ServiceGroupConfiguration(
            services: group, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = try options.shutdownBudget()
        try await ServiceGroup(configuration: configuration).run()
    }
}
