/// A decimal number held exactly: `±significand × 10^exponent`.
///
/// Numeric cells keep the digits of their `<v>` in this form, so an amount never passes through binary
/// floating point. Values are normalised: the significand has no trailing zeros and zero has exponent 0.
public struct ExactNumber: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// Whether the number is below zero (never set for zero).
    public var isNegative: Bool
    /// The significant digits, at most 19 of them.
    public var significand: UInt64
    /// The power of ten the significand is scaled by.
    public var exponent: Int
    /// Whether digits beyond the 19th were rounded away when the number was read.
    public var isRounded: Bool

    /// Creates a normalised number.
    public init(isNegative: Bool = false, significand: UInt64, exponent: Int, isRounded: Bool = false) {
        var s = significand
        var e = exponent
        if s == 0 {
            e = 0
        } else {
            while s % 10 == 0 {
                s /= 10
                e += 1
            }
        }
        self.isNegative = isNegative && s != 0
        self.significand = s
        self.exponent = e
        self.isRounded = isRounded
    }

    /// Reads a number cell's `<v>` text: `[+-]? (digits [. digits*] | . digits) ([eE] [+-]? digits)?`.
    ///
    /// Returns `nil` for anything else. Digits past the 19th significant one are rounded (half up).
    public init?(raw bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0, n <= 400 else { return nil }
        var i = 0
        var negative = false
        if bytes[0] == 0x2D || bytes[0] == 0x2B {
            negative = bytes[0] == 0x2D
            i = 1
        }
        var accumulator = DigitAccumulator()
        var digits = 0
        while i < n, bytes[i] &- 0x30 < 10 {
            accumulator.push(bytes[i] - 0x30, fraction: false)
            digits += 1
            i += 1
        }
        if i < n, bytes[i] == 0x2E {
            i += 1
            while i < n, bytes[i] &- 0x30 < 10 {
                accumulator.push(bytes[i] - 0x30, fraction: true)
                digits += 1
                i += 1
            }
        }
        guard digits > 0 else { return nil }
        var exponent = 0
        if i < n, bytes[i] | 0x20 == 0x65 {
            i += 1
            var expNegative = false
            if i < n, bytes[i] == 0x2D || bytes[i] == 0x2B {
                expNegative = bytes[i] == 0x2D
                i += 1
            }
            var expDigits = 0
            while i < n, bytes[i] &- 0x30 < 10 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[i] - 0x30) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard i == n else { return nil }
        self = accumulator.number(negative: negative, extraExponent: exponent)
    }

    /// Reads `<v>` text from a string; see ``init(raw:)-(UnsafeBufferPointer<UInt8>)``.
    public init?(raw text: String) {
        var text = text
        guard let value = text.withUTF8({ ExactNumber(raw: $0) }) else { return nil }
        self = value
    }

    /// The decimal a `Double` prints as (its shortest round-tripping digits); `nil` for infinities and NaN.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        if value == value.rounded(), abs(value) < 9.0e15 {
            self.init(isNegative: value < 0, significand: UInt64(abs(value)), exponent: 0)
            return
        }
        self.init(raw: value.description)
    }

    /// For tests and literals: the `<v>` text of a number cell. Traps on invalid text.
    public init(stringLiteral value: String) {
        guard let number = ExactNumber(raw: value) else { preconditionFailure("not a number: \(value)") }
        self = number
    }

    /// Whether the number is a whole number.
    public var isInteger: Bool { exponent >= 0 }

    /// The number rounded to `digits` significant digits (half up), as Excel shows a cell (15 digits).
    public func rounded(toSignificantDigits digits: Int) -> ExactNumber {
        let count = ExactNumber.digitCount(significand)
        guard count > digits else { return self }
        let drop = count - digits
        let p = ExactNumber.powerOf10(drop)!
        var s = significand / p
        if significand % p >= p / 2 { s += 1 }
        return ExactNumber(isNegative: isNegative, significand: s, exponent: exponent + drop, isRounded: isRounded)
    }

    /// Plain decimal text, no exponent: `-12.5`, `1200`, `0.003`; scientific (`1.5E+40`) beyond 30 places.
    public var description: String {
        if significand == 0 { return "0" }
        guard exponent <= 30 && exponent >= -30 else { return scientific }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 72) { out in
            // Digits of the significand, most significant first.
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
            let count = withUnsafeMutableBytes(of: &digits) { d -> Int in
                var v = significand
                var n = 0
                while v > 0 {
                    d[n] = UInt8(truncatingIfNeeded: v % 10) + 0x30
                    v /= 10
                    n += 1
                }
                return n
            }
            func digit(_ k: Int) -> UInt8 {  // k-th digit from the left
                withUnsafeBytes(of: digits) { $0[count - 1 - k] }
            }
            var n = 0
            if isNegative {
                out[0] = 0x2D
                n = 1
            }
            if exponent >= 0 {
                for k in 0..<count {
                    out[n] = digit(k)
                    n += 1
                }
                for _ in 0..<exponent {
                    out[n] = 0x30
                    n += 1
                }
            } else {
                let places = -exponent
                let integerDigits = count - places
                if integerDigits <= 0 {
                    out[n] = 0x30
                    out[n + 1] = 0x2E
                    n += 2
                    for _ in 0 ..< -integerDigits {
                        out[n] = 0x30
                        n += 1
                    }
                    for k in 0..<count {
                        out[n] = digit(k)
                        n += 1
                    }
                } else {
                    for k in 0..<integerDigits {
                        out[n] = digit(k)
                        n += 1
                    }
                    out[n] = 0x2E
                    n += 1
                    for k in integerDigits..<count {
                        out[n] = digit(k)
                        n += 1
                    }
                }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: out[..<n]), as: UTF8.self)
        }
    }

    private var scientific: String {
        let digits = String(significand)
        let e = exponent + digits.count - 1
        let mantissa = digits.count == 1 ? digits : String(digits.prefix(1)) + "." + digits.dropFirst()
        return (isNegative ? "-" : "") + mantissa + "E" + (e < 0 ? "-" : "+") + String(abs(e))
    }

    // MARK: - Helpers

    static let powersOf10: [UInt64] = (0...19).map { k in (0..<k).reduce(UInt64(1)) { r, _ in r * 10 } }

    /// 10^k when it fits in a `UInt64` (k ≤ 19).
    @inline(__always)
    static func powerOf10(_ k: Int) -> UInt64? { k >= 0 && k <= 19 ? powersOf10[k] : nil }

    /// The number of decimal digits of `v` (1 for 0).
    @inline(__always)
    static func digitCount(_ v: UInt64) -> Int {
        var k = 1
        while k < 20 && v >= powersOf10[k] { k += 1 }
        return k
    }
}

/// Collects decimal digits into a significand of at most 19 digits, rounding away the rest.
struct DigitAccumulator {
    var significand: UInt64 = 0
    var significantDigits = 0
    var fractionDigits = 0
    /// Integer digits dropped past the 19th significant one (each multiplies by ten).
    var droppedIntegerDigits = 0
    /// The first dropped digit, for rounding.
    var firstDropped: UInt8?
    var droppedNonZero = false

    @inline(__always)
    mutating func push(_ digit: UInt8, fraction: Bool) {
        if significantDigits == 0 && digit == 0 {
            if fraction { fractionDigits += 1 }
            return
        }
        if significantDigits < 19 {
            significand = significand &* 10 &+ UInt64(digit)
            significantDigits += 1
            if fraction { fractionDigits += 1 }
        } else {
            if firstDropped == nil { firstDropped = digit } else if digit != 0 { droppedNonZero = true }
            if !fraction { droppedIntegerDigits += 1 }
        }
    }

    /// Whether every digit was kept.
    var isExact: Bool { firstDropped == nil || (firstDropped == 0 && !droppedNonZero) }

    func number(negative: Bool, extraExponent: Int = 0) -> ExactNumber {
        var s = significand
        var e = droppedIntegerDigits - fractionDigits + extraExponent
        if let first = firstDropped, first >= 5 {
            if s == UInt64(9_999_999_999_999_999_999) {
                s = 1_000_000_000_000_000_000
                e += 1
            } else {
                s += 1
            }
        }
        return ExactNumber(isNegative: negative, significand: s, exponent: e, isRounded: !isExact)
    }
}
