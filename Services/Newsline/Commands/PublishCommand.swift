import ArgumentParser
import Foundation
import Kafka
import NewslineModels
import StageRuntime

/// `newsline publish PATH…`: raw article files to `articles.raw`.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish raw article files (or stdin with -) to articles.raw.",
        discussion: """
            Folders are read recursively; hidden files are skipped. Each file becomes one message with a
            content-type header guessed from its extension (or --content-type), a source header and, with
            --source-url or --source-url-base, a source-url header (the article's identity).
            """)

    @Argument(help: "Files or folders to publish; - reads one article from standard input.")
    var paths: [String]

    @Option(help: "Topic to publish to.")
    var topic = Topics.raw.name

    @Option(help: "The source header (a feed or archive name).")
    var source = "newsline-publish"

    @Option(name: .customLong("source-url"), help: "The source-url header; only with a single input.")
    var sourceURL: String?

    @Option(name: .customLong("source-url-base"), help: "Prefix for a source-url made from each file's relative path.")
    var sourceURLBase: String?

    @Option(name: .customLong("content-type"), help: "The content-type header for every input, instead of guessing.")
    var contentType: String?

    @Option(
        name: .customLong("max-unread-bytes"),
        help: """
            Wait while any partition of the pipeline's topics holds more unread bytes than this (0: never wait). \
            Default: 1 MiB on the embedded broker, which drops a partition's oldest data past about 5 MiB; 0 on Kafka.
            """)
    var maxUnreadBytes: Int?

    @OptionGroup var kafka: ServiceOptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file, folder or -") }
        if sourceURL != nil, sourceURLBase != nil { throw ValidationError("use --source-url or --source-url-base, not both") }
        if let maxUnreadBytes, maxUnreadBytes < 0 { throw ValidationError("--max-unread-bytes cannot be negative") }
    }

    func run() async throws {
        let logger = CommandLogging.logger("publish")
        let inputs = try RawInputCollector.collect(paths)
        if sourceURL != nil, inputs.count != 1 {
            throw ValidationError("--source-url names one article, but \(inputs.count) inputs were given")
        }
        let configuration = try ClusterConnection.configuration(kafka)
        let budget = maxUnreadBytes ?? (ClusterConnection.embeddedBrokerAddress(kafka) != nil ? UnreadBytesPacer.defaultBudget : 0)
        let pacer = budget > 0 ? UnreadBytesPacer(admin: try KafkaAdmin(configuration: configuration, logger: logger), budget: budget) : nil
        let progress = ProgressReporter(total: inputs.count, totalBytes: inputs.reduce(0) { $0 + $1.size })
        let publisher = try RawPublisher(
            configuration: configuration, logger: logger, pacer: pacer,
            delivered: { _, _, bytes in progress.advance(bytes: bytes) },
            waiting: { fullest in progress.note("waiting for the pipeline: \(fullest)") })
        var unreadable = 0
        for input in inputs {
            let bytes: [UInt8]
            do {
                bytes = try input.read()
            } catch {
                unreadable += 1
                progress.report(failure: "\(input.name): \(error)")
                continue
            }
            let message = KafkaProducerMessage(topic: topic, key: Array(input.name.utf8), value: bytes, headers: headers(for: input))
            try await publisher.send(message, name: input.name)
        }
        await publisher.finish()
        for failure in publisher.failures {
            progress.report(failure: "\(failure.name): \(failure.error)")
        }
        progress.finish()
        let failed = unreadable + publisher.failures.count
        print(
            "published \(publisher.published), failed \(failed), \(ByteCount.format(publisher.publishedBytes)), "
                + String(format: "%.2f s", progress.elapsedSeconds)
                + (publisher.waited > .seconds(1) ? String(format: " (%.1f s waiting for the pipeline)", publisher.waited.seconds) : ""))
        if failed > 0 { throw ExitCode(1) }
    }

    private func headers(for input: RawInput) -> [KafkaHeader] {
        var headers = [
            KafkaHeader(key: RawArticleHeader.contentType, text: contentType ?? input.guessedContentType),
            KafkaHeader(key: RawArticleHeader.source, text: source),
        ]
        if let url = sourceURL ?? sourceURLBase.map({ $0 + input.name }) {
            headers.append(KafkaHeader(key: RawArticleHeader.sourceURL, text: url))
        }
        return headers
    }
}

/// One input to publish: a file, or standard input.
struct RawInput {
    /// The path relative to the folder given, or the file name; `-` for stdin.
    var name: String
    var url: URL?
    var size: Int

    func read() throws -> [UInt8] {
        guard let url else { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        return Array(try Data(contentsOf: url))
    }

    var guessedContentType: String {
        switch (name as NSString).pathExtension.lowercased() {
        case "html", "htm": "text/html"
        case "json": "application/json"
        case "txt", "text": "text/plain"
        default: "application/octet-stream"
        }
    }
}

enum RawInputCollector {
    static func collect(_ paths: [String]) throws -> [RawInput] {
        let manager = FileManager.default
        var inputs: [RawInput] = []
        for path in paths {
            if path == "-" {
                inputs.append(RawInput(name: "-", url: nil, size: 0))
                continue
            }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ValidationError("\(path): no such file or folder")
            }
            let root = URL(fileURLWithPath: path)
            if !isDirectory.boolValue {
                inputs.append(RawInput(name: root.lastPathComponent, url: root, size: fileSize(root)))
                continue
            }
            let files = (manager.enumerator(atPath: path)?.allObjects as? [String] ?? []).sorted()
            for relative in files where !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                let url = root.appendingPathComponent(relative)
                var nestedDirectory: ObjCBool = false
                guard manager.fileExists(atPath: url.path, isDirectory: &nestedDirectory), !nestedDirectory.boolValue else { continue }
                inputs.append(RawInput(name: relative, url: url, size: fileSize(url)))
            }
        }
        return inputs
    }

    private static func fileSize(_ url: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}

enum ByteCount {
    static func format(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return String(format: "%.1f MiB", Double(bytes) / Double(1 << 20)) }
        if bytes >= 1 << 10 { return String(format: "%.1f KiB", Double(bytes) / Double(1 << 10)) }
        return "\(bytes) B"
    }
}
