import Foundation
import Logging

/// The pipeline's service executables, started as separate processes and stopped together.
///
/// Each process logs to `<logDirectory>/<name>.log`. Stopping sends SIGTERM (the services shut
/// down gracefully: finish in-flight work, flush, commit, leave the group), then SIGKILL after a grace period.
final class ServiceProcesses {
    struct Running {
        var name: String
        var process: Process
    }

    private(set) var running: [Running] = []
    private let binDirectory: URL
    private let logDirectory: URL
    private let environment: [String: String]

    init(brokers: String, logDirectory: URL, extraEnvironment: [String: String] = [:]) throws {
        binDirectory = Self.executableDirectory
        self.logDirectory = logDirectory
        try FileManager.default.createDirectory(at: logDirectory, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["KAFKA_BROKERS"] = brokers
        environment.merge(extraEnvironment) { $1 }
        self.environment = environment
    }

    /// The folder holding `newsline` and the service executables built beside it.
    static var executableDirectory: URL {
        // The link names the file even after a rebuild replaced it, with " (deleted)" appended.
        var path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        if path.hasSuffix(" (deleted)") { path.removeLast(" (deleted)".count) }
        return URL(fileURLWithPath: path).deletingLastPathComponent()
    }

    /// Starts `count` instances of a service (`ingest`, `parse`, `enrich`, `index`), named `<service>-<n>`.
    func start(_ service: String, count: Int, arguments: [String] = []) throws {
        let existing = running.filter { $0.name.hasPrefix(service + "-") }.count
        for number in stride(from: existing + 1, through: existing + count, by: 1) {
            try startInstance(service, name: "\(service)-\(number)", arguments: arguments)
        }
    }

    /// Starts one instance under a given name; its log is appended to `<name>.log`.
    func startInstance(_ service: String, name: String, arguments: [String] = []) throws {
        let executable = binDirectory.appendingPathComponent("newsline-\(service)")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw MissingExecutable(path: executable.path)
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = self.environment
        environment["NEWSLINE_INSTANCE"] = name
        process.environment = environment
        let logURL = logDirectory.appendingPathComponent("\(name).log")
        if !FileManager.default.fileExists(atPath: logURL.path) {
            FileManager.default.createFile(atPath: logURL.path, contents: nil)
        }
        let log = try FileHandle(forWritingTo: logURL)
        log.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        running.removeAll { $0.name == name && !$0.process.isRunning }
        running.append(Running(name: name, process: process))
    }

    /// Sends a signal to a running instance; with SIGKILL or SIGTERM, waits until it has exited.
    func signal(_ name: String, _ signal: Int32) {
        for service in running where service.name == name && service.process.isRunning {
            kill(service.process.processIdentifier, signal)
            if signal == SIGKILL || signal == SIGTERM {
                service.process.waitUntilExit()
            }
        }
    }

    /// The process id of a running instance.
    func processIdentifier(_ name: String) -> Int32? {
        running.first { $0.name == name && $0.process.isRunning }?.process.processIdentifier
    }

    /// Services that exited on their own, with their exit status.
    var exited: [(name: String, status: Int32)] {
        running.filter { !$0.process.isRunning && $0.process.terminationReason == .exit && $0.process.terminationStatus != 0 }
            .map { ($0.name, $0.process.terminationStatus) }
    }

    /// Stops every process: SIGTERM, then SIGKILL for those still running after `grace`.
    func stopAll(grace: Duration = .seconds(20)) async {
        for service in running where service.process.isRunning {
            service.process.terminate()
        }
        let deadline = ContinuousClock.now + grace
        while running.contains(where: { $0.process.isRunning }), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(100))
        }
        for service in running where service.process.isRunning {
            kill(service.process.processIdentifier, SIGKILL)
        }
        for service in running {
            service.process.waitUntilExit()
        }
    }
}

struct MissingExecutable: Error, CustomStringConvertible {
    var path: String
    var description: String { "missing \(path); build the package first (swift build)" }
}
