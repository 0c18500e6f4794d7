#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The strict number grammar of a cell's `<v>`: `[+-]? (digits [. digits*] | . digits) ([eE] [+-]? digits)?`.
/// No `nan`, `inf`, hex, spaces or thousands separators; the value must be finite.
public enum NumberParsing {
    private static let powersOf10: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Parses the bytes, or returns nil when they break the grammar or overflow.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = bytes.count
        guard n > 0, n <= 400, let p = bytes.baseAddress else { return nil }
        var i = 0
        var negative = false
        if p[0] == 0x2D || p[0] == 0x2B {
            negative = p[0] == 0x2D
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var significant = 0
        var fractionDigits = 0
        var exact = true
        while i < n, p[i] &- 0x30 < 10 {
            if significant < 19 {
                mantissa = mantissa &* 10 &+ UInt64(p[i] - 0x30)
                if mantissa > 0 { significant += 1 }
            } else {
                exact = false
            }
            digits += 1
            i += 1
        }
        if i < n, p[i] == 0x2E {
            i += 1
            while i < n, p[i] &- 0x30 < 10 {
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(p[i] - 0x30)
                    if mantissa > 0 { significant += 1 }
                    fractionDigits += 1
                } else {
                    exact = false
                }
                digits += 1
                i += 1
            }
        }
        guard digits > 0 else { return nil }
        var hasExponent = false
        if i < n, p[i] == 0x65 || p[i] == 0x45 {
            hasExponent = true
            i += 1
            if i < n, p[i] == 0x2D || p[i] == 0x2B { i += 1 }
            var expDigits = 0
            while i < n, p[i] &- 0x30 < 10 {
                i += 1
                expDigits += 1
            }
            guard expDigits > 0 else { return nil }
        }
        guard i == n else { return nil }
        // Exact fast path: at most 15 significant digits and a power of ten that is exact in a Double.
        if !hasExponent && exact && significant <= 15 && fractionDigits <= 22 {
            let value = Double(mantissa) / powersOf10[fractionDigits]
            return negative ? -value : value
        }
        // Everything else goes through the C library's correctly rounded conversion.
        var buffer = [CChar](repeating: 0, count: n + 1)
        for k in 0..<n { buffer[k] = CChar(bitPattern: p[k]) }
        let value = strtod(buffer, nil)
        return value.isFinite ? value : nil
    }

    public static func parse(_ text: String) -> Double? {
        var t = text
        return t.withUTF8 { parse($0) }
    }
}
