/// A signed 128-bit integer for exact sums and products of `Int64` amounts, without overflow.
///
/// Only what the scores need: sums of `Int64`, products of two `Int64`, products by a small non-negative
/// factor, and comparison. (The standard library's `Int128` needs macOS 15; the package supports macOS 13.)
struct ExactSum: Comparable, Sendable {
    /// The value is `high * 2^64 + low`.
    private(set) var high: Int64
    private(set) var low: UInt64

    static let zero = ExactSum(high: 0, low: 0)

    private init(high: Int64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The value `v`.
    init(_ v: Int64) {
        high = v < 0 ? -1 : 0
        low = UInt64(bitPattern: v)
    }

    /// The exact product `a * b`.
    static func product(_ a: Int64, _ b: Int64) -> ExactSum {
        let p = a.multipliedFullWidth(by: b)
        return ExactSum(high: p.high, low: p.low)
    }

    /// Adds `v`. Traps only past ±2^127, which sums of fewer than 2^63 amounts cannot reach.
    mutating func add(_ v: Int64) {
        add(ExactSum(v))
    }

    /// Adds `other`.
    mutating func add(_ other: ExactSum) {
        let (sum, carry) = low.addingReportingOverflow(other.low)
        low = sum
        high = high + other.high + (carry ? 1 : 0)
    }

    /// The exact product by `factor` (≥ 0). Traps only past ±2^127.
    func times(_ factor: Int64) -> ExactSum {
        precondition(factor >= 0, "ExactSum.times needs a non-negative factor")
        let lowPart = low.multipliedFullWidth(by: UInt64(factor))
        let (highPart, overflow) = high.multipliedReportingOverflow(by: factor)
        precondition(!overflow, "ExactSum overflow")
        return ExactSum(high: highPart + Int64(bitPattern: lowPart.high), low: lowPart.low)
    }

    /// The value as a `Double` (rounded), for display.
    var doubleValue: Double {
        Double(high) * 18_446_744_073_709_551_616.0 + Double(low)
    }

    static func < (a: ExactSum, b: ExactSum) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }
}
