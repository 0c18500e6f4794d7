import XLSX

/// What the value parser reads from one non-empty cell, whether it came from a workbook or a CSV file.
public enum CellInput: Sendable, Hashable {
    /// A text cell (shared, inline or a formula's text), or any CSV field.
    case text(String)
    /// A number cell: the exact digits of its `<v>`, the parsed `Double`, and whether its number format makes
    /// it a date (`dateValue` is that date, in the workbook's date system; nil when out of range).
    case number(raw: ExactNumber, value: Double, isDate: Bool, dateValue: ExcelDateTime?)
    /// A `TRUE`/`FALSE` cell.
    case boolean(Bool)
    /// An error cell such as `#N/A`.
    case error(String)
    /// A date written as ISO text (`t="d"`), or a date read by another reader.
    case date(ExcelDateTime)
    /// A time of day with no date (a number below 1 with a date or time format): only text fields accept it.
    case time(TimeOfDay)
    /// Elapsed time (`[h]:mm:ss`): only text fields accept it.
    case duration(seconds: Double)

    /// A plain number cell, for callers that hold its `<v>` text.
    public static func number(_ raw: ExactNumber) -> CellInput {
        .number(raw: raw, value: Double(raw.description) ?? 0, isDate: false, dateValue: nil)
    }

    /// The input for a cell value another reader produced. Numbers are taken from their shortest decimal digits.
    public init(_ value: CellValue) {
        switch value {
        case .text(let s): self = .text(s)
        case .number(let v):
            self = .number(
                raw: ExactNumber(v) ?? ExactNumber(significand: 0, exponent: 0), value: v, isDate: false,
                dateValue: nil)
        case .boolean(let b): self = .boolean(b)
        case .error(let e): self = .error(e)
        case .date(let d): self = .date(d)
        case .time(let t): self = .time(t)
        case .duration(let s): self = .duration(seconds: s)
        }
    }

    /// The input for the `index`-th non-empty cell of a row; a number's digits are read without making a string.
    public init(_ row: SheetRow, at index: Int) {
        switch row.type(at: index) {
        case .number:
            let value = row.number(at: index)
            let raw =
                ExactNumber(raw: row.bytes(at: index)) ?? ExactNumber(value)
                ?? ExactNumber(significand: 0, exponent: 0)
            switch row.formatClass(at: index) {
            case .number:
                self = .number(raw: raw, value: value, isDate: false, dateValue: nil)
            case .date, .duration:
                switch row.value(at: index) {
                case .date(let d): self = .number(raw: raw, value: value, isDate: true, dateValue: d)
                case .time(let t): self = .time(t)
                case .duration(let s): self = .duration(seconds: s)
                default: self = .number(raw: raw, value: value, isDate: true, dateValue: nil)
                }
            }
        default:
            self = CellInput(row.value(at: index))
        }
    }
}
