import Kafka
import Logging
import Synchronization

/// Counters of what a stage has done, for logs and tests.
public final class StageStatistics: Sendable {
    public struct Counts: Sendable, Equatable {
        public var completed = 0
        public var produced = 0
        public var deadLettered = 0
        public var retried = 0
        /// Ranges of input offsets deleted before this stage read them, and the messages in them.
        public var gaps = 0
        public var lostMessages = 0
    }

    private let counts = Mutex(Counts())
    /// Where the same counts go for the operations port.
    let metrics: StageMetrics

    public init(metrics: StageMetrics = .disabled(stage: "")) {
        self.metrics = metrics
    }

    public var snapshot: Counts { counts.withLock { $0 } }

    func record(gap: OffsetGap) {
        counts.withLock {
            $0.gaps += 1
            $0.lostMessages += Int(gap.count)
        }
        metrics.recordGap(messages: gap.count)
    }

    func record(completed: Int = 0, produced: Int = 0, retried: Int = 0) {
        counts.withLock {
            $0.completed += completed
            $0.produced += produced
            $0.retried += retried
        }
        if produced > 0 { metrics.recordProduced(produced) }
        if retried > 0 { metrics.recordRetried() }
    }

    func record(deadLetterReason reason: String) {
        counts.withLock { $0.deadLettered += 1 }
        metrics.recordDeadLetter(reason: reason)
    }

    var metadata: Logger.Metadata {
        let counts = snapshot
        return [
            "completed": "\(counts.completed)", "produced": "\(counts.produced)",
            "deadLettered": "\(counts.deadLettered)", "retried": "\(counts.retried)",
            "gaps": "\(counts.gaps)", "lostMessages": "\(counts.lostMessages)",
        ]
    }
}
