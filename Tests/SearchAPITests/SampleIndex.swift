import EnrichStage
import Foundation
import IndexStage
import IngestStage
import NewslineModels
import ParseStage
import TestSupport

/// An index of the bundled sample articles as the pipeline would build it: each sample's bytes through
/// ingest, parse and enrich in process, then into the index, plus one article that carries a script.
enum SampleIndex {
    /// The title of the hostile article; its text tries to set `window.__newslinePwned`.
    static let hostileTitle = "<script>window.__newslinePwned=1</script> 스크립트 주입 시험"

    static func build() throws -> TemporaryIndex {
        let ingester = Ingester()
        let parser = ArticleParser()
        let enricher = try Enricher()
        let hostile = """
            {"title": "\(hostileTitle)", "published": "2024-06-20", "author": "보안팀",
             "url": "https://news.example/hostile",
             "body": "게시판에 <img src=x onerror=\\"window.__newslinePwned=1\\"> 태그와 <script>window.__newslinePwned=1</script> 스크립트를 심은 공격이 발견됐다. 경찰은 도쿄 서버를 조사했다."}
            """
        let inputs = Fixtures.goodSamples.map { RawArticle(bytes: (try? $0.bytes()) ?? [], source: "samples") }
            + [RawArticle(bytes: Array(hostile.utf8), contentType: "application/json", source: "samples")]
        var events: [ArticleEnriched] = []
        for raw in inputs {
            // A sample a stage refuses is no article of the sample index, as in the pipeline.
            guard let ingested = try? ingester.ingest(raw), let parsed = try? parser.parse(ingested),
                let enriched = try? enricher.enrich(parsed)
            else { continue }
            events.append(enriched)
        }
        return try TemporaryIndex("sample-index", articles: events)
    }
}
