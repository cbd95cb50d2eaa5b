/// A calendar day in the proleptic Gregorian calendar, without time zone: the paper's local day.
struct CivilDate: Equatable, Comparable {
    var year: Int
    var month: Int
    var day: Int

    /// Parses `YYYY-MM-DD`.
    init?(_ string: String) {
        let parts = string.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...CivilDate.days(in: m, of: y)).contains(d)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `day` of the month `offset` months from this one, or nil if that month has no such day.
    func dayInMonth(offset: Int, day: Int) -> CivilDate? {
        var m = month + offset
        var y = year
        while m < 1 {
            m += 12
            y -= 1
        }
        while m > 12 {
            m -= 12
            y += 1
        }
        guard day >= 1, day <= CivilDate.days(in: m, of: y) else { return nil }
        return CivilDate(year: y, month: m, day: day)
    }

    static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// 0 = Sunday … 6 = Saturday.
    var weekday: Int { ((dayNumber % 7) + 11) % 7 }

    var string: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }
}
