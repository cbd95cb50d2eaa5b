import Foundation
import IngestStage
import NewslineModels
import ParseStage
import Testing

/// The snippet metric on a handmade case, and the regression check over the shared real pages.
struct HTMLEvaluationTests {
    @Test func snippetScoreCountsLikeTheEvaluationReadme() {
        var score = SnippetScore()
        let page = EvalPage(url: "u", file: "f", with: ["night  buses\nrun", "not there"], without: ["Home", "Copyright"])
        let result = score.add(text: "The night buses run late.\nHome page", page: page)
        #expect(result.missed == ["not there"] && result.found == ["Home"])
        score.add(text: nil, page: EvalPage(url: "v", file: "g", with: ["a"], without: ["b"]))
        #expect(score.truePositives == 1 && score.falseNegatives == 2 && score.falsePositives == 1)
        #expect(score.precision == 0.5)
        #expect(abs(score.recall - 1.0 / 3) < 1e-9)
        #expect(abs(score.f1 - 2.0 / 5) < 1e-9)
    }

    /// F1 on the shared evaluation pages below which the extractor has regressed: the F1 measured at the
    /// last change (0.952, docs/EVALUATION.md) less 0.004.
    static let minimumF1 = 0.948

    @Test(.timeLimit(.minutes(10)))
    func realPagesKeepTheirScore() throws {
        guard let (pages, directory, cleanup) = try Self.sharedPages() else {
            print("HTMLEvaluationTests: skipped, no shared/eval/html-pages beside the repository (see docs/EVALUATION.md)")
            return
        }
        defer { cleanup() }
        let report = try HTMLEvaluation(ingest: Ingester().ingest).run(pages: pages, directory: directory)
        print(String(format: "HTML evaluation: precision %.3f recall %.3f F1 %.3f, %d of %d pages rejected",
                     report.score.precision, report.score.recall, report.score.f1, report.rejected.count, pages.count))
        #expect(report.score.f1 >= Self.minimumF1)
    }

    /// The evaluation pages and their folder: already unpacked beside the data, or unpacked from
    /// `pages.tgz` into a temporary folder (the shared folder is read-only). Nil when absent.
    static func sharedPages() throws -> (pages: [EvalPage], directory: URL, cleanup: () -> Void)? {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates = [
            ProcessInfo.processInfo.environment["NEWSLINE_EVAL_DIR"].map { URL(fileURLWithPath: $0) },
            repository.deletingLastPathComponent().appendingPathComponent("shared/eval"),
            URL(fileURLWithPath: "/work/shared/eval"),
        ].compactMap { $0 }
        let manager = FileManager.default
        guard let eval = candidates.first(where: {
            manager.fileExists(atPath: $0.appendingPathComponent("html-pages/evaldata.json").path)
        }) else { return nil }
        let folder = eval.appendingPathComponent("html-pages")
        let pages = try EvalPage.load(evaldata: folder.appendingPathComponent("evaldata.json"))
        let unpacked = folder.appendingPathComponent("eval")
        if manager.fileExists(atPath: unpacked.path) { return (pages, unpacked, {}) }
        let archive = folder.appendingPathComponent("pages.tgz")
        guard manager.fileExists(atPath: archive.path) else { return nil }
        let temporary = manager.temporaryDirectory.appendingPathComponent("newsline-eval-\(UUID().uuidString)")
        try manager.createDirectory(at: temporary, withIntermediateDirectories: true)
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "-xzf", archive.path, "-C", temporary.path]
        try tar.run()
        tar.waitUntilExit()
        guard tar.terminationStatus == 0 else {
            try? manager.removeItem(at: temporary)
            return nil
        }
        return (pages, temporary.appendingPathComponent("eval"), { try? manager.removeItem(at: temporary) })
    }
}
