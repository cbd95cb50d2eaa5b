import NewslineModels

/// Day-precise date expressions and the day each resolves to, given the paper's date.
///
/// Korean: `15일`, `지난달 15일`, `이달 15일`, `다음 달 1일`, `지난 8일`, `오는 20일`, `8월 25일`,
/// `오는 2월 16일`, `2024년 3월 5일`. English: weekday names (the latest such day before the paper's
/// date) and `Sept. 20`. Month-, quarter- and year-only expressions have no day and are not matched;
/// durations (`16일째`, `16일 연속`, `(16일)`) are skipped.
struct DateExtractor {
    let lexicon: Lexicon

    private static let durationWords: Set<String> = ["연속", "동안", "만에", "만", "이상", "이내", "간", "안팎", "넘게", "가량", "째",
        "이른", "늦은", "빠른", "일찍", "늦게", "앞당겨", "전", "뒤", "후"]
    /// `주 4일`, `하루 8시간`: a count per period, not a date.
    private static let periodWords: Set<String> = ["주", "매주", "월", "매달", "연"]
    private static let monthOffsets: [(words: [String], offset: Int)] = [
        (["지난달"], -1), (["이달"], 0), (["다음", "달"], 1), (["다음달"], 1), (["내달"], 1),
    ]
    private static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    private static let months: [String: Int] = [
        "Jan.": 1, "January": 1, "Feb.": 2, "February": 2, "March": 3, "Mar.": 3, "April": 4, "Apr.": 4, "May": 5,
        "June": 6, "July": 7, "Aug.": 8, "August": 8, "Sept.": 9, "Sep.": 9, "September": 9, "Oct.": 10,
        "October": 10, "Nov.": 11, "November": 11, "Dec.": 12, "December": 12,
    ]

    /// The distinct date mentions, at most `limit` of them, and whether more were left out.
    func dates(in units: [ScannedText], published: CivilDate, limit: Int = EnrichBudget.dates)
        -> (dates: [DateMention], truncated: Bool)
    {
        var result: [DateMention] = []
        var seen: Set<DateMention> = []
        for unit in units {
            for mention in korean(unit, published) + english(unit, published) where seen.insert(mention).inserted {
                guard result.count < limit else { return (result, true) }
                result.append(mention)
            }
        }
        return (result, false)
    }

    // MARK: Korean

    private func korean(_ text: ScannedText, _ published: CivilDate) -> [DateMention] {
        var found: [(Int, DateMention)] = []
        let s = text.scalars
        var i = 0
        while i < s.count {
            guard text.isWordStart(i), text.classes[i] == .digit else {
                i += 1
                continue
            }
            let wordEnd = text.wordEnd[i]
            defer { i = wordEnd }
            var j = i
            while j < wordEnd, text.classes[j] == .digit { j += 1 }
            guard j < wordEnd, j - i <= 2, s[j] == "일", let day = Int(text.string(i, j)), (1...31).contains(day) else {
                continue
            }
            // Whatever follows `일` in the word must be a particle: `1일부터` yes, `16일째`, `4일제` no.
            guard lexicon.isParticle(s[(j + 1)..<wordEnd]) else { continue }
            if i > 0, s[i - 1] == "(", wordEnd < s.count, s[wordEnd] == ")" { continue }
            if let next = text.nextWordStart(after: i), next == wordEnd + 1,
                DateExtractor.durationWords.contains(
                    text.string(next, lexicon.stemEnd(text, start: next, end: text.wordEnd[next])))
            {
                continue
            }
            if let previous = precedingWord(text, i), DateExtractor.periodWords.contains(text.string(previous, i - 1)) {
                continue
            }
            var start = i
            var month: Int?
            var year: Int?
            // `8월 15일`, `2024년 8월 15일`
            if let previous = precedingWord(text, start), let m = number(text, previous, unit: "월"), (1...12).contains(m) {
                month = m
                start = previous
                if let before = precedingWord(text, start), let y = number(text, before, unit: "년"), y >= 1900 {
                    year = y
                    start = before
                }
            }
            var date: CivilDate?
            var qualifier: String?
            if let previous = precedingWord(text, start) {
                qualifier = text.string(previous, text.wordEnd[previous])
            }
            if let y = year, let m = month {
                date = CivilDate(year: y, month: 1, day: 1).dayInMonth(offset: m - 1, day: day)
            } else if let m = month {
                date = CivilDate(year: published.year, month: 1, day: 1).dayInMonth(offset: m - 1, day: day)
                if let d = date, qualifier == "지난", d > published { date = d.dayInMonth(offset: -12, day: day) }
                if let d = date, qualifier == "오는", d < published { date = d.dayInMonth(offset: 12, day: day) }
                if qualifier == "지난" || qualifier == "오는" { start = precedingWord(text, start)! }
            } else {
                var offset = 0
                var matched = false
                for (words, monthOffset) in DateExtractor.monthOffsets {
                    if let first = precedingWords(text, start, words) {
                        offset = monthOffset
                        start = first
                        matched = true
                        break
                    }
                }
                if !matched, qualifier == "지난" || qualifier == "오는" {
                    if qualifier == "지난" { offset = day <= published.day ? 0 : -1 }
                    if qualifier == "오는" { offset = day >= published.day ? 0 : 1 }
                    start = precedingWord(text, start)!
                }
                date = published.dayInMonth(offset: offset, day: day)
            }
            if let date { found.append((start, DateMention(text: text.string(start, j + 1), date: date.string))) }
        }
        return found.map(\.1)
    }

    /// The word right before `start`, separated from it by exactly one space.
    private func precedingWord(_ text: ScannedText, _ start: Int) -> Int? {
        guard start >= 2, text.scalars[start - 1] == " ", text.classes[start - 2].isWordPart else { return nil }
        return text.wordStart[start - 2]
    }

    /// The start of `words` printed right before `start`, one space apart.
    private func precedingWords(_ text: ScannedText, _ start: Int, _ words: [String]) -> Int? {
        var position = start
        for word in words.reversed() {
            guard let previous = precedingWord(text, position), text.string(previous, text.wordEnd[previous]) == word
            else { return nil }
            position = previous
        }
        return position
    }

    /// `8월` → 8 when the word is digits followed by `unit` and nothing else.
    private func number(_ text: ScannedText, _ start: Int, unit: Unicode.Scalar) -> Int? {
        let end = text.wordEnd[start]
        guard end - start >= 2, text.scalars[end - 1] == unit else { return nil }
        guard (start..<(end - 1)).allSatisfy({ text.classes[$0] == .digit }) else { return nil }
        return Int(text.string(start, end - 1))
    }

    // MARK: English

    private func english(_ text: ScannedText, _ published: CivilDate) -> [DateMention] {
        var found: [DateMention] = []
        let s = text.scalars
        var i = 0
        while i < s.count {
            guard text.isWordStart(i), text.classes[i] == .latin, s[i].properties.isUppercase else {
                i += 1
                continue
            }
            let end = text.wordEnd[i]
            defer { i = end }
            let word = text.string(i, end)
            if let weekday = DateExtractor.weekdays.firstIndex(of: word) {
                var back = (published.weekday - weekday + 7) % 7
                if back == 0 { back = 7 }
                found.append(DateMention(text: word, date: CivilDate(dayNumber: published.dayNumber - back).string))
                continue
            }
            var name = word
            var after = end
            if after < s.count, s[after] == "." {
                name += "."
                after += 1
            }
            guard let month = DateExtractor.months[name], after + 1 < s.count, s[after] == " ",
                text.classes[after + 1] == .digit
            else { continue }
            var j = after + 1
            while j < s.count, text.classes[j] == .digit { j += 1 }
            guard j - after - 1 <= 2, let day = Int(text.string(after + 1, j)),
                j == s.count || !text.classes[j].isLetter,
                let date = CivilDate(year: published.year, month: 1, day: 1).dayInMonth(offset: month - 1, day: day)
            else { continue }
            found.append(DateMention(text: text.string(i, j), date: date.string))
        }
        return found
    }
}
