import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Hummingbird
import HummingbirdTesting
import Kafka
import NewslineModels
import Operations
import StageRuntime
import Testing
import TestSupport

/// The operations port and the checks at start, on the embedded broker: metrics that move with
/// the messages, probes that follow assignment and fatal errors, settings and topics refused at
/// start, and trace context carried from `articles.raw` to `articles.indexed`.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct OperationsIntegrationTests {
    @Test(.enabled(if: PrometheusText.parserAvailable, "python3 -m pip install prometheus-client"))
    func metricsParseAndMoveWhenArticlesFlowAndLagMatchesStatus() async throws {
        let cluster = try TestCluster(topics: Topics.allNames)
        let port = try freePort()
        let ingest = try ServiceProcess(
            "newsline-ingest", brokers: cluster.broker.bootstrapServers, instance: "ingest-metrics",
            environment: ["NEWSLINE_OPERATIONS_PORT": String(port), "KAFKA_PROP_statistics.interval.ms": "500"])
        defer { ingest.stop() }
        try await waitUntil(timeout: .seconds(60)) { await status(port, "/readyz") == 200 }
        #expect(await status(port, "/healthz") == 200, "\(ingest.log.suffix(2000))")

        let sample = try Fixtures.sample("archive/openai-tokyo").bytes()
        let total = 40
        try await cluster.send((0..<total).map { number in
            KafkaProducerMessage(topic: Topics.raw.name, key: Array("article-\(number)".utf8), value: sample)
        })
        try await waitUntil(timeout: .seconds(60)) {
            (try? await cluster.endOffset(Topics.ingested.name)) ?? 0 >= Int64(total)
        }
        // Once everything is committed, the exported lag and `newsline status`'s agree: both zero.
        let admin = try KafkaAdmin(configuration: cluster.configuration, logger: cluster.logger)
        var samples: [PrometheusText.Sample] = []
        try await waitUntil(timeout: .seconds(60)) {
            guard let body = await body(port, "/metrics"), let parsed = try? PrometheusText.parse(body) else { return false }
            samples = parsed
            let exported = parsed.filter { $0.name == "newsline_consumer_lag" && $0.labels["topic"] == Topics.raw.name }
            let status = try? await admin.lag(group: "newsline-ingest", topic: Topics.raw.name)
            return exported.count == 4 && exported.allSatisfy { $0.value == 0 } && status?.total == 0
        }
        let stage = ["stage": "ingest"]
        #expect(samples.value("newsline_consumed_total", stage) ?? 0 >= Double(total))
        #expect(samples.value("newsline_produced_total", stage) ?? 0 >= Double(total))
        #expect(samples.value("newsline_stage_processing_seconds_count", stage) ?? 0 >= Double(total))
        #expect(samples.value("newsline_assigned_partitions", stage) == 4)
        #expect(samples.value("newsline_in_flight_inputs", stage) == 0)
        #expect(samples.value("newsline_build_info", ["service": "ingest"]) == 1)
        #expect(samples.value("newsline_kafka_messages_sent", ["client": "producer"]) ?? 0 >= Double(total))
        #expect(samples.value("newsline_partition_end_offset", ["topic": Topics.raw.name]) != nil)

        // A dead letter is counted by its reason.
        try await cluster.send([KafkaProducerMessage(topic: Topics.raw.name, key: Array("empty".utf8), value: [])])
        try await waitUntil(timeout: .seconds(30)) {
            guard let body = await body(port, "/metrics"), let parsed = try? PrometheusText.parse(body) else { return false }
            return parsed.value("newsline_dead_lettered_total", ["stage": "ingest", "reason": "empty"]) == 1
        }
    }

    @Test func readyzWaitsForPartitionsAndHealthzFailsOnAFatalProducerError() async throws {
        let cluster = try TestCluster(topics: ["in", "out", Topics.deadletter.name], partitions: 2)
        try await cluster.produce(sequencedEvents(50), to: "in")
        let consumer = try KafkaConsumer(configuration: cluster.configuration, groupId: "ops-health", topics: ["in"], logger: cluster.logger)
        let producer = try KafkaProducer(configuration: cluster.configuration, logger: cluster.logger)
        let runner = StageRunner(
            stage: PerMessageStage(RelayStage(inputTopic: "in", output: "out")), consumer: consumer, producer: producer,
            logger: cluster.logger)
        let health = ServiceHealth()
        ServiceMain.addChecks(to: health, runner: runner, consumer: consumer, producer: producer)
        let app = Application(router: OperationsServer.router(registry: ServiceMain.metricsRegistry, health: health))
        try await app.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains("no partitions assigned yet"))
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
            let task = Task { try await runner.run() }
            _ = try await cluster.read("out", count: 50)
            var ready = false
            for _ in 0..<100 where !ready {
                ready = try await client.execute(uri: "/readyz", method: .get) { $0.status == .ok }
                if !ready { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(ready)

            producer.raiseFatalError(.outOfOrderSequenceNumber, reason: "injected by the test")
            var body = ""
            for _ in 0..<100 {
                let (code, text) = try await client.execute(uri: "/healthz", method: .get) { ($0.status, String(buffer: $0.body)) }
                body = text
                if code == .serviceUnavailable { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(body.contains("OUT_OF_ORDER_SEQUENCE_NUMBER"), "\(body)")
            await #expect(throws: KafkaError.self) { try await task.value }
        }
    }

    @Test(arguments: [
        ("newsline-parse", "LOG_LEVEL", "debgu"),
        ("newsline-enrich", "NEWSLINE_OPERATIONS_PORT", "abc"),
        ("newsline-index", "NEWSLINE_HTTP_PORT", "abc"),
        ("newsline-ingest", "NEWSLINE_MAX_ARTICLE_BYTES", "2M"),
        ("newsline-ingest", "NEWSLINE_LOG_FORMAT", "xml"),
    ])
    func aBadSettingStopsTheServiceWithTheMessage(executable: String, name: String, value: String) async throws {
        // Nothing listens on the broker address: the setting must stop the service before it connects.
        var environment = ["NEWSLINE_HTTP_PORT": "0"]
        environment[name] = value
        let service = try ServiceProcess(executable, brokers: "127.0.0.1:1", instance: "bad-setting", environment: environment)
        defer { service.stop() }
        try await waitUntil(timeout: .seconds(30)) { !service.process.isRunning }
        #expect(!service.process.isRunning)
        #expect(service.process.terminationStatus != 0)
        #expect(service.log.contains("\(name)=\(value)"), "\(service.log.suffix(1000))")
    }

    @Test func missingTopicsStopTheServiceNamingThem() async throws {
        let cluster = try TestCluster(topics: [Topics.raw.name])
        let ingest = try ServiceProcess(
            "newsline-ingest", brokers: cluster.broker.bootstrapServers, instance: "ingest-no-topics",
            environment: ["NEWSLINE_LOG_FORMAT": "json"])
        defer { ingest.stop() }
        try await waitUntil(timeout: .seconds(60)) { !ingest.process.isRunning }
        #expect(ingest.process.terminationStatus != 0)
        #expect(ingest.log.contains("\(Topics.deadletter.name), \(Topics.ingested.name) do not exist"), "\(ingest.log.suffix(1000))")
        // The service's own lines are JSON objects (the argument parser's last `Error:` line is not its).
        let lines = ingest.log.split(separator: "\n").filter { !$0.hasPrefix("Error:") }
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(!lines.isEmpty && objects.count == lines.count, "\(ingest.log.suffix(1000))")
        let refusal = objects.first { $0["message"] as? String == "refusing to start: topics missing" }
        #expect(refusal?["service"] as? String == "ingest")
        #expect(refusal?["instance"] as? String == "ingest-no-topics")
        #expect(refusal?["level"] as? String == "critical")
    }

    @Test func aPublishersTraceparentReachesArticlesIndexed() async throws {
        let cluster = try TestCluster(topics: Topics.allNames)
        let brokers = cluster.broker.bootstrapServers
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("newsline-trace-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let services = try [
            ServiceProcess("newsline-ingest", brokers: brokers, instance: "trace-ingest"),
            ServiceProcess("newsline-parse", brokers: brokers, instance: "trace-parse"),
            ServiceProcess("newsline-enrich", brokers: brokers, instance: "trace-enrich"),
            ServiceProcess(
                "newsline-index", brokers: brokers, instance: "trace-index",
                environment: ["NEWSLINE_INDEX_PATH": path, "NEWSLINE_HTTP_PORT": "0"]),
        ]
        defer { for service in services { service.stop() } }
        let traceId = "4bf92f3577b34da6a3ce929d0e0e4736"
        let samples = Array(Fixtures.goodSamples.prefix(3))
        try await cluster.send(try samples.enumerated().map { number, sample in
            KafkaProducerMessage(
                topic: Topics.raw.name, key: Array(sample.name.utf8), value: try sample.bytes(),
                headers: [KafkaHeader(key: RawArticleHeader.sourceURL, text: "https://news.example/\(number)")]
                    + (number == 0 ? [KafkaHeader(key: TraceHeader.traceparent, text: "00-\(traceId)-00f067aa0ba902b7-01")] : []))
        })
        let indexed = try await cluster.read(Topics.indexed.name, count: samples.count, timeout: .seconds(180))
        let logs = services.map { "\($0.log.suffix(1500))" }.joined(separator: "\n----\n")
        #expect(indexed.count == samples.count, "\(logs)")
        let traceIds = indexed.map { $0.headers.text(for: TraceHeader.traceparent)?.split(separator: "-").dropFirst().first.map(String.init) }
        // Every event carries a trace; the publisher's is continued, the others were started at ingest.
        #expect(traceIds.allSatisfy { $0?.count == 32 }, "\(traceIds)")
        #expect(traceIds.filter { $0 == traceId }.count == 1, "\(traceIds)")
        #expect(Set(traceIds.compactMap { $0 }).count == samples.count, "\(traceIds)")
        let ingested = try await cluster.read(Topics.ingested.name, count: samples.count)
        let published = ingested.first { $0.headers.text(for: TraceHeader.traceparent)?.contains(traceId) == true }
        let continued = indexed.first { $0.headers.text(for: TraceHeader.traceparent)?.contains(traceId) == true }
        #expect(published?.key != nil && published?.key == continued?.key)
        // Each stage is a span of its own: the span id changes from topic to topic.
        #expect(published?.headers.text(for: TraceHeader.traceparent) != continued?.headers.text(for: TraceHeader.traceparent))
    }
}

/// The HTTP status of a GET on the loopback operations port, nil when nothing answers.
func status(_ port: Int, _ path: String) async -> Int? {
    guard let (_, response) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)\(path)")!) else {
        return nil
    }
    return (response as? HTTPURLResponse)?.statusCode
}

func body(_ port: Int, _ path: String) async -> String? {
    guard let (data, _) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)\(path)")!) else {
        return nil
    }
    return String(decoding: data, as: UTF8.self)
}

/// A TCP port nothing listens on now: the kernel's pick for a socket bound to port 0.
func freePort() throws -> Int {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw POSIXError(.EMFILE) }
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
    }
    guard bound else { throw POSIXError(.EADDRINUSE) }
    return Int(UInt16(bigEndian: address.sin_port))
}
