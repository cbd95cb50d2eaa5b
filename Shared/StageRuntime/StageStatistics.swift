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

    public init() {}

    public var snapshot: Counts { counts.withLock { $0 } }

    func record(gap: OffsetGap) {
        counts.withLock {
            $0.gaps += 1
            $0.lostMessages += Int(gap.count)
        }
    }

    func record(completed: Int = 0, produced: Int = 0, deadLettered: Int = 0, retried: Int = 0) {
        counts.withLock {
            $0.completed += completed
            $0.produced += produced
            $0.deadLettered += deadLettered
            $0.retried += retried
        }
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
