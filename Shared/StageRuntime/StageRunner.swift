import Foundation
import Kafka
import Logging
import NewslineModels
import ServiceLifecycle
import Synchronization

/// The loop every service runs: consume → process → produce → store the offset once every output
/// of that input is acknowledged.
///
/// Inputs are processed in order and their outputs enqueued in order, so per-key order holds.
/// Acknowledgements are awaited by a second task, in order, with at most `maxInFlight` inputs
/// outstanding. A delivery that fails with a retriable error rewinds the input's partition to that
/// input (it and the inputs after it are read again, never skipped); one the broker refuses for
/// good dead-letters the input. On graceful shutdown the runner stops fetching, finishes what is
/// in flight, flushes the producer, commits and leaves the group.
public final class StageRunner<Wrapped: BatchStage>: Service {
    private let stage: Wrapped
    private let consumer: KafkaConsumer
    private let producer: KafkaProducer
    private let logger: Logger
    private let batchSize: Int
    private let inFlight: InFlightLimit
    private let codec = EventCodec()
    private let crashGuard: CrashGuard
    public let statistics = StageStatistics()

    public init(
        stage: Wrapped,
        consumer: KafkaConsumer,
        producer: KafkaProducer,
        logger: Logger,
        batchSize: Int = 500,
        maxInFlight: Int = 5_000,
        crashGuard: CrashGuard = .disabled()
    ) {
        self.stage = stage
        self.consumer = consumer
        self.producer = producer
        self.logger = logger
        self.batchSize = batchSize
        self.inFlight = InFlightLimit(maxInFlight)
        self.crashGuard = crashGuard
    }

    private struct Pending: Sendable {
        var message: KafkaConsumerMessage
        var deliveries: [DeliveryPromise]
        /// The dead letter sent for this input, when it was dead-lettered.
        var deadLetter: KafkaProducerMessage?
        var afterDelivery: (@Sendable () -> Void)?
    }

    public func run() async throws {
        producer.start()
        try consumer.start()
        logger.info("stage started", metadata: ["input": .string(stage.inputTopic), "output": .string(stage.outputTopic.name)])
        let (pending, pendingContinuation) = AsyncStream.makeStream(of: Pending.self)
        let (gaps, gapContinuation) = AsyncStream.makeStream(of: OffsetGap.self)
        consumer.onGap { gapContinuation.yield($0) }
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await self.acknowledgeInOrder(pending) }
                group.addTask { await self.recordGaps(gaps) }
                await self.consumeAndProcess(into: pendingContinuation)
                pendingContinuation.finish()
                gapContinuation.finish()
                try await group.waitForAll()
            }
        } onGracefulShutdown: {
            self.logger.info("stopping: no more fetching, finishing in-flight work")
            self.consumer.stopDelivering()
        }
        await producer.shutdown()
        await consumer.close()
        logger.info("stage stopped", metadata: statistics.metadata)
    }

    /// Asks the runner to stop as on SIGTERM, for embedding without a service group.
    public func stop() {
        consumer.stopDelivering()
    }

    private func consumeAndProcess(into pending: AsyncStream<Pending>.Continuation) async {
        while true {
            let batch = await consumer.nextBatch(limit: batchSize)
            if batch.isEmpty { return }
            for plan in crashGuard.plan(batch) {
                switch plan {
                case .together(let indices):
                    await process(indices.map { batch[$0] }, into: pending)
                case .alone(let index):
                    logger.warning("processing alone an input a stage process died on", metadata: metadata(of: batch[index]))
                    await process([batch[index]], into: pending)
                case .condemned(let index, let deaths):
                    await inFlight.acquire()
                    // The record stays: a redelivered copy is set aside again without another crash.
                    pending.yield(await deadLetter(batch[index], error: CrashedStage(deaths: deaths)))
                }
            }
        }
    }

    /// Processes inputs with the crash guard's record naming them, then enqueues their outputs.
    private func process(_ batch: [KafkaConsumerMessage], into pending: AsyncStream<Pending>.Continuation) async {
        crashGuard.willProcess(batch)
        CrashInjection.check(batch, stage: stage.name)
        let outcomes = await stage.process(batch)
        for (message, outcome) in zip(batch, outcomes) {
            await inFlight.acquire()
            pending.yield(await enqueue(outcome, for: message))
        }
        crashGuard.didProcess()
    }

    private func metadata(of message: KafkaConsumerMessage) -> Logger.Metadata {
        ["topic": .string(message.topic), "partition": "\(message.partition)", "offset": "\(message.offset)"]
    }

    private func enqueue(_ outcome: StageOutcome<Wrapped.Output>, for message: KafkaConsumerMessage) async -> Pending {
        switch outcome.result {
        case .produced(let outputs):
            var deliveries: [DeliveryPromise] = []
            for output in outputs {
                let bytes: [UInt8]
                do {
                    bytes = try codec.encode(output)
                } catch {
                    return await deadLetter(message, error: error)
                }
                let record = KafkaProducerMessage(topic: stage.outputTopic.name, key: Array(output.articleId.utf8), value: bytes)
                deliveries.append(await send(record))
            }
            statistics.record(produced: outputs.count)
            return Pending(message: message, deliveries: deliveries, deadLetter: nil, afterDelivery: outcome.afterDelivery)
        case .rejected(let error):
            return await deadLetter(message, error: error)
        }
    }

    private func deadLetter(_ message: KafkaConsumerMessage, error: any Error) async -> Pending {
        let record = DeadLetterMessage.make(for: message, stage: stage.name, error: error)
        let (reason, text) = DeadLetterMessage.describe(error)
        logger.warning(
            "input dead-lettered",
            metadata: [
                "topic": .string(message.topic), "partition": "\(message.partition)", "offset": "\(message.offset)",
                "reason": .string(reason), "error": .string(String(text.prefix(200))),
            ])
        statistics.record(deadLettered: 1)
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
        if failure.code == .closed || !consumer.isCurrent(item.message) {
            // Shutting down, or the partition moved on: the input is read again, never acknowledged here.
            return
        }
        if var deadLetter = item.deadLetter, !failure.isRetriable {
            // The broker refuses even the dead letter (too large for the topic): keep the reason and
            // the start of the value rather than stall the partition.
            logger.error("dead letter refused, sending it with its value cut", metadata: metadata)
            deadLetter.headers.append(KafkaHeader(key: DeadLetterHeader.truncatedFrom, text: String(deadLetter.value.count)))
            deadLetter.value = Array(deadLetter.value.prefix(64 * 1024))
            if case .success = await send(deadLetter).result() {
                consumer.acknowledge(item.message)
                statistics.record(completed: 1)
                return
            }
        }
        if failure.isRetriable || item.deadLetter != nil {
            logger.warning("delivery failed, reading the partition again from this input", metadata: metadata)
            statistics.record(retried: 1)
            consumer.rewind(to: item.message)
            try? await Task.sleep(for: backoff.next())
            return
        }
        logger.error("output refused by the broker, dead-lettering the input", metadata: metadata)
        let pending = await deadLetter(item.message, error: failure)
        if case .success = await pending.deliveries[0].result() {
            consumer.acknowledge(item.message)
            statistics.record(completed: 1)
        } else {
            consumer.rewind(to: item.message)
            try? await Task.sleep(for: backoff.next())
        }
    }
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
