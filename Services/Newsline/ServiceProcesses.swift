import Foundation
import Logging

/// The pipeline's service executables, started as separate processes and stopped together.
///
/// Each process logs to `<logDirectory>/<name>.log`. Stopping sends SIGTERM (the services shut
/// down gracefully: finish in-flight work, flush, commit, leave the group), then SIGKILL after a grace period.
final class ServiceProcesses {
    struct Running {
        var name: String
        var service: String
        var arguments: [String]
        var process: Process
        /// Stopped on purpose (or already reported as died).
        var stopped = false
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
        // Several instances share this machine: no operations port each, unless asked for.
        environment["NEWSLINE_OPERATIONS_PORT"] = environment["NEWSLINE_OPERATIONS_PORT"] ?? "0"
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
        running.append(Running(name: name, service: service, arguments: arguments, process: process))
    }

    /// Sends a signal to a running instance; with SIGKILL or SIGTERM, waits until it has exited.
    ///
    /// An instance stopped this way is not reported by `reapDied()`: the caller meant it.
    func signal(_ name: String, _ signal: Int32) {
        for (index, service) in running.enumerated() where service.name == name && service.process.isRunning {
            if signal == SIGKILL || signal == SIGTERM { running[index].stopped = true }
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

    /// Instances that died without being asked to (any exit, signals included), each reported once.
    func reapDied() -> [DiedService] {
        var died: [DiedService] = []
        for index in running.indices where !running[index].process.isRunning && !running[index].stopped {
            running[index].stopped = true
            let process = running[index].process
            let name = running[index].name
            let logURL = logDirectory.appendingPathComponent("\(name).log")
            died.append(
                DiedService(
                    name: name, service: running[index].service, arguments: running[index].arguments,
                    reason: process.terminationReason == .uncaughtSignal
                        ? "killed by signal \(process.terminationStatus)" + (Self.signalNames[process.terminationStatus].map { " (\($0))" } ?? "")
                        : "exited with status \(process.terminationStatus)",
                    logPath: logURL.path, logTail: LogTail.lines(of: logURL, count: 8)))
        }
        return died
    }

    /// Starts again an instance that died, under its name and arguments.
    func restart(_ died: DiedService) throws {
        try startInstance(died.service, name: died.name, arguments: died.arguments)
    }

    private static let signalNames: [Int32: String] = [
        SIGABRT: "SIGABRT", SIGSEGV: "SIGSEGV", SIGKILL: "SIGKILL", SIGILL: "SIGILL", SIGBUS: "SIGBUS",
        SIGTRAP: "SIGTRAP", SIGTERM: "SIGTERM", SIGINT: "SIGINT", SIGFPE: "SIGFPE",
    ]

    /// Stops every process: SIGTERM, then SIGKILL for those still running after `grace`.
    func stopAll(grace: Duration = .seconds(20)) async {
        for index in running.indices where running[index].process.isRunning {
            running[index].stopped = true
            running[index].process.terminate()
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

/// A service instance that died on its own: which, how, and the end of its log.
struct DiedService {
    var name: String
    var service: String
    var arguments: [String]
    var reason: String
    var logPath: String
    var logTail: [String]

    /// `service enrich-1 killed by signal 4 (SIGILL); the end of var/logs/enrich-1.log:` and the lines.
    var report: String {
        (["service \(name) \(reason); the end of \(logPath):"] + logTail.map { "  | " + $0 }).joined(separator: "\n")
    }
}

/// The last lines of a log file, read from its end.
enum LogTail {
    static func lines(of url: URL, count: Int, maxBytes: Int = 16 * 1024) -> [String] {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return [] }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > UInt64(maxBytes) ? size - UInt64(maxBytes) : 0)
        let data = (try? handle.readToEnd()) ?? Data()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map { String($0.prefix(300)) }
        return Array(lines.suffix(count))
    }
}

struct MissingExecutable: Error, CustomStringConvertible {
    var path: String
    var description: String { "missing \(path); build the package first (swift build)" }
}
