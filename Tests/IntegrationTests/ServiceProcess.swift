import Foundation

/// A Newsline service executable started as a child process of the test, as in production.
final class ServiceProcess {
    let process = Process()
    let logURL: URL

    /// The folder holding the built executables: the test bundle is built beside them.
    static var binDirectory: URL {
        if let override = ProcessInfo.processInfo.environment["NEWSLINE_BIN_DIR"] {
            return URL(fileURLWithPath: override)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    init(_ executable: String, brokers: String, instance: String, environment extra: [String: String] = [:]) throws {
        process.executableURL = Self.binDirectory.appendingPathComponent(executable)
        var environment = ProcessInfo.processInfo.environment
        environment["KAFKA_BROKERS"] = brokers
        environment["NEWSLINE_INSTANCE"] = instance
        environment["KAFKA_PROP_session.timeout.ms"] = "6000"
        // Several services run side by side: no operations port unless a test asks for one.
        environment["NEWSLINE_OPERATIONS_PORT"] = "0"
        // Crash-guard records name offsets of one broker's topics: every test broker gets its own folder.
        environment["NEWSLINE_STATE_DIRECTORY"] = FileManager.default.temporaryDirectory
            .appendingPathComponent("newsline-state-" + brokers.replacingOccurrences(of: ":", with: "-")).path
        environment.merge(extra) { $1 }
        process.environment = environment
        logURL = FileManager.default.temporaryDirectory.appendingPathComponent("newsline-test-\(instance)-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    /// SIGKILL: no shutdown, no flush, no commit.
    func crash() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM and wait for the graceful shutdown.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    var log: String {
        (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
