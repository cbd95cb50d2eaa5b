import NewslineModels

/// Quote-speaker accuracy of extracted quotes against hand annotations.
///
/// Each annotated quote of speech is matched, in order, to the first extracted quote not yet matched whose
/// text is the annotated one (`exact`) or starts with it; quotes compare with whitespace runs collapsed,
/// curly marks as straight ones and trailing `.`/`,` dropped. Its speaker is right when the annotation
/// names none and the extractor gives none, or when the extractor's speaker contains the annotated string
/// (`김태수` in `김태수`, `관계자` in `IOK컴퍼니 관계자`). A quote that is not extracted counts as wrong.
public struct QuoteScore: Sendable, Equatable {
    /// Annotated quotes of speech.
    public var quotes = 0
    /// Of those, the ones found among the extracted quotes.
    public var found = 0
    /// Of those, the ones whose speaker is right.
    public var right = 0
    /// Annotated quotes whose text names a speaker, and how many of them are right.
    public var named = 0
    public var namedRight = 0
    /// Annotated quotes whose text names no speaker, and how many came out without one.
    public var unnamed = 0
    public var unnamedRight = 0
    /// Annotated quotes of speech in single marks (`'…'고 말했다`), and how many are right: by the golden
    /// convention single-quoted passages are not extracted, so these count as not extracted.
    public var singleQuoted = 0
    public var singleQuotedRight = 0
    /// Annotated terms and titles, and how many of them came out as quotes.
    public var terms = 0
    public var termsExtracted = 0
    /// One line per wrong quote: `key: expected → extracted`.
    public var errors: [String] = []

    public init() {}

    /// Right speakers over annotated quotes of speech.
    public var accuracy: Double { quotes == 0 ? 0 : Double(right) / Double(quotes) }

    /// One annotated quote: the text to match and the speaker expected.
    public struct Gold: Sendable {
        public var key: String
        public var text: String
        public var exact: Bool
        public var speech: Bool
        public var speaker: String?
        public var singleQuoted: Bool

        public init(key: String, text: String, exact: Bool, speech: Bool, speaker: String?, singleQuoted: Bool = false) {
            self.key = key
            self.text = text
            self.exact = exact
            self.speech = speech
            self.speaker = speaker
            self.singleQuoted = singleQuoted
        }
    }

    /// Scores the annotated quotes of one text against the quotes extracted from it.
    public mutating func add(gold: [Gold], extracted: [Quote]) {
        let texts = extracted.map { Self.normalized($0.text) }
        var used = Set<Int>()
        for quote in gold {
            let wanted = Self.normalized(quote.text)
            let index = texts.indices.first { i in
                !used.contains(i) && (quote.exact ? texts[i] == wanted : texts[i].hasPrefix(wanted))
            }
            if let index { used.insert(index) }
            guard quote.speech else {
                terms += 1
                if index != nil { termsExtracted += 1 }
                continue
            }
            quotes += 1
            if quote.speaker == nil { unnamed += 1 } else { named += 1 }
            if quote.singleQuoted { singleQuoted += 1 }
            guard let index else {
                errors.append("\(quote.key): \(quote.speaker ?? "no speaker") → quote not extracted: \(quote.text.prefix(40))")
                continue
            }
            found += 1
            let speaker = extracted[index].speaker
            let isRight: Bool
            if let expected = quote.speaker {
                isRight = speaker.map { Self.normalized($0).contains(Self.normalized(expected)) } ?? false
            } else {
                isRight = speaker == nil
            }
            guard isRight else {
                errors.append("\(quote.key): \(quote.speaker ?? "no speaker") → \(speaker ?? "no speaker"): \(quote.text.prefix(40))")
                continue
            }
            right += 1
            if quote.speaker == nil { unnamedRight += 1 } else { namedRight += 1 }
            if quote.singleQuoted { singleQuotedRight += 1 }
        }
    }

    public static func + (a: QuoteScore, b: QuoteScore) -> QuoteScore {
        var sum = a
        sum.quotes += b.quotes
        sum.found += b.found
        sum.right += b.right
        sum.named += b.named
        sum.namedRight += b.namedRight
        sum.unnamed += b.unnamed
        sum.unnamedRight += b.unnamedRight
        sum.singleQuoted += b.singleQuoted
        sum.singleQuotedRight += b.singleQuotedRight
        sum.terms += b.terms
        sum.termsExtracted += b.termsExtracted
        sum.errors += b.errors
        return sum
    }

    /// `speakers right 40/53 (75.5 %), …` on one line.
    public var line: String {
        let percent = ScorePercent.text
        var text = "speakers right \(right)/\(quotes) (\(percent(right, quotes))); quotes found \(found)/\(quotes); "
            + "named speaker right \(namedRight)/\(named); no speaker in text right \(unnamedRight)/\(unnamed)"
        if singleQuoted > 0 {
            let double = quotes - singleQuoted, doubleRight = right - singleQuotedRight
            text += "; in double marks right \(doubleRight)/\(double) (\(percent(doubleRight, double))), in single marks "
                + "right \(singleQuotedRight)/\(singleQuoted)"
        }
        if terms > 0 { text += "; terms taken for quotes \(termsExtracted)/\(terms)" }
        return text
    }

    static func normalized(_ text: String) -> String {
        var scalars: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            let mapped: Unicode.Scalar
            switch scalar {
            case "\u{2018}", "\u{2019}": mapped = "'"
            case "\u{201C}", "\u{201D}": mapped = "\""
            default: mapped = scalar.properties.isWhitespace ? " " : scalar
            }
            if mapped == " ", scalars.last == " " || scalars.isEmpty { continue }
            scalars.append(mapped)
        }
        while let last = scalars.last, last == " " || last == "." || last == "," { scalars.removeLast() }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }
}
