/// What one phase of `newsline bench pipeline` sent and what came out of the pipeline.
struct BenchPhaseResult: Sendable {
    var phase: String
    /// Articles handed to the producer.
    var sent: Int
    /// Articles the broker refused or never acknowledged; they are not expected to come out.
    var notDelivered: Int
    var indexed: Int
    var deadLettered: Int
    /// Dead letters by `stage/reason`.
    var deadLetterReasons: [String: Int]
    /// Source URLs of a few articles that neither came out indexed nor dead-lettered.
    var missingExamples: [String]
    /// The rate asked for, when the phase was paced.
    var targetRate: Double?
    /// Articles handed to the producer per second, first to last.
    var sentRate: Double
    /// Articles that came out per second once the pipeline was full (the first tenth left out).
    var throughput: Double
    /// From the first hand-off to the last arrival.
    var seconds: Double
    /// From each article's hand-off to the producer to its `article.indexed` event arriving.
    var latency: BenchLatencySummary
    /// Load averages when the phase ended.
    var load: String
    /// Partition revocations (rebalances) in the services' consumer groups during the phase.
    var revocations: Int
    /// Why the phase ended early, when it did.
    var failure: String?

    var accountedFor: Int { indexed + deadLettered }
    var missing: Int { max(0, sent - notDelivered - accountedFor) }
    var isComplete: Bool { missing == 0 && failure == nil }

    var json: [String: Any] {
        var object: [String: Any] = [
            "phase": phase, "sent": sent, "notDelivered": notDelivered, "indexed": indexed, "deadLettered": deadLettered,
            "missing": missing, "deadLetterReasons": deadLetterReasons, "sentPerSecond": sentRate,
            "throughputPerSecond": throughput, "seconds": seconds, "latency": latency.json, "load": load,
            "revocations": revocations,
        ]
        if let targetRate { object["targetPerSecond"] = targetRate }
        if !missingExamples.isEmpty { object["missingExamples"] = missingExamples }
        if let failure { object["failure"] = failure }
        return object
    }
}
