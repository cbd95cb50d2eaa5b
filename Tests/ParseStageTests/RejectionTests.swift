import IngestStage
import NewslineModels
import ParseStage
import Testing
import TestSupport

/// Inputs that must end as dead letters, whichever stage refuses them.
struct RejectionTests {
    @Test(arguments: Fixtures.badSamples.map(\.name))
    func badSampleIsRejectedWithItsReason(name: String) throws {
        let expected = Fixtures.badSamples.first { $0.name == name }!.reason
        let bytes = try Fixtures.badBytes(name)
        #expect(pipelineOutcome(RawArticle(bytes: bytes)) == .rejected(expected))
    }

    @Test func hugeArticleIsTooLarge() {
        #expect(pipelineOutcome(RawArticle(bytes: Fixtures.hugeArticle())) == .rejected(RejectedInput.tooLarge))
    }

    @Test(arguments: [
        "<html><head><title>한빛일보</title></head><body><nav><a href=\"/\">홈</a></nav></body></html>",
        "{\"tags\": [\"a\", \"b\"]}",
        "[]",
        "타이틀\n\n    종이신문보기\n    본문자수 : 0\n",
    ])
    func articleWithoutContentIsRejected(text: String) {
        #expect(pipelineOutcome(RawArticle(bytes: Array(text.utf8))) == .rejected(RejectedInput.noArticleContent))
    }

    @Test func parseRejectsMalformedJSONEventsItself() throws {
        var ingested = try Ingester().ingest(RawArticle(bytes: Array("{\"title\": \"t\"}".utf8)))
        ingested.text = "{\"title\": "
        #expect(throws: RejectedInput(RejectedInput.malformedJSON, "the JSON does not parse")) {
            try ArticleParser().parse(ingested)
        }
    }
}

enum PipelineOutcome: Equatable {
    case parsed
    case rejected(String)
    case failed(String)
}

/// Runs ingest then parse; any error other than RejectedInput is a failure.
func pipelineOutcome(_ raw: RawArticle) -> PipelineOutcome {
    do {
        _ = try ArticleParser().parse(try Ingester().ingest(raw))
        return .parsed
    } catch let rejected as RejectedInput {
        return .rejected(rejected.reason)
    } catch {
        return .failed(String(describing: error))
    }
}
