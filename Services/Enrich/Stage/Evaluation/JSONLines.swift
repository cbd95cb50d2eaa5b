import Foundation

/// Decodes one JSON value a line; blank lines are skipped.
enum JSONLines {
    static func decode<T: Decodable>(_ type: T.Type, from url: URL) throws -> [T] {
        let data = try Data(contentsOf: url)
        let decoder = JSONDecoder()
        var values: [T] = []
        for line in data.split(separator: UInt8(ascii: "\n")) where line.contains(where: { $0 > 0x20 }) {
            values.append(try decoder.decode(T.self, from: Data(line)))
        }
        return values
    }
}
