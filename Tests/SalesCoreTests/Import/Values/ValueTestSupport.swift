import XLSX

@testable import SalesCore

/// Parses `text` as `kind` and returns the value, or nil on error.
func parsed(_ text: String, _ kind: ValueKind, scale: Int = 1, parser: ValueParser = ValueParser()) -> ImportValue? {
    try? parser.parse(.text(text), kind: kind, moneyScale: scale).get()
}

/// Parses `input` as `kind` and returns the error, or nil when it parsed.
func failure(
    _ input: CellInput, _ kind: ValueKind, scale: Int = 1, parser: ValueParser = ValueParser()
)
    -> ValueError?
{
    if case .failure(let e) = parser.parse(input, kind: kind, moneyScale: scale) { return e }
    return nil
}

/// Parses `text` as `kind` and returns the error, or nil when it parsed.
func failure(_ text: String, _ kind: ValueKind, scale: Int = 1, parser: ValueParser = ValueParser()) -> ValueError? {
    failure(.text(text), kind, scale: scale, parser: parser)
}

/// Parses `input` as `kind` and returns the value, or nil on error.
func parsed(
    _ input: CellInput, _ kind: ValueKind, scale: Int = 1, parser: ValueParser = ValueParser()
)
    -> ImportValue?
{
    try? parser.parse(input, kind: kind, moneyScale: scale).get()
}

/// A plain number cell whose `<v>` is `raw`.
func numberCell(_ raw: String) -> CellInput { .number(ExactNumber(stringLiteral: raw)) }

/// A number cell with a date format, as the reader hands it over.
func dateCell(serial: Double, system: DateSystem = .excel1900) -> CellInput {
    .number(
        raw: ExactNumber(serial)!, value: serial, isDate: true,
        dateValue: ExcelDate.dateTime(serial: serial, system: system))
}

/// A civil date that exists.
func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d)! }
