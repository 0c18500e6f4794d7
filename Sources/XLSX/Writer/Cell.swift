/// One cell handed to ``XLSXWriter/writeRow(_:bold:)``.
///
/// Text is always written as a string, never as a formula, even when it begins with `=`.
public enum Cell: Sendable, Hashable {
    /// No cell is written.
    case empty
    /// A string (shared or inline, per ``XLSXWriter/Options/sharedStrings``); at most 32,767 UTF-16 units.
    /// The empty string writes no cell, like ``empty``.
    case text(String)
    /// A finite number.
    case number(Double, NumberFormat = .general)
    /// An exact decimal such as `1234.50` or `-0.125`, written as is (grammar `-?[0-9]+(\.[0-9]+)?`).
    case decimal(String, NumberFormat = .general)
    /// `TRUE` or `FALSE`.
    case boolean(Bool)
    /// A date and time, stored as a serial number in the workbook's date system.
    case date(ExcelDateTime, NumberFormat = .date)
    /// An error value: `#NULL!`, `#DIV/0!`, `#VALUE!`, `#REF!`, `#NAME?`, `#NUM!` or `#N/A`.
    case error(String)
}

/// How a number or date is displayed.
public enum NumberFormat: Sendable, Hashable {
    /// Excel's default display.
    case general
    /// `0`.
    case integer
    /// `#,##0`.
    case thousands
    /// `#,##0.00`.
    case decimal2
    /// `0%`.
    case percent
    /// `0.0%`.
    case percent1
    /// `"¥"#,##0.00`: yuan with thousands separators and two decimals.
    case currencyCNY
    /// `yyyy-mm-dd`.
    case date
    /// `yyyy-mm-dd hh:mm:ss`.
    case dateTime
    /// Any Excel format code, e.g. `0.000` or `[h]:mm`; 1 to 255 characters.
    case custom(String)

    /// The Excel format code.
    public var code: String {
        switch self {
        case .general: "General"
        case .integer: "0"
        case .thousands: "#,##0"
        case .decimal2: "#,##0.00"
        case .percent: "0%"
        case .percent1: "0.0%"
        case .currencyCNY: "\"¥\"#,##0.00"
        case .date: "yyyy-mm-dd"
        case .dateTime: "yyyy-mm-dd hh:mm:ss"
        case .custom(let code): code
        }
    }

    /// The id of a built-in format Excel knows without a `<numFmt>` entry.
    var builtinID: Int? {
        switch self {
        case .general: 0
        case .integer: 1
        case .thousands: 3
        case .decimal2: 4
        case .percent: 9
        default: nil
        }
    }

    /// A small dense index for the formats that carry no payload, used by the style cache.
    var ordinal: Int? {
        switch self {
        case .general: 0
        case .integer: 1
        case .thousands: 2
        case .decimal2: 3
        case .percent: 4
        case .percent1: 5
        case .currencyCNY: 6
        case .date: 7
        case .dateTime: 8
        case .custom: nil
        }
    }

    /// How many formats have an ``ordinal``.
    static let ordinalCount = 9
}
