import Foundation

/// One hand-annotated quote and its speaker (`Tests/Fixtures/annotations/`), the gold of `newsline eval quotes`.
///
/// A KLUE annotation names its sentence by `id` and the quoted text by scalar offsets `start..<end`; a page
/// annotation names its page file and the quote's first words. The text itself is never stored with it.
public struct QuoteAnnotation: Codable, Sendable, Equatable {
    /// The KLUE sentence id.
    public var id: String?
    public var start: Int?
    public var end: Int?
    /// The page file, for quotes of saved pages.
    public var page: String?
    /// The first words of the quoted text, for quotes of saved pages.
    public var quote: String?
    /// False for a quoted term or title that must not come out as speech; absent means true.
    public var speech: Bool?
    /// The shortest string naming the speaker; nil when the text names none.
    public var speaker: String?

    public init(id: String? = nil, start: Int? = nil, end: Int? = nil, page: String? = nil, quote: String? = nil,
                speech: Bool? = nil, speaker: String?)
    {
        self.id = id
        self.start = start
        self.end = end
        self.page = page
        self.quote = quote
        self.speech = speech
        self.speaker = speaker
    }

    public var isSpeech: Bool { speech ?? true }

    /// Reads a JSONL file, one annotation a line; blank lines are skipped.
    public static func load(from url: URL) throws -> [QuoteAnnotation] {
        try JSONLines.decode(QuoteAnnotation.self, from: url)
    }
}
