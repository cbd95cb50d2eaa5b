import Foundation
import Hummingbird
import HummingbirdTesting
import Metrics
import Operations
import Prometheus
import Synchronization
import Testing
import TestSupport

/// The operations routes: Prometheus text a real parser accepts, and probes that answer 503 with
/// the failing checks.
struct OperationsServerTests {
    @Test(.enabled(if: PrometheusText.parserAvailable, "python3 -m pip install prometheus-client"))
    func metricsParseAsPrometheusTextAndCountersMove() async throws {
        let registry = PrometheusCollectorRegistry()
        let factory = PrometheusMetricsFactory(registry: registry)
        let counter = Counter(label: "newsline_consumed_total", dimensions: [("stage", "parse")], factory: factory)
        let timer = Metrics.Timer(label: "newsline_stage_processing_seconds", dimensions: [("stage", "parse")], factory: factory)
        let scrapes = ScrapeCounter()
        let app = Application(router: OperationsServer.router(registry: registry, health: ServiceHealth()) { scrapes.add() })
        try await app.test(.router) { client in
            counter.increment(by: 3)
            timer.recordMilliseconds(12)
            let first = try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                return try PrometheusText.parse(String(buffer: response.body))
            }
            #expect(first.value("newsline_consumed_total", ["stage": "parse"]) == 3)
            #expect(first.value("newsline_stage_processing_seconds_count", ["stage": "parse"]) == 1)
            #expect(first.value("newsline_stage_processing_seconds_bucket", ["stage": "parse", "le": "+Inf"]) == 1)
            counter.increment(by: 2)
            let second = try await client.execute(uri: "/metrics", method: .get) { response in
                try PrometheusText.parse(String(buffer: response.body))
            }
            #expect(second.value("newsline_consumed_total", ["stage": "parse"]) == 5)
        }
        #expect(scrapes.count == 2)
    }

    @Test func probesAnswer503WithTheFailingChecks() async throws {
        let health = ServiceHealth()
        let broken = Flag()
        health.add(.liveness, "producer") { broken.isSet ? "producer fatal error" : nil }
        health.add(.readiness, "partitions") { "no partitions assigned yet" }
        let app = Application(router: OperationsServer.router(registry: PrometheusCollectorRegistry(), health: health))
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect((object?["failing"] as? [String: String])?["partitions"] == "no partitions assigned yet")
            }
            broken.set()
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains("producer fatal error"))
            }
        }
        // Readiness includes liveness: a service that is not alive is not ready.
        #expect(health.failures(.readiness).keys.sorted() == ["partitions", "producer"])
    }
}

final class ScrapeCounter: Sendable {
    private let value = Mutex(0)
    func add() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}

final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
