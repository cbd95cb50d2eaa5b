import Foundation

/// Reads the stage's bundled resource files.
enum ResourceFile {
    /// The URL of `Resources/NAME`.
    static func url(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources") else {
            throw EnricherError.missingResource(name)
        }
        return url
    }

    /// The non-empty lines of a text resource, without `#` comment lines, split on tabs.
    static func rows(_ name: String) throws -> [[String]] {
        let text = try String(contentsOf: url(name), encoding: .utf8)
        var rows: [[String]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            rows.append(trimmed.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        return rows
    }

    /// The first column of every row of a text resource.
    static func words(_ name: String) throws -> [String] {
        try rows(name).compactMap { $0.first }
    }
}

/// Why the enricher could not start.
public enum EnricherError: Error, CustomStringConvertible {
    case missingResource(String)
    case malformedResource(String)

    public var description: String {
        switch self {
        case .missingResource(let name): return "enrich resource missing: \(name)"
        case .malformedResource(let name): return "enrich resource malformed: \(name)"
        }
    }
}
