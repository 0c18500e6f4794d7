import XLSX

/// A cell's value after parsing, typed by its field's ``ValueKind``.
public enum ImportValue: Sendable, Hashable, CustomStringConvertible {
    /// Trimmed text.
    case text(String)
    /// A calendar date (any time of day in the cell dropped).
    case date(CivilDate)
    /// An amount of money in cents (fen), exact.
    case money(cents: Int64)
    /// An exact decimal in canonical form: no exponent, no trailing zeros, no `+`, `0` for zero (`12.5`, `-3`).
    case decimal(String)
    /// A whole number.
    case integer(Int64)
    /// An enumeration's English code (`ecommerce`).
    case code(String)
    /// Yes or no.
    case boolean(Bool)
    /// A reporting period in canonical form: `2026`, `2026Q3` or `2026-07`.
    case period(String)
    /// A satisfaction score from 1 to 5.
    case score(Int)

    /// The value as stored and shown: ISO dates, money as `1234.50`, booleans as `true`/`false`.
    public var description: String {
        switch self {
        case .text(let s), .decimal(let s), .code(let s), .period(let s): s
        case .date(let d): d.iso
        case .money(let cents): ImportValue.moneyText(cents: cents)
        case .integer(let v): String(v)
        case .boolean(let b): b ? "true" : "false"
        case .score(let v): String(v)
        }
    }

    /// `1234.50`, `-0.05`: cents as a decimal with two places.
    public static func moneyText(cents: Int64) -> String {
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return (cents < 0 ? "-" : "") + String(magnitude / 100) + (fraction < 10 ? ".0" : ".") + String(fraction)
    }
}

/// A calendar date without time of day or zone, in the proleptic Gregorian calendar.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The date, or `nil` when it does not exist (2026-02-30, month 13).
    public init?(year: Int, month: Int, day: Int) {
        guard ExcelDate.isValid(year: year, month: month, day: day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` after 1970-01-01 (negative before it).
    public init(daysSinceUnixEpoch days: Int) {
        let c = ExcelDate.civil(daysSinceUnixEpoch: days)
        year = c.year
        month = c.month
        day = c.day
    }

    /// The date part of a spreadsheet date-time.
    public init(_ dateTime: ExcelDateTime) {
        year = dateTime.year
        month = dateTime.month
        day = dateTime.day
    }

    /// Days from 1970-01-01 to this date.
    public var daysSinceUnixEpoch: Int { ExcelDate.daysSinceUnixEpoch(year: year, month: month, day: day) }

    /// `YYYY-MM-DD` (years 0–9999).
    public var iso: String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { b in
            let y = max(0, min(9999, year))
            b[0] = UInt8(0x30 + y / 1000)
            b[1] = UInt8(0x30 + y / 100 % 10)
            b[2] = UInt8(0x30 + y / 10 % 10)
            b[3] = UInt8(0x30 + y % 10)
            b[4] = 0x2D
            b[5] = UInt8(0x30 + month / 10)
            b[6] = UInt8(0x30 + month % 10)
            b[7] = 0x2D
            b[8] = UInt8(0x30 + day / 10)
            b[9] = UInt8(0x30 + day % 10)
            return String(decoding: UnsafeBufferPointer(b), as: UTF8.self)
        }
    }

    public var description: String { iso }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}
