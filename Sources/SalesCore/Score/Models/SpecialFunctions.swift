import Foundation

/// Special functions the purchase models need and the C library lacks.
/// log Γ(x) for x > 0: the C library's `lgamma`, typed so that the one-result overload is picked.
@inline(__always)
func logGamma(_ x: Double) -> Double {
    let value: Double = lgamma(x)
    return value
}

/// Whether `x` is a finite number above 0.
@inline(__always)
func isPositive(_ x: Double) -> Bool {
    x.isFinite && x > 0
}

enum SpecialFunctions {
    /// The digamma function ψ(x) = d/dx log Γ(x), for x > 0, to about 1e-15 relative.
    ///
    /// Shifts x up to at least 10 with ψ(x) = ψ(x + 1) − 1/x, then sums the asymptotic series.
    static func digamma(_ x: Double) -> Double {
        var x = x
        var result = 0.0
        while x < 10 {
            result -= 1 / x
            x += 1
        }
        let f = 1 / (x * x)
        let series =
            f
            * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132 - f * (691.0 / 32_760))))))
        return result + log(x) - 0.5 / x - series
    }

    /// `log(exp(u) + exp(v))` without overflow, and the weight `exp(v) / (exp(u) + exp(v))` of `v`.
    @inline(__always)
    static func logAddExp(_ u: Double, _ v: Double) -> (value: Double, weightOfSecond: Double) {
        if u >= v {
            let e = exp(v - u)
            return (u + log1p(e), e / (1 + e))
        } else {
            let e = exp(u - v)
            return (v + log1p(e), 1 / (1 + e))
        }
    }

    /// `S = Σ_{n≥1} (p)_n (a)_{n−1} zⁿ / ((c)_n n!)` for 0 ≤ z < 1, c > 0, a > 0, where `(y)_n` is the rising factorial.
    ///
    /// This is the Gauss hypergeometric series 2F1(p, a − 1; c; z) = 1 + (a − 1)·S with the common factor
    /// (a − 1) taken out, so that callers can divide by (a − 1) without cancellation when a is near 1.
    /// Terms are added until the tail, bounded by a geometric series with ratio max(current ratio, z), is below
    /// 1e-17 of the sum. The series converges for every z < 1; it needs roughly 40 / (1 − z) terms.
    static func hypergeometricTail(p: Double, a: Double, c: Double, z: Double) -> Double {
        guard z > 0, p != 0 else { return 0 }
        var term = p * z / c
        var sum = term
        var n = 1.0
        let maxTerms = 50_000_000.0
        while n < maxTerms {
            let ratio = (p + n) * (a + n - 1) * z / ((c + n) * (n + 1))
            term *= ratio
            sum += term
            if term == 0 { break }
            let rho = max(abs(ratio), z)
            if rho < 1 && abs(term) * rho / (1 - rho) <= 1e-17 * abs(sum) { break }
            n += 1
        }
        return sum
    }

    /// `log[(1 − z)^A · ₂F₁(A, B; C; z)]` for A, B, C > 0 and 0 ≤ z < 1, by the defining series.
    ///
    /// Every term is positive, so the sum has no cancellation; it is kept rescaled so that neither the large
    /// middle terms nor the small factor (1 − z)^A can overflow or underflow. Stops like
    /// ``hypergeometricTail(p:a:c:z:)``.
    static func logScaledHypergeometric(a: Double, b: Double, c: Double, z: Double) -> Double {
        var term = 1.0
        var sum = 1.0
        var logScale = 0.0
        var n = 0.0
        let maxTerms = 50_000_000.0
        let big = 1e200
        let logBig = log(1e200)
        while n < maxTerms && z > 0 {
            let ratio = (a + n) * (b + n) * z / ((c + n) * (n + 1))
            term *= ratio
            sum += term
            if sum > big {
                sum /= big
                term /= big
                logScale += logBig
            }
            let rho = max(ratio, z)
            if rho < 1 && term * rho / (1 - rho) <= 1e-17 * sum { break }
            n += 1
        }
        return a * log1p(-z) + logScale + log(sum)
    }
}
