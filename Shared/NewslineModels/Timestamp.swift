import Foundation

/// ISO 8601 timestamps in UTC with milliseconds, as every event writes them.
public enum Timestamp {
    public static func format(_ date: Date) -> String {
        date.formatted(withFractions)
    }

    /// Accepts timestamps with or without fractional seconds.
    public static func parse(_ text: String) -> Date? {
        (try? withFractions.parse(text)) ?? (try? plain.parse(text))
    }

    private static let withFractions = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let plain = Date.ISO8601FormatStyle()
}
