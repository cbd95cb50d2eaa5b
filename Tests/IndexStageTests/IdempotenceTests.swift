import Foundation
import NewslineModels
import Testing

@testable import IndexStage

/// Redelivery, repeats and changes of one article, and recovery after a crash.
@Suite final class IdempotenceTests {
    let location = TemporaryIndexPath()
    let topic = "articles.enriched"

    deinit {
        location.remove()
    }

    private func input(_ event: ArticleEnriched, partition: Int32 = 3, offset: Int64) -> IndexInput {
        IndexInput(event: event, topic: topic, partition: partition, offset: offset)
    }

    @Test func theSameEventDeliveredThreeTimesIsIndexedOnce() throws {
        let index = try ArticleIndex(path: location.path)
        let event = SampleArticles.named("archive/openai-tokyo")
        var entries: [OutboxEntry] = []
        for _ in 0..<3 {
            entries += try index.apply([input(event, offset: 41)])
        }
        #expect(try index.documentCount() == 1)
        #expect(entries.count == 1)
        #expect(entries.first?.event.revision == 1)
        #expect(try index.pendingOutbox(limit: 10).count == 1)
        #expect(try index.storedPositions(topic: topic) == [3: 42])
        #expect(try index.search(SearchQuery(text: "도쿄")).hits.count == 1)
    }

    @Test func aRepeatWithinOneBatchIsSkippedToo() throws {
        let index = try ArticleIndex(path: location.path)
        let event = SampleArticles.named("archive/openai-tokyo")
        let entries = try index.apply([input(event, offset: 7), input(event, offset: 7), input(event, offset: 6)])
        #expect(entries.count == 1)
        #expect(try index.storedPositions(topic: topic) == [3: 8])
    }

    @Test func theSameContentAtANewOffsetKeepsTheRevisionButIsAnnounced() throws {
        let index = try ArticleIndex(path: location.path)
        let event = SampleArticles.named("archive/openai-tokyo")
        let first = try index.apply([input(event, offset: 1)])
        let second = try index.apply([input(event, offset: 2)])
        #expect(second.count == 1)
        #expect(second.first?.payload == first.first?.payload, "the same revision, announced again unchanged")
        #expect(try index.article(id: event.articleId)?.revision == 1)
        #expect(try index.documentCount() == 1)
    }

    @Test func aCrashBetweenCommitAndProduceLosesNoEvent() throws {
        let events = ["archive/openai-tokyo", "archive/north-korea-missile", "archive/battery-q3-earnings"]
            .map(SampleArticles.named)
        do {
            let index = try ArticleIndex(path: location.path)
            let entries = try index.apply([
                input(events[0], partition: 0, offset: 10),
                input(events[1], partition: 1, offset: 20),
            ])
            #expect(entries.count == 2)
            // The process dies here: the batch is committed, Kafka never acknowledged its events.
        }

        let reopened = try ArticleIndex(path: location.path)
        let pending = try reopened.pendingOutbox(limit: 100)
        #expect(pending.map(\.event.articleId) == [events[0].articleId, events[1].articleId])
        #expect(try reopened.storedPositions(topic: topic) == [0: 11, 1: 21])

        // The consumer resumes from the stored positions; Kafka may still redeliver the old offsets.
        let entries = try reopened.apply([
            input(events[0], partition: 0, offset: 10),
            input(events[1], partition: 1, offset: 20),
            input(events[2], partition: 1, offset: 21),
        ])
        #expect(entries.map(\.event.articleId) == [events[2].articleId])
        #expect(try reopened.documentCount() == 3)

        try reopened.markEmitted(pending.map(\.id))
        #expect(try reopened.pendingOutbox(limit: 100).map(\.id) == entries.map(\.id))
        try reopened.markEmitted(entries.map(\.id))
        #expect(try reopened.pendingOutbox(limit: 100).isEmpty)
    }

    @Test func positionsAreKeptPerTopicAndPartition() throws {
        let index = try ArticleIndex(path: location.path)
        let event = SampleArticles.named("archive/openai-tokyo")
        _ = try index.apply([
            IndexInput(event: event, topic: "a", partition: 0, offset: 5),
            IndexInput(event: event, topic: "b", partition: 0, offset: 9),
        ])
        #expect(try index.storedPositions(topic: "a") == [0: 6])
        #expect(try index.storedPositions(topic: "b") == [0: 10])
        #expect(try index.storedPositions(topic: "c") == [:])
    }

    @Test func theIndexedEventCarriesWhatConsumersShow() throws {
        let index = try ArticleIndex(path: location.path)
        let event = SampleArticles.named("archive/openai-tokyo")
        let entry = try #require(try index.apply([input(event, offset: 0)]).first)
        let indexed = entry.event
        #expect(indexed.articleId == event.articleId)
        #expect(indexed.contentHash == event.article.contentHash)
        #expect(indexed.title == event.article.title)
        #expect(indexed.publishedDate == "2024-04-03")
        #expect(indexed.authors == [Author(name: "오로라", role: "특파원")])
        #expect(indexed.storyId == event.articleId)
        #expect(indexed.duplicateOf == nil)
        #expect(!indexed.topEntities.isEmpty)
        // The outbox holds exactly the bytes apply returned, in the event codec's form.
        let stored = try #require(try index.pendingOutbox(limit: 1).first)
        #expect(stored.payload == entry.payload)
        #expect(try EventCodec().decode(ArticleIndexed.self, from: entry.payload).articleId == event.articleId)
        #expect(stored.event.revision == indexed.revision)
    }

    @Test func openingWithoutCreatingNeedsAnExistingFile() throws {
        #expect(throws: IndexError.missingIndex(path: location.path)) {
            try ArticleIndex(path: location.path, create: false)
        }
    }
}
