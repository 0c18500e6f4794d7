import Foundation

/// One SQLite value: what a statement binds or a row holds.
///
/// Literals convert directly, so arguments read naturally: `[1, "华东", nil, 2.5]`.
/// Optional Swift values convert with the `init(_:)` overloads (`nil` becomes ``null``).
public enum SQLValue: Sendable, Hashable {
    /// SQL `NULL`.
    case null
    /// A 64-bit signed integer (money in minor units, ids, flags).
    case integer(Int64)
    /// An IEEE double (quantities; never money).
    case real(Double)
    /// UTF-8 text (dates as `YYYY-MM-DD`, codes, names).
    case text(String)
    /// Raw bytes.
    case blob([UInt8])

    /// The integer, or `nil` for any other case (reals are not truncated).
    public var int64: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The number as a double, for integers and reals; `nil` otherwise.
    public var double: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .real(let value): return value
        default: return nil
        }
    }

    /// The text, or `nil` for any other case.
    public var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    /// Whether this is SQL `NULL`.
    public var isNull: Bool { self == .null }
}

// MARK: - Conversions from Swift values

extension SQLValue {
    /// An integer, or `NULL` for `nil`.
    public init(_ value: Int64?) { self = value.map { .integer($0) } ?? .null }
    /// An integer, or `NULL` for `nil`.
    public init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    /// A real, or `NULL` for `nil`.
    public init(_ value: Double?) { self = value.map { .real($0) } ?? .null }
    /// Text, or `NULL` for `nil`.
    public init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    /// `1` or `0`, or `NULL` for `nil` (SQLite has no boolean type).
    public init(_ value: Bool?) { self = value.map { .integer($0 ? 1 : 0) } ?? .null }
    /// A blob, or `NULL` for `nil`.
    public init(_ value: Data?) { self = value.map { .blob([UInt8]($0)) } ?? .null }
}

extension SQLValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension SQLValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension SQLValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .real(value) }
}

extension SQLValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
}

extension SQLValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}

extension SQLValue: CustomStringConvertible {
    /// The value as SQL would print it: `NULL`, `42`, `'text'`, `X'0A0B'`.
    public var description: String {
        switch self {
        case .null: return "NULL"
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        case .text(let value): return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        case .blob(let bytes): return "X'" + bytes.map { String(format: "%02X", $0) }.joined() + "'"
        }
    }
}
