import Foundation
import IngestStage
import NewslineModels
import ParseStage
import Testing
import TestSupport

/// Ten thousand deterministic mutations of the samples: each must end as an event or a RejectedInput.
struct FuzzTests {
    static let iterations = 10_000

    @Test(.timeLimit(.minutes(3)))
    func mutatedSamplesEndAsEventsOrRejections() throws {
        var seeds = try Fixtures.goodSamples.map { try $0.bytes() }
        seeds += try Fixtures.badSamples.map { try Fixtures.badBytes($0.name) }
        var random = SplitMix64(seed: 20_240_403)
        var outcomes: [String: Int] = [:]
        for iteration in 0..<Self.iterations {
            let input = Mutation.allCases[iteration % Mutation.allCases.count].apply(to: seeds, using: &random)
            switch pipelineEvent(RawArticle(bytes: input, contentType: random.next() % 7 == 0 ? "text/html" : nil)) {
            case .failure(let description):
                Issue.record("iteration \(iteration): \(description)")
            case .success(let parsed?):
                outcomes["parsed", default: 0] += 1
                checkInvariants(parsed, iteration: iteration)
            case .success(nil):
                outcomes["rejected", default: 0] += 1
            }
        }
        // Both outcomes must occur, or the mutations are not exercising the stages.
        #expect(outcomes["parsed", default: 0] > Self.iterations / 10)
        #expect(outcomes["rejected", default: 0] > Self.iterations / 20)
    }

    private func checkInvariants(_ parsed: ArticleParsed, iteration: Int) {
        #expect(parsed.bodyCharCount == parsed.paragraphs.reduce(0) { $0 + $1.count }, "iteration \(iteration)")
        #expect((0...1).contains(parsed.quality.score), "iteration \(iteration)")
        for paragraph in parsed.paragraphs {
            let scalars = paragraph.unicodeScalars
            #expect(!paragraph.isEmpty && !scalars.first!.properties.isWhitespace && !scalars.last!.properties.isWhitespace,
                    "iteration \(iteration)")
        }
    }

    /// The parsed event, nil for a RejectedInput, or a failure for any other error.
    private func pipelineEvent(_ raw: RawArticle) -> Result<ArticleParsed?, FuzzFailure> {
        do {
            return .success(try ArticleParser().parse(try Ingester().ingest(raw)))
        } catch is RejectedInput {
            return .success(nil)
        } catch {
            return .failure(FuzzFailure(description: "unexpected error \(type(of: error)): \(error)"))
        }
    }
}

struct FuzzFailure: Error {
    var description: String
}

/// The ways an input is damaged or disguised.
enum Mutation: CaseIterable {
    case bitFlips, truncation, insertion, encodingMix, concatenation, deepJSON, scriptedHTML, deepHTML, controlBytes, hugeLine

    func apply(to seeds: [[UInt8]], using random: inout SplitMix64) -> [UInt8] {
        var bytes = seeds[random.below(seeds.count)]
        switch self {
        case .bitFlips:
            for _ in 0..<(1 + random.below(8)) where !bytes.isEmpty {
                bytes[random.below(bytes.count)] ^= UInt8(1) << UInt8(random.below(8))
            }
        case .truncation:
            bytes = Array(bytes.prefix(random.below(bytes.count + 1)))
        case .insertion:
            for _ in 0..<(1 + random.below(4)) {
                let chunk = (0..<(1 + random.below(16))).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                bytes.insert(contentsOf: chunk, at: random.below(bytes.count + 1))
            }
        case .encodingMix:
            let other = seeds[random.below(seeds.count)]
            let start = random.below(other.count + 1)
            let piece = other[start..<min(other.count, start + random.below(400))]
            bytes.insert(contentsOf: piece, at: random.below(bytes.count + 1))
        case .concatenation:
            bytes += seeds[random.below(seeds.count)]
        case .deepJSON:
            let depth = 1 + random.below(300)
            let open = String(repeating: random.below(2) == 0 ? "[" : "{\"a\":", count: depth)
            var text = "{\"title\": \"중첩\", \"body\": \(open)\"문단\""
            if random.below(4) != 0 {
                text += String(repeating: open.hasPrefix("[") ? "]" : "}", count: depth) + "}"
            }
            bytes = Array(text.utf8)
        case .scriptedHTML:
            let text = String(decoding: bytes, as: UTF8.self)
            let cut = text.index(text.startIndex, offsetBy: random.below(min(text.count, 2000) + 1))
            let html = "<html><head><script>var x = \"</p><p>가짜\";</script><title>제목 | 사이트</title></head><body>"
                + "<p>\(text[..<cut])</p><script>document.write('<p>광고</p>')</script><style>p{}</style><p>\(text[cut...])"
            bytes = Array(html.utf8)
        case .deepHTML:
            let depth = random.below(3000)
            let html = "<html><body>" + String(repeating: "<div><p>", count: depth) + "본문이다."
                + String(repeating: "</p></div>", count: random.below(depth + 1))
            bytes = Array(html.utf8)
        case .hugeLine:
            // One line of up to ~200 KB, so parse and its scans see a paragraph far longer than any sample.
            let line = bytes.filter { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
            if !line.isEmpty {
                bytes = Array(repeating: line, count: 1 + random.below(200_000 / line.count + 1)).flatMap { $0 }
            }
        case .controlBytes:
            for _ in 0..<(1 + random.below(20)) {
                bytes.insert(UInt8(random.below(32)), at: random.below(bytes.count + 1))
            }
        }
        return bytes
    }
}

/// Real-page shapes at full size: each parses or is rejected, within a generous bound that only a
/// quadratic blow-up or a hang would cross (speed itself is measured in docs/BENCHMARKS.md).
struct PageShapeFuzzTests {
    /// Generous on purpose: debug builds on a loaded two-core machine; release parses each in well under 1 s.
    static let boundPerPage: Duration = .seconds(20)

    @Test(.timeLimit(.minutes(10)), arguments: WorstCasePages.all.map(\.name))
    func fullSizeShapeParsesWithinBound(name: String) throws {
        let bytes = WorstCasePages.all.first { $0.name == name }!.bytes
        let started = ContinuousClock.now
        let outcome = pipelineOutcome(RawArticle(bytes: bytes))
        let elapsed = ContinuousClock.now - started
        #expect(outcome != .failed(""), "\(name)")
        if case .failed(let message) = outcome { Issue.record("\(name): \(message)") }
        #expect(elapsed < Self.boundPerPage, "\(name) took \(elapsed)")
    }

    @Test func budgetsCutAndWarn() throws {
        let title = String(repeating: "t", count: 200_000)
        let parsed = try ArticleParser().parse(try Ingester().ingest(RawArticle(
            bytes: Array("<html><head><title>\(title)</title></head><body><p>Body text of the article.</p></body></html>".utf8))))
        #expect(parsed.title?.count == 1_000)
        #expect(parsed.quality.warnings.contains("title-length-budget"))

        let json = try ArticleParser().parse(try Ingester().ingest(RawArticle(bytes: WorstCasePages.jsonArticle())))
        #expect(json.paragraphs.count == 5_000)
        #expect(json.quality.warnings.contains("paragraph-budget"))
    }

    @Test(.timeLimit(.minutes(5)))
    func randomPageShapesEndAsEventsOrRejections() {
        var random = SplitMix64(seed: 20_241_201)
        let pieces = [
            "<div>", "</div>", "<p>", "</p>", "<table><tr><td>", "</td></tr></table>", "<br>", "<a href=\"/x\">", "</a>",
            "<section class=\"related\">", "</section>", "<nav>", "</nav>", "<article>", "</article>", "<ul><li>", "</li></ul>",
            "<span class=\"byline\">", "</span>", "<h2>", "</h2>", "The council voted, again, to extend night buses. ",
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"articleBody\":\"x\"}</script>", "&amp;",
            "<div style=\"display:none\">", "<header>", "</header>", "<amp-img src=x></amp-img>", "한국어 본문이다. ",
        ]
        for iteration in 0..<300 {
            var html = "<html><head><title>Page \(iteration) | Site</title></head><body>"
            for _ in 0..<(1 + random.below(3_000)) { html += pieces[random.below(pieces.count)] }
            let outcome = pipelineOutcome(RawArticle(bytes: Array(html.utf8)))
            if case .failed(let message) = outcome { Issue.record("iteration \(iteration): \(message)") }
        }
    }
}
