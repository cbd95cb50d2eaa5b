import Foundation
import Hummingbird
import Logging
import Prometheus

/// The operations port of a service: `/metrics` (Prometheus text), `/healthz` and `/readyz` (JSON).
///
/// Separate from any port the service serves its users on, so probes and scrapes never queue
/// behind user traffic and the port can stay inside the cluster.
public enum OperationsServer {
    /// The media type of Prometheus' text exposition format.
    static let metricsContentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The routes, for the server and for tests that call them without a socket.
    public static func router(
        registry: PrometheusCollectorRegistry, health: ServiceHealth, beforeScrape: @escaping @Sendable () -> Void = {}
    ) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("metrics") { _, _ -> Response in
            beforeScrape()
            var buffer: [UInt8] = []
            buffer.reserveCapacity(16 * 1024)
            registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: metricsContentType], body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
        router.get("healthz") { _, _ in
            try probeResponse(health.failures(.liveness), passing: "ok", failing: "unhealthy")
        }
        router.get("readyz") { _, _ in
            try probeResponse(health.failures(.readiness), passing: "ready", failing: "not ready")
        }
        return router
    }

    /// The server as a service to run beside the stage.
    public static func make(
        host: String, port: Int, registry: PrometheusCollectorRegistry, health: ServiceHealth, serverName: String,
        logger: Logger, beforeScrape: @escaping @Sendable () -> Void = {}
    ) -> some ApplicationProtocol {
        Application(
            router: router(registry: registry, health: health, beforeScrape: beforeScrape),
            configuration: .init(address: .hostname(host, port: port), serverName: serverName),
            logger: logger)
    }

    /// 200 with `{"status": passing}`, or 503 with the failing checks and their reasons.
    static func probeResponse(_ failures: [String: String], passing: String, failing: String) throws -> Response {
        let ok = failures.isEmpty
        var object: [String: Any] = ["status": ok ? passing : failing]
        if !ok { object["failing"] = failures }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return Response(
            status: ok ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
