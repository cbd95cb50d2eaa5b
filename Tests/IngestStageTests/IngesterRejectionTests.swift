import Foundation
import NewslineModels
import Testing
import TestSupport

@testable import IngestStage

/// Inputs ingest must refuse, each with the reason category its dead letter carries.
struct IngesterRejectionTests {
    let ingester = Ingester()

    /// The bad samples ingest itself refuses; chrome-only and no-text pages are refused by parse.
    static let ingestRejections = Fixtures.badSamples.filter { $0.reason != RejectedInput.noArticleContent }

    @Test(arguments: ingestRejections.map(\.name))
    func rejectsBadSample(name: String) throws {
        let reason = Fixtures.badSamples.first { $0.name == name }!.reason
        let raw = RawArticle(bytes: try Fixtures.badBytes(name))
        #expect(reasonOf { try ingester.ingest(raw) } == reason)
    }

    @Test func rejectsHugeArticleBeforeDecodingIt() {
        let raw = RawArticle(bytes: Fixtures.hugeArticle())
        let clock = ContinuousClock()
        var reason: String?
        let elapsed = clock.measure { reason = reasonOf { try ingester.ingest(raw) } }
        #expect(reason == RejectedInput.tooLarge)
        #expect(elapsed < .milliseconds(50))
    }

    @Test func rejectsJustOverTheConfiguredSize() {
        let small = Ingester(maxBytes: 10)
        #expect(reasonOf { try small.ingest(RawArticle(bytes: Array("12345678901".utf8))) } == RejectedInput.tooLarge)
        #expect(reasonOf { try small.ingest(RawArticle(bytes: Array("1234567890".utf8))) } == nil)
    }

    @Test func appliesTheConfiguredJSONDepth() {
        let shallow = Ingester(maxJSONDepth: 3)
        let threeDeep = #"{"title": "t", "body": [["문단"]]}"#
        let fourDeep = #"{"title": "t", "body": [[["문단"]]]}"#
        #expect(reasonOf { try shallow.ingest(RawArticle(bytes: Array(threeDeep.utf8))) } == nil)
        #expect(reasonOf { try shallow.ingest(RawArticle(bytes: Array(fourDeep.utf8))) } == RejectedInput.tooDeep)
    }

    @Test(arguments: [
        #"{"title": "t", "body": "끝나지 않은"#,
        #"{"title": "t"]"#,
        #"{"title": "t", "body": }"#,
        "[1, 2,, 3]",
    ])
    func rejectsMalformedJSON(text: String) {
        #expect(reasonOf { try ingester.ingest(RawArticle(bytes: Array(text.utf8))) } == RejectedInput.malformedJSON)
    }

    @Test(arguments: [
        [UInt8](),
        [0xEF, 0xBB, 0xBF],
        Array(" \t\r\n\u{00A0}\u{3000}".utf8),
        [0xFF, 0xFE, 0x20, 0x00, 0x00, 0x30],
    ])
    func rejectsBlankText(bytes: [UInt8]) {
        #expect(reasonOf { try ingester.ingest(RawArticle(bytes: bytes)) } == RejectedInput.empty)
    }

    @Test func rejectsOddLengthUTF16AndLoneSurrogates() {
        #expect(reasonOf { try ingester.ingest(RawArticle(bytes: [0xFF, 0xFE, 0x41, 0x00, 0x42])) } == RejectedInput.undecodable)
        #expect(reasonOf { try ingester.ingest(RawArticle(bytes: [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00])) } == RejectedInput.undecodable)
    }
}

/// The reason of the RejectedInput `body` throws, nil when it returns; any other error is recorded.
func reasonOf<T>(_ body: () throws -> T) -> String? {
    do {
        _ = try body()
        return nil
    } catch let rejected as RejectedInput {
        return rejected.reason
    } catch {
        Issue.record("unexpected error type: \(error)")
        return "unexpected"
    }
}
