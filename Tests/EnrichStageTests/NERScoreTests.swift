import EnrichStage
import Foundation
import Testing

/// The metric itself, on a handmade file whose answer is worked out by hand.
struct NERScoreTests {
    static let file = """
        {"id": "s1", "text": "김철수 대표가 서울에 왔다.", "entities": [{"start": 0, "end": 3, "label": "PS", "text": "김철수"}, {"start": 8, "end": 10, "label": "LC", "text": "서울"}]}

        {"id": "s2", "text": "삼성전자는 3일 발표했다.", "entities": [{"start": 0, "end": 4, "label": "OG", "text": "삼성전자"}, {"start": 6, "end": 8, "label": "DT", "text": "3일"}]}
        """

    func examples() throws -> [NERExample] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ner-score-\(UUID().uuidString).jsonl")
        try Self.file.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try NERExample.load(from: url)
    }

    @Test func loadsJSONLWithCharacterOffsets() throws {
        let examples = try examples()
        #expect(examples.count == 2)
        #expect(examples[0].entities[1] == NERSpan(start: 8, end: 10, label: "LC", text: "서울"))
        let scalars = Array(examples[0].text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[8..<10])) == "서울")
    }

    @Test func scoresExactSpansPerLabelAndMicro() throws {
        let examples = try examples()
        let predicted: [[NERSpan]] = [
            // PS right; LC with a wrong end (a miss and a false alarm); an extra OG.
            [
                NERSpan(start: 0, end: 3, label: "PS", text: "김철수"),
                NERSpan(start: 8, end: 11, label: "LC", text: "서울에"),
                NERSpan(start: 4, end: 6, label: "OG", text: "대표"),
            ],
            // OG right; a DT prediction is ignored like the DT gold.
            [NERSpan(start: 0, end: 4, label: "OG", text: "삼성전자"), NERSpan(start: 6, end: 8, label: "DT", text: "3일")],
        ]
        let score = NERScore(gold: examples.map(\.entities), predicted: predicted)
        let ps = try #require(score.byLabel["PS"])
        let og = try #require(score.byLabel["OG"])
        let lc = try #require(score.byLabel["LC"])
        #expect((ps.truePositives, ps.falsePositives, ps.falseNegatives) == (1, 0, 0))
        #expect((og.truePositives, og.falsePositives, og.falseNegatives) == (1, 1, 0))
        #expect((lc.truePositives, lc.falsePositives, lc.falseNegatives) == (0, 1, 1))
        #expect(og.precision == 0.5)
        #expect(og.recall == 1)
        #expect(abs(og.f1 - 2.0 / 3.0) < 1e-12)
        #expect(lc.f1 == 0)
        let micro = score.micro
        #expect((micro.truePositives, micro.falsePositives, micro.falseNegatives) == (2, 2, 1))
        #expect(micro.precision == 0.5)
        #expect(abs(micro.recall - 2.0 / 3.0) < 1e-12)
        #expect(abs(micro.f1 - 4.0 / 7.0) < 1e-12)
    }

    @Test func perfectAndEmptyPredictions() throws {
        let examples = try examples()
        let gold = examples.map(\.entities)
        #expect(NERScore(gold: gold, predicted: gold).micro.f1 == 1)
        let none = NERScore(gold: gold, predicted: [[], []])
        #expect(none.micro.precision == 0)
        #expect(none.micro.recall == 0)
        #expect(none.micro.gold == 3)
    }

    @Test func splitIsFixedByIdHash() {
        // FNV-1a 64 of the UTF-8 id, modulo 100; values checked against an independent implementation.
        #expect(NERSplit.bucket(of: "a") == 96)
        #expect(NERSplit.bucket(of: "klue-ner-v1_dev_00000-wikitree") == 36)
        #expect(NERSplit.heldOut.contains("뉴스"))
        for id in ["x1", "x2", "뉴스", "klue-1"] {
            #expect(NERSplit.heldOut.contains(id) != NERSplit.tuning.contains(id))
            #expect(NERSplit.tuning.contains(id) == (NERSplit.tuningTrain.contains(id) || NERSplit.tuningDev.contains(id)))
        }
    }
}
