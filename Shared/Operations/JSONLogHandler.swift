import Foundation
import Logging
import Synchronization

/// A log handler that writes one JSON object a line to standard error: `time`, `level`,
/// `service`, `instance`, `message`, `metadata`, `trace_id`, for log collectors that parse lines.
///
/// `service` and `instance` are lifted out of the metadata (every service logger carries them),
/// as are the current span's `trace_id` and `span_id` from the metadata provider, so a log search
/// can join lines with traces. Lines are written whole under one lock, never interleaved.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    private let label: String
    private let output: JSONLogOutput

    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil, output: JSONLogOutput = .standardError) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Keys written at the top level of the line rather than under `metadata`.
    static let topLevelKeys = ["service", "instance", "trace_id", "span_id"]

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let explicit = event.metadata { merged.merge(explicit) { $1 } }
        var line: [String: Any] = [
            "time": Self.timestamp(Date()),
            "level": event.level.rawValue,
            "message": event.message.description,
            "logger": label,
        ]
        for key in Self.topLevelKeys {
            if let value = merged.removeValue(forKey: key) { line[key] = Self.json(value) }
        }
        if !merged.isEmpty { line["metadata"] = merged.mapValues(Self.json) }
        guard var data = try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return }
        data.append(0x0A)
        output.write(data)
    }

    static func json(_ value: Logger.MetadataValue) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(json)
        case .dictionary(let values): values.mapValues(json)
        }
    }

    /// RFC 3339 in UTC with milliseconds, as log collectors parse it.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().timeZone(separator: .omitted).time(includingFractionalSeconds: true))
    }
}

/// Where JSON log lines go: standard error, or a buffer for tests.
public final class JSONLogOutput: Sendable {
    private let lock = Mutex<[Data]?>(nil)
    private let toStandardError: Bool

    private init(toStandardError: Bool) {
        self.toStandardError = toStandardError
        if !toStandardError { lock.withLock { $0 = [] } }
    }

    public static let standardError = JSONLogOutput(toStandardError: true)

    /// Keeps the lines in memory; read them with `lines`.
    public static func buffer() -> JSONLogOutput { JSONLogOutput(toStandardError: false) }

    func write(_ data: Data) {
        lock.withLock { buffer in
            if toStandardError {
                FileHandle.standardError.write(data)
            } else {
                buffer?.append(data)
            }
        }
    }

    /// The lines written so far (buffers only).
    public var lines: [String] {
        lock.withLock { $0 ?? [] }.map { String(decoding: $0.dropLast(), as: UTF8.self) }
    }
}
