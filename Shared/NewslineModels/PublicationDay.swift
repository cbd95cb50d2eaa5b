/// The paper's local day of an article's publication, shared by parse (`publishedDate`) and enrich (the
/// day relative dates such as `15일`, `어제`, `지난주 금요일` resolve against).
///
/// A timestamp with `Z` or an offset is an instant; a paper dates its articles in its own time zone, so
/// the instant is converted to that zone before its day is taken. `2024-05-20T15:10:00Z` from a Korean
/// paper is 2024-05-21 00:10 in Seoul, and `어제` in it is 20 May. A Korean paper's zone is Korea Standard
/// Time, UTC+9 all year (Korea has kept no daylight saving time since 1988). For a paper whose zone is not
/// known, the timestamp's own offset is taken as the publisher's: its day is the one written (for `Z`, the
/// UTC day, the best that is known). A timestamp without an offset (`2024-05-21T00:10:00`) is the
/// publisher's wall-clock time, so its day is the one written; so is a printed date (`publishedDate`).
/// docs/EVALUATION.md states the same rule.
public enum PublicationDay {
    /// Korea Standard Time's offset from UTC, in minutes.
    public static let koreaOffsetMinutes = 9 * 60

    /// The day `YYYY-MM-DD` for `article`: from `publishedAt` when it parses, else its `publishedDate`.
    /// `inKorea` says the paper publishes on Korean time (a Korean article, or a `.kr` address).
    public static func day(of article: ArticleParsed, inKorea: Bool) -> String? {
        if let timestamp = article.publishedAt, let day = day(timestamp: timestamp, inKorea: inKorea) { return day }
        return article.publishedDate
    }

    /// Whether the paper publishes on Korean time: its text is Korean (`language`, when known), it declares
    /// Korean, or its address is under `.kr`.
    public static func isKorean(_ article: ArticleParsed, language: String?) -> Bool {
        isKorean(language: language, declaredLanguage: article.declaredLanguage,
                 urls: [article.canonicalURL, article.sourceURL])
    }

    /// The same test on the fields before an `ArticleParsed` exists.
    public static func isKorean(language: String?, declaredLanguage: String?, urls: [String?]) -> Bool {
        if language == "ko" || declaredLanguage?.lowercased().hasPrefix("ko") == true { return true }
        return urls.contains { url in url.flatMap(host)?.hasSuffix(".kr") == true }
    }

    /// The paper's day `YYYY-MM-DD` of an ISO 8601 timestamp `YYYY-MM-DDThh:mm[:ss[.fff]][Z|±hh[:]mm|±hh]`.
    public static func day(timestamp: String, inKorea: Bool) -> String? {
        let s = Array(timestamp.unicodeScalars.prefix(64))
        guard s.count >= 16, let year = digits(s, 0, 4), s[4] == "-", let month = digits(s, 5, 2), s[7] == "-",
            let day = digits(s, 8, 2), (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
            s[10] == "T" || s[10] == " ", let hour = digits(s, 11, 2), s[13] == ":", let minute = digits(s, 14, 2),
            hour < 24, minute < 60
        else { return nil }
        let written = dayString(year: year, month: month, day: day)
        var i = 16
        if i < s.count, s[i] == ":" {
            guard digits(s, i + 1, 2) != nil else { return nil }
            i += 3
            if i < s.count, s[i] == "." || s[i] == "," {
                i += 1
                while i < s.count, s[i].value >= 48, s[i].value <= 57 { i += 1 }
            }
        }
        guard i < s.count else { return written }  // no offset: the publisher's wall clock
        let offset: Int
        if s[i] == "Z" || s[i] == "z" {
            offset = 0
        } else if s[i] == "+" || s[i] == "-" {
            guard let h = digits(s, i + 1, 2) else { return nil }
            var m = 0
            if let minutes = digits(s, i + 3, 2) {
                m = minutes
            } else if i + 3 < s.count, s[i + 3] == ":", let minutes = digits(s, i + 4, 2) {
                m = minutes
            }
            offset = (s[i] == "-" ? -1 : 1) * (h * 60 + m)
        } else {
            return written
        }
        guard inKorea else { return written }
        let minutes = hour * 60 + minute - offset + koreaOffsetMinutes
        let shift = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440
        return shifted(year: year, month: month, day: day, by: shift)
    }

    /// Days in `month` of `year` in the proleptic Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The day `shift` days (−2…2: an offset is at most a day) from the given one, as `YYYY-MM-DD`.
    private static func shifted(year: Int, month: Int, day: Int, by shift: Int) -> String {
        var (y, m, d) = (year, month, day + shift)
        while d < 1 {
            m -= 1
            if m < 1 { (y, m) = (y - 1, 12) }
            d += daysIn(month: m, year: y)
        }
        while d > daysIn(month: m, year: y) {
            d -= daysIn(month: m, year: y)
            m += 1
            if m > 12 { (y, m) = (y + 1, 1) }
        }
        return dayString(year: y, month: m, day: d)
    }

    private static func dayString(year: Int, month: Int, day: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    private static func digits(_ s: [Unicode.Scalar], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= s.count else { return nil }
        var value = 0
        for scalar in s[start..<(start + count)] {
            guard scalar.value >= 48, scalar.value <= 57 else { return nil }
            value = value * 10 + Int(scalar.value - 48)
        }
        return value
    }

    /// The host of an absolute `http(s)://` address, lowercased.
    private static func host(_ url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != ":" && $0 != "?" && $0 != "#" }
        return host.isEmpty ? nil : host.lowercased()
    }
}
