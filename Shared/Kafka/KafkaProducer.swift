import CRDKafka
import Foundation
import Logging
import Synchronization

/// An idempotent Kafka producer whose sends complete with the broker's delivery report.
///
/// A dedicated thread polls librdkafka for delivery reports; sends never block a Swift
/// concurrency thread: when librdkafka's local queue is full, `enqueue` waits asynchronously.
public final class KafkaProducer: Sendable {
    private enum State {
        case created
        case running
        case shuttingDown
        case stopped
    }

    /// How long the poll thread keeps serving delivery reports after a purge: librdkafka fails
    /// purged messages at once, in-flight ones when their broker thread notices. Past this, the
    /// promises still unreported are failed here, so no send waits forever.
    static let purgeReportLimit: Duration = .seconds(2)

    private let client: RDKafkaClient
    /// The lifecycle; messages are handed to librdkafka under this lock, so none slips in after
    /// the poll thread has stopped serving delivery reports.
    private let state = Mutex<State>(.created)
    private let stopped = Mutex<[CheckedContinuation<Void, Never>]?>([])
    private let flushTimeout = Mutex<Duration>(.seconds(30))

    public init(configuration: KafkaConfiguration, logger: Logger) throws {
        try configuration.checkDeliveryRules(for: .producer)
        client = try RDKafkaClient(
            kind: .producer, properties: configuration.librdkafkaProperties(for: .producer), logger: logger,
            redactor: configuration.redactor)
    }

    /// Starts the thread that serves delivery reports. Sends made before `start` wait in librdkafka.
    public func start() {
        let shouldStart = state.withLock { state -> Bool in
            guard case .created = state else { return false }
            state = .running
            return true
        }
        guard shouldStart else { return }
        startPollThread()
    }

    private func startPollThread() {
        let thread = Thread { [self] in pollLoop() }
        thread.name = "kafka-producer-poll"
        thread.start()
    }

    /// Calls `handler` once, on the poll thread, when librdkafka raises a fatal error (for an
    /// idempotent producer: a sequence it cannot recover from). Nothing can be produced after it.
    public func onFatalError(_ handler: @escaping @Sendable (KafkaError) -> Void) {
        client.callbacks.fatalHandler.withLock { $0 = handler }
    }

    /// Raises a fatal error in librdkafka as an unrecoverable idempotent sequence would
    /// (`rd_kafka_test_fatal_error`), for reliability tests and health-check drills: it takes
    /// librdkafka's own fatal path, so the handler, `fatalError` and the health checks all see it.
    public func raiseFatalError(_ code: KafkaError.Code, reason: String) {
        _ = rd_kafka_test_fatal_error(client.handle, rd_kafka_resp_err_t(rawValue: code.rawValue), reason)
    }

    /// The fatal error librdkafka raised, if any.
    public var fatalError: KafkaError? {
        client.callbacks.fatalError.withLock { $0 }
    }

    /// Calls `handler` on the poll thread with librdkafka's statistics JSON, every
    /// `statistics.interval.ms` (a librdkafka property; 0, its default, sends none).
    public func onStatistics(_ handler: @escaping @Sendable (String) -> Void) {
        client.callbacks.statisticsHandler.withLock { $0 = handler }
    }

    /// How long ago the poll thread last served librdkafka; nil before it started or after it stopped.
    public var sinceLastPoll: Duration? {
        state.withLock { if case .running = $0 { true } else { false } } ? client.callbacks.sinceLastPoll : nil
    }

    /// Hands a message to librdkafka and returns the promise of its delivery report.
    ///
    /// Messages enqueued one after another keep their order within a partition (the producer is
    /// idempotent). When the local queue is full this waits for room: that is the backpressure.
    public func enqueue(_ message: KafkaProducerMessage) async throws(KafkaError) -> DeliveryPromise {
        var backoff: Duration = .milliseconds(1)
        while true {
            let promise = DeliveryPromise()
            let code = state.withLock { state -> rd_kafka_resp_err_t? in
                switch state {
                case .created, .running: produce(message, promise: promise)
                case .shuttingDown, .stopped: nil
                }
            }
            guard let code else { throw KafkaError(code: .closed, message: "the producer is shut down") }
            if code == RD_KAFKA_RESP_ERR_NO_ERROR {
                return promise
            }
            guard code == RD_KAFKA_RESP_ERR__QUEUE_FULL else {
                if code == RD_KAFKA_RESP_ERR__FATAL, let fatalError { throw fatalError }
                throw RDKafkaErrorName.error(code, redactor: client.redactor)
            }
            guard !Task.isCancelled else {
                throw KafkaError(code: .cancelled, message: "stopped waiting for room in the producer queue")
            }
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .milliseconds(50))
        }
    }

    /// Produces a message and waits for its delivery report.
    @discardableResult
    public func send(_ message: KafkaProducerMessage) async throws(KafkaError) -> KafkaDeliveryReport {
        try await enqueue(message).value()
    }

    /// Messages waiting in librdkafka for delivery.
    public var queuedMessages: Int {
        Int(rd_kafka_outq_len(client.handle))
    }

    /// Stops accepting messages, delivers what is queued (within `flushTimeout`), fails the rest.
    ///
    /// When it returns, every promise handed out has its result: delivered, or failed (messages
    /// not delivered in time are purged and fail with `purgeQueue`, `purgeInFlight` or `closed`).
    public func shutdown(flushTimeout: Duration = .seconds(30)) async {
        self.flushTimeout.withLock { $0 = flushTimeout }
        let startThread = state.withLock { state -> Bool in
            switch state {
            case .created:
                // Messages enqueued before `start` still need their reports served.
                state = .shuttingDown
                return true
            case .running:
                state = .shuttingDown
                return false
            case .shuttingDown, .stopped:
                return false
            }
        }
        if startThread { startPollThread() }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let alreadyStopped = stopped.withLock { waiters -> Bool in
                guard waiters != nil else { return true }
                waiters!.append(continuation)
                return false
            }
            if alreadyStopped { continuation.resume() }
        }
    }

    private func produce(_ message: KafkaProducerMessage, promise: DeliveryPromise) -> rd_kafka_resp_err_t {
        var headers: OpaquePointer?
        if !message.headers.isEmpty {
            headers = rd_kafka_headers_new(message.headers.count)
            for header in message.headers {
                if let value = header.value {
                    value.withUnsafeBytes { bytes in
                        _ = rd_kafka_header_add(headers, header.key, -1, bytes.baseAddress, bytes.count)
                    }
                } else {
                    _ = rd_kafka_header_add(headers, header.key, -1, nil, 0)
                }
            }
        }
        client.callbacks.pending(promise)
        let opaque = Unmanaged.passRetained(promise).toOpaque()
        let partition = message.partition ?? RD_KAFKA_PARTITION_UA
        let code = message.value.withUnsafeBytes { value in
            withOptionalBytes(message.key) { key in
                newsline_produce(
                    client.handle, message.topic, partition, key.baseAddress, key.count, value.baseAddress,
                    value.count, headers, opaque)
            }
        }
        if code != RD_KAFKA_RESP_ERR_NO_ERROR {
            client.callbacks.settled(promise)
            Unmanaged<DeliveryPromise>.fromOpaque(opaque).release()
            if let headers { rd_kafka_headers_destroy(headers) }
        }
        return code
    }

    private func pollLoop() {
        while state.withLock({ if case .running = $0 { true } else { false } }) {
            client.callbacks.polled()
            rd_kafka_poll(client.handle, 100)
        }
        // No message enters librdkafka from here on (`enqueue` checks the state under its lock).
        let timeout = flushTimeout.withLock { $0 }
        if rd_kafka_flush(client.handle, Self.milliseconds(timeout)) != RD_KAFKA_RESP_ERR_NO_ERROR {
            client.logger.error("producer flush timed out, purging", metadata: ["undelivered": "\(queuedMessages)"])
            _ = rd_kafka_purge(client.handle, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
            let deadline = ContinuousClock.now + Self.purgeReportLimit
            repeat {
                rd_kafka_poll(client.handle, 10)
            } while rd_kafka_outq_len(client.handle) > 0 && ContinuousClock.now < deadline
        }
        rd_kafka_poll(client.handle, 0)
        let unreported = client.callbacks.failUnreported(
            KafkaError(code: .closed, message: "not delivered before the producer stopped"))
        if unreported > 0 {
            client.logger.error("delivery reports missing after the purge; failed here", metadata: ["messages": "\(unreported)"])
        }
        state.withLock { $0 = .stopped }
        let waiters = stopped.withLock { waiters -> [CheckedContinuation<Void, Never>] in
            defer { waiters = nil }
            return waiters ?? []
        }
        for waiter in waiters { waiter.resume() }
    }

    static func milliseconds(_ duration: Duration) -> Int32 {
        let components = duration.components
        return Int32(clamping: max(0, components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000))
    }
}

/// Lends the bytes of an optional array; an absent array lends an empty buffer with a nil base.
/// Do not escape the pointer.
func withOptionalBytes<R>(_ bytes: [UInt8]?, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    if let bytes {
        return bytes.withUnsafeBytes(body)
    }
    return body(UnsafeRawBufferPointer(start: nil, count: 0))
}

extension KafkaProducer {
    /// Produces messages in order and waits until the broker acknowledged every one.
    public func sendAll(_ messages: [KafkaProducerMessage]) async throws(KafkaError) {
        var deliveries: [DeliveryPromise] = []
        for message in messages {
            deliveries.append(try await enqueue(message))
        }
        for delivery in deliveries {
            _ = try await delivery.value()
        }
    }
}
