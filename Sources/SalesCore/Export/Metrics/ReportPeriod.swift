import XLSX

/// The period a summary covers: a calendar year `2026`, a quarter `2026Q3` or a month `2026-07`.
///
/// Written exactly as the store writes periods (see `docs/schema.md`); ``parse(_:)`` accepts nothing else.
/// Dates are `YYYY-MM-DD` text, inclusive at both ends, so they compare with the store's date columns:
/// `order_date BETWEEN period.startDate AND period.endDate`.
public struct ReportPeriod: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// The length of a period.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A calendar year, `2026`.
        case year
        /// A calendar quarter, `2026Q3`.
        case quarter
        /// A calendar month, `2026-07`.
        case month
    }

    /// The years a period may fall in: four-digit years whose previous year still has four digits.
    public static let years = 1001...9999

    /// The calendar year.
    public let year: Int
    /// Year, quarter or month.
    public let kind: Kind
    /// The quarter (1–4) or the month (1–12); 0 for a year.
    public let number: Int

    // MARK: - Making periods

    /// The calendar year `year`, or `nil` outside ``years``.
    public static func year(_ year: Int) -> ReportPeriod? {
        years.contains(year) ? ReportPeriod(year: year, kind: .year, number: 0) : nil
    }

    /// Quarter `quarter` (1–4) of `year`, or `nil` when either is out of range.
    public static func quarter(_ year: Int, _ quarter: Int) -> ReportPeriod? {
        guard years.contains(year), (1...4).contains(quarter) else { return nil }
        return ReportPeriod(year: year, kind: .quarter, number: quarter)
    }

    /// Month `month` (1–12) of `year`, or `nil` when either is out of range.
    public static func month(_ year: Int, _ month: Int) -> ReportPeriod? {
        guard years.contains(year), (1...12).contains(month) else { return nil }
        return ReportPeriod(year: year, kind: .month, number: month)
    }

    private init(year: Int, kind: Kind, number: Int) {
        self.year = year
        self.kind = kind
        self.number = number
    }

    /// Reads `2026`, `2026Q3` or `2026-07`, exactly: no spaces, no lower-case `q`, two-digit months.
    ///
    /// - Throws: ``MetricsError/invalidPeriod(_:)`` naming the text, for anything else (including
    ///   `2026Q5`, `2026-13`, `2026-7` and years outside ``years``).
    public static func parse(_ text: String) throws -> ReportPeriod {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        let parsed: ReportPeriod?
        switch bytes.count {
        case 4:
            parsed = digits(0..<4).flatMap { year($0) }
        case 6 where bytes[4] == UInt8(ascii: "Q"):
            parsed = digits(0..<4).flatMap { y in digits(5..<6).flatMap { quarter(y, $0) } }
        case 7 where bytes[4] == UInt8(ascii: "-"):
            parsed = digits(0..<4).flatMap { y in digits(5..<7).flatMap { month(y, $0) } }
        default:
            parsed = nil
        }
        guard let parsed else { throw MetricsError.invalidPeriod(text) }
        return parsed
    }

    // MARK: - Text and dates

    /// The period as the store writes it: `2026`, `2026Q3`, `2026-07`.
    public var text: String {
        switch kind {
        case .year: return Self.fourDigits(year)
        case .quarter: return Self.fourDigits(year) + "Q" + String(number)
        case .month: return Self.fourDigits(year) + "-" + Self.twoDigits(number)
        }
    }

    public var description: String { text }

    /// The first month of the period (1–12).
    public var firstMonth: Int {
        switch kind {
        case .year: return 1
        case .quarter: return (number - 1) * 3 + 1
        case .month: return number
        }
    }

    /// The last month of the period (1–12).
    public var lastMonth: Int {
        switch kind {
        case .year: return 12
        case .quarter: return number * 3
        case .month: return number
        }
    }

    /// The first day, `YYYY-MM-DD`. (A period's months and their days always exist.)
    public var startDate: String {
        CivilDate(year: year, month: firstMonth, day: 1)!.iso
    }

    /// The last day, `YYYY-MM-DD`, included in the period.
    public var endDate: String {
        CivilDate(year: year, month: lastMonth, day: Self.daysInMonth(year, lastMonth))!.iso
    }

    /// The number of days in the period, both ends included (366 for a leap year, 29 for February 2024).
    public var dayCount: Int {
        (firstMonth...lastMonth).reduce(0) { $0 + Self.daysInMonth(year, $1) }
    }

    /// Whether `date` (`YYYY-MM-DD`) falls in the period.
    public func contains(date: String) -> Bool {
        date >= startDate && date <= endDate
    }

    /// Whether `other` lies wholly inside this period.
    public func contains(_ other: ReportPeriod) -> Bool {
        other.startDate >= startDate && other.endDate <= endDate
    }

    // MARK: - Neighbours

    /// The period of the same kind just before: 2026 → 2025, 2026Q1 → 2025Q4, 2026-01 → 2025-12.
    ///
    /// `nil` only before the first year of ``years``.
    public var previous: ReportPeriod? {
        switch kind {
        case .year: return Self.year(year - 1)
        case .quarter: return number == 1 ? Self.quarter(year - 1, 4) : Self.quarter(year, number - 1)
        case .month: return number == 1 ? Self.month(year - 1, 12) : Self.month(year, number - 1)
        }
    }

    /// The period of the same kind just after: 2025 → 2026, 2025Q4 → 2026Q1, 2025-12 → 2026-01.
    public var next: ReportPeriod? {
        switch kind {
        case .year: return Self.year(year + 1)
        case .quarter: return number == 4 ? Self.quarter(year + 1, 1) : Self.quarter(year, number + 1)
        case .month: return number == 12 ? Self.month(year + 1, 1) : Self.month(year, number + 1)
        }
    }

    /// The same period one year earlier: 2026Q3 → 2025Q3, 2026-02 → 2025-02.
    public var yearAgo: ReportPeriod? {
        Self.years.contains(year - 1) ? ReportPeriod(year: year - 1, kind: kind, number: number) : nil
    }

    /// What `mode` compares this period with: ``yearAgo`` for `yoy`, ``previous`` for `previous`, `nil` for `none`.
    public func comparison(_ mode: ComparisonMode) -> ReportPeriod? {
        switch mode {
        case .yearOverYear: return yearAgo
        case .previous: return previous
        case .none: return nil
        }
    }

    // MARK: - Parts

    /// The calendar year the period falls in.
    public var calendarYear: ReportPeriod { ReportPeriod(year: year, kind: .year, number: 0) }

    /// The quarter a month falls in; a quarter itself; `nil` for a year.
    public var quarterOf: ReportPeriod? {
        switch kind {
        case .year: return nil
        case .quarter: return self
        case .month: return ReportPeriod(year: year, kind: .quarter, number: (number - 1) / 3 + 1)
        }
    }

    /// The quarters wholly inside the period, in order: four for a year, itself for a quarter, none for a month.
    public var quarters: [ReportPeriod] {
        switch kind {
        case .year: return (1...4).map { ReportPeriod(year: year, kind: .quarter, number: $0) }
        case .quarter: return [self]
        case .month: return []
        }
    }

    /// The months inside the period, in order: twelve, three or one.
    public var months: [ReportPeriod] {
        (firstMonth...lastMonth).map { ReportPeriod(year: year, kind: .month, number: $0) }
    }

    /// The latest calendar quarter that ends on or before the period's last day: Q4 of a year, a quarter
    /// itself, and for a month the last quarter completed by the month's end (2026-07 → 2026Q2, 2026-09 → 2026Q3).
    public var lastCompletedQuarter: ReportPeriod? {
        switch kind {
        case .year: return ReportPeriod(year: year, kind: .quarter, number: 4)
        case .quarter: return self
        case .month:
            let completed = number / 3
            guard completed > 0 else { return Self.quarter(year - 1, 4) }
            return ReportPeriod(year: year, kind: .quarter, number: completed)
        }
    }

    // MARK: - Comparable

    public static func < (lhs: ReportPeriod, rhs: ReportPeriod) -> Bool {
        if lhs.startDate != rhs.startDate { return lhs.startDate < rhs.startDate }
        return lhs.endDate > rhs.endDate  // the longer period first
    }

    // MARK: - Calendar arithmetic

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The days in `month` of `year`.
    public static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func fourDigits(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }

    // MARK: - Codable as text

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try ReportPeriod.parse(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

/// What a summary compares its period with (`--compare`).
public enum ComparisonMode: String, Sendable, Codable, CaseIterable {
    /// The same period one year earlier (`yoy`): 2026Q3 against 2025Q3.
    case yearOverYear = "yoy"
    /// The period just before (`previous`): 2026Q1 against 2025Q4.
    case previous
    /// No comparison (`none`): growth, churn and changes are reported as missing.
    case none

    /// Reads `yoy`, `previous` or `none`, exactly.
    ///
    /// - Throws: ``MetricsError/invalidComparison(_:)`` naming the text.
    public static func parse(_ text: String) throws -> ComparisonMode {
        guard let mode = ComparisonMode(rawValue: text) else { throw MetricsError.invalidComparison(text) }
        return mode
    }
}
