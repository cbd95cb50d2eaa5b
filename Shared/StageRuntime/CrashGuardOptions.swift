import ArgumentParser
import Foundation

/// Where a service keeps its crash-guard file and how many deaths condemn an input.
public struct CrashGuardOptions: ParsableArguments {
    @Option(
        name: .customLong("state-directory"),
        help: "Folder for the crash-guard file (env NEWSLINE_STATE_DIRECTORY; default var/state).")
    public var stateDirectory: String?

    @Option(
        name: .customLong("crash-limit"),
        help: "Deaths of the process on one input before it is dead-lettered as crashed-stage; 0 turns the guard off (env NEWSLINE_CRASH_LIMIT; default 2).")
    public var crashLimit: Int?

    public init() {}

    public func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        stateDirectory ?? environment["NEWSLINE_STATE_DIRECTORY"] ?? "var/state"
    }

    public func limit(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Int {
        if let crashLimit {
            guard crashLimit >= 0 else { throw ValidationError("--crash-limit must be 0 or more, not \(crashLimit)") }
            return crashLimit
        }
        guard let text = environment["NEWSLINE_CRASH_LIMIT"] else { return CrashGuard.defaultCrashLimit }
        guard let value = Int(text), value >= 0 else {
            throw ValidationError("NEWSLINE_CRASH_LIMIT must be a whole number, 0 or more, not '\(text)'")
        }
        return value
    }

    /// Opens the guard of a consumer group.
    public func open(group: String) throws -> CrashGuard {
        try CrashGuard.open(directory: directory(), group: group, crashLimit: limit())
    }
}
