import CRDKafka
import Foundation
import Logging
import Synchronization

/// A Kafka consumer in a consumer group that commits only acknowledged work.
///
/// A dedicated thread polls librdkafka (messages, rebalances, logs) and buffers messages for
/// `nextBatch`; when the buffer is full it pauses fetching. The application calls `acknowledge`
/// once the work for a message is done (its outputs delivered); the consumer stores the
/// contiguous acknowledged watermark + 1 per partition and librdkafka commits what was stored.
/// On a rebalance, revoked partitions' in-flight work is forgotten and never commits. Both
/// rebalance protocols work: eager (librdkafka's default) and cooperative
/// (`partition.assignment.strategy=cooperative-sticky`), where only the partitions that move are
/// assigned or revoked.
///
/// A failure the consumer cannot work around (a fatal librdkafka error, a seek that keeps
/// failing) stops delivery and is kept in `failure`, for the service to exit with it.
public final class KafkaConsumer: Sendable {
    /// Chooses where newly assigned partitions start; partitions left out resume from the
    /// group's committed offset. Called on the poll thread, so it may block briefly.
    public typealias StartOffsets = @Sendable ([TopicPartition]) -> [TopicPartition: Int64]

    private struct State {
        var lifecycle = Lifecycle.created
        var buffer: [KafkaConsumerMessage] = []
        var bufferHead = 0
        var waiter: CheckedContinuation<[KafkaConsumerMessage], Never>?
        var waiterLimit = 0
        var tracker = OffsetTracker()
        var fetchPaused = false
        var rebalances = 0
        /// Whether the poll thread runs (or ran): only then does closing wait for it.
        var pollThreadStarted = false
        /// Why the consumer stopped on its own, if it did.
        var failure: KafkaError?
        /// Partitions being given up: their buffered messages are no longer handed out.
        var revoking: Set<TopicPartition> = []
        var gaps = OffsetGapDetector()

        var buffered: Int { buffer.count - bufferHead }

        /// Drops buffered messages of partitions revoked or rewound since they were fetched.
        mutating func dropStale() {
            let tracker = self.tracker
            let revoking = self.revoking
            buffer = buffer[bufferHead...].filter {
                tracker.isCurrent($0.topicPartition, generation: $0.generation) && !revoking.contains($0.topicPartition)
            }
            bufferHead = 0
        }

        mutating func take(_ limit: Int) -> [KafkaConsumerMessage] {
            var batch: [KafkaConsumerMessage] = []
            while bufferHead < buffer.count, batch.count < limit {
                let message = buffer[bufferHead]
                bufferHead += 1
                if tracker.isCurrent(message.topicPartition, generation: message.generation),
                    !revoking.contains(message.topicPartition)
                {
                    _ = tracker.delivered(message.topicPartition, offset: message.offset)
                    batch.append(message)
                }
            }
            if bufferHead == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                bufferHead = 0
            }
            return batch
        }
    }

    private enum Lifecycle {
        case created
        case running
        /// Still in the group and committing, but fetching is paused and nothing more is handed out.
        case draining
        case closing
        case closed
    }

    private let client: RDKafkaClient
    private let topics: [String]
    private let startOffsets: StartOffsets?
    private let maxBuffered: Int
    private let revokeGracePeriod: Duration
    private let configuration: KafkaConfiguration
    private let state = Mutex(State())

    /// How often a failed seek is tried before the consumer stops: skipping it would skip the
    /// rewound input, so the consumer stops and the service exits rather than go on without it.
    static let seekAttemptLimit = 5
    /// How long one seek may take before it counts as failed.
    static let seekTimeoutMilliseconds: Int32 = 5_000
    /// Pause between seek attempts, times the attempt number.
    static let seekRetryDelay: Duration = .milliseconds(200)
    private let closedWaiters = Mutex<[CheckedContinuation<Void, Never>]?>([])
    /// Whether the close's final commit has begun; held while `commit()` or the close commits, so
    /// no commit of the application reaches librdkafka while it terminates the group.
    private let commitTurn = Mutex(false)
    /// Set on the poll thread just before `rd_kafka_consumer_close`: from then on no rebalance callback
    /// commits, as librdkafka may already have decided to terminate the group.
    private let terminating = Mutex(false)
    private let gapHandler = Mutex<(@Sendable (OffsetGap) -> Void)?>(nil)

    public init(
        configuration: KafkaConfiguration,
        groupId: String,
        topics: [String],
        logger: Logger,
        maxBuffered: Int = 2_000,
        revokeGracePeriod: Duration = .seconds(10),
        startOffsets: StartOffsets? = nil
    ) throws {
        self.configuration = configuration
        client = try RDKafkaClient(
            kind: .consumer, properties: configuration.librdkafkaProperties(for: .consumer(groupId: groupId)),
            logger: logger, redactor: configuration.redactor)
        self.topics = topics
        self.startOffsets = startOffsets
        self.maxBuffered = maxBuffered
        self.revokeGracePeriod = revokeGracePeriod
    }

    /// Refuses pass-through properties that break the delivery rules a stage relies on
    /// (`enable.auto.offset.store=true`, `enable.auto.commit=false`, `auto.offset.reset=latest`, …).
    ///
    /// Not checked at `init`: readers that commit nothing or start at the end (`newsline tail`,
    /// benchmarks) set some of these on purpose. The stage runner checks before it starts.
    public func checkDeliveryRules() throws(KafkaError) {
        try configuration.checkDeliveryRules(for: .consumer(groupId: ""))
    }

    /// Subscribes and starts the poll thread.
    public func start() throws(KafkaError) {
        let shouldStart = state.withLock { state -> Bool in
            guard state.lifecycle == .created else { return false }
            state.lifecycle = .running
            return true
        }
        guard shouldStart else { return }
        rd_kafka_poll_set_consumer(client.handle)
        let list = RDKafkaTopicPartitionList()
        for topic in topics {
            list.add(topic: topic, partition: RD_KAFKA_PARTITION_UA)
        }
        let code = list.withListPointer { rd_kafka_subscribe(client.handle, $0) }
        guard code == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw RDKafkaErrorName.error(code, redactor: client.redactor)
        }
        client.callbacks.rebalanceHandler.withLock { handler in
            handler = { [weak self] handle, error, partitions in
                self?.rebalance(handle: handle, error: error, partitions: partitions)
            }
        }
        client.callbacks.fatalHandler.withLock { handler in
            handler = { [weak self] error in self?.fail(error) }
        }
        state.withLock { $0.pollThreadStarted = true }
        let thread = Thread { [self] in pollLoop() }
        thread.name = "kafka-consumer-poll"
        thread.start()
    }

    /// Waits for messages and returns up to `limit` of them; an empty batch means the consumer
    /// closed, stopped delivering, or the waiting task was cancelled.
    public func nextBatch(limit: Int = 500) async -> [KafkaConsumerMessage] {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> [KafkaConsumerMessage]? in
                    if Task.isCancelled { return [] }
                    let batch = state.lifecycle == .running ? state.take(limit) : []
                    if !batch.isEmpty || state.lifecycle != .running {
                        return batch
                    }
                    state.waiter = continuation
                    state.waiterLimit = limit
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<[KafkaConsumerMessage], Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: [])
        }
    }

    /// Why the consumer stopped on its own (a fatal librdkafka error, a seek it could not do);
    /// nil while it works or after an ordinary stop.
    public var failure: KafkaError? {
        state.withLock { $0.failure }
    }

    /// Records the failure, says so loudly and stops delivering.
    private func fail(_ error: KafkaError) {
        let isFirst = state.withLock { state -> Bool in
            guard state.failure == nil else { return false }
            state.failure = error
            return true
        }
        guard isFirst else { return }
        client.logger.critical("kafka consumer stopped by a failure", metadata: ["error": .string(error.description)])
        stopDelivering()
    }

    /// Stops handing out messages: a waiting `nextBatch` returns an empty batch and fetching pauses,
    /// while the consumer stays in the group so acknowledged work can still commit.
    public func stopDelivering() {
        let waiter = state.withLock { state -> CheckedContinuation<[KafkaConsumerMessage], Never>? in
            guard state.lifecycle == .running || state.lifecycle == .created else { return nil }
            state.lifecycle = state.lifecycle == .created ? .closed : .draining
            state.fetchPaused = false
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: [])
    }

    /// Marks a message's work done (its outputs acknowledged by the broker).
    public func acknowledge(_ message: KafkaConsumerMessage) {
        state.withLock { state in
            guard let next = state.tracker.acknowledge(message.topicPartition, offset: message.offset, generation: message.generation) else {
                return
            }
            // Stored under the lock, so a rebalance cannot revoke the partition in between.
            storeOffset(message.topicPartition, next)
        }
    }

    /// Whether the consumer still owns the partition under the assignment this message was read in.
    public func isCurrent(_ message: KafkaConsumerMessage) -> Bool {
        state.withLock { $0.tracker.isCurrent(message.topicPartition, generation: message.generation) }
    }

    /// Reads a partition again from this message on, forgetting the work in flight after it.
    ///
    /// Used when a message's output could not be delivered: later messages of the partition are
    /// read again after it, so order within the partition holds (at the price of duplicates).
    /// Until the poll thread has done the seek, nothing of the partition is handed out, so no
    /// acknowledgement can store an offset past the rewound input.
    public func rewind(to message: KafkaConsumerMessage) {
        state.withLock { state in
            guard state.tracker.isCurrent(message.topicPartition, generation: message.generation) else { return }
            state.tracker.rewind(message.topicPartition, to: message.offset)
            state.dropStale()
        }
    }

    /// Sets what is told of offsets deleted before this group read them (called on the poll thread).
    ///
    /// The consumer goes on from the oldest offset still kept (`auto.offset.reset=earliest`); the
    /// handler is how the loss becomes loud: a log line, a counter, a dead-letter record.
    public func onGap(_ handler: @escaping @Sendable (OffsetGap) -> Void) {
        gapHandler.withLock { $0 = handler }
    }

    /// The partitions assigned to this consumer now.
    public var assignment: [TopicPartition] {
        state.withLock { $0.tracker.assigned.sorted() }
    }

    /// Messages handed out and not yet acknowledged: at a stop, work that is not committed and
    /// will be read again.
    public var inFlightCount: Int {
        state.withLock { $0.tracker.inFlight }
    }

    /// Messages fetched and waiting to be handed out.
    public var bufferedCount: Int {
        state.withLock { $0.buffered }
    }

    /// Calls `handler` on the poll thread with librdkafka's statistics JSON, every
    /// `statistics.interval.ms` (a librdkafka property; 0, its default, sends none).
    public func onStatistics(_ handler: @escaping @Sendable (String) -> Void) {
        client.callbacks.statisticsHandler.withLock { $0 = handler }
    }

    /// How long ago the poll thread last polled librdkafka; nil unless the poll loop runs. A rebalance
    /// may hold the thread for up to the revoke grace period.
    public var sinceLastPoll: Duration? {
        let polling = state.withLock { $0.pollThreadStarted && ($0.lifecycle == .running || $0.lifecycle == .draining) }
        return polling ? client.callbacks.sinceLastPoll : nil
    }

    /// How many rebalances this consumer has seen.
    public var rebalanceCount: Int {
        state.withLock { $0.rebalances }
    }

    /// Commits the stored offsets now and waits for the broker's answer.
    ///
    /// Once closing has begun this commits nothing itself: the close's final commit takes what
    /// is stored. A commit librdkafka receives while it terminates the group can abort the
    /// process (see `closeGroup`), so commits and the close take turns under `commitTurn`.
    public func commit() async throws(KafkaError) {
        let handle = UncheckedHandle(handle: client.handle)
        let code = await BlockingCall.run("kafka-commit") { [self] in
            commitTurn.withLock { closeStarted in
                closeStarted ? RD_KAFKA_RESP_ERR__NO_OFFSET : rd_kafka_commit(handle.handle, nil, 0)
            }
        }
        guard code == RD_KAFKA_RESP_ERR_NO_ERROR || code == RD_KAFKA_RESP_ERR__NO_OFFSET else {
            throw RDKafkaErrorName.error(code, redactor: client.redactor)
        }
    }

    /// Stops fetching, commits the stored offsets and leaves the group.
    ///
    /// Acknowledge what is in flight before calling this; what is not acknowledged is read again
    /// by the partition's next owner.
    public func close() async {
        let running = state.withLock { state -> Bool in
            guard state.pollThreadStarted else {
                state.lifecycle = .closed
                return false
            }
            switch state.lifecycle {
            case .created:
                state.lifecycle = .closed
                return false
            case .running, .draining:
                state.lifecycle = .closing
                return true
            case .closing, .closed:
                return true
            }
        }
        guard running else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = closedWaiters.withLock { waiters -> Bool in
                guard waiters != nil else { return true }
                waiters!.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    // MARK: Poll thread

    private func pollLoop() {
        let logger = client.logger
        while state.withLock({ $0.lifecycle == .running || $0.lifecycle == .draining }) {
            client.callbacks.polled()
            applyPendingSeeks()
            adjustFetching()
            guard let message = rd_kafka_consumer_poll(client.handle, 100) else { continue }
            defer { rd_kafka_message_destroy(message) }
            let error = message.pointee.err
            if error == RD_KAFKA_RESP_ERR_NO_ERROR {
                receive(RDKafkaMessage.copy(message))
            } else if error == RD_KAFKA_RESP_ERR__FATAL {
                client.callbacks.raiseFatal(handle: client.handle, reason: "the consumer raised a fatal error")
            } else if error != RD_KAFKA_RESP_ERR__PARTITION_EOF {
                logger.warning(
                    "kafka consumer error",
                    metadata: ["error": .string(RDKafkaErrorName.error(error, redactor: client.redactor).description)])
            }
        }
        closeGroup()
        let waiter = state.withLock { state -> CheckedContinuation<[KafkaConsumerMessage], Never>? in
            state.lifecycle = .closed
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: [])
        let waiters = closedWaiters.withLock { waiters -> [CheckedContinuation<Void, Never>] in
            defer { waiters = nil }
            return waiters ?? []
        }
        for waiter in waiters { waiter.resume() }
    }

    /// How long closing waits, after unsubscribing, for the revoke to be served and the assignment
    /// to empty. Past it `rd_kafka_consumer_close` gives up what is still assigned itself.
    static let unsubscribeSettleLimit: Duration = .seconds(5)

    /// The final commit, leaving the group and closing, in the order that keeps librdkafka from
    /// aborting the process.
    ///
    /// librdkafka 2.0.2 asserts, when it tears the group down, that no assignment operation (an
    /// offset commit, a committed-offset fetch, a fetcher stop) is in progress. An operation that
    /// reaches it after it decided to terminate, such as a commit from a rebalance callback that
    /// `rd_kafka_consumer_close` serves (a rebalance left pending while the coordinator was away),
    /// aborts the whole process. So the group is left first, as an ordinary member: unsubscribe
    /// and poll until the revoke has been served and nothing is assigned (the revoke commits what
    /// was acknowledged since the final commit, as any revoke does); `rd_kafka_consumer_close` then
    /// has nothing to give up, and nothing of ours commits once it runs. Nothing acknowledged is
    /// dropped: the final commit comes first, and librdkafka commits the stored offsets of the
    /// partitions it removes.
    private func closeGroup() {
        let logger = client.logger
        let commitCode = commitTurn.withLock { closeStarted in
            closeStarted = true
            return rd_kafka_commit(client.handle, nil, 0)
        }
        if commitCode != RD_KAFKA_RESP_ERR_NO_ERROR && commitCode != RD_KAFKA_RESP_ERR__NO_OFFSET {
            logger.error(
                "final commit failed; work acknowledged since the last commit will be read again",
                metadata: ["error": "\(RDKafkaErrorName.name(of: commitCode.rawValue))"])
        }
        let unsubscribeCode = rd_kafka_unsubscribe(client.handle)
        if unsubscribeCode == RD_KAFKA_RESP_ERR_NO_ERROR {
            let deadline = ContinuousClock.now + Self.unsubscribeSettleLimit
            while !nothingAssigned, ContinuousClock.now < deadline {
                client.callbacks.polled()
                // Fetched after the stop and never handed out: the next owner reads it.
                if let message = rd_kafka_consumer_poll(client.handle, 50) { rd_kafka_message_destroy(message) }
            }
            if !nothingAssigned {
                logger.warning(
                    "partitions still assigned after leaving the group; closing anyway",
                    metadata: ["waited": "\(Self.unsubscribeSettleLimit)"])
            }
        } else {
            logger.warning("unsubscribe failed", metadata: ["error": "\(RDKafkaErrorName.name(of: unsubscribeCode.rawValue))"])
        }
        terminating.withLock { $0 = true }
        let closeCode = rd_kafka_consumer_close(client.handle)
        if closeCode != RD_KAFKA_RESP_ERR_NO_ERROR {
            logger.warning("consumer close failed", metadata: ["error": "\(RDKafkaErrorName.name(of: closeCode.rawValue))"])
        }
    }

    /// Whether the revoke has been served: librdkafka has no partition assigned, nor has the tracker.
    private var nothingAssigned: Bool {
        var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        guard rd_kafka_assignment(client.handle, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { return false }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        return list.pointee.cnt == 0 && state.withLock { $0.tracker.assigned.isEmpty }
    }

    /// Commits what was stored before partitions are given up and waits for the answer. A failure
    /// is logged: the partitions' next owner reads again from the last commit.
    private func commitBeforeRevoke(_ handle: OpaquePointer) {
        let code = rd_kafka_commit(handle, nil, 0)
        guard code != RD_KAFKA_RESP_ERR_NO_ERROR, code != RD_KAFKA_RESP_ERR__NO_OFFSET else { return }
        client.logger.warning(
            "commit before giving partitions up failed; their next owner reads again from the last commit",
            metadata: ["error": "\(RDKafkaErrorName.name(of: code.rawValue))"])
    }

    private func receive(_ message: KafkaConsumerMessage) {
        var message = message
        var skipped: Range<Int64>?
        defer { if let skipped { confirmGap(message.topicPartition, skipped: skipped) } }
        let handoff = state.withLock { state -> (CheckedContinuation<[KafkaConsumerMessage], Never>, [KafkaConsumerMessage])? in
            guard !state.revoking.contains(message.topicPartition),
                let generation = state.tracker.acceptingGeneration(of: message.topicPartition)
            else {
                return nil
            }
            skipped = state.gaps.observe(message.topicPartition, offset: message.offset)
            message.generation = generation
            state.buffer.append(message)
            guard let waiter = state.waiter else { return nil }
            state.waiter = nil
            return (waiter, state.take(state.waiterLimit))
        }
        if let (waiter, batch) = handoff { waiter.resume(returning: batch) }
    }

    /// Tells the gap handler of skipped offsets that are gone from the partition: below its oldest
    /// kept offset. Skipped offsets still present were not data (a transaction marker, compaction).
    private func confirmGap(_ partition: TopicPartition, skipped: Range<Int64>) {
        var low: Int64 = 0
        var high: Int64 = 0
        let code = rd_kafka_query_watermark_offsets(client.handle, partition.topic, partition.partition, &low, &high, 5_000)
        let lost: Range<Int64>
        if code == RD_KAFKA_RESP_ERR_NO_ERROR {
            guard low > skipped.lowerBound else { return }
            lost = skipped.lowerBound..<min(skipped.upperBound, low)
        } else {
            // Cannot ask: report the whole jump rather than say nothing.
            lost = skipped
        }
        let gap = OffsetGap(topic: partition.topic, partition: partition.partition, offsets: lost)
        client.logger.error(
            "offsets deleted before they were read",
            metadata: [
                "topic": .string(gap.topic), "partition": "\(gap.partition)", "from": "\(lost.lowerBound)",
                "to": "\(lost.upperBound)", "messages": "\(gap.count)",
            ])
        gapHandler.withLock { $0 }?(gap)
    }

    /// Pauses fetching while the buffer is full and resumes once it has drained to half.
    private func adjustFetching() {
        let change = state.withLock { state -> Bool? in
            let full = state.buffered >= maxBuffered || state.lifecycle == .draining
            if !state.fetchPaused && full {
                state.fetchPaused = true
                return true
            }
            if state.fetchPaused && state.lifecycle == .running && state.buffered <= maxBuffered / 2 {
                state.fetchPaused = false
                return false
            }
            return nil
        }
        guard let pause = change else { return }
        var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        guard rd_kafka_assignment(client.handle, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { return }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        _ = pause ? rd_kafka_pause_partitions(client.handle, list) : rd_kafka_resume_partitions(client.handle, list)
    }

    /// Seeks rewound partitions back to their input. A failed seek stays pending (its partition
    /// hands out nothing meanwhile) and is tried again; after `seekAttemptLimit` attempts the
    /// consumer fails rather than skip the input.
    private func applyPendingSeeks() {
        let seeks = state.withLock { $0.tracker.pendingSeeks }
        guard !seeks.isEmpty else { return }
        let list = RDKafkaTopicPartitionList()
        for seek in seeks {
            list.add(topic: seek.partition.topic, partition: seek.partition.partition, offset: seek.offset)
        }
        var callError: String?
        list.withListPointer { pointer in
            if let error = rd_kafka_seek_partitions(client.handle, pointer, Self.seekTimeoutMilliseconds) {
                callError = String(cString: rd_kafka_error_string(error))
                rd_kafka_error_destroy(error)
            }
        }
        let results = list.elements
        typealias Seek = (partition: TopicPartition, offset: Int64, generation: UInt64)
        var failed: [(seek: Seek, attempts: Int, error: String)] = []
        state.withLock { state in
            for seek in seeks {
                let result = results.first { $0.topic == seek.partition.topic && $0.partition == seek.partition.partition }
                let code = result?.error ?? 0
                if callError == nil && code == 0 {
                    state.tracker.seekSucceeded(seek.partition, generation: seek.generation)
                    state.gaps.expect(seek.partition, next: seek.offset)
                } else {
                    let attempts = state.tracker.seekFailed(seek.partition, generation: seek.generation)
                    let reason = code != 0 ? RDKafkaErrorName.name(of: code) : callError ?? ""
                    if attempts > 0 { failed.append((seek, attempts, reason)) }
                }
            }
            // Messages fetched before the seek are stale; their generation no longer matches.
            state.dropStale()
        }
        guard let worst = failed.max(by: { $0.attempts < $1.attempts }) else { return }
        let metadata: Logger.Metadata = [
            "partition": "\(worst.seek.partition)", "offset": "\(worst.seek.offset)", "attempts": "\(worst.attempts)",
            "error": .string(client.redactor.redact(worst.error)),
        ]
        if worst.attempts >= Self.seekAttemptLimit {
            fail(
                KafkaError(
                    code: .failure,
                    message: "cannot seek \(worst.seek.partition) back to offset \(worst.seek.offset) after "
                        + "\(worst.attempts) attempts (\(worst.error)); stopping rather than skip the input"))
            return
        }
        client.logger.warning("seek failed, trying again", metadata: metadata)
        Thread.sleep(forTimeInterval: Double(worst.attempts) * Self.seconds(Self.seekRetryDelay))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Runs on the poll thread, inside `rd_kafka_consumer_poll` or `rd_kafka_consumer_close`.
    private func rebalance(
        handle: OpaquePointer, error: rd_kafka_resp_err_t, partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>
    ) {
        let list = RDKafkaTopicPartitionList(borrowing: partitions)
        let changed = list.partitions
        let logger = client.logger
        let cooperative = String(cString: rd_kafka_rebalance_protocol(handle)) == "COOPERATIVE"
        if error == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS {
            var positions = committedPositions(changed)
            if let startOffsets {
                for (partition, offset) in startOffsets(changed) {
                    list.setOffset(topic: partition.topic, partition: partition.partition, offset: offset)
                    positions[partition] = offset
                }
            }
            let (failure, paused) = state.withLock { state -> (String?, Bool) in
                state.rebalances += 1
                for partition in changed { state.tracker.assign(partition) }
                for (partition, offset) in positions { state.gaps.expect(partition, next: offset) }
                let failure = Self.changeAssignment(handle, partitions, assigning: true, cooperative: cooperative)
                return (failure, state.fetchPaused)
            }
            if let failure {
                let message = "cannot take the assigned partitions \(Self.describe(changed)): \(failure)"
                fail(KafkaError(code: .state, message: message))
                return
            }
            // Fetching is paused while the buffer is full; newly assigned partitions wait too.
            if paused { _ = rd_kafka_pause_partitions(handle, partitions) }
            logger.info(
                "partitions assigned",
                metadata: [
                    "partitions": .string(Self.describe(changed)), "protocol": .string(cooperative ? "cooperative" : "eager"),
                ])
        } else {
            // Let work already handed out finish (bounded), so the next owner does not redo it,
            // commit what was acknowledged, and only then give the partitions up. Work still in
            // flight after the wait is forgotten: its acknowledgements no longer store offsets.
            // Lost partitions (the group moved on without this member) cannot commit; closing
            // has no work left to wait for.
            let lost = rd_kafka_assignment_lost(handle) != 0
            let revoked = Set(changed)
            let closing = state.withLock { state -> Bool in
                state.revoking = revoked
                state.dropStale()
                return state.lifecycle == .closing
            }
            let deadline = ContinuousClock.now + revokeGracePeriod
            while !lost, !closing, ContinuousClock.now < deadline,
                state.withLock({ state in revoked.contains { state.tracker.inFlight(of: $0) > 0 } })
            {
                Thread.sleep(forTimeInterval: 0.005)
            }
            // Inside `rd_kafka_consumer_close` the close's final commit has already taken what was
            // stored, and librdkafka commits the stored offsets of the partitions it removes; a commit
            // of our own there could reach librdkafka after it decided to terminate the group. The
            // revoke of leaving the group, before that, commits as any revoke does.
            if !lost, !terminating.withLock({ $0 }) { commitBeforeRevoke(handle) }
            let failure = state.withLock { state -> String? in
                state.revoking = []
                state.rebalances += 1
                for partition in changed {
                    state.tracker.revoke(partition)
                    state.gaps.forget(partition)
                }
                state.dropStale()
                return Self.changeAssignment(handle, partitions, assigning: false, cooperative: cooperative)
            }
            if let failure {
                let message = "cannot give up the revoked partitions \(Self.describe(changed)): \(failure)"
                fail(KafkaError(code: .state, message: message))
            }
            logger.info("partitions revoked", metadata: ["partitions": .string(Self.describe(changed)), "lost": "\(lost)"])
        }
    }

    /// Takes assigned partitions or gives revoked ones up: only those under the cooperative
    /// protocol; under eager, assigning sets the whole assignment and revoking clears it.
    /// Returns librdkafka's error text.
    private static func changeAssignment(
        _ handle: OpaquePointer, _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>, assigning: Bool,
        cooperative: Bool
    ) -> String? {
        if cooperative {
            return consume(
                assigning ? rd_kafka_incremental_assign(handle, partitions) : rd_kafka_incremental_unassign(handle, partitions))
        }
        let code = rd_kafka_assign(handle, assigning ? partitions : nil)
        return code == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : RDKafkaErrorName.name(of: code.rawValue)
    }

    /// The text of a librdkafka error object, which this frees.
    private static func consume(_ error: OpaquePointer?) -> String? {
        guard let error else { return nil }
        defer { rd_kafka_error_destroy(error) }
        return String(cString: rd_kafka_error_string(error))
    }

    /// The group's committed offsets of newly assigned partitions, where it has any: where reading
    /// should resume, so a reset past them shows as a gap.
    private func committedPositions(_ partitions: [TopicPartition]) -> [TopicPartition: Int64] {
        let list = RDKafkaTopicPartitionList()
        for partition in partitions { list.add(topic: partition.topic, partition: partition.partition) }
        let code = list.withListPointer { rd_kafka_committed(client.handle, $0, 10_000) }
        guard code == RD_KAFKA_RESP_ERR_NO_ERROR else {
            client.logger.warning("committed offsets unknown; a gap before the first message goes unnoticed", metadata: ["error": "\(RDKafkaErrorName.name(of: code.rawValue))"])
            return [:]
        }
        var positions: [TopicPartition: Int64] = [:]
        for element in list.elements where element.offset >= 0 {
            positions[TopicPartition(topic: element.topic, partition: element.partition)] = element.offset
        }
        return positions
    }

    private func storeOffset(_ partition: TopicPartition, _ offset: Int64) {
        let list = RDKafkaTopicPartitionList()
        list.add(topic: partition.topic, partition: partition.partition, offset: offset)
        let code = list.withListPointer { rd_kafka_offsets_store(client.handle, $0) }
        if code != RD_KAFKA_RESP_ERR_NO_ERROR {
            client.logger.debug("offset not stored", metadata: ["partition": "\(partition)", "error": "\(RDKafkaErrorName.name(of: code.rawValue))"])
        }
    }

    private static func describe(_ partitions: [TopicPartition]) -> String {
        partitions.sorted().map(\.description).joined(separator: ",")
    }
}

/// A handle passed to a blocking thread; librdkafka handles are thread-safe.
struct UncheckedHandle: @unchecked Sendable {
    let handle: OpaquePointer
}
