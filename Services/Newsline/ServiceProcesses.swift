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
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return executable.deletingLastPathComponent()
    }

    /// Starts `count` instances of a service (`ingest`, `parse`, `enrich`, `index`).
    func start(_ service: String, count: Int, arguments: [String] = []) throws {
        let executable = binDirectory.appendingPathComponent("newsline-\(service)")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw MissingExecutable(path: executable.path)
        }
        for number in 1...max(count, 1) where count > 0 {
            let name = "\(service)-\(number)"
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            var environment = self.environment
            environment["NEWSLINE_INSTANCE"] = name
            process.environment = environment
            let logURL = logDirectory.appendingPathComponent("\(name).log")
            FileManager.default.createFile(atPath: logURL.path, contents: nil)
            let log = try FileHandle(forWritingTo: logURL)
            process.standardOutput = log
            process.standardError = log
            try process.run()
            running.append(Running(name: name, process: process))
        }
    }

    /// Services that exited on their own, with their exit status.
    var exited: [(name: String, status: Int32)] {
        running.filter { !$0.process.isRunning }.map { ($0.name, $0.process.terminationStatus) }
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
