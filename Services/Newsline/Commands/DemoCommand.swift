import ArgumentParser
import Foundation
import Kafka
import Logging
import NewslineModels
import Synchronization

/// `newsline demo`: the whole pipeline on the bundled samples, in one command.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole pipeline on the bundled sample articles and show what came out.",
        discussion: """
            Starts the embedded broker and the four services as separate processes, publishes every sample
            article (the bad ones too, and a 3 MiB one-line article), waits until each is indexed or
            dead-lettered, prints them, runs a sample search, and shuts everything down.
            """)

    @Option(help: "Folder of sample articles; *.expected.json, *.md and *.py files are skipped.")
    var samples = "Tests/Fixtures/samples"

    @Option(name: .customLong("work-directory"), help: "Where the demo keeps its index and service logs.")
    var workDirectory = "var/demo"

    @Option(help: "Seconds to wait for every article to come out.")
    var timeout = 180

    @Option(help: "The query of the sample search.")
    var query = "도쿄"

    func run() async throws {
        let logger = CommandLogging.logger("demo")
        let inputs = try DemoInputs.collect(samples)
        let indexPath = workDirectory + "/index.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: indexPath + suffix) }
        print("Starting the embedded broker and the ingest, parse, enrich and index services…")
        let pipeline = try await LocalPipeline.start(
            partitions: 4, counts: ["ingest": 1, "parse": 1, "enrich": 1, "index": 1], indexPath: indexPath,
            logDirectory: workDirectory + "/logs", httpPort: 0)
        do {
            let outcome = try await publishAndFollow(inputs, pipeline: pipeline, logger: logger)
            print("")
            print(outcome.indexedTable)
            print("")
            print(outcome.deadLetterTable)
            print("")
            print("\(outcome.indexed.count) indexed, \(outcome.deadLetters.count) dead-lettered, \(inputs.count - outcome.accountedFor) missing of \(inputs.count) published")
            for gap in outcome.gaps {
                print("LOST: \(gap)")
            }
            print("")
            print("Sample search: newsline search \(query) --index \(indexPath)")
            try runSearch(indexPath: indexPath)
            print("\nStopping services…")
            await pipeline.stop()
            if outcome.accountedFor < inputs.count {
                print("Not every article came out within \(timeout) s; see \(workDirectory)/logs/.")
                throw ExitCode.failure
            }
            print("Done. Service logs: \(workDirectory)/logs/")
            print("Search page over this index: newsline run --index-path \(indexPath), then http://127.0.0.1:8080/")
        } catch {
            await pipeline.stop()
            throw error
        }
    }

    private func publishAndFollow(_ inputs: [DemoInputs.Input], pipeline: LocalPipeline, logger: Logger) async throws -> PipelineOutcome {
        let follower = try PipelineFollower(configuration: pipeline.configuration, logger: logger)
        let publisher = try RawPublisher(
            configuration: pipeline.configuration, logger: logger, pacer: UnreadBytesPacer(admin: pipeline.admin),
            waiting: { print("  waiting for the pipeline: \($0)") })
        for input in inputs {
            try await publisher.send(input.message, name: input.name)
        }
        await publisher.finish()
        if let failure = publisher.failures.first {
            throw DemoFailure(description: "cannot publish \(failure.name): \(failure.error)")
        }
        print("Published \(inputs.count) raw articles to \(Topics.raw.name); waiting for each to be indexed or dead-lettered…")
        do {
            try await follow(follower, expecting: inputs.count, pipeline: pipeline)
        } catch {
            await follower.stop()
            throw error
        }
        await follower.stop()
        return follower.outcome
    }

    private func follow(_ follower: PipelineFollower, expecting count: Int, pipeline: LocalPipeline) async throws {
        let deadline = ContinuousClock.now + .seconds(timeout)
        var lastReport = ""
        while ContinuousClock.now < deadline {
            let outcome = follower.outcome
            let report = "  \(outcome.indexed.count) indexed, \(outcome.deadLetters.count) dead-lettered of \(count)"
            if report != lastReport {
                print(report)
                fflush(nil)
                lastReport = report
            }
            if outcome.accountedFor >= count { return }
            if let died = pipeline.services.reapDied().first {
                throw DemoFailure(description: died.report)
            }
            try await Task.sleep(for: .milliseconds(250))
        }
    }

    private func runSearch(indexPath: String) throws {
        fflush(nil)
        let search = Process()
        search.executableURL = ServiceProcesses.executableDirectory.appendingPathComponent("newsline")
        search.arguments = ["search", query, "--index", indexPath, "--limit", "3"]
        try search.run()
        search.waitUntilExit()
    }
}

struct DemoFailure: Error, CustomStringConvertible {
    var description: String
}

/// The demo's raw inputs: the sample files plus a generated 3 MiB one-line article.
enum DemoInputs {
    struct Input {
        var name: String
        var message: KafkaProducerMessage
    }

    static func collect(_ folder: String) throws -> [Input] {
        let files = try RawInputCollector.collect([folder]).filter { input in
            !input.name.hasSuffix(".expected.json") && !input.name.hasSuffix(".md") && !input.name.hasSuffix(".py")
        }
        guard !files.isEmpty else { throw ValidationError("no sample articles in \(folder)") }
        var inputs = try files.map { file in
            Input(name: file.name, message: message(name: file.name, bytes: try file.read(), contentType: file.guessedContentType))
        }
        let sentence = Array("시청 앞 광장에서 열린 행사에는 시민 3000여명이 모였다. ".utf8)
        var huge: [UInt8] = []
        while huge.count < 3 * 1024 * 1024 { huge += sentence }
        inputs.append(Input(name: "bad/huge-line.txt", message: message(name: "bad/huge-line.txt", bytes: huge, contentType: "text/plain")))
        return inputs
    }

    private static func message(name: String, bytes: [UInt8], contentType: String) -> KafkaProducerMessage {
        KafkaProducerMessage(
            topic: Topics.raw.name, key: Array(name.utf8), value: bytes,
            headers: [
                KafkaHeader(key: RawArticleHeader.contentType, text: contentType),
                KafkaHeader(key: RawArticleHeader.source, text: "newsline-demo"),
                KafkaHeader(key: RawArticleHeader.sourceURL, text: "https://samples.newsline.example/" + name),
            ])
    }
}
