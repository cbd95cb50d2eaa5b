import Foundation

/// The Python checks under `Tests/WebChecks` and the programs they need, found on this machine.
enum WebCheckTools {
    /// The repository root, from this file's place in it.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func script(_ name: String) -> String {
        repository.appendingPathComponent("Tests/WebChecks/\(name)").path
    }

    /// Whether `python3` can import every module named.
    static func pythonHas(_ modules: [String]) -> Bool {
        (try? run("/usr/bin/env", ["python3", "-c", "import " + modules.joined(separator: ", ")]).status) == 0
    }

    static let hasOpenAPIValidators = pythonHas(["yaml", "openapi_schema_validator", "openapi_spec_validator"])

    static let hasBrowser =
        FileManager.default.isExecutableFile(atPath: chromedriver) && FileManager.default.isExecutableFile(atPath: chromium)
        && pythonHas(["selenium"])

    static let chromedriver = ProcessInfo.processInfo.environment["NEWSLINE_CHROMEDRIVER"] ?? "/usr/bin/chromedriver"
    static let chromium = ProcessInfo.processInfo.environment["NEWSLINE_CHROMIUM"] ?? "/usr/bin/chromium"

    /// `run` off the Swift concurrency pool, whose few threads serve the pages the program asks for.
    static func runDetached(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try run(executable, arguments) })
            }
        }
    }

    /// Runs a program to its end and returns its status and its output and error streams together.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        // Read before waiting: a child that fills the pipe would otherwise never exit.
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
