import Foundation
import Kafka
import Logging
import NewslineModels

/// Holds a publisher back while a partition of the pipeline's topics holds too many unread bytes.
///
/// The embedded broker (librdkafka's mock cluster) keeps about 5 MiB per partition and drops the
/// oldest messages past that, read or not; a stage that falls behind would lose its input. The pacer
/// reads, every `refreshInterval`, how far each stage's group is behind on the topic it reads
/// (end offset − committed offset per partition) and turns it into bytes: exactly for the raw
/// articles this publisher sent (their sizes and offsets come from the delivery reports), and as
/// `downstreamFactor` × the average raw article for the later topics, whose events are at most about
/// as large as the article (its text, as JSON). Publishing waits while any partition is over
/// `budget`; the default keeps the estimate at a fifth of the broker's limit, so a stale reading or
/// an article larger than the estimate still stays well under it.
final class UnreadBytesPacer {
    /// Estimated unread bytes allowed per partition before publishing waits.
    static let defaultBudget = 1 << 20
    /// Later events are taken as this many times the average raw article (decoded EUC-KR text grows
    /// by half in UTF-8; JSON escaping adds a little).
    static let downstreamFactor = 2.0
    static let refreshInterval: Duration = .milliseconds(250)

    /// Each stage topic and the group that reads it.
    static let readers: [(topic: String, group: String, service: String)] = [
        (Topics.raw.name, "newsline-ingest", "ingest"), (Topics.ingested.name, "newsline-parse", "parse"),
        (Topics.parsed.name, "newsline-enrich", "enrich"), (Topics.enriched.name, "newsline-index", "index"),
    ]

    /// The fullest partition at the last reading.
    struct Fullest: CustomStringConvertible {
        var topic: String
        var partition: Int32
        var bytes: Int
        var service: String

        var description: String {
            "\(topic)[\(partition)] holds about \(ByteCount.format(bytes)) unread; \(service) is behind"
        }
    }

    let budget: Int
    private let admin: KafkaAdmin
    /// Sizes of the raw articles this publisher sent, by partition, oldest first.
    private var sent: [Int32: [(offset: Int64, bytes: Int)]] = [:]
    private var sentBytes = 0
    private var sentCount = 0
    /// Unread bytes per partition at the last reading; raw partitions also grow with each delivery since.
    private var unread: [TopicPartition: Fullest] = [:]
    private var lastReading = ContinuousClock.now - .seconds(60)
    private var lastTold = ContinuousClock.now - .seconds(60)
    static let tellInterval: Duration = .seconds(5)

    init(admin: KafkaAdmin, budget: Int = defaultBudget) {
        self.admin = admin
        self.budget = budget
    }

    /// Records a raw article the broker acknowledged.
    func delivered(_ report: KafkaDeliveryReport, bytes: Int) {
        sent[report.partition, default: []].append((report.offset, bytes))
        sentBytes += bytes
        sentCount += 1
        let partition = TopicPartition(topic: report.topic, partition: report.partition)
        unread[partition, default: Fullest(topic: report.topic, partition: report.partition, bytes: 0, service: "ingest")].bytes += bytes
    }

    /// Waits until every partition is under the budget; `waiting` is told why, at most every `tellInterval`.
    func waitForRoom(waiting: (Fullest) -> Void) async throws {
        while true {
            if ContinuousClock.now - lastReading >= Self.refreshInterval {
                unread = try await read()
                lastReading = .now
            }
            guard let fullest = unread.values.max(by: { $0.bytes < $1.bytes }), fullest.bytes > budget else { return }
            if ContinuousClock.now - lastTold >= Self.tellInterval {
                waiting(fullest)
                lastTold = .now
            }
            try await Task.sleep(for: Self.refreshInterval)
        }
    }

    private var averageBytes: Int { sentCount == 0 ? 0 : sentBytes / sentCount }

    /// The unread bytes of every partition of every stage topic now.
    private func read() async throws -> [TopicPartition: Fullest] {
        var unread: [TopicPartition: Fullest] = [:]
        for reader in Self.readers {
            let marks = try await admin.watermarks(topic: reader.topic)
            let committed = try await admin.committedOffsets(group: reader.group, topic: reader.topic, partitions: marks.count)
            for (partition, mark) in marks {
                // A partition without a commit is read from its oldest message (auto.offset.reset=earliest).
                let position = (committed[partition] ?? nil) ?? mark.low
                let messages = Int(max(0, mark.high - position))
                guard messages > 0 else { continue }
                let bytes = reader.topic == Topics.raw.name
                    ? unreadRaw(partition: partition, from: position, lag: messages)
                    : Int(Double(messages) * Double(averageBytes) * Self.downstreamFactor)
                unread[TopicPartition(topic: reader.topic, partition: partition)] =
                    Fullest(topic: reader.topic, partition: partition, bytes: bytes, service: reader.service)
            }
        }
        return unread
    }

    /// Bytes of the raw articles at or after `position`; messages others sent count as average ones.
    private func unreadRaw(partition: Int32, from position: Int64, lag: Int) -> Int {
        var records = sent[partition] ?? []
        records.removeAll { $0.offset < position }
        sent[partition] = records
        let ours = records.reduce(0) { $0 + $1.bytes }
        return ours + max(0, lag - records.count) * averageBytes
    }
}
