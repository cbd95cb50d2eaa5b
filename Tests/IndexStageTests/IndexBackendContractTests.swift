import Foundation
import NewslineModels
import Testing

@testable import IndexStage

/// The contract both index backends keep, run against each: the same inputs give the same answers.
@Suite struct IndexBackendContractTests {
    let topic = "articles.enriched"

    private func samples() -> [ArticleEnriched] {
        SampleArticles.all.keys.sorted().map(SampleArticles.named)
    }

    @Test(arguments: BackendKind.available)
    func aRedeliveredInputIsAppliedOnceAndItsPositionStored(kind: BackendKind) async throws {
        let index = try await kind.open()
        let event = SampleArticles.named("archive/openai-tokyo")
        var entries: [OutboxEntry] = []
        for _ in 0..<3 {
            entries += try await index.apply([IndexInput(event: event, topic: topic, partition: 3, offset: 41)])
        }
        let repeats = try await index.apply([
            IndexInput(event: event, topic: topic, partition: 5, offset: 7),
            IndexInput(event: event, topic: topic, partition: 5, offset: 7),
            IndexInput(event: event, topic: topic, partition: 5, offset: 6),
        ])
        #expect(try await index.documentCount() == 1)
        #expect(entries.count == 1)
        #expect(entries.first?.event.revision == 1)
        #expect(repeats.count == 1, "one event for the new position, the repeats within the batch skipped")
        #expect(repeats.first?.payload == entries.first?.payload, "the same content is announced unchanged")
        #expect(try await index.storedPositions(topic: topic) == [3: 42, 5: 8])
        #expect(try await index.storedPositions(topic: "elsewhere").isEmpty)

        let pending = try await index.pendingOutbox(limit: 10)
        #expect(pending.map(\.id) == (entries + repeats).map(\.id))
        #expect(pending.map(\.payload) == (entries + repeats).map(\.payload))
        try await index.markEmitted([pending[0].id, -1])
        #expect(try await index.pendingOutbox(limit: 10).map(\.id) == [pending[1].id])
        await index.close()
    }

    @Test(arguments: BackendKind.available)
    func theRelayLeavesFreshEntriesAndForgetsOnlyWhatWasAcknowledged(kind: BackendKind) async throws {
        let index = try await kind.open()
        let written = try await index.apply(
            [SampleArticles.named("archive/openai-tokyo"), SampleArticles.named("archive/north-korea-missile")])
        let untouched = try await index.relayOutbox(pendingFor: 60, limit: 10) { _ in
            Issue.record("an entry committed just now was handed to the relay")
            return []
        }
        #expect(untouched == 0)
        let handed = try await index.relayOutbox(pendingFor: 0, limit: 10) { entries in
            #expect(entries.map(\.id) == written.map(\.id), "oldest first")
            #expect(entries.map(\.payload) == written.map(\.payload), "exactly as committed")
            return [entries[0].id]
        }
        #expect(handed == 2)
        #expect(try await index.pendingOutbox(limit: 10).map(\.id) == [written[1].id])
        await index.close()
    }

    @Test(arguments: BackendKind.available)
    func changedContentReplacesTheDocumentAndItsSearchFields(kind: BackendKind) async throws {
        let index = try await kind.open()
        let original = SampleArticles.named("archive/openai-tokyo")
        var changed = original
        changed.article.title = "하늘다람쥐 서식지 확인"
        changed.article.subtitle = nil
        changed.article.paragraphs = ["국립공원에서 하늘다람쥐 둥지가 처음 확인됐다."]
        changed.entities = []
        changed.article.contentHash = ArticleIdentity.contentHash(text: "하늘다람쥐 서식지 확인")
        try await index.apply([original], from: 1)
        let entries = try await index.apply([changed], from: 2)

        #expect(entries.map(\.event.revision) == [2])
        #expect(entries.first?.event.title == "하늘다람쥐 서식지 확인")
        #expect(try await index.documentCount() == 1)
        #expect(try await index.article(id: original.articleId)?.title == "하늘다람쥐 서식지 확인")
        #expect(try await index.article(id: original.articleId)?.revision == 2)
        #expect(try await index.ids(SearchQuery(text: "도쿄")).isEmpty)
        #expect(try await index.ids(SearchQuery(text: "하늘다람쥐")) == [original.articleId])
        #expect(try await index.ids(SearchQuery(text: "", entity: "손정의")).isEmpty)
        let back = try await index.apply([original], from: 3)
        #expect(back.map(\.event.revision) == [3])
        #expect(try await index.ids(SearchQuery(text: "도쿄")) == [original.articleId])
        #expect(try await index.ids(SearchQuery(text: "하늘다람쥐")).isEmpty)
        #expect(try await index.article(id: "no-such-article") == nil)
        await index.close()
    }

    @Test(arguments: BackendKind.available)
    func aNearDuplicateJoinsTheOriginalsStoryAndCollapsesIntoIt(kind: BackendKind) async throws {
        let index = try await kind.open()
        let original = SampleArticles.named("archive/openai-tokyo")
        var paragraphs = original.article.paragraphs
        paragraphs[1] = paragraphs[1].replacingOccurrences(of: "예사롭지", with: "심상치")
        let copy = SampleArticles.make(
            title: original.article.title, subtitle: original.article.subtitle, paragraphs: paragraphs,
            sourceURL: "https://example.com/syndicated/openai-tokyo")
        let other = SampleArticles.named("archive/north-korea-missile")
        let events = try await index.apply([original, copy, other]).map(\.event)
        #expect(events.map(\.duplicateOf) == [nil, original.articleId, nil])
        #expect(events.map(\.storyId) == [original.articleId, original.articleId, other.articleId])

        let results = try await index.search(SearchQuery(text: "도쿄"))
        #expect(results.hits.count == 1)
        #expect(results.hits.first?.moreInStory == 1)
        #expect(try await index.ids(SearchQuery(text: "도쿄", story: original.articleId)).count == 2)
        await index.close()
    }

    @Test(arguments: BackendKind.available)
    func wordsFiltersAndPagesFindTheSampleArticles(kind: BackendKind) async throws {
        let index = try await kind.open()
        try await index.apply(samples())
        let tokyo = SampleArticles.id("archive/openai-tokyo")
        for text in ["도쿄", "도쿄에", "오픈AI", "오픈ai", "손정의", "일본 총리", "도쿄 반도체", "AI 반도체"] {
            #expect(try await index.ids(SearchQuery(text: text)).first == tokyo, "\(text)")
        }
        let chips = try await index.ids(SearchQuery(text: "반도체"))
        #expect(chips.first == SampleArticles.id("archive/us-chip-export-controls"), "the title match first")
        #expect(chips.count == 3)
        #expect(try await index.ids(SearchQuery(text: "DRIVERLESS buses")) == [SampleArticles.id("archive/english-driverless-buses")])
        #expect(try await index.ids(SearchQuery(text: "반도체", section: "국제")) == [SampleArticles.id("archive/us-chip-export-controls")])
        #expect(
            try await index.ids(SearchQuery(text: "반도체", from: "2024-05-01", to: "2024-05-31"))
                == [SampleArticles.id("archive/us-chip-export-controls")])
        #expect(try await index.ids(SearchQuery(text: "반도체", to: "2024-04-30")) == [tokyo])
        #expect(
            try await index.ids(SearchQuery(text: "반도체", category: Category.opinion.rawValue))
                == [SampleArticles.id("archive/column-power-grid")])
        #expect(try await index.ids(SearchQuery(text: "반도체", entity: "손정의")) == [tokyo])
        #expect(try await index.ids(SearchQuery(text: "반도체", entity: "아무도 아닌 사람")).isEmpty)

        let first = try await index.search(SearchQuery(text: "반도체", limit: 2))
        let second = try await index.search(SearchQuery(text: "반도체", limit: 2, offset: 2))
        #expect(first.hasMore && !second.hasMore)
        #expect(first.hits.map(\.articleId) + second.hits.map(\.articleId) == chips)
        let hit = try #require(try await index.search(SearchQuery(text: "손정의")).hits.first)
        #expect(hit.snippet.parts.contains { $0.isMatch && $0.text.contains("손정의") })
        await #expect(throws: SearchQueryError.self) { try await index.search(SearchQuery(text: "도쿄", from: "2024-02-30")) }
        await index.close()
    }

    /// What a user types is words only: quotes, operators and syntax of either database find nothing
    /// odd, throw nothing, and change nothing.
    @Test(arguments: BackendKind.available)
    func queryTextIsNeverSyntax(kind: BackendKind) async throws {
        let index = try await kind.open()
        try await index.apply(samples())
        let hostile = [
            "' OR 1=1 --", "\"; DROP TABLE article; --", "도쿄 & !반도체 | 손정의", "도쿄:* <-> 반도체", "'도쿄':A",
            "NEAR(도쿄 반도체)", "title : 도쿄", "\\", "'", "$1", "도쿄') OR ('1'='1", "*", "((((", "!!!", "a:*B",
        ]
        for text in hostile {
            _ = try await index.search(SearchQuery(text: text))
        }
        #expect(try await index.documentCount() == samples().count)
        #expect(try await index.ids(SearchQuery(text: "도쿄') OR ('1'='1")).first == SampleArticles.id("archive/openai-tokyo"))
        await index.close()
    }

    /// Beyond each backend's own expectations, the two agree on every answer but the scores: which
    /// stories match, in which order of pages, how many, and the facets.
    @Test(.enabled(if: BackendKind.available.contains(.postgres), "PostgreSQL is not installed"))
    func bothBackendsGiveTheSameAnswers() async throws {
        let sqlite = try await BackendKind.sqlite.open()
        let postgres = try await BackendKind.postgres.open()
        try await sqlite.apply(samples())
        try await postgres.apply(samples())
        let queries = [
            SearchQuery(text: "반도체"), SearchQuery(text: "도쿄 반도체"), SearchQuery(text: "전세 사기"),
            SearchQuery(text: "북한 미사일"), SearchQuery(text: "배터리", order: .newest), SearchQuery(text: "", limit: 100),
            SearchQuery(text: "", section: "사회"), SearchQuery(text: "전기차", order: .recent), SearchQuery(text: "북"),
            SearchQuery(text: "열대야"), SearchQuery(text: "", entity: "hanbit university"),
        ]
        for query in queries {
            let a = try await sqlite.search(query)
            let b = try await postgres.search(query)
            #expect(Set(a.hits.map(\.articleId)) == Set(b.hits.map(\.articleId)), "\(query.text)")
            #expect(a.total == b.total, "\(query.text)")
            #expect(a.hasMore == b.hasMore, "\(query.text)")
            #expect(a.facets == b.facets, "\(query.text)")
            if query.text.isEmpty || query.order == .newest {
                #expect(a.hits.map(\.articleId) == b.hits.map(\.articleId), "\(query.text): date order")
            }
        }
        #expect(try await sqlite.documentCount() == postgres.documentCount())
        await sqlite.close()
        await postgres.close()
    }
}
