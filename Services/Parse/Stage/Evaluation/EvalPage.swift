import Foundation

/// One page of an HTML evaluation set: its file and the snippets its article text must and must not hold.
public struct EvalPage: Sendable, Equatable {
    public var url: String
    public var file: String
    public var with: [String]
    public var without: [String]

    public init(url: String, file: String, with: [String], without: [String]) {
        self.url = url
        self.file = file
        self.with = with
        self.without = without
    }

    /// Reads an `evaldata.json` (`url → {file, with[], without[]}`), sorted by URL for a stable order.
    public static func load(evaldata url: URL) throws -> [EvalPage] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        guard let entries = object as? [String: Any] else { throw EvalDataError(url: url) }
        return try entries.keys.sorted().map { key in
            guard let entry = entries[key] as? [String: Any], let file = entry["file"] as? String else {
                throw EvalDataError(url: url)
            }
            return EvalPage(
                url: key, file: file, with: entry["with"] as? [String] ?? [], without: entry["without"] as? [String] ?? [])
        }
    }
}

/// The evaluation data file is not in the `url → {file, with, without}` shape.
public struct EvalDataError: Error, CustomStringConvertible {
    public var url: URL
    public var description: String { "\(url.path) is not an evaldata file (url → {file, with[], without[]})" }
}
