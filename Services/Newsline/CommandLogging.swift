import Foundation
import Logging

/// Logging for the `newsline` commands: warnings and errors on standard error unless `LOG_LEVEL` says otherwise.
enum CommandLogging {
    static func logger(_ command: String) -> Logger {
        bootstrap
        var logger = Logger(label: "newsline.\(command)")
        logger[metadataKey: "command"] = .string(command)
        return logger
    }

    private static let bootstrap: Void = {
        let level = Logger.Level(rawValue: ProcessInfo.processInfo.environment["LOG_LEVEL"]?.lowercased() ?? "") ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }()
}

enum FileHandleOutput {
    /// Makes printed lines visible at once when standard output is a pipe.
    static func flushStandardOutput() {
        _ = fflush(nil)
    }
}
