import XLSX

/// A calendar date, held as days since 1970-01-01 so that adding days and comparing are integer work.
struct Day: Hashable, Comparable, Strideable, CustomStringConvertible {
    /// Days since 1970-01-01.
    var ordinal: Int

    init(ordinal: Int) { self.ordinal = ordinal }

    init(_ year: Int, _ month: Int, _ day: Int) {
        ordinal = ExcelDate.daysSinceUnixEpoch(year: year, month: month, day: day)
    }

    var civil: (year: Int, month: Int, day: Int) { ExcelDate.civil(daysSinceUnixEpoch: ordinal) }
    var year: Int { civil.year }
    var month: Int { civil.month }
    var dayOfMonth: Int { civil.day }
    /// 1 to 4.
    var quarter: Int { (month - 1) / 3 + 1 }
    /// 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday).
    var weekday: Int { ((ordinal % 7) + 7 + 3) % 7 }
    var isWeekend: Bool { weekday >= 5 }

    /// `2025Q3`.
    var quarterPeriod: String { "\(year)Q\(quarter)" }

    /// The cell value for a date cell.
    var excel: ExcelDateTime {
        let c = civil
        return ExcelDateTime(year: c.year, month: c.month, day: c.day)
    }

    /// `2025-03-05`.
    var description: String {
        let c = civil
        return "\(c.year)-\(c.month < 10 ? "0" : "")\(c.month)-\(c.day < 10 ? "0" : "")\(c.day)"
    }

    static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }
    func distance(to other: Day) -> Int { other.ordinal - ordinal }
    func advanced(by n: Int) -> Day { Day(ordinal: ordinal + n) }

    /// The number of days in the date's month.
    var daysInMonth: Int {
        let c = civil
        let next = c.month == 12 ? Day(c.year + 1, 1, 1) : Day(c.year, c.month + 1, 1)
        return next.ordinal - Day(c.year, c.month, 1).ordinal
    }

    /// The first day of a quarter.
    static func quarterStart(_ year: Int, _ quarter: Int) -> Day { Day(year, (quarter - 1) * 3 + 1, 1) }
}

// MARK: - Money

/// Money as integer fen (1/100 yuan), written as exact decimal text; never summed as binary floats.
enum Money {
    /// `123450` → `"1234.50"`, `-5` → `"-0.05"`.
    static func text(_ cents: Int) -> String {
        let negative = cents < 0
        let magnitude = cents.magnitude
        let yuan = magnitude / 100
        let fen = Int(magnitude % 100)
        return (negative ? "-" : "") + String(yuan) + (fen < 10 ? ".0" : ".") + String(fen)
    }

    /// Whole yuan to fen.
    static func yuan(_ amount: Int) -> Int { amount * 100 }

    /// `cents` rounded to the nearest multiple of `step` fen (half away from zero).
    static func round(_ cents: Int, to step: Int) -> Int {
        let half = step / 2
        return cents >= 0 ? (cents + half) / step * step : -((-cents + half) / step * step)
    }

    /// `cents × numerator ÷ denominator`, rounded half up to the fen, in integers.
    static func scale(_ cents: Int, _ numerator: Int, _ denominator: Int) -> Int {
        (cents * numerator * 2 + denominator) / (denominator * 2)
    }
}

// MARK: - Cells

extension Cell {
    /// An exact two-decimal money cell shown as `#,##0.00`.
    static func money(_ cents: Int) -> Cell { .decimal(Money.text(cents), .decimal2) }

    /// A money cell, or an empty cell for `nil`.
    static func moneyOrEmpty(_ cents: Int?) -> Cell { cents.map { money($0) } ?? .empty }

    /// A date cell shown as `yyyy-mm-dd`, or an empty cell for `nil`.
    static func day(_ day: Day?) -> Cell { day.map { .date($0.excel, .date) } ?? .empty }

    /// A whole number shown without decimals.
    static func int(_ value: Int) -> Cell { .number(Double(value), .integer) }

    /// A whole number, or an empty cell for `nil`.
    static func intOrEmpty(_ value: Int?) -> Cell { value.map { int($0) } ?? .empty }

    /// Text, or an empty cell for `nil` or an empty string.
    static func textOrEmpty(_ value: String?) -> Cell {
        guard let value, !value.isEmpty else { return .empty }
        return .text(value)
    }
}
