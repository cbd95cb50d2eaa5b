import Foundation
import NewslineModels
import StagePipeline
import Testing

/// Replays every input the fuzzer kept in Fuzz/Regressions through ingest, parse and enrich.
struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/Regressions")

    static let inputs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    /// Catches a hang or a quadratic stall (fuzzing gives each input 10 s in a release build);
    /// speed itself is measured in benchmarks.
    static let timeBound = Duration.seconds(60)

    static let pipeline = Result { try StagePipeline() }

    @Test(arguments: inputs)
    func passesOrIsRejectedInTime(name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        let pipeline = try Self.pipeline.get()
        var outcome: StagePipeline.Outcome?
        let elapsed = try ContinuousClock().measure { outcome = try pipeline.run(bytes) }
        #expect(outcome != nil)
        #expect(elapsed < Self.timeBound, "\(name) took \(elapsed)")
    }

    @Test func takesTheContentTypeLine() {
        let raw = StagePipeline.raw(Array("content-type:text/html; charset=koi8-r\n<p>x".utf8))
        #expect(raw.contentType == "text/html; charset=koi8-r")
        #expect(raw.bytes == Array("<p>x".utf8))
        #expect(StagePipeline.raw(Array("<p>x".utf8)).contentType == nil)
    }
}
