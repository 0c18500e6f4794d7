/// The value of one cell as a spreadsheet user sees it.
///
/// A formula cell carries its cached value. Dates, times and durations are recognised from the
/// cell's number format; the date system (1900 or 1904) has already been applied.
public enum CellValue: Hashable, Sendable {
    /// Text: shared, inline, or a formula's string result; rich-text runs joined, `_xHHHH_` decoded.
    case text(String)
    /// A number that is not a date.
    case number(Double)
    /// `TRUE` or `FALSE`.
    case boolean(Bool)
    /// A calendar date, with a time of day when the serial has a fraction.
    case date(ExcelDateTime)
    /// A time of day with no date (a serial below 1 with a date or time format).
    case time(TimeOfDay)
    /// Elapsed time, from formats like `[h]:mm:ss`.
    case duration(seconds: Double)
    /// An error value such as `#N/A` or `#DIV/0!`.
    case error(String)
}

/// A civil date and time of day, exact to the millisecond.
public struct ExcelDateTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var time: TimeOfDay

    public init(year: Int, month: Int, day: Int, time: TimeOfDay = TimeOfDay(millisecondOfDay: 0)) {
        self.year = year
        self.month = month
        self.day = day
        self.time = time
    }

    /// `YYYY-MM-DDTHH:MM:SS`, with `.fff` when there are milliseconds.
    public var isoString: String {
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(time.isoString)"
    }

    /// `YYYY-MM-DD`.
    public var dateString: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }

    public var description: String { isoString }

    public static func < (a: ExcelDateTime, b: ExcelDateTime) -> Bool {
        (a.year, a.month, a.day, a.time.millisecondOfDay) < (b.year, b.month, b.day, b.time.millisecondOfDay)
    }
}

/// A time of day, as milliseconds since midnight.
public struct TimeOfDay: Hashable, Sendable, CustomStringConvertible {
    public var millisecondOfDay: Int

    public init(millisecondOfDay: Int) { self.millisecondOfDay = millisecondOfDay }

    public init(hour: Int, minute: Int, second: Int, millisecond: Int = 0) {
        millisecondOfDay = ((hour * 60 + minute) * 60 + second) * 1000 + millisecond
    }

    public var hour: Int { millisecondOfDay / 3_600_000 }
    public var minute: Int { millisecondOfDay / 60_000 % 60 }
    public var second: Int { millisecondOfDay / 1000 % 60 }
    public var millisecond: Int { millisecondOfDay % 1000 }

    /// `HH:MM:SS`, with `.fff` when there are milliseconds.
    public var isoString: String {
        let base = "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
        return millisecond == 0 ? base : base + "." + pad(millisecond, 3)
    }

    public var description: String { isoString }
}

@inline(__always)
func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
