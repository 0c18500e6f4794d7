/// Reads scalars left to right for the date and period grammars.
struct Cursor {
    let t: FoldedText
    var i = 0

    init(_ t: FoldedText) { self.t = t }

    var atEnd: Bool { i >= t.count }
    var peek: UInt32 { i < t.count ? t[i] : 0 }
    func peek(_ offset: Int) -> UInt32 { i + offset < t.count ? t[i + offset] : 0 }

    mutating func skipSpaces() { while i < t.count && t[i] == Ch.space { i += 1 } }

    /// Consumes `c` when it is next.
    mutating func eat(_ c: UInt32) -> Bool {
        guard i < t.count, t[i] == c else { return false }
        i += 1
        return true
    }

    /// Consumes a run of ASCII digits (at most 9 are valued): its value and length.
    mutating func number() -> (value: Int, digits: Int)? {
        var value = 0
        var digits = 0
        while i < t.count, Ch.isDigit(t[i]) {
            if digits < 9 { value = value * 10 + Int(t[i] - Ch.zero) }
            digits += 1
            i += 1
        }
        return digits > 0 ? (value, digits) : nil
    }

    /// Consumes a run of ASCII letters and returns it.
    mutating func word() -> [UInt32] {
        var letters: [UInt32] = []
        while i < t.count, Ch.isLetter(t[i]) {
            letters.append(t[i])
            i += 1
        }
        return letters
    }
}

/// The grammar of dates typed as text.
///
/// Year first, always accepted: `2026-03-05`, `2026-3-5`, `2026/3/5`, `2026.3.5`, `20260305`,
/// `2026年3月5日` (`号` for `日`, spaces allowed, `日` optional). Day or month first (`05/03/2026`,
/// `5-3-2026`, `5.3.2026`): only with a date order, whichever the day is, so a file never reads
/// partly one way and partly the other. English month names: `5 Mar 2026`, `05-Mar-2026`,
/// `Mar 5, 2026`, `March 5 2026`. Any of these may be followed by a time of day (after a space or `T`:
/// `10:20`, `10:20:30.5`, with `AM`/`PM`, `上午`/`下午`, `Z` or an offset), which is checked and dropped:
/// an order's date is the day it was written on, whatever the hour. Two-digit years are refused.
struct DateGrammar {
    var order: ValueParser.DateOrder?

    static let years = 1900...2199

    private static let monthNames: [[UInt32]] = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ].map(Ch.word)

    static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// The month a word names (`mar`, `march`, `sept`), or nil.
    static func month(named word: [UInt32]) -> Int? {
        guard word.count >= 3 else { return nil }
        for (k, name) in monthNames.enumerated() where word.count <= name.count {
            if Array(name.prefix(word.count)) == word && (word.count == 3 || word.count == name.count || k == 8) {
                return k + 1
            }
        }
        return nil
    }

    static let notADate = Reason("it is not a date")
    static let twoDigitYear = Reason("two-digit years are ambiguous; write the year in full (2026)")

    func parse(_ t: FoldedText) -> Result<CivilDate, Reason> {
        var c = Cursor(t)
        if Ch.isLetter(c.peek) { return monthNameFirst(&c) }
        guard let a = c.number() else { return .failure(Self.notADate) }
        let year: Int
        let month: Int
        let day: Int
        switch a.digits {
        case 8 where c.atEnd || c.peek == Ch.space || c.peek == 0x74:
            (year, month, day) = (a.value / 10_000, a.value / 100 % 100, a.value % 100)
        case 4:
            c.skipSpaces()
            if c.atEnd { return .failure(Reason("a year alone is not a date")) }
            if c.eat(Ch.year) {
                c.skipSpaces()
                guard let m = c.number(), m.digits <= 2 else { return .failure(Self.notADate) }
                c.skipSpaces()
                guard c.eat(Ch.month) else { return .failure(Self.notADate) }
                c.skipSpaces()
                if c.atEnd { return .failure(Reason("a month is not a date; add the day")) }
                guard let d = c.number(), d.digits <= 2 else { return .failure(Self.notADate) }
                c.skipSpaces()
                _ = c.eat(Ch.day) || c.eat(Ch.hao) || c.eat(Ch.hao2)
                (year, month, day) = (a.value, m.value, d.value)
            } else {
                let separator = c.peek
                guard separator == Ch.minus || separator == Ch.slash || separator == Ch.dot else {
                    return .failure(Self.notADate)
                }
                c.i += 1
                c.skipSpaces()
                guard let m = c.number(), m.digits <= 2 else { return .failure(Self.notADate) }
                c.skipSpaces()
                if c.atEnd { return .failure(Reason("a month is not a date; add the day")) }
                guard c.eat(separator) else { return .failure(Reason("it mixes separators")) }
                c.skipSpaces()
                guard let d = c.number(), d.digits <= 2 else { return .failure(Self.notADate) }
                (year, month, day) = (a.value, m.value, d.value)
            }
        case 1, 2:
            let separator = c.peek
            guard separator == Ch.minus || separator == Ch.slash || separator == Ch.dot || separator == Ch.space else {
                return .failure(Self.notADate)
            }
            c.i += 1
            c.skipSpaces()
            if Ch.isLetter(c.peek) {
                // 5 Mar 2026, 05-Mar-2026
                guard let m = Self.month(named: c.word()) else { return .failure(Self.notADate) }
                c.skipSpaces()
                guard c.eat(separator) || separator == Ch.space else { return .failure(Reason("it mixes separators")) }
                c.skipSpaces()
                guard let y = c.number() else { return .failure(Self.notADate) }
                if y.digits == 2 { return .failure(Self.twoDigitYear) }
                guard y.digits == 4 else { return .failure(Self.notADate) }
                (year, month, day) = (y.value, m, a.value)
            } else {
                guard separator != Ch.space, let b = c.number(), b.digits <= 2 else { return .failure(Self.notADate) }
                guard c.eat(separator) else { return .failure(Reason("it mixes separators")) }
                guard let y = c.number() else { return .failure(Self.notADate) }
                if y.digits <= 2 { return .failure(Self.twoDigitYear) }
                guard y.digits == 4 else { return .failure(Self.notADate) }
                switch order {
                case nil:
                    return .failure(
                        Reason(
                            "the order of day and month is unknown;"
                                + " pass --date-order dmy (day first) or --date-order mdy (month first)"))
                case .ymd:
                    return .failure(Reason("it does not match --date-order ymd (year first)"))
                case .dmy:
                    (year, month, day) = (y.value, b.value, a.value)
                case .mdy:
                    (year, month, day) = (y.value, a.value, b.value)
                }
            }
        case 5:
            return .failure(Reason("a number typed as text is not a date; format the column as a date"))
        case 6:
            return .failure(Reason("a month is not a date; add the day"))
        default:
            return .failure(Self.notADate)
        }
        if let problem = Self.timeTail(&c) { return .failure(problem) }
        return Self.validate(year: year, month: month, day: day)
    }

    /// `Mar 5, 2026`, `March 5 2026`.
    private func monthNameFirst(_ c: inout Cursor) -> Result<CivilDate, Reason> {
        guard let m = Self.month(named: c.word()) else { return .failure(Self.notADate) }
        _ = c.eat(Ch.dot)
        c.skipSpaces()
        guard let d = c.number(), d.digits <= 2 else { return .failure(Self.notADate) }
        _ = c.eat(Ch.comma)
        c.skipSpaces()
        guard let y = c.number() else { return .failure(Self.notADate) }
        if y.digits == 2 { return .failure(Self.twoDigitYear) }
        guard y.digits == 4 else { return .failure(Self.notADate) }
        if let problem = Self.timeTail(&c) { return .failure(problem) }
        return Self.validate(year: y.value, month: m, day: d.value)
    }

    private static let am = Ch.word("am"), pm = Ch.word("pm")
    private static let shangwu = Ch.word("上午"), xiawu = Ch.word("下午")

    /// Checks an optional time of day after the date; returns why it is wrong, or nil.
    static func timeTail(_ c: inout Cursor) -> Reason? {
        let bad = Reason("the time after the date is not understood")
        if c.atEnd { return nil }
        guard c.eat(Ch.space) || c.eat(0x74) else { return bad }
        c.skipSpaces()
        if c.t.matches(shangwu, at: c.i) || c.t.matches(xiawu, at: c.i) {
            c.i += 2
            c.skipSpaces()
        }
        guard let h = c.number(), h.digits <= 2, c.eat(Ch.colon), let m = c.number(), m.digits == 2 else { return bad }
        var second = 0
        if c.eat(Ch.colon) {
            guard let s = c.number(), s.digits == 2 else { return bad }
            second = s.value
            if c.eat(Ch.dot) || c.eat(Ch.comma) { guard c.number() != nil else { return bad } }
        }
        c.skipSpaces()
        var twelveHour = false
        if c.t.matches(am, at: c.i) || c.t.matches(pm, at: c.i) {
            c.i += 2
            twelveHour = true
        }
        if c.eat(0x7A) {
            // Z
        } else if c.peek == Ch.plus || c.peek == Ch.minus {
            c.i += 1
            guard let oh = c.number(), oh.digits == 2 || oh.digits == 4 else { return bad }
            if oh.digits == 2 && c.eat(Ch.colon) { guard let om = c.number(), om.digits == 2 else { return bad } }
        }
        c.skipSpaces()
        guard c.atEnd else { return bad }
        guard h.value < (twelveHour ? 13 : 24), m.value < 60, second < 60 else {
            return Reason("the time after the date does not exist")
        }
        return nil
    }

    /// The date, or why it does not exist.
    static func validate(year: Int, month: Int, day: Int) -> Result<CivilDate, Reason> {
        guard years.contains(year) else { return .failure(Reason("year \(year) is outside 1900–2199")) }
        guard (1...12).contains(month) else { return .failure(Reason("month \(month) does not exist")) }
        guard let date = CivilDate(year: year, month: month, day: day) else {
            return .failure(Reason("day \(day) does not exist in \(englishMonths[month - 1]) \(year)"))
        }
        return .success(date)
    }
}
