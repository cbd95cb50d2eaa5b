import NewslineModels

/// A publication date read from a timestamp or a printed date.
///
/// The day is the one written: `2024-05-21T00:10:00+09:00` is `2024-05-21` even though it is still 20 May in
/// UTC. `ArticleParser` then takes the paper's day of a timestamp by `PublicationDay` (a Korean paper's
/// `2024-05-20T15:10:00Z` is 21 May in Seoul).
struct PublicationDate: Equatable {
    /// `YYYY-MM-DD`.
    var day: String
    /// The full ISO 8601 timestamp when the text is one, else nil.
    var timestamp: String?

    /// Finds the first `YYYY-MM-DD`, `YYYY.MM.DD`, `YYYY/MM/DD` or `YYYY년 M월 D일` in the text.
    init?(_ text: String) {
        let scalars = Array(text.unicodeScalars.prefix(200))
        var index = 0
        while index + 4 <= scalars.count {
            if let found = Self.date(in: scalars, at: index) {
                day = found.day
                let trimmed = TextCleanup.trimmed(text) ?? ""
                timestamp = index == 0 && found.end < scalars.count && scalars[found.end] == "T" ? trimmed : nil
                return
            }
            index += 1
        }
        return nil
    }

    private static func date(in scalars: [Unicode.Scalar], at start: Int) -> (day: String, end: Int)? {
        if start > 0, isDigit(scalars[start - 1]) { return nil }
        guard let (year, afterYear) = number(in: scalars, at: start, maxDigits: 4), afterYear - start == 4,
            (1900...2199).contains(year)
        else { return nil }
        guard let afterFirstSeparator = separator(in: scalars, at: afterYear),
            let (month, afterMonth) = number(in: scalars, at: afterFirstSeparator, maxDigits: 2),
            let afterSecondSeparator = separator(in: scalars, at: afterMonth),
            let (day, afterDay) = number(in: scalars, at: afterSecondSeparator, maxDigits: 2),
            afterDay >= scalars.count || !isDigit(scalars[afterDay]),
            (1...12).contains(month), (1...PublicationDay.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        let text = "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        return (text, afterDay)
    }

    private static func number(in scalars: [Unicode.Scalar], at start: Int, maxDigits: Int) -> (Int, Int)? {
        var value = 0
        var index = start
        while index < scalars.count, index - start < maxDigits, isDigit(scalars[index]) {
            value = value * 10 + Int(scalars[index].value - 48)
            index += 1
        }
        return index > start ? (value, index) : nil
    }

    /// Skips one of `-`, `.`, `/`, `년`, `월` and the spaces around it.
    private static func separator(in scalars: [Unicode.Scalar], at start: Int) -> Int? {
        var index = start
        while index < scalars.count, scalars[index] == " " { index += 1 }
        guard index < scalars.count, ["-", ".", "/", "년", "월"].contains(scalars[index]) else { return nil }
        index += 1
        while index < scalars.count, scalars[index] == " " { index += 1 }
        return index
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 48 && scalar.value <= 57
    }
}
