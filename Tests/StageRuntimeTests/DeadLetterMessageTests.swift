import Foundation
import Kafka
import NewslineModels
import Testing

@testable import StageRuntime

@Suite struct DeadLetterMessageTests {
    @Test func keepsTheOriginalAndNamesTheReason() {
        let original = KafkaConsumerMessage(
            topic: "articles.raw", partition: 3, offset: 42, key: Array("k".utf8), value: [0xff, 0x00],
            headers: [KafkaHeader(key: "source", text: "wire")], timestampMilliseconds: 1_700_000_000_000)
        let letter = DeadLetterMessage.make(
            for: original, stage: "ingest", error: RejectedInput(RejectedInput.undecodable, "not UTF-8 or CP949"),
            now: Date(timeIntervalSince1970: 0))
        #expect(letter.topic == Topics.deadletter.name)
        #expect(letter.key == original.key)
        #expect(letter.value == original.value)
        #expect(letter.headers.text(for: "source") == "wire")
        #expect(letter.headers.text(for: DeadLetterHeader.stage) == "ingest")
        #expect(letter.headers.text(for: DeadLetterHeader.errorClass) == "undecodable")
        #expect(letter.headers.text(for: DeadLetterHeader.errorMessage) == "not UTF-8 or CP949")
        #expect(letter.headers.text(for: DeadLetterHeader.originalTopic) == "articles.raw")
        #expect(letter.headers.text(for: DeadLetterHeader.originalPartition) == "3")
        #expect(letter.headers.text(for: DeadLetterHeader.originalOffset) == "42")
        #expect(letter.headers.text(for: DeadLetterHeader.originalTimestamp) == "1700000000000")
        #expect(letter.headers.text(for: DeadLetterHeader.time) == "1970-01-01T00:00:00.000Z")
    }

    @Test func classifiesDecodingErrors() {
        #expect(DeadLetterMessage.describe(EventDecodingError.unsupportedVersion(type: "article.parsed", version: 9)).reason == "unsupported-version")
        #expect(DeadLetterMessage.describe(EventDecodingError.malformed("article.parsed", "x")).reason == "malformed-event")
    }

    struct Doubler: Stage {
        struct Event: ArticleEvent {
            static let eventType = "test.doubled"
            var articleId: String
        }
        var name: String { "double" }
        var inputTopic: String { "in" }
        var outputTopic: Topic<Event> { Topic("out") }
        func decode(_ message: KafkaConsumerMessage) throws -> String {
            guard let text = String(validating: message.value, as: UTF8.self) else {
                throw RejectedInput(RejectedInput.undecodable, "not text")
            }
            return text
        }
        func process(_ input: String) throws -> [Event] {
            [Event(articleId: input + "-a"), Event(articleId: input + "-b")]
        }
    }

    @Test func perMessageStageKeepsOrderAndRejectsSingleInputs() async {
        let messages = [Array("x".utf8), [0xff], Array("y".utf8)].enumerated().map { index, value in
            KafkaConsumerMessage(topic: "in", partition: 0, offset: Int64(index), key: nil, value: value, headers: [], timestampMilliseconds: nil)
        }
        let outcomes = await PerMessageStage(Doubler()).process(messages)
        #expect(outcomes.count == 3)
        guard case .produced(let first) = outcomes[0].result, case .rejected = outcomes[1].result,
            case .produced(let third) = outcomes[2].result
        else {
            Issue.record("unexpected outcomes")
            return
        }
        #expect(first.map(\.articleId) == ["x-a", "x-b"])
        #expect(third.map(\.articleId) == ["y-a", "y-b"])
    }
}
