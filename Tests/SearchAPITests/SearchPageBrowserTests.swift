import Foundation
import Hummingbird
import HummingbirdTesting
import IndexStage
import Testing
import TestSupport

@testable import SearchAPI

/// The search page in headless Chromium over the sample index, served on loopback by the router the
/// index service mounts: `Tests/WebChecks/browse_search_page.py` (Selenium, which starts chromedriver)
/// types 도쿄, clicks a section facet, opens an article and its entities, tries an injected script, and
/// writes a screenshot of each step to `var/search-page-screenshots/`.
@Suite final class SearchPageBrowserTests {
    /// Where the screenshots go; kept after the run so CI can keep them as artifacts.
    static let screenshots = WebCheckTools.repository.appendingPathComponent("var/search-page-screenshots")

    @Test(.enabled(
        if: WebCheckTools.hasBrowser,
        "needs chromium, chromium-driver and python3 with selenium (scripts/install-dependencies)"))
    func aReaderSearchesNarrowsAndOpensAnArticle() async throws {
        let storage = try SampleIndex.build()
        defer { storage.remove() }
        // The reference article of a search for 도쿄: the sample about OpenAI's office in Tokyo.
        let golden = try Fixtures.sample("archive/openai-tokyo").expectedObject()
        let reference = try #require(golden["title"] as? String)
        try? FileManager.default.removeItem(at: Self.screenshots)
        let app = Application(router: makeSearchRouter(index: storage.index))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let result = try await WebCheckTools.runDetached(
                "/usr/bin/env",
                [
                    "python3", WebCheckTools.script("browse_search_page.py"), "--base-url", "http://localhost:\(port)",
                    "--screenshots", Self.screenshots.path, "--expect-first", reference,
                    "--chromedriver", WebCheckTools.chromedriver, "--chromium", WebCheckTools.chromium,
                ])
            #expect(result.status == 0, "\(result.output)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.screenshots.path).filter { $0.hasSuffix(".png") }
        #expect(files.count >= 7, "\(files.sorted())")
    }
}
