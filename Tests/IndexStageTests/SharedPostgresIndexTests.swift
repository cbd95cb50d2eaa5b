import Foundation
import NewslineModels
import Synchronization
import Testing
import TestSupport

@testable import IndexStage

/// Several instances writing one PostgreSQL index at once: two connections (two `PostgresIndex`
/// clients) on one database, as two `newsline-index` processes would be.
@Suite(.enabled(if: TemporaryPostgres.isAvailable, "\(TemporaryPostgres.unavailableReason ?? "")"))
struct SharedPostgresIndexTests {
    private static func openTwice() async throws -> (PostgresIndex, PostgresIndex) {
        let url = try TemporaryPostgres.makeDatabase()
        let location = try PostgresLocation(url: url)
        let first = try await PostgresIndex.open(location, logger: BackendKind.logger)
        let second = try await PostgresIndex.open(location, logger: BackendKind.logger)
        return (first, second)
    }

    /// The sample article under another id and fingerprint.
    private static func article(_ id: String, fingerprint bits: UInt64) -> ArticleEnriched {
        var event = SampleArticles.named("archive/openai-tokyo")
        event.article.articleId = id
        let hex = String(bits, radix: 16)
        event.fingerprint = String(repeating: "0", count: 16 - hex.count) + hex
        return event
    }

    /// Each round, both writers apply a batch at the same moment on partitions of their own: the
    /// second holds a near-duplicate of every article of the first, in the opposite order (so the
    /// batches take overlapping story locks, and only an ascending order keeps them from deadlock).
    /// The copies differ in five bits, one in each of five bands: they share the sixth band only.
    @Test(.timeLimit(.minutes(2)))
    func nearDuplicatesWrittenAtOnceByTwoInstancesShareOneStory() async throws {
        let (first, second) = try await Self.openTwice()
        var random = SplitMix64(seed: 16)
        let rounds = 40, perBatch = 4
        let flipped: UInt64 = 0x0000_1002_0040_0801
        var pairs: [(String, String)] = []
        for round in 0..<rounds {
            var originals: [ArticleEnriched] = [], copies: [ArticleEnriched] = []
            for number in 0..<perBatch {
                let bits = random.next()
                originals.append(Self.article("original-\(round)-\(number)", fingerprint: bits))
                copies.append(Self.article("copy-\(round)-\(number)", fingerprint: bits ^ flipped))
                pairs.append(("original-\(round)-\(number)", "copy-\(round)-\(number)"))
            }
            let offset = Int64(round * perBatch)
            async let one = first.apply(originals, partition: 0, from: offset)
            async let other = second.apply(copies.reversed(), partition: 1, from: offset)
            _ = try await (one, other)
        }
        var split: [String] = [], unlinked: [String] = []
        for (original, copy) in pairs {
            let a = try #require(try await first.article(id: original))
            let b = try #require(try await first.article(id: copy))
            if a.storyId != b.storyId { split.append(original) }
            if a.duplicateOf != copy && b.duplicateOf != original { unlinked.append(original) }
        }
        #expect(split.isEmpty, "\(split.count) of \(pairs.count) near-duplicate pairs started two stories")
        #expect(unlinked.isEmpty, "\(unlinked.count) of \(pairs.count) pairs have neither marked the other's duplicate")
        let end = Int64(rounds * perBatch)
        #expect(try await first.storedPositions(topic: "articles.enriched") == [0: end, 1: end])
        await first.close()
        await second.close()
    }

    /// Two relays over one outbox: every entry is handed to exactly one of them, an entry one relay is
    /// sending is skipped by the other, and entries a relay could not send are taken over afterwards.
    @Test(.timeLimit(.minutes(1)))
    func twoRelaysNeverSendOneEntryAtOnce() async throws {
        let (first, second) = try await Self.openTwice()
        var events: [ArticleEnriched] = []
        for number in 0..<120 {
            events.append(Self.article("relayed-\(number)", fingerprint: UInt64(number) << 40 | 0x5A5A))
        }
        let written = try await first.apply(events).map(\.id)
        #expect(written.count == events.count)
        let fresh = try await second.relayOutbox(pendingFor: 60, limit: 10) { _ in [] }
        #expect(fresh == 0, "entries committed just now are left to their writer")

        let log = RelayLog()
        // The first relay fails its first page after a pause: while it holds that page, the others
        // relay everything else; then the page is free again and gets sent.
        let stalled = Task {
            try await first.relayOutbox(pendingFor: 0, limit: 20) { entries in
                log.held.withLock { $0 = entries.map(\.id) }
                try? await Task.sleep(for: .seconds(1))
                return []
            }
        }
        while log.held.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(10)) }
        let one = Task { try await Self.drain(first, log) }
        let other = Task { try await Self.drain(second, log) }
        let handed = [try await one.value, try await other.value]
        #expect(try await stalled.value == 20)
        let held = log.held.withLock { $0 }
        #expect(Set(log.sends.withLock { $0.keys }).isDisjoint(with: held), "a page another relay holds is skipped")
        #expect(handed.allSatisfy { $0 > 0 }, "both relays took part: \(handed)")

        // The stalled page is free again: relayed once, and the outbox is empty.
        #expect(try await Self.drain(second, log) == held.count)
        let counts = log.sends.withLock { $0 }
        #expect(Set(counts.keys) == Set(written))
        #expect(counts.values.allSatisfy { $0 == 1 }, "no entry was sent twice")
        #expect(try await first.pendingOutbox(limit: 200).isEmpty)
        await first.close()
        await second.close()
    }

    /// Relays pages of 10 until none is due, recording what it sent; returns how many it was handed.
    private static func drain(_ index: PostgresIndex, _ log: RelayLog) async throws -> Int {
        var handed = 0
        while true {
            let count = try await index.relayOutbox(pendingFor: 0, limit: 10) { entries in
                log.sends.withLock { for entry in entries { $0[entry.id, default: 0] += 1 } }
                // As long as a produce and its acknowledgement take, so the relays overlap.
                try? await Task.sleep(for: .milliseconds(20))
                return entries.map(\.id)
            }
            handed += count
            if count == 0 { return handed }
        }
    }
}

/// What the relays of one test were handed: how often each entry was sent, and the page held unsent.
private final class RelayLog: Sendable {
    let sends = Mutex<[Int64: Int]>([:])
    let held = Mutex<[Int64]>([])
}
