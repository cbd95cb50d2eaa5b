import NewslineModels

extension DateExtractor {
    /// Day words and their offset from the paper's day.
    static let dayWordOffsets: [String: Int] = ["그저께": -2, "그제": -2, "어제": -1, "오늘": 0, "내일": 1, "모레": 2]
    /// What may follow a day word for it to name a day: nothing, a bracket, or a particle of time
    /// (`어제는`, `내일부터`). `내일이 두려운`, `오늘의 대한민국` use the word as a noun for "the future" or "the
    /// present", so the subject, object and genitive particles are not among these.
    static let dayWordParticles: Set<String> = ["", "은", "는", "도", "만", "부터", "까지", "에", "에는", "에도", "까지는",
        "부터는", "밤", "오전", "오후", "새벽", "아침", "저녁", "낮"]
    /// Korean weekday names, Monday first: Korean weeks run Monday to Sunday.
    static let koreanWeekdays = ["월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"]
    /// Words before a weekday that name its week relative to the paper's.
    static let weekOffsets: [(words: [String], offset: Int)] = [
        (["지난주"], -1), (["지난", "주"], -1), (["이번", "주"], 0), (["이번주"], 0), (["금주"], 0), (["다음", "주"], 1),
        (["다음주"], 1), (["내주"], 1),
    ]
    /// The first letters of the day words and weekday names: a word starting with any other is not read.
    static let dayWordInitials = Set((Array(dayWordOffsets.keys) + koreanWeekdays).compactMap(\.unicodeScalars.first))
    static let weekdayParticles: Set<String> = ["", "은", "는", "도", "에", "에는", "에도", "부터", "까지", "과", "와", "인",
        "밤", "오전", "오후", "새벽", "아침", "저녁"]

    /// The day words and weekday names as scalars.
    static let dayWordScalars = (Array(dayWordOffsets.keys) + koreanWeekdays).map { Array($0.unicodeScalars) }

    /// Whether `word` starts with the scalars of a day word or a weekday name.
    static func startsWithDayWord(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
        dayWordScalars.contains { word.starts(with: $0) }
    }

    /// `어제`, `오늘(9일)`, `내일부터`, `지난주 금요일`, `오는 화요일`: days named by a word, in text order.
    ///
    /// A weekday without a week or a `지난`/`오는` (`수요일인 9일`, `매주 목요일`) names no day by itself and
    /// is left alone.
    func dayWords(_ text: ScannedText, _ published: CivilDate) -> [(Int, DateMention)] {
        var found: [(Int, DateMention)] = []
        var i = 0
        while i < text.count {
            guard text.isWordStart(i), text.classes[i] == .hangul, Self.dayWordInitials.contains(text.scalars[i]) else {
                i += 1
                continue
            }
            let end = text.wordEnd[i]
            defer { i = end }
            // A word of single-scalar characters that starts with no day word or weekday name is no day:
            // told from its scalars, without building and comparing its string.
            if !Self.startsWithDayWord(text.scalars[i..<end]), SingleScalarCharacters.all(text.scalars[i..<end]) {
                continue
            }
            let word = text.string(i, end)
            if let (stem, offset) = Self.dayWordOffsets.first(where: { word.hasPrefix($0.key) }),
                Self.dayWordParticles.contains(String(word.dropFirst(stem.count)))
            {
                let date = CivilDate(dayNumber: published.dayNumber + offset)
                found.append((i, DateMention(text: stem, date: date.string)))
                continue
            }
            guard let weekday = Self.koreanWeekdays.firstIndex(where: { word.hasPrefix($0) }),
                Self.weekdayParticles.contains(String(word.dropFirst(3)))
            else { continue }
            let name = Self.koreanWeekdays[weekday]
            // Days since Monday of the paper's week (CivilDate counts 0 = Sunday).
            let mondayOfWeek = published.dayNumber - (published.weekday + 6) % 7
            if let (start, offset) = Self.weekOffsets.lazy.compactMap({ week in
                self.precedingWords(text, i, week.words).map { ($0, week.offset) }
            }).first {
                let date = CivilDate(dayNumber: mondayOfWeek + 7 * offset + weekday)
                found.append((start, DateMention(text: text.string(start, i) + name, date: date.string)))
            } else if let previous = precedingWord(text, i) {
                let qualifier = text.string(previous, text.wordEnd[previous])
                let todayIndex = (published.weekday + 6) % 7
                if qualifier == "지난" {
                    var back = (todayIndex - weekday + 7) % 7
                    if back == 0 { back = 7 }
                    found.append((previous, DateMention(text: "지난 " + name,
                                                        date: CivilDate(dayNumber: published.dayNumber - back).string)))
                } else if qualifier == "오는" {
                    var ahead = (weekday - todayIndex + 7) % 7
                    if ahead == 0 { ahead = 7 }
                    found.append((previous, DateMention(text: "오는 " + name,
                                                        date: CivilDate(dayNumber: published.dayNumber + ahead).string)))
                }
            }
        }
        return found
    }
}
