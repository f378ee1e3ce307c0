/// Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian), without
/// Foundation's `Calendar`: holidays are computed for every country at load, and this is
/// exact and allocation-free.
public enum CivilDate {
    /// Howard Hinnant's days-from-civil.
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month), d = Int64(day)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day number (the store writes SQLite's date text with it).
    public static func civil(_ days: Int64) -> (year: Int, month: Int, day: Int) {
        let (y, m, d) = LocalTime.civil(fromDays: days)
        return (y, m, d)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The first day on or after `day` that is a `weekday`.
    static func onOrAfter(_ day: Int64, _ weekday: Weekday) -> Int64 {
        let all = Weekday.allCases
        let from = all.firstIndex(of: Weekday(dayNumber: day))!, to = all.firstIndex(of: weekday)!
        return day + Int64((to - from + 7) % 7)
    }

    /// Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    static func westernEaster(_ year: Int) -> Int64 {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return days(year: year, month: month, day: day)
    }

    /// Orthodox Easter Sunday (GR, CY, RO, BG): Meeus's Julian algorithm, moved to the
    /// Gregorian calendar (13 days from 1900 to 2099).
    static func orthodoxEaster(_ year: Int) -> Int64 {
        let a = year % 4, b = year % 7, c = year % 19
        let d = (19 * c + 15) % 30, e = (2 * a + 4 * b - d + 34) % 7
        let month = (d + e + 114) / 31, day = (d + e + 114) % 31 + 1
        return days(year: year, month: month, day: day) + 13
    }
}
