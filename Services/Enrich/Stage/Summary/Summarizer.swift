/// The summary: the lead sentences of the body, one to three of them, as printed.
///
/// News is written lead first, so the opening sentences are the article's own summary.
enum Summarizer {
    static let maxSentences = 3
    static let targetLength = 280
    /// A "sentence" longer than this (a run-on or unpunctuated blob) is cut at a space.
    static let maxSentenceLength = 400

    static func summary(of paragraphs: [ScannedText]) -> [String] {
        var result: [String] = []
        var length = 0
        for paragraph in paragraphs {
            for sentence in sentences(paragraph) {
                if !result.isEmpty, length + sentence.count > targetLength { return result }
                result.append(sentence)
                length += sentence.count
                if result.count == maxSentences { return result }
            }
        }
        return result
    }

    /// Sentences end at `.`, `?` or `!` followed by a space or the end, outside double quotes.
    static func sentences(_ text: ScannedText) -> [String] {
        var result: [String] = []
        let s = text.scalars
        var start = 0
        var inQuote = false
        var i = 0
        while i < s.count, result.count < maxSentences {
            let c = s[i]
            if c == "\"" { inQuote.toggle() }
            if c == "\u{201C}" { inQuote = true }
            if c == "\u{201D}" { inQuote = false }
            let ends = !inQuote && (c == "." || c == "?" || c == "!") && (i + 1 == s.count || text.classes[i + 1] == .space)
            if ends || i - start >= maxSentenceLength {
                var end = i + 1
                if !ends {
                    // Cut an over-long run at its last space.
                    var cut = i
                    while cut > start, text.classes[cut] != .space { cut -= 1 }
                    end = cut > start ? cut : i + 1
                }
                appendTrimmed(text, start, end, to: &result)
                start = end
                i = end
                continue
            }
            i += 1
        }
        if result.count < maxSentences { appendTrimmed(text, start, s.count, to: &result) }
        return result
    }

    private static func appendTrimmed(_ text: ScannedText, _ start: Int, _ end: Int, to result: inout [String]) {
        var a = start, b = min(end, text.count)
        while a < b, text.classes[a] == .space { a += 1 }
        while b > a, text.classes[b - 1] == .space { b -= 1 }
        if b > a { result.append(text.string(a, b)) }
    }
}
