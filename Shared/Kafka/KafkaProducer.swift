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

    private let client: RDKafkaClient
    private let state = Mutex<State>(.created)
    private let stopped = Mutex<[CheckedContinuation<Void, Never>]?>([])

    public init(configuration: KafkaConfiguration, logger: Logger) throws {
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
        let thread = Thread { [self] in pollLoop() }
        thread.name = "kafka-producer-poll"
        thread.start()
    }

    /// Hands a message to librdkafka and returns the promise of its delivery report.
    ///
    /// Messages enqueued one after another keep their order within a partition (the producer is
    /// idempotent). When the local queue is full this waits for room: that is the backpressure.
    public func enqueue(_ message: KafkaProducerMessage) async throws(KafkaError) -> DeliveryPromise {
        var backoff: Duration = .milliseconds(1)
        while true {
            let isOpen = state.withLock { state in
                switch state {
                case .created, .running: true
                case .shuttingDown, .stopped: false
                }
            }
            guard isOpen else { throw KafkaError(code: .closed, message: "the producer is shut down") }
            let promise = DeliveryPromise()
            let code = produce(message, promise: promise)
            if code == RD_KAFKA_RESP_ERR_NO_ERROR {
                return promise
            }
            guard code == RD_KAFKA_RESP_ERR__QUEUE_FULL else {
                throw RDKafkaErrorName.error(code, redactor: client.redactor)
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
    public func shutdown(flushTimeout: Duration = .seconds(30)) async {
        let wasRunning = state.withLock { state -> Bool in
            switch state {
            case .created:
                state = .stopped
                return false
            case .running:
                state = .shuttingDown
                return true
            case .shuttingDown, .stopped:
                return true
            }
        }
        guard wasRunning else { return }
        self.flushTimeout.withLock { $0 = flushTimeout }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let alreadyStopped = stopped.withLock { waiters -> Bool in
                guard waiters != nil else { return true }
                waiters!.append(continuation)
                return false
            }
            if alreadyStopped { continuation.resume() }
        }
    }

    private let flushTimeout = Mutex<Duration>(.seconds(30))

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
            Unmanaged<DeliveryPromise>.fromOpaque(opaque).release()
            if let headers { rd_kafka_headers_destroy(headers) }
        }
        return code
    }

    private func pollLoop() {
        while state.withLock({ if case .running = $0 { true } else { false } }) {
            rd_kafka_poll(client.handle, 100)
        }
        let timeout = flushTimeout.withLock { $0 }
        let milliseconds = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        if rd_kafka_flush(client.handle, milliseconds) != RD_KAFKA_RESP_ERR_NO_ERROR {
            client.logger.error("producer flush timed out", metadata: ["undelivered": "\(queuedMessages)"])
            _ = rd_kafka_purge(client.handle, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
            rd_kafka_poll(client.handle, 0)
        }
        state.withLock { $0 = .stopped }
        let waiters = stopped.withLock { waiters -> [CheckedContinuation<Void, Never>] in
            defer { waiters = nil }
            return waiters ?? []
        }
        for waiter in waiters { waiter.resume() }
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
