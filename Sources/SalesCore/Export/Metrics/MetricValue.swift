/// An exact fraction, kept as the numerator and denominator it was computed from.
///
/// Ratios, means and indexes are never stored rounded: a renderer divides once, when it formats the
/// value, so nothing is rounded twice. The fraction is not reduced (`3 ÷ 6` stays `3 ÷ 6`), and the
/// denominator is positive.
public struct Ratio: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The numerator, in the unit of the metric (cents for money, days for durations, a count).
    public let numerator: Int64
    /// The denominator, greater than zero.
    public let denominator: Int64

    /// `numerator ÷ denominator`, or `nil` when the denominator is not positive.
    public init?(_ numerator: Int64, _ denominator: Int64) {
        guard denominator > 0 else { return nil }
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The quotient as a double: `1.15` for a completion of 115%.
    public var value: Double { Double(numerator) / Double(denominator) }

    public var description: String { "\(numerator)/\(denominator)" }
}

/// Why a figure could not be computed, in the two languages reports are printed in.
///
/// Both texts say the same thing to a reader of the summary: "no targets for region 华东 in 2026Q3" and
/// "2026Q3 无 华东 区域的目标". Names from the store (regions, teams, logins) and period texts appear in both
/// as stored.
public struct MissingReason: Hashable, Sendable {
    /// The reason in English.
    public let en: String
    /// The reason in Simplified Chinese.
    public let zh: String

    public init(en: String, zh: String) {
        self.en = en
        self.zh = zh
    }

    /// The reason in `language`.
    public func text(_ language: OutputLanguage) -> String {
        language.pick(zh, en)
    }
}

/// One metric's value for one period: a computed figure, or the reason it could not be computed.
///
/// A figure is never invented: a division by zero, a missing target or an empty table gives
/// ``missing(_:)`` with a reason a reader understands ("no targets for region 华东 in 2026Q3",
/// "2026Q3 无 华东 区域的目标"), not a zero. A zero is shown only when it was computed (no overdue invoices: 0 cents).
public enum MetricValue: Hashable, Sendable {
    /// Money, exactly, in minor units (分).
    case cents(Int64)
    /// A number of things (customers, orders, complaints).
    case count(Int64)
    /// A ratio, mean or index, as its exact fraction; for money units the numerator is in cents.
    case ratio(Ratio)
    /// Not computed, and why (in Chinese and English).
    case missing(MissingReason)

    /// `numerator ÷ denominator`, or ``missing(_:)`` with `reason` when the denominator is not positive.
    public static func fraction(
        _ numerator: Int64, _ denominator: Int64,
        orMissing reason: @autoclosure () -> MissingReason
    ) -> MetricValue {
        Ratio(numerator, denominator).map { .ratio($0) } ?? .missing(reason())
    }

    /// Whether the value is missing.
    public var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }

    /// The reason, when the value is missing.
    public var missingReason: MissingReason? {
        if case .missing(let reason) = self { return reason }
        return nil
    }

    /// The value as a double (cents for money, the quotient for a ratio); `nil` when missing.
    public var doubleValue: Double? {
        switch self {
        case .cents(let value), .count(let value): return Double(value)
        case .ratio(let ratio): return ratio.value
        case .missing: return nil
        }
    }

    /// The cents, for ``cents(_:)``.
    public var centsValue: Int64? {
        if case .cents(let value) = self { return value }
        return nil
    }

    /// The count, for ``count(_:)``.
    public var countValue: Int64? {
        if case .count(let value) = self { return value }
        return nil
    }

    /// The fraction, for ``ratio(_:)``.
    public var ratioValue: Ratio? {
        if case .ratio(let value) = self { return value }
        return nil
    }
}

/// Which way a figure moved against its comparison.
public enum Direction: String, Hashable, Sendable, Codable {
    /// Higher than the comparison.
    case up
    /// Lower than the comparison.
    case down
    /// Equal to the comparison.
    case flat

    /// How `current` compares with `comparison`; `nil` when either is missing.
    ///
    /// Money and counts compare exactly; ratios compare their exact fractions.
    public static func of(_ current: MetricValue, against comparison: MetricValue) -> Direction? {
        switch (current, comparison) {
        case (.cents(let a), .cents(let b)), (.count(let a), .count(let b)):
            return a > b ? .up : a < b ? .down : .flat
        case (.ratio(let a), .ratio(let b)):
            // a.n / a.d ? b.n / b.d with positive denominators: compare a.n × b.d with b.n × a.d.
            let left = a.numerator.multipliedFullWidth(by: b.denominator)
            let right = b.numerator.multipliedFullWidth(by: a.denominator)
            if left.high != right.high { return left.high > right.high ? .up : .down }
            return left.low > right.low ? .up : left.low < right.low ? .down : .flat
        default:
            return nil
        }
    }

    /// The sign of a change: up above zero, down below, flat at zero; `nil` when missing.
    public static func sign(of change: MetricValue) -> Direction? {
        switch change {
        case .cents(let value), .count(let value): return value > 0 ? .up : value < 0 ? .down : .flat
        case .ratio(let ratio): return ratio.numerator > 0 ? .up : ratio.numerator < 0 ? .down : .flat
        case .missing: return nil
        }
    }
}

/// One figure of the summary: which metric, its value, and what it is compared with.
public struct MetricResult: Hashable, Sendable {
    /// The metric, whose ``MetricDefinition`` gives names, unit and formula.
    public let metric: MetricID
    /// The value for the report's period.
    public var value: MetricValue
    /// The same figure for the comparison period, when the report has one and the figure is compared.
    public var comparison: MetricValue?
    /// The direction of the change: against ``comparison``, or for a change metric (growth) its sign.
    public var direction: Direction?

    /// A figure compared with `comparison` (direction derived from the two values).
    public init(_ metric: MetricID, _ value: MetricValue, comparison: MetricValue? = nil) {
        self.metric = metric
        self.value = value
        self.comparison = comparison
        self.direction = comparison.flatMap { Direction.of(value, against: $0) }
    }

    /// A figure with an explicit direction (a growth rate's sign).
    public init(_ metric: MetricID, _ value: MetricValue, comparison: MetricValue?, direction: Direction?) {
        self.metric = metric
        self.value = value
        self.comparison = comparison
        self.direction = direction
    }

    /// The metric's definition.
    public var definition: MetricDefinition { metric.definition }
}
