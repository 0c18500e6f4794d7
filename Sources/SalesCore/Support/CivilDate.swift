import XLSX

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

    // MARK: - Stored dates

    /// A date as the store keeps it, exactly `YYYY-MM-DD`; `nil` for other text and for dates that do not
    /// exist. The one parser of stored dates: workbooks' many spellings are read by the importer's
    /// ``DateGrammar``, which writes this form.
    public init?(stored text: String) {
        var text = text
        guard let days = text.withUTF8({ Self.daysSinceUnixEpoch(stored: UnsafeRawBufferPointer($0)) }) else {
            return nil
        }
        self.init(daysSinceUnixEpoch: days)
    }

    /// Days since 1970-01-01 of a stored `YYYY-MM-DD` given as its UTF-8 bytes, without making a string
    /// (for scans over many rows); `nil` as for ``init(stored:)``.
    public static func daysSinceUnixEpoch(stored bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                let digit = bytes[i] &- 0x30
                guard digit < 10 else { return nil }
                n = n * 10 + Int(digit)
            }
            return n
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            ExcelDate.isValid(year: year, month: month, day: day)
        else { return nil }
        return ExcelDate.daysSinceUnixEpoch(year: year, month: month, day: day)
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}
