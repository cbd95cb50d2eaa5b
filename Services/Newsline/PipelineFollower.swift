import Foundation
import Kafka
import Logging
import NewslineModels
import Synchronization

/// What came out of the pipeline so far.
struct PipelineOutcome: Sendable {
    /// The latest `article.indexed` event of each article.
    var indexed: [String: ArticleIndexed] = [:]
    var deadLetters: [KafkaConsumerMessage] = []
    /// Records of input offsets a stage found deleted before it read them (not inputs themselves).
    var gaps: [OffsetGap] = []
    /// Every `article.indexed` event read, repeats included.
    var indexedEvents = 0
    /// Distinct (articleId, revision) pairs among them.
    var indexedRevisions: Set<String> = []
    /// When each event arrived, in arrival order.
    var arrivals: [ContinuousClock.Instant] = []
    /// When the first and the latest `article.indexed` event arrived.
    var firstIndexed: ContinuousClock.Instant?
    var lastIndexed: ContinuousClock.Instant?

    var accountedFor: Int { indexed.count + deadLetters.count }

    var indexedTable: String {
        let rows = indexed.values.sorted { ($0.publishedDate ?? "", $0.title ?? "") < ($1.publishedDate ?? "", $1.title ?? "") }
            .map { article in
                [
                    article.title ?? "(untitled)", article.publishedDate ?? "-",
                    article.authors.map(\.name).joined(separator: ", "),
                    article.topEntities.prefix(3).map(\.canonical).joined(separator: ", "), article.category,
                    article.duplicateOf.map { String($0.prefix(8)) } ?? "-",
                ]
            }
        return TextTable.render(header: ["title", "date", "authors", "top entities", "category", "duplicate of"], rows: rows, maxWidth: 40)
    }

    /// The raw key of a dead letter from ingest; for later stages, the source URL inside the event.
    static func inputName(_ letter: KafkaConsumerMessage) -> String {
        if letter.headers.text(for: DeadLetterHeader.stage) != "ingest",
            let event = (try? JSONSerialization.jsonObject(with: Data(letter.value))) as? [String: Any],
            let url = event["sourceURL"] as? String
        {
            return url
        }
        return String(decoding: letter.key ?? [], as: UTF8.self)
    }

    var deadLetterTable: String {
        TextTable.render(
            header: ["input", "stage", "reason", "message"],
            rows: deadLetters.map { letter in
                [
                    Self.inputName(letter), letter.headers.text(for: DeadLetterHeader.stage) ?? "",
                    letter.headers.text(for: DeadLetterHeader.errorClass) ?? "",
                    letter.headers.text(for: DeadLetterHeader.errorMessage) ?? "",
                ]
            }, maxWidth: 60)
    }
}

/// Follows `articles.indexed` and `articles.deadletter` from the beginning in the background.
final class PipelineFollower: Sendable {
    private final class Outcomes: Sendable {
        let value = Mutex(PipelineOutcome())
    }

    private let outcomes = Outcomes()
    private let follower: OutputFollower

    init(configuration: KafkaConfiguration, logger: Logger) throws {
        let outcomes = self.outcomes
        let codec = EventCodec()
        follower = try OutputFollower(configuration: configuration, logger: logger, group: "newsline-demo") { batch in
            outcomes.value.withLock { outcome in
                for message in batch {
                    outcome.arrivals.append(.now)
                    if message.topic == Topics.deadletter.name {
                        if let gap = OffsetGap(record: message) {
                            outcome.gaps.append(gap)
                        } else {
                            outcome.deadLetters.append(message)
                        }
                    } else if let event = try? codec.decode(ArticleIndexed.self, from: message.value) {
                        outcome.indexed[event.articleId] = event
                        outcome.indexedEvents += 1
                        outcome.firstIndexed = outcome.firstIndexed ?? .now
                        outcome.lastIndexed = .now
                        outcome.indexedRevisions.insert("\(event.articleId)#\(event.revision)")
                    }
                }
            }
        }
    }

    var outcome: PipelineOutcome { outcomes.value.withLock { $0 } }

    func stop() async {
        await follower.stop()
    }
}

extension OffsetGap {
    /// The gap an `offset-gap` record in the dead-letter topic names; nil for any other dead letter.
    init?(record message: KafkaConsumerMessage) {
        guard message.headers.text(for: DeadLetterHeader.errorClass) == DeadLetterHeader.offsetGapClass,
            let topic = message.headers.text(for: DeadLetterHeader.originalTopic),
            let partition = message.headers.text(for: DeadLetterHeader.originalPartition).flatMap({ Int32($0) }),
            let from = message.headers.text(for: DeadLetterHeader.gapFrom).flatMap({ Int64($0) }),
            let to = message.headers.text(for: DeadLetterHeader.gapTo).flatMap({ Int64($0) }), from < to
        else { return nil }
        self.init(topic: topic, partition: partition, offsets: from..<to)
    }
}
