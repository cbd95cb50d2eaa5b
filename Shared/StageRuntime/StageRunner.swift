import Foundation
import Kafka
import Logging
import NewslineModels
import Operations
import ServiceLifecycle
import Synchronization
import Tracing

/// The loop every service runs: consume → process → produce → store the offset once every output
/// of that input is acknowledged.
///
/// Inputs are processed in order and their outputs enqueued in order, so per-key order holds.
/// Acknowledgements are awaited by a second task, in order, with at most `maxInFlight` inputs
/// outstanding. A failed delivery is handled by what its error is about (`KafkaError.Disposition`):
/// a passing error rewinds the input's partition to that input (it and the inputs after it are read
/// again, never skipped); an error about that one message dead-letters the input; an error about
/// the service (authorization, configuration, a fatal producer error) stops the service, which
/// then throws so the process exits non-zero and its supervisor restarts it.
///
/// On graceful shutdown the runner stops fetching, finishes what is in flight, flushes the
/// producer, commits and leaves the group, all within `shutdownBudget`. Work not finished by then
/// is not acknowledged, so its offsets are not committed and it is read again, never lost.
public final class StageRunner<Wrapped: BatchStage>: Service {
    private let stage: Wrapped
    private let consumer: KafkaConsumer
    private let producer: KafkaProducer
    private let logger: Logger
    private let batchSize: Int
    private let inFlight: InFlightLimit
    private let shutdownBudget: Duration
    private let codec = EventCodec()
    private let crashGuard: CrashGuard
    private let lifecycle = Mutex(Lifecycle())
    public let statistics: StageStatistics

    private struct Lifecycle {
        var started = false
        var stopRequested = false
        /// When shutting down began (signal, `stop`, a failure): the budget counts from here.
        var stopStartedAt: ContinuousClock.Instant?
        /// Why the service stops on its own.
        var failure: KafkaError?
        var acknowledgerDone = false
    }

    public init(
        stage: Wrapped,
        consumer: KafkaConsumer,
        producer: KafkaProducer,
        logger: Logger,
        batchSize: Int = 500,
        maxInFlight: Int = 5_000,
        shutdownBudget: Duration = ServiceOptions.defaultShutdownBudget,
        crashGuard: CrashGuard = .disabled(),
        metrics: StageMetrics? = nil
    ) {
        self.statistics = StageStatistics(metrics: metrics ?? .disabled(stage: stage.name))
        self.stage = stage
        self.consumer = consumer
        self.producer = producer
        self.logger = logger
        self.batchSize = batchSize
        self.inFlight = InFlightLimit(maxInFlight)
        self.shutdownBudget = shutdownBudget
        self.crashGuard = crashGuard
    }

    private struct Pending: Sendable {
        var message: KafkaConsumerMessage
        var deliveries: [DeliveryPromise]
        /// The dead letter sent for this input, when it was dead-lettered.
        var deadLetter: KafkaProducerMessage?
        var afterDelivery: (@Sendable () -> Void)?
    }

    /// Runs until a graceful shutdown, `stop`, cancellation or a failure of the service; throws
    /// the failure (a fatal Kafka error, an error about the service) after shutting down.
    public func run() async throws {
        let shouldRun = lifecycle.withLock { state -> Bool in
            guard !state.started, !state.stopRequested else { return false }
            state.started = true
            return true
        }
        // A property that breaks the delivery rules stops the service before it reads anything.
        do {
            try consumer.checkDeliveryRules()
        } catch {
            logger.critical("refusing to start", metadata: ["error": .string(error.description)])
            await producer.shutdown(flushTimeout: .zero)
            throw error
        }
        guard shouldRun else {
            logger.info("stage stopped before it started")
            await producer.shutdown(flushTimeout: .zero)
            await consumer.close()
            return
        }
        producer.onFatalError { [weak self] error in
            self?.stopService(error, metadata: ["client": "producer"])
        }
        producer.start()
        do {
            try consumer.start()
        } catch {
            await producer.shutdown(flushTimeout: .zero)
            throw error
        }
        logger.info("stage started", metadata: ["input": .string(stage.inputTopic), "output": .string(stage.outputTopic.name)])
        let (pending, pendingContinuation) = AsyncStream.makeStream(of: Pending.self)
        let (gaps, gapContinuation) = AsyncStream.makeStream(of: OffsetGap.self)
        consumer.onGap { gapContinuation.yield($0) }
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    await self.acknowledgeInOrder(pending)
                    self.lifecycle.withLock { $0.acknowledgerDone = true }
                }
                group.addTask { await self.recordGaps(gaps) }
                await self.consumeAndProcess(into: pendingContinuation)
                pendingContinuation.finish()
                gapContinuation.finish()
                await self.finishInFlight()
                await group.waitForAll()
            }
        } onGracefulShutdown: {
            self.logger.info("stopping: no more fetching, finishing in-flight work")
            self.beginStopping()
        }
        await closeConsumer()
        logger.info("stage stopped", metadata: statistics.metadata)
        if let failure = lifecycle.withLock({ $0.failure }) ?? consumer.failure ?? producer.fatalError {
            throw failure
        }
    }

    /// Asks the runner to stop as on SIGTERM, for embedding without a service group. Before `run`,
    /// it makes `run` return at once.
    public func stop() {
        beginStopping()
    }

    private func beginStopping() {
        let isFirst = lifecycle.withLock { state -> Bool in
            state.stopRequested = true
            guard state.stopStartedAt == nil else { return false }
            state.stopStartedAt = .now
            return true
        }
        consumer.stopDelivering()
        if isFirst { closeInFlightAtClosingReserve() }
    }

    /// Inputs already read keep being processed while their outputs find room, but not past the
    /// budget's closing reserve: a broker that went away acknowledges nothing, and waiting for room
    /// would hold the stop until the producer's message timeout. Inputs not enqueued by then are
    /// not acknowledged and are read again.
    private func closeInFlightAtClosingReserve() {
        let limit = inFlight
        let closingAt = shutdownDeadline - closingReserve
        Task {
            try? await Task.sleep(until: closingAt, clock: .continuous)
            limit.close()
        }
    }

    /// Stops the service because of an error no input can get past; `run` throws it at the end.
    private func stopService(_ error: KafkaError, metadata: Logger.Metadata) {
        let isFirst = lifecycle.withLock { state -> Bool in
            guard state.failure == nil else { return false }
            state.failure = error
            if state.stopStartedAt == nil { state.stopStartedAt = .now }
            return true
        }
        guard isFirst else { return }
        inFlight.close()
        logger.critical(
            "stopping the service: Kafka refuses it, not one input; nothing after this is committed",
            metadata: metadata.merging(["error": .string(error.description)]) { $1 })
        consumer.stopDelivering()
    }

    private var isFailing: Bool { lifecycle.withLock { $0.failure != nil } }

    /// Why the service is stopping on its own (an error about the service, a fatal client error);
    /// nil while it works. For the liveness probe.
    public var failure: KafkaError? {
        lifecycle.withLock { $0.failure } ?? consumer.failure ?? producer.fatalError
    }

    /// The deadline of the whole shutdown.
    private var shutdownDeadline: ContinuousClock.Instant {
        lifecycle.withLock { state in
            if state.stopStartedAt == nil { state.stopStartedAt = .now }
            return state.stopStartedAt! + shutdownBudget
        }
    }

    /// The part of the budget kept for the producer's purge and the consumer's final commit and
    /// leaving the group: a fifth of it, at most 5 s.
    private var closingReserve: Duration { min(shutdownBudget / 5, .seconds(5)) }

    private func consumeAndProcess(into pending: AsyncStream<Pending>.Continuation) async {
        while true {
            let batch = await consumer.nextBatch(limit: batchSize)
            if batch.isEmpty { return }
            statistics.metrics.recordConsumed(batch.count)
            for plan in crashGuard.plan(batch) {
                switch plan {
                case .together(let indices):
                    guard await process(indices.map { batch[$0] }, into: pending) else { return }
                case .alone(let index):
                    logger.warning("processing alone an input a stage process died on", metadata: metadata(of: batch[index]))
                    guard await process([batch[index]], into: pending) else { return }
                case .condemned(let index, let deaths):
                    guard !isFailing, await inFlight.acquire() else { return }
                    // The record stays: a redelivered copy is set aside again without another crash.
                    pending.yield(await deadLetter(batch[index], error: CrashedStage(deaths: deaths)))
                }
            }
        }
    }

    /// Processes inputs with the crash guard's record naming them, then enqueues their outputs;
    /// false when the runner stops before every one was enqueued.
    private func process(_ batch: [KafkaConsumerMessage], into pending: AsyncStream<Pending>.Continuation) async -> Bool {
        let spans = StageSpans(batch, stage: stage.name)
        defer { spans.end() }
        crashGuard.willProcess(batch)
        CrashInjection.check(batch, stage: stage.name)
        let started = ContinuousClock.now
        let outcomes = await stage.process(batch)
        let elapsed = ContinuousClock.now - started
        crashGuard.didProcess()
        if outcomes.contains(where: { $0.processingTime != nil }) {
            for outcome in outcomes { if let time = outcome.processingTime { statistics.metrics.recordProcessing(time) } }
        } else {
            statistics.metrics.recordProcessing(elapsed)
        }
        for (position, (message, outcome)) in Self.pair(batch, outcomes, stage: stage.name, logger: logger).enumerated() {
            // Inputs not enqueued are not acknowledged: they are read again.
            guard !isFailing, await inFlight.acquire() else { return false }
            pending.yield(await enqueue(outcome, for: message, spans: spans, position: position))
        }
        return true
    }

    private func metadata(of message: KafkaConsumerMessage) -> Logger.Metadata {
        ["topic": .string(message.topic), "partition": "\(message.partition)", "offset": "\(message.offset)"]
    }

    /// One outcome per input, by position. A stage that returns too few is defective: the inputs
    /// past its last outcome are dead-lettered as `stage-defect` (never skipped, which would stall
    /// their partition's commits); outcomes past the last input have no input and are dropped.
    static func pair(
        _ batch: [KafkaConsumerMessage], _ outcomes: [StageOutcome<Wrapped.Output>], stage: String, logger: Logger
    ) -> [(KafkaConsumerMessage, StageOutcome<Wrapped.Output>)] {
        guard outcomes.count != batch.count else { return Array(zip(batch, outcomes)) }
        logger.error(
            "stage defect: outcomes do not match the inputs",
            metadata: ["stage": .string(stage), "inputs": "\(batch.count)", "outcomes": "\(outcomes.count)"])
        return batch.enumerated().map { index, message in
            guard index < outcomes.count else {
                let defect = RejectedInput(
                    RejectedInput.stageDefect,
                    "stage \(stage) returned \(outcomes.count) outcomes for \(batch.count) inputs; this input had none")
                return (message, StageOutcome(.rejected(defect)))
            }
            return (message, outcomes[index])
        }
    }

    /// Waits for in-flight work until the budget's closing reserve, then stops the producer: what
    /// is still undelivered is purged, fails, and is not acknowledged.
    private func finishInFlight() async {
        let deadline = shutdownDeadline
        await waitUntil(deadline - closingReserve) { $0.acknowledgerDone }
        let remaining = max(.zero, deadline - closingReserve / 2 - .now)
        await producer.shutdown(flushTimeout: Task.isCancelled ? .zero : remaining)
    }

    /// Closes the consumer (final commit, leaving the group) within what is left of the budget;
    /// past it the runner returns anyway and the uncommitted work is read again by the next owner.
    private func closeConsumer() async {
        let deadline = shutdownDeadline
        let closed = Mutex(false)
        let consumer = self.consumer
        Task {
            await consumer.close()
            closed.withLock { $0 = true }
        }
        await waitUntil(deadline) { _ in closed.withLock { $0 } }
        let unacknowledged = consumer.inFlightCount
        if !closed.withLock({ $0 }) {
            logger.error(
                Task.isCancelled
                    ? "cancelled before the consumer closed; uncommitted work will be read again"
                    : "shutdown budget spent before the consumer closed; uncommitted work will be read again",
                metadata: ["budget": "\(shutdownBudget)", "unacknowledged": "\(unacknowledged)"])
        } else if unacknowledged > 0 {
            logger.warning(
                "inputs not finished before shutdown; not committed, they will be read again",
                metadata: ["unacknowledged": "\(unacknowledged)"])
        }
    }

    /// Polls `condition` until it holds, the deadline passes or the task is cancelled.
    private func waitUntil(_ deadline: ContinuousClock.Instant, _ condition: (Lifecycle) -> Bool) async {
        while !condition(lifecycle.withLock { $0 }), ContinuousClock.now < deadline, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    private func enqueue(
        _ outcome: StageOutcome<Wrapped.Output>, for message: KafkaConsumerMessage, spans: StageSpans, position: Int
    ) async -> Pending {
        switch outcome.result {
        case .produced(let outputs):
            var deliveries: [DeliveryPromise] = []
            for output in outputs {
                let bytes: [UInt8]
                do {
                    bytes = try codec.encode(output)
                } catch {
                    return await deadLetter(message, error: error, spans: spans, position: position)
                }
                let key = Array(output.articleId.utf8)
                let record = KafkaProducerMessage(
                    topic: stage.outputTopic.name, key: key, value: bytes,
                    headers: spans.traceHeaders(forOutputKey: key, position: position))
                deliveries.append(await send(record))
            }
            statistics.record(produced: outputs.count)
            return Pending(message: message, deliveries: deliveries, deadLetter: nil, afterDelivery: outcome.afterDelivery)
        case .rejected(let error):
            return await deadLetter(message, error: error, spans: spans, position: position)
        }
    }

    private func deadLetter(
        _ message: KafkaConsumerMessage, error: any Error, spans: StageSpans? = nil, position: Int = 0
    ) async -> Pending {
        var record = DeadLetterMessage.make(for: message, stage: stage.name, error: error)
        let (reason, text) = DeadLetterMessage.describe(error)
        spans?.rejected(position, reason: reason, headers: &record.headers)
        var metadata: Logger.Metadata = [
            "topic": .string(message.topic), "partition": "\(message.partition)", "offset": "\(message.offset)",
            "reason": .string(reason), "error": .string(String(text.prefix(200))),
        ]
        // The article's trace, so a log search finds the dead letter from a trace and back.
        if let traceId = record.headers.text(for: TraceHeader.traceparent)?.split(separator: "-").dropFirst().first {
            metadata["trace_id"] = .string(String(traceId))
        }
        logger.warning("input dead-lettered", metadata: metadata)
        statistics.record(deadLetterReason: reason)
        return Pending(message: message, deliveries: [await send(record)], deadLetter: record, afterDelivery: nil)
    }

    /// Counts each gap and writes its record to the dead-letter topic, so an audit sees the loss.
    private func recordGaps(_ gaps: AsyncStream<OffsetGap>) async {
        for await gap in gaps {
            statistics.record(gap: gap)
            var backoff = Backoff()
            while true {
                let result = await send(DeadLetterMessage.gap(gap, stage: stage.name)).result()
                guard case .failure(let error) = result else { break }
                logger.error("cannot record an offset gap", metadata: ["gap": .string(gap.description), "error": .string(error.description)])
                if error.code == .closed { break }
                try? await Task.sleep(for: backoff.next())
            }
        }
    }

    /// Enqueues a record; an error enqueueing becomes a failed delivery, handled like one.
    private func send(_ record: KafkaProducerMessage) async -> DeliveryPromise {
        do {
            return try await producer.enqueue(record)
        } catch {
            return DeliveryPromise(failed: error)
        }
    }

    private func acknowledgeInOrder(_ pending: AsyncStream<Pending>) async {
        var backoff = Backoff()
        for await item in pending {
            defer { inFlight.release() }
            var failure: KafkaError?
            for delivery in item.deliveries {
                if case .failure(let error) = await delivery.result(), failure == nil {
                    failure = error
                }
            }
            guard let failure else {
                item.afterDelivery?()
                consumer.acknowledge(item.message)
                statistics.record(completed: 1)
                backoff.reset()
                continue
            }
            await recover(item, from: failure, backoff: &backoff)
        }
    }

    private func recover(_ item: Pending, from failure: KafkaError, backoff: inout Backoff) async {
        let metadata: Logger.Metadata = [
            "topic": .string(item.message.topic), "partition": "\(item.message.partition)",
            "offset": "\(item.message.offset)", "error": .string(failure.description),
        ]
        if failure.disposition == .stopService {
            stopService(failure, metadata: metadata)
            return
        }
        if failure.disposition == .abandoned || !consumer.isCurrent(item.message) {
            // Shutting down, or the partition moved on: the input is read again, never acknowledged here.
            return
        }
        var retry = failure
        if failure.disposition == .deadLetter {
            let result: Result<KafkaDeliveryReport, KafkaError>
            if var deadLetter = item.deadLetter {
                // The broker refuses even the dead letter (too large for the topic): keep the reason and
                // the start of the value rather than stall the partition.
                logger.error("dead letter refused, sending it with its value cut", metadata: metadata)
                deadLetter.headers.append(KafkaHeader(key: DeadLetterHeader.truncatedFrom, text: String(deadLetter.value.count)))
                deadLetter.value = Array(deadLetter.value.prefix(64 * 1024))
                result = await send(deadLetter).result()
            } else {
                logger.error("output refused for this message, dead-lettering the input", metadata: metadata)
                result = await deadLetter(item.message, error: failure).deliveries[0].result()
            }
            switch result {
            case .success:
                consumer.acknowledge(item.message)
                statistics.record(completed: 1)
                return
            case .failure(let error) where error.disposition == .stopService:
                stopService(error, metadata: metadata)
                return
            case .failure(let error) where error.disposition == .abandoned:
                return
            case .failure(let error):
                retry = error
            }
        }
        logger.warning(
            "delivery failed, reading the partition again from this input",
            metadata: metadata.merging(["error": .string(retry.description)]) { $1 })
        statistics.record(retried: 1)
        let inFlightBefore = consumer.inFlightCount
        consumer.rewind(to: item.message)
        statistics.metrics.recordRewound(max(1, inFlightBefore - consumer.inFlightCount))
        try? await Task.sleep(for: backoff.next())
    }
}

extension RejectedInput {
    /// The dead-letter reason of inputs a defective batch stage returned no outcome for.
    public static let stageDefect = "stage-defect"
}

/// Exponential backoff from 100 ms to 10 s.
struct Backoff {
    private var current: Duration = .milliseconds(100)

    mutating func next() -> Duration {
        defer { current = min(current * 2, .seconds(10)) }
        return current
    }

    mutating func reset() {
        current = .milliseconds(100)
    }
}
