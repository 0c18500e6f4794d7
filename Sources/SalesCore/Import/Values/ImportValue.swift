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
