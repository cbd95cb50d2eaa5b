import Kafka
import Metrics
import Synchronization

/// The metrics of one stage, through swift-metrics (exported by the operations port's Prometheus
/// registry): what it consumed, produced, dead-lettered by reason and retried, how long processing
/// took, and on each scrape its in-flight, buffered and assigned counts.
///
/// Every series carries the `stage` label, so several stages scraped into one Prometheus stay
/// apart. `disabled` records into swift-metrics' no-op factory.
public final class StageMetrics: Sendable {
    private let factory: any MetricsFactory
    private let stage: String
    private let consumed: Counter
    private let produced: Counter
    private let retried: Counter
    private let rewound: Counter
    private let gaps: Counter
    private let lostMessages: Counter
    private let processing: Metrics.Timer
    private let deadLettered = Mutex<[String: Counter]>([:])

    /// Buckets of `newsline_stage_processing_seconds`: from a parse of a short page (about 1 ms) to
    /// an index batch or an enrichment of a huge article (seconds).
    public static let processingBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2_500), .seconds(5),
        .seconds(10), .seconds(30),
    ]

    public init(stage: String, factory: any MetricsFactory) {
        self.factory = factory
        self.stage = stage
        let labels = [("stage", stage)]
        consumed = Counter(label: "newsline_consumed_total", dimensions: labels, factory: factory)
        produced = Counter(label: "newsline_produced_total", dimensions: labels, factory: factory)
        retried = Counter(label: "newsline_retried_total", dimensions: labels, factory: factory)
        rewound = Counter(label: "newsline_rewound_inputs_total", dimensions: labels, factory: factory)
        gaps = Counter(label: "newsline_offset_gaps_total", dimensions: labels, factory: factory)
        lostMessages = Counter(label: "newsline_lost_messages_total", dimensions: labels, factory: factory)
        processing = Metrics.Timer(label: "newsline_stage_processing_seconds", dimensions: labels, factory: factory)
    }

    public static func disabled(stage: String) -> StageMetrics {
        StageMetrics(stage: stage, factory: NOOPMetricsHandler.instance)
    }

    func recordConsumed(_ count: Int) { consumed.increment(by: count) }
    func recordProduced(_ count: Int) { produced.increment(by: count) }
    func recordRetried() { retried.increment() }
    /// Inputs read again after a rewind: the one whose output failed and those after it in flight.
    func recordRewound(_ count: Int) { rewound.increment(by: count) }

    func recordGap(messages: Int64) {
        gaps.increment()
        lostMessages.increment(by: Int(clamping: messages))
    }

    func recordProcessing(_ duration: Duration) {
        processing.recordNanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    func recordDeadLetter(reason: String) {
        let counter = deadLettered.withLock { counters in
            if let counter = counters[reason] { return counter }
            let counter = Counter(
                label: "newsline_dead_lettered_total", dimensions: [("stage", stage), ("reason", reason)], factory: factory)
            counters[reason] = counter
            return counter
        }
        counter.increment()
    }

    /// Sets the gauges read from the clients: called before each scrape.
    public func sample(consumer: KafkaConsumer, producer: KafkaProducer) {
        let labels = [("stage", stage)]
        Gauge(label: "newsline_in_flight_inputs", dimensions: labels, factory: factory).record(consumer.inFlightCount)
        Gauge(label: "newsline_buffered_inputs", dimensions: labels, factory: factory).record(consumer.bufferedCount)
        Gauge(label: "newsline_producer_queued_messages", dimensions: labels, factory: factory).record(producer.queuedMessages)
        let assignment = consumer.assignment
        Gauge(label: "newsline_assigned_partitions", dimensions: labels, factory: factory).record(assignment.count)
        Gauge(label: "newsline_rebalances", dimensions: labels, factory: factory).record(consumer.rebalanceCount)
    }
}
