import Foundation
import Kafka
import Logging
import NewslineModels
import Synchronization

/// Follows `articles.indexed` and `articles.deadletter` and notes when each benchmark article first
/// came out, by its source URL.
///
/// An indexed event carries the source URL; a dead letter carries it in the `source-url` header (a raw
/// article ingest refused) or in the JSON event it holds (an event a later stage refused). Repeats of an
/// article (redelivery) keep the first arrival.
final class BenchFollower: Sendable {
    struct Arrival: Sendable {
        var instant: ContinuousClock.Instant
        /// `stage/reason` when the article was dead-lettered instead of indexed.
        var deadLetter: String?
    }

    struct PhaseCounts: Sendable, Equatable {
        var indexed = 0
        var deadLettered = 0
        var accountedFor: Int { indexed + deadLettered }
    }

    private struct State {
        var arrivals: [String: Arrival] = [:]
        var phases: [Substring: PhaseCounts] = [:]
    }

    private final class Shared: Sendable {
        let state = Mutex(State())
    }

    private let shared = Shared()
    private let follower: OutputFollower

    init(configuration: KafkaConfiguration, logger: Logger) throws {
        let shared = self.shared
        let decoder = JSONDecoder()
        follower = try OutputFollower(
            configuration: configuration, logger: logger, group: "newsline-bench", maxBuffered: 10_000,
            batchLimit: 2_000
        ) { batch in
            let now = ContinuousClock.now
            let arrivals = batch.compactMap { message -> (String, Arrival)? in
                let isDeadLetter = message.topic == Topics.deadletter.name
                let header = isDeadLetter ? message.headers.text(for: RawArticleHeader.sourceURL) : nil
                guard let url = header ?? (try? decoder.decode(SourceURLField.self, from: Data(message.value)))?.sourceURL
                else { return nil }
                let deadLetter = isDeadLetter ? Self.describeDeadLetter(message) : nil
                return (url, Arrival(instant: now, deadLetter: deadLetter))
            }
            shared.state.withLock { state in
                for (url, arrival) in arrivals where state.arrivals[url] == nil {
                    guard let phase = BenchRawArticles.phase(ofSourceURL: url) else { continue }
                    state.arrivals[url] = arrival
                    if arrival.deadLetter == nil {
                        state.phases[phase, default: PhaseCounts()].indexed += 1
                    } else {
                        state.phases[phase, default: PhaseCounts()].deadLettered += 1
                    }
                }
            }
        }
    }

    func counts(phase: String) -> PhaseCounts {
        shared.state.withLock { $0.phases[Substring(phase)] ?? PhaseCounts() }
    }

    func arrival(of sourceURL: String) -> Arrival? {
        shared.state.withLock { $0.arrivals[sourceURL] }
    }

    func arrivals(of sourceURLs: [String]) -> [Arrival?] {
        shared.state.withLock { state in sourceURLs.map { state.arrivals[$0] } }
    }

    func stop() async {
        await follower.stop()
    }

    private static func describeDeadLetter(_ message: KafkaConsumerMessage) -> String {
        let stage = message.headers.text(for: DeadLetterHeader.stage) ?? "?"
        let reason = message.headers.text(for: DeadLetterHeader.errorClass) ?? "?"
        return "\(stage)/\(reason)"
    }
}

/// The one field of an event the benchmark reads.
private struct SourceURLField: Decodable {
    var sourceURL: String?
}
