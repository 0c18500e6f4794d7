/// Conversions between Excel serial numbers and civil dates, in either date system.
///
/// The 1900 system counts days from 1899-12-31 as day 1 and keeps Lotus 1-2-3's phantom
/// 1900-02-29 as day 60: serials from 61 on are one day "late", so their epoch is 1899-12-30,
/// while serials 1–59 map from 1899-12-31. Serial 60 is reported as 1900-02-28 (the day does not exist).
/// The 1904 system counts days from 1904-01-01 as day 0.
public enum DateSystem: Sendable, Hashable {
    case excel1900
    case excel1904
}

public enum ExcelDate {
    /// Days from 1970-01-01 to the given civil date (proleptic Gregorian).
    public static func daysSinceUnixEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a count of days since 1970-01-01.
    public static func civil(daysSinceUnixEpoch z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Whether a civil date exists.
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    private static let epoch1900 = daysSinceUnixEpoch(year: 1899, month: 12, day: 30)
    private static let epoch1904 = daysSinceUnixEpoch(year: 1904, month: 1, day: 1)

    /// Largest serial Excel accepts: 9999-12-31 in the 1900 system.
    public static let maxSerial1900 = 2_958_465.0

    /// The date and time a serial number stands for, or nil when it is outside Excel's range.
    ///
    /// The fraction of a day is rounded to the nearest millisecond.
    public static func dateTime(serial: Double, system: DateSystem) -> ExcelDateTime? {
        guard serial.isFinite, serial >= 0, serial < maxSerial1900 + 1 else { return nil }
        var totalMs = (serial * 86_400_000).rounded()
        var days = Int(totalMs / 86_400_000)
        totalMs -= Double(days) * 86_400_000
        var ms = Int(totalMs)
        if ms >= 86_400_000 {
            days += 1
            ms -= 86_400_000
        }
        let unixDays: Int
        switch system {
        case .excel1904:
            unixDays = epoch1904 + days
        case .excel1900:
            // Serials before the phantom leap day are counted from 1899-12-31.
            unixDays = epoch1900 + days + (days < 60 && days >= 1 ? 1 : 0)
        }
        let c = civil(daysSinceUnixEpoch: unixDays)
        return ExcelDateTime(year: c.year, month: c.month, day: c.day, time: TimeOfDay(millisecondOfDay: ms))
    }

    /// The serial number of a date and time.
    public static func serial(_ value: ExcelDateTime, system: DateSystem) -> Double {
        let unixDays = daysSinceUnixEpoch(year: value.year, month: value.month, day: value.day)
        var days: Int
        switch system {
        case .excel1904:
            days = unixDays - epoch1904
        case .excel1900:
            days = unixDays - epoch1900
            if days <= 60 { days -= 1 }  // before 1900-03-01 there is no phantom day yet
        }
        return Double(days) + Double(value.time.millisecondOfDay) / 86_400_000
    }

    /// The time of day of a serial below 1.
    public static func timeOfDay(serial: Double) -> TimeOfDay {
        var ms = Int((serial * 86_400_000).rounded())
        if ms >= 86_400_000 { ms = 86_400_000 - 1 }
        return TimeOfDay(millisecondOfDay: max(0, ms))
    }
}
