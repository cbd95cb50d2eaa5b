import NewslineModels

/// Day-precise date expressions and the day each resolves to, given the paper's date.
///
/// Korean: `15일`, `지난달 15일`, `이달 15일`, `다음 달 1일`, `지난 8일`, `오는 20일`, `8월 25일`, `8월25일`,
/// `오는 2월 16일`, `2024년 3월 5일`, `지난해 12월 25일` (and `작년`, `올해`, `내년`), the day words `오늘`,
/// `어제`, `그제`, `내일`, `모레`, and weekdays with a week (`지난주 금요일`, `이번 주 월요일`, `오는 금요일`).
/// English: weekday names (the latest such day before the paper's date) and `Sept. 20`. Month-, quarter- and
/// year-only expressions have no day and are not matched; durations (`16일째`, `16일 연속`, `(16일)`,
/// `3일 당겨졌다`) are skipped.
struct DateExtractor {
    let lexicon: Lexicon

    /// Words after `N일` that make it a count of days, not a date: `16일 연속`, `1일 평균`, `4일 연휴`.
    static let durationWords: Set<String> = ["연속", "동안", "만에", "만", "이상", "이내", "간", "안팎", "넘게", "가량", "째",
        "이른", "늦은", "빠른", "일찍", "늦게", "앞당겨", "전", "뒤", "후", "평균", "연휴"]
    /// Verb stems after `N일` that make it an amount of change: `19일 길어지고`, `3일 당겨졌다`, `5일 늦춰`.
    static let changeVerbStems = ["길어", "짧아", "늘어", "줄어", "당겨", "앞당겨", "늦춰", "늦어", "빨라", "연장"]
    /// `주 4일`, `하루 8시간`: a count per period, not a date.
    static let periodWords: Set<String> = ["주", "매주", "월", "매달", "연"]
    static let monthOffsets: [(words: [String], offset: Int)] = [
        (["지난달"], -1), (["지난", "달"], -1), (["이달"], 0), (["이번", "달"], 0), (["다음", "달"], 1), (["다음달"], 1),
        (["내달"], 1),
    ]
    /// Words before `M월 D일` that name its year relative to the paper's.
    static let yearWords: [String: Int] = ["지난해": -1, "작년": -1, "재작년": -2, "올해": 0, "올": 0, "금년": 0,
        "내년": 1, "명년": 1]
    /// What may follow the day in its word: `15일자로` (dated the 15th), `24일오후` (a time of day written
    /// on), `26일입니다` (a copula) — each optionally followed by a particle.
    static let daySuffixes = ["자", "오전", "오후", "새벽", "아침", "낮", "저녁", "밤"]
    static let copulas: Set<String> = ["이다", "입니다", "이었다", "였다", "이며", "이고", "인", "이던", "이었던"]
    static let rangeMarks: Set<Unicode.Scalar> = ["~", "∼", "-", "–", "·", ","]
    static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let months: [String: Int] = [
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
            let found = (korean(unit, published) + dayWords(unit, published)).sorted { $0.0 < $1.0 }.map(\.1)
            for mention in found + english(unit, published) where seen.insert(mention).inserted {
                guard result.count < limit else { return (result, true) }
                result.append(mention)
            }
        }
        return (result, false)
    }

    // MARK: Korean numeric days

    private func korean(_ text: ScannedText, _ published: CivilDate) -> [(Int, DateMention)] {
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
            guard let (gluedMonth, dayStart) = gluedMonth(text, i, wordEnd) else { continue }
            var j = dayStart
            while j < wordEnd, text.classes[j] == .digit { j += 1 }
            guard j < wordEnd, j > dayStart, j - dayStart <= 2, s[j] == "일",
                let day = Int(text.string(dayStart, j)), (1...31).contains(day)
            else { continue }
            // Whatever follows `일` in the word must be a particle: `1일부터` yes, `16일째`, `4일제` no.
            guard isDaySuffix(s[(j + 1)..<wordEnd]) else { continue }
            if i > 0, s[i - 1] == "(", wordEnd < s.count, s[wordEnd] == ")", !followsDayWord(text, i - 1) { continue }
            // `21∼24일`, `11·13·19일`: the last day of a range or list; its month and qualifier stand before the
            // first number, out of reach here, so it is left alone rather than given the wrong month.
            if i >= 2, DateExtractor.rangeMarks.contains(s[i - 1]), text.classes[i - 2] == .digit { continue }
            if let next = text.nextWordStart(after: i), next == wordEnd + 1, isCountWord(text, next) { continue }
            if let previous = precedingWord(text, i), DateExtractor.periodWords.contains(text.string(previous, i - 1)) {
                continue
            }
            var start = i
            var month = gluedMonth
            var year: Int?
            // `8월 15일`, `2024년 8월 15일`
            if month == nil, let previous = precedingWord(text, start), let m = number(text, previous, unit: "월"),
                (1...12).contains(m)
            {
                month = m
                start = previous
            }
            var yearOffset: Int?
            if month != nil, let before = precedingWord(text, start) {
                if let y = number(text, before, unit: "년"), y >= 1900 {
                    year = y
                    start = before
                } else if let offset = DateExtractor.yearWords[text.string(before, text.wordEnd[before])] {
                    yearOffset = offset
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
            } else if let m = month, let offset = yearOffset {
                date = CivilDate(year: published.year + offset, month: 1, day: 1).dayInMonth(offset: m - 1, day: day)
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
        return found
    }

    /// For a word starting at `start`: the month of `8월25일` written as one word and where its day starts,
    /// or nil month and `start` for a word that starts with the day.
    private func gluedMonth(_ text: ScannedText, _ start: Int, _ end: Int) -> (Int?, Int)? {
        var j = start
        while j < end, text.classes[j] == .digit { j += 1 }
        guard j < end, text.scalars[j] == "월" else { return (nil, start) }
        guard j - start <= 2, let month = Int(text.string(start, j)), (1...12).contains(month), j + 1 < end,
            text.classes[j + 1] == .digit
        else { return nil }
        return (month, j + 1)
    }

    /// A particle, or `자`, a time of day or a copula optionally followed by a particle.
    private func isDaySuffix(_ rest: ArraySlice<Unicode.Scalar>) -> Bool {
        if lexicon.isParticle(rest) { return true }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: rest)
        let string = String(view)
        if DateExtractor.copulas.contains(string) { return true }
        for suffix in DateExtractor.daySuffixes where string.hasPrefix(suffix) {
            let after = rest.dropFirst(suffix.unicodeScalars.count)
            if lexicon.isParticle(after) { return true }
        }
        return false
    }

    /// Whether the word at `start` makes the day before it a count: `연속`, `동안`, `길어지고`.
    private func isCountWord(_ text: ScannedText, _ start: Int) -> Bool {
        let end = text.wordEnd[start]
        if DateExtractor.durationWords.contains(text.string(start, lexicon.stemEnd(text, start: start, end: end))) {
            return true
        }
        let word = text.string(start, end)
        return DateExtractor.changeVerbStems.contains { word.hasPrefix($0) }
    }

    /// Whether the `(` at `open` follows a day word directly (`전날(14일)`, `오늘(9일)`), so the bracket gives
    /// that day's date rather than a count (`기록(16일)`).
    private func followsDayWord(_ text: ScannedText, _ open: Int) -> Bool {
        guard open > 0, text.classes[open - 1].isWordPart else { return false }
        let word = text.string(text.wordStart[open - 1], open)
        return DateExtractor.bracketedDayWords.contains(word)
    }

    /// Words for a day whose date may follow in brackets.
    static let bracketedDayWords: Set<String> = ["오늘", "어제", "그제", "그저께", "내일", "모레", "전날", "이날", "당일",
        "그날", "다음날", "이튿날", "당시"]

    /// The word right before `start`, separated from it by exactly one space.
    func precedingWord(_ text: ScannedText, _ start: Int) -> Int? {
        guard start >= 2, text.scalars[start - 1] == " ", text.classes[start - 2].isWordPart else { return nil }
        return text.wordStart[start - 2]
    }

    /// The start of `words` printed right before `start`, one space apart.
    func precedingWords(_ text: ScannedText, _ start: Int, _ words: [String]) -> Int? {
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
