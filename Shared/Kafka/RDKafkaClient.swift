import CRDKafka
import Foundation
import Logging
import Synchronization

/// Swift owner of one `rd_kafka_t` handle; frees it in `deinit`.
///
/// librdkafka's logs, errors, delivery reports and rebalances are routed to the handle's main queue
/// and served by whichever Newsline thread polls it, so no librdkafka thread ever calls into Swift.
final class RDKafkaClient: Sendable {
    enum Kind {
        case producer
        case consumer
    }

    /// The handle. librdkafka handles are thread-safe; `Sendable` holds because only this class frees it.
    nonisolated(unsafe) let handle: OpaquePointer
    let callbacks: RDKafkaCallbacks

    init(kind: Kind, properties: [String: String], logger: Logger, redactor: SecretRedactor) throws(KafkaError) {
        let callbacks = RDKafkaCallbacks(logger: logger, redactor: redactor)
        guard let conf = rd_kafka_conf_new() else {
            throw KafkaError(code: .failure, message: "cannot allocate a librdkafka configuration")
        }
        var settings = properties
        settings["log.queue"] = "true"
        for (key, value) in settings.sorted(by: { $0.key < $1.key }) {
            var errorText = [CChar](repeating: 0, count: 512)
            if rd_kafka_conf_set(conf, key, value, &errorText, errorText.count) != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                let reason = redactor.redact(text(of: errorText))
                throw KafkaError(code: .configuration, message: reason)
            }
        }
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(callbacks).toOpaque())
        rd_kafka_conf_set_log_cb(conf, rdKafkaLogCallback)
        rd_kafka_conf_set_error_cb(conf, rdKafkaErrorCallback)
        // Fires only when `statistics.interval.ms` is above 0, served by the polling thread.
        rd_kafka_conf_set_stats_cb(conf, rdKafkaStatisticsCallback)
        switch kind {
        case .producer:
            rd_kafka_conf_set_dr_msg_cb(conf, rdKafkaDeliveryCallback)
        case .consumer:
            rd_kafka_conf_set_rebalance_cb(conf, rdKafkaRebalanceCallback)
        }
        var errorText = [CChar](repeating: 0, count: 512)
        let type = kind == .producer ? RD_KAFKA_PRODUCER : RD_KAFKA_CONSUMER
        guard let handle = rd_kafka_new(type, conf, &errorText, errorText.count) else {
            rd_kafka_conf_destroy(conf)
            let reason = redactor.redact(text(of: errorText))
            throw KafkaError(code: .configuration, message: reason)
        }
        rd_kafka_set_log_queue(handle, nil)
        self.handle = handle
        self.callbacks = callbacks
    }

    deinit {
        rd_kafka_destroy(handle)
    }

    var redactor: SecretRedactor { callbacks.redactor }
    var logger: Logger { callbacks.logger }
}

/// What the C callbacks need, reached through the handle's opaque pointer.
final class RDKafkaCallbacks: Sendable {
    let logger: Logger
    let redactor: SecretRedactor
    /// Set once by the consumer before its poll thread starts; called on that thread only.
    let rebalanceHandler = Mutex<(@Sendable (OpaquePointer, rd_kafka_resp_err_t, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> Void)?>(nil)
    /// Called on the polling thread when librdkafka raises a fatal error (the client can do nothing more).
    let fatalHandler = Mutex<(@Sendable (KafkaError) -> Void)?>(nil)
    /// Called on the polling thread with librdkafka's statistics JSON every `statistics.interval.ms`.
    let statisticsHandler = Mutex<(@Sendable (String) -> Void)?>(nil)
    /// When the client's polling thread last polled: a thread stuck or gone stops moving it.
    let lastPoll = Mutex<ContinuousClock.Instant?>(nil)
    /// The first fatal error librdkafka raised, if any.
    let fatalError = Mutex<KafkaError?>(nil)
    /// Promises of messages handed to librdkafka whose delivery report has not been served yet, so
    /// a producer that stops can fail the ones librdkafka never reports.
    let pendingDeliveries = Mutex<[ObjectIdentifier: DeliveryPromise]>([:])

    init(logger: Logger, redactor: SecretRedactor) {
        self.logger = logger
        self.redactor = redactor
    }

    static func from(_ opaque: UnsafeMutableRawPointer?) -> RDKafkaCallbacks? {
        opaque.map { Unmanaged<RDKafkaCallbacks>.fromOpaque($0).takeUnretainedValue() }
    }

    func log(level: Int32, facility: String, message: String) {
        let swiftLevel: Logger.Level =
            switch level {
            case ...3: .error
            case 4: .warning
            case 5, 6: .info
            default: .debug
            }
        logger.log(
            level: swiftLevel, "librdkafka",
            metadata: ["facility": .string(facility), "detail": .string(redactor.redact(message))])
    }
}

private let rdKafkaLogCallback: @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Void = {
    handle, level, facility, message in
    guard let handle, let callbacks = RDKafkaCallbacks.from(rd_kafka_opaque(handle)) else { return }
    callbacks.log(
        level: level, facility: facility.map { String(cString: $0) } ?? "",
        message: message.map { String(cString: $0) } ?? "")
}

private let rdKafkaErrorCallback: @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafeMutableRawPointer?) -> Void = {
    handle, code, reason, opaque in
    guard let callbacks = RDKafkaCallbacks.from(opaque) else { return }
    let text = callbacks.redactor.redact(reason.map { String(cString: $0) } ?? "")
    if code == RD_KAFKA_RESP_ERR__FATAL.rawValue, let handle {
        callbacks.raiseFatal(handle: handle, reason: text)
        return
    }
    callbacks.logger.warning(
        "kafka client error",
        metadata: ["code": .string(RDKafkaErrorName.name(of: code)), "reason": .string(text)])
}

private let rdKafkaDeliveryCallback: @convention(c) (OpaquePointer?, UnsafePointer<rd_kafka_message_t>?, UnsafeMutableRawPointer?) -> Void = {
    _, message, opaque in
    guard let message, let promisePointer = message.pointee._private else { return }
    let promise = Unmanaged<DeliveryPromise>.fromOpaque(promisePointer).takeRetainedValue()
    RDKafkaCallbacks.from(opaque)?.settled(promise)
    let error = message.pointee.err
    if error == RD_KAFKA_RESP_ERR_NO_ERROR {
        let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        promise.fulfill(.success(KafkaDeliveryReport(topic: topic, partition: message.pointee.partition, offset: message.pointee.offset)))
    } else {
        promise.fulfill(.failure(RDKafkaErrorName.error(error, redactor: RDKafkaCallbacks.from(opaque)?.redactor)))
    }
}

private let rdKafkaStatisticsCallback: @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>?, Int, UnsafeMutableRawPointer?) -> Int32 = {
    _, json, length, opaque in
    guard let json, let handler = RDKafkaCallbacks.from(opaque)?.statisticsHandler.withLock({ $0 }) else { return 0 }
    let text = json.withMemoryRebound(to: UInt8.self, capacity: length) {
        String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
    }
    handler(text)
    // 0: librdkafka frees the JSON buffer.
    return 0
}

private let rdKafkaRebalanceCallback: @convention(c) (OpaquePointer?, rd_kafka_resp_err_t, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, UnsafeMutableRawPointer?) -> Void = {
    handle, error, partitions, opaque in
    guard let handle, let partitions else { return }
    guard let handler = RDKafkaCallbacks.from(opaque)?.rebalanceHandler.withLock({ $0 }) else {
        _ = rd_kafka_assign(handle, error == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS ? partitions : nil)
        return
    }
    handler(handle, error, partitions)
}

extension RDKafkaCallbacks {
    /// Notes that the polling thread is alive.
    func polled() {
        lastPoll.withLock { $0 = .now }
    }

    /// How long ago the polling thread last polled; nil before it first did.
    var sinceLastPoll: Duration? {
        lastPoll.withLock { $0 }.map { ContinuousClock.now - $0 }
    }

    /// Records a fatal error with librdkafka's underlying cause, logs it and tells the handler.
    func raiseFatal(handle: OpaquePointer, reason: String) {
        var buffer = [CChar](repeating: 0, count: 512)
        let underlying = rd_kafka_fatal_error(handle, &buffer, buffer.count)
        let detail = redactor.redact(text(of: buffer))
        let error = KafkaError(
            code: .fatal,
            message: "\(RDKafkaErrorName.name(of: underlying.rawValue)): \(detail.isEmpty ? reason : detail)")
        let isFirst = fatalError.withLock { recorded -> Bool in
            guard recorded == nil else { return false }
            recorded = error
            return true
        }
        guard isFirst else { return }
        logger.critical("kafka fatal error: the client can do nothing more", metadata: ["error": .string(error.description)])
        fatalHandler.withLock { $0 }?(error)
    }

    /// Registers a promise handed to librdkafka.
    func pending(_ promise: DeliveryPromise) {
        pendingDeliveries.withLock { $0[ObjectIdentifier(promise)] = promise }
    }

    /// Forgets a promise whose report librdkafka served (or that never reached librdkafka).
    func settled(_ promise: DeliveryPromise) {
        pendingDeliveries.withLock { $0[ObjectIdentifier(promise)] = nil }
    }

    /// Fails every promise whose report was never served, so no task waits for it forever.
    func failUnreported(_ error: KafkaError) -> Int {
        let promises = pendingDeliveries.withLock { pending -> [DeliveryPromise] in
            defer { pending = [:] }
            return Array(pending.values)
        }
        for promise in promises { promise.fulfill(.failure(error)) }
        return promises.count
    }
}

/// The text of a NUL-terminated C buffer librdkafka filled in.
func text(of buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
