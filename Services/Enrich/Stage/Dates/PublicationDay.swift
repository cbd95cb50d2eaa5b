import NewslineModels

/// The paper's local day that an article's relative dates (`15일`, `어제`, `지난주 금요일`) resolve against.
///
/// A timestamp with `Z` or an offset is an instant; a paper dates its articles in its own time zone, so
/// the instant is converted to that zone before its day is taken. `2024-05-20T15:10:00Z` from a Korean
/// paper is 2024-05-21 00:10 in Seoul, and `어제` in it is 20 May. A Korean paper's zone is Korea Standard
/// Time, UTC+9 all year (Korea has kept no daylight saving time since 1988). For a paper whose zone is not
/// known, the timestamp's own offset is taken as the publisher's: its day is the one written (for `Z`, the
/// UTC day, the best that is known). A timestamp without an offset (`2024-05-21T00:10:00`) is the
/// publisher's wall-clock time, so its day is the one written; so is a printed date (`publishedDate`).
/// docs/EVALUATION.md states the same rule.
enum PublicationDay {
    /// Korea Standard Time's offset from UTC, in minutes.
    static let koreaOffsetMinutes = 9 * 60

    /// The day for `article`: from `publishedAt` when it parses, else from `publishedDate`, else nil.
    /// `inKorea` says the paper publishes on Korean time (a Korean article, or a `.kr` address).
    static func day(of article: ArticleParsed, inKorea: Bool) -> CivilDate? {
        if let timestamp = article.publishedAt, let day = day(timestamp: timestamp, inKorea: inKorea) { return day }
        return article.publishedDate.flatMap(CivilDate.init)
    }

    /// Whether the paper publishes on Korean time: its text is Korean, it declares Korean, or its address is
    /// under `.kr`.
    static func isKorean(_ article: ArticleParsed, language: String) -> Bool {
        if language == "ko" || article.declaredLanguage?.lowercased().hasPrefix("ko") == true { return true }
        return [article.canonicalURL, article.sourceURL].contains { url in url.flatMap(host)?.hasSuffix(".kr") == true }
    }

    /// The paper's day of an ISO 8601 timestamp `YYYY-MM-DDThh:mm[:ss[.fff]][Z|±hh[:]mm|±hh]`.
    static func day(timestamp: String, inKorea: Bool) -> CivilDate? {
        let s = Array(timestamp.unicodeScalars.prefix(64))
        guard s.count >= 16, let date = CivilDate(String(String.UnicodeScalarView(s[0..<10]))),
            s[10] == "T" || s[10] == " ", let hour = digits(s, 11, 2), s[13] == ":", let minute = digits(s, 14, 2), hour < 24, minute < 60
        else { return nil }
        var i = 16
        if i < s.count, s[i] == ":" {
            guard digits(s, i + 1, 2) != nil else { return nil }
            i += 3
            if i < s.count, s[i] == "." || s[i] == "," {
                i += 1
                while i < s.count, s[i].value >= 48, s[i].value <= 57 { i += 1 }
            }
        }
        guard i < s.count else { return date }  // no offset: the publisher's wall clock
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
            return date
        }
        guard inKorea else { return date }
        let minutes = date.dayNumber * 1440 + hour * 60 + minute - offset + koreaOffsetMinutes
        return CivilDate(dayNumber: minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440)
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
