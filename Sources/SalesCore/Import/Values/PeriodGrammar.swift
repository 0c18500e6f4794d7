/// The grammar of reporting periods: a year, a quarter or a month, in canonical form `2026`, `2026Q3`, `2026-07`.
///
/// Years: `2026`, `2026年`, `2026年度`. Quarters: `2026Q3`, `2026 Q3`, `2026-Q3`, `Q3 2026`, `Q3-2026`,
/// `2026年第3季度`, `2026年第三季度`, `2026年3季度`, `2026年Q3`. Months: `2026-07`, `2026-7`, `2026/7`, `2026.7`,
/// `202607`, `2026年7月`. A full date is a month only when it is the 1st (`2026-07-01`, `2026年7月1日`):
/// that is how Excel stores a month typed into a cell, while any other day is a date someone meant as a date.
/// Half-years and week numbers are refused: the store knows years, quarters and months.
enum PeriodGrammar {
    static let notAPeriod = Reason("it is not a period")

    static func year(_ y: Int) -> Result<String, Reason> {
        guard DateGrammar.years.contains(y) else { return .failure(Reason("year \(y) is outside 1900–2199")) }
        return .success(canonical(y, 0, 0))
    }

    static func quarter(_ y: Int, _ q: Int) -> Result<String, Reason> {
        guard (1...4).contains(q) else { return .failure(Reason("quarter \(q) does not exist")) }
        guard DateGrammar.years.contains(y) else { return .failure(Reason("year \(y) is outside 1900–2199")) }
        return .success(canonical(y, q, 0))
    }

    static func month(_ y: Int, _ m: Int) -> Result<String, Reason> {
        guard (1...12).contains(m) else { return .failure(Reason("month \(m) does not exist")) }
        guard DateGrammar.years.contains(y) else { return .failure(Reason("year \(y) is outside 1900–2199")) }
        return .success(canonical(y, 0, m))
    }

    /// `2026`, `2026Q3` (quarter non-zero) or `2026-07` (month non-zero), for years 1000–9999.
    private static func canonical(_ y: Int, _ q: Int, _ m: Int) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 7) { b in
            b[0] = UInt8(0x30 + y / 1000)
            b[1] = UInt8(0x30 + y / 100 % 10)
            b[2] = UInt8(0x30 + y / 10 % 10)
            b[3] = UInt8(0x30 + y % 10)
            var n = 4
            if q > 0 {
                b[4] = 0x51
                b[5] = UInt8(0x30 + q)
                n = 6
            } else if m > 0 {
                b[4] = 0x2D
                b[5] = UInt8(0x30 + m / 10)
                b[6] = UInt8(0x30 + m % 10)
                n = 7
            }
            return String(decoding: UnsafeBufferPointer(rebasing: b[..<n]), as: UTF8.self)
        }
    }

    /// A date as a period: its month when it is the 1st, otherwise an error.
    static func month(of date: CivilDate) -> Result<String, Reason> {
        guard date.day == 1 else {
            return .failure(Reason("a date is not a period; write the month as 2026-07 or the quarter as 2026Q3"))
        }
        return month(date.year, date.month)
    }

    /// A Chinese or ASCII quarter number: 1–4, 一二三四.
    private static func quarterDigit(_ c: inout Cursor) -> Int? {
        switch c.peek {
        case 0x4E00:
            c.i += 1
            return 1
        case 0x4E8C:
            c.i += 1
            return 2
        case 0x4E09:
            c.i += 1
            return 3
        case 0x56DB:
            c.i += 1
            return 4
        default:
            guard let n = c.number(), n.digits == 1 else { return nil }
            return n.value
        }
    }

    static func parse(_ t: FoldedText) -> Result<String, Reason> {
        var c = Cursor(t)
        if c.eat(0x71) {  // Q3 2026
            guard let q = c.number(), q.digits == 1 else { return .failure(notAPeriod) }
            c.skipSpaces()
            if c.peek == Ch.minus || c.peek == Ch.slash || c.peek == Ch.comma {
                c.i += 1
                c.skipSpaces()
            }
            guard let y = c.number(), y.digits == 4 else { return .failure(notAPeriod) }
            c.skipSpaces()
            _ = c.eat(Ch.year)
            guard c.atEnd else { return .failure(notAPeriod) }
            return quarter(y.value, q.value)
        }
        guard let y = c.number() else { return .failure(notAPeriod) }
        switch y.digits {
        case 4: break
        case 6 where c.atEnd: return month(y.value / 100, y.value % 100)
        case 8 where c.atEnd:
            return DateGrammar.validate(year: y.value / 10_000, month: y.value / 100 % 100, day: y.value % 100)
                .flatMap(month(of:))
        case 2: return .failure(Reason("two-digit years are ambiguous; write the year in full (2026)"))
        default: return .failure(notAPeriod)
        }
        c.skipSpaces()
        if c.atEnd { return year(y.value) }
        var chinese = false
        var separator: UInt32 = 0
        if c.eat(Ch.year) {
            chinese = true
            c.skipSpaces()
            if c.eat(Ch.du) { c.skipSpaces() }
            if c.atEnd { return year(y.value) }
        } else if c.peek == Ch.minus || c.peek == Ch.slash || c.peek == Ch.dot {
            separator = c.peek
            c.i += 1
            c.skipSpaces()
        }
        // Quarter: Q3, 第3季度, 第三季, 3季度.
        if c.eat(0x71) {
            guard let q = c.number(), q.digits == 1 else { return .failure(notAPeriod) }
            c.skipSpaces()
            guard c.atEnd else { return .failure(notAPeriod) }
            return quarter(y.value, q.value)
        }
        if c.peek == 0x68 || c.peek == 0x77 {
            return .failure(Reason("half-years and weeks are not periods; use 2026, 2026Q3 or 2026-07"))
        }
        let start = c.i
        let ordinal = c.eat(Ch.di)
        if let q = quarterDigit(&c), c.peek == Ch.ji {
            c.i += 1
            _ = c.eat(Ch.du)
            c.skipSpaces()
            guard c.atEnd else { return .failure(notAPeriod) }
            return quarter(y.value, q)
        }
        guard !ordinal else { return .failure(notAPeriod) }
        c.i = start
        // Month, or a date on the 1st.
        guard let m = c.number(), m.digits <= 2 else { return .failure(notAPeriod) }
        c.skipSpaces()
        if chinese {
            guard c.eat(Ch.month) else { return .failure(notAPeriod) }
            c.skipSpaces()
            if c.atEnd { return month(y.value, m.value) }
            guard let d = c.number(), d.digits <= 2 else { return .failure(notAPeriod) }
            c.skipSpaces()
            _ = c.eat(Ch.day) || c.eat(Ch.hao) || c.eat(Ch.hao2)
            c.skipSpaces()
            guard c.atEnd else { return .failure(notAPeriod) }
            return DateGrammar.validate(year: y.value, month: m.value, day: d.value).flatMap(month(of:))
        }
        guard separator != 0 else { return .failure(notAPeriod) }
        if c.atEnd { return month(y.value, m.value) }
        guard c.eat(separator), let d = c.number(), d.digits <= 2 else { return .failure(notAPeriod) }
        if let problem = DateGrammar.timeTail(&c) { return .failure(problem) }
        return DateGrammar.validate(year: y.value, month: m.value, day: d.value).flatMap(month(of:))
    }
}
