import Foundation

/// One hand-annotated date expression of a KLUE sentence (`Tests/Fixtures/annotations/klue-dates.jsonl`),
/// the gold of `newsline eval dates`: where it is, the publication day assumed, and the day it denotes.
public struct DateAnnotation: Codable, Sendable, Equatable {
    /// The KLUE sentence id.
    public var id: String
    /// Scalar offsets of the expression, end exclusive.
    public var start: Int
    public var end: Int
    /// The expression as printed, to check the offsets against the text.
    public var text: String
    /// The publication day assumed, `YYYY-MM-DD`.
    public var reference: String
    /// The day denoted, `YYYY-MM-DD`; nil when the expression names no single day (a year, a duration).
    public var date: String?

    public init(id: String, start: Int, end: Int, text: String, reference: String, date: String?) {
        self.id = id
        self.start = start
        self.end = end
        self.text = text
        self.reference = reference
        self.date = date
    }

    /// Reads a JSONL file, one annotation a line; blank lines are skipped.
    public static func load(from url: URL) throws -> [DateAnnotation] {
        try JSONLines.decode(DateAnnotation.self, from: url)
    }
}
