/// Minimises a smooth function of a few variables: BFGS with a backtracking (Armijo) line search.
///
/// Deterministic: no random starts. The inverse-Hessian estimate starts as the identity, is rescaled after the
/// first step, and is reset to the identity whenever it stops giving a descent direction or a line search
/// fails; a failure from the identity ends the search. Steps are capped at `maxStep` in the largest
/// coordinate, which keeps log-parameters from jumping to overflow.
struct Minimizer {
    /// Convergence: every component of the gradient at most this in absolute value.
    var gradientTolerance = 1e-9
    /// Also converged when the function no longer decreases by more than rounding (a relative change below
    /// 1e-14, or a failed line search) while the gradient is at most this: near the minimum the rounding
    /// noise of a long sum can keep the gradient above `gradientTolerance`.
    var stallTolerance = 1e-6
    var maxIterations = 200
    var maxStep = 2.0

    struct Result {
        var point: [Double]
        var value: Double
        var gradient: [Double]
        var iterations: Int
        var evaluations: Int
        var converged: Bool

        /// Why a search over log-parameters failed: the parameters that ran off towards 0 or infinity
        /// (|log| > 12) when there are any, else plain non-convergence.
        func failure(model: String, parameterNames: [String]) -> ScoreModelError {
            let runaway = zip(parameterNames, point).filter { abs($0.1) > 12 || !$0.1.isFinite }.map(\.0)
            guard !runaway.isEmpty else { return .fitDidNotConverge(model: model, iterations: iterations) }
            return .notEnoughData(
                model: model,
                reason: "the likelihood keeps rising as \(runaway.joined(separator: ", ")) "
                    + "run\(runaway.count == 1 ? "s" : "") off towards 0 or infinity, so the data do not "
                    + "determine \(runaway.count == 1 ? "it" : "them")")
        }
    }

    /// The minimum found from `start`. `objective(x, &g)` returns f(x) and writes ∇f(x) into `g`; it returns
    /// `.infinity` or NaN where f is undefined, and the line search steps back from there.
    func minimize(from start: [Double], _ objective: ([Double], inout [Double]) -> Double) -> Result {
        let n = start.count
        var x = start
        var g = [Double](repeating: 0, count: n)
        var fx = objective(x, &g)
        var evaluations = 1
        guard fx.isFinite else {
            return Result(point: x, value: fx, gradient: g, iterations: 0, evaluations: evaluations, converged: false)
        }
        var h = Self.identity(n)
        var hIsIdentity = true
        var scaled = false
        var xNew = x
        var gNew = g
        var p = x
        var s = x
        var y = x
        var hy = x
        var iterations = 0
        var converged = false

        while iterations < maxIterations {
            if Self.maxAbs(g) <= gradientTolerance {
                converged = true
                break
            }
            // p = −H g, a descent direction unless H has gone bad.
            for i in 0..<n { p[i] = -(0..<n).reduce(0) { $0 + h[i * n + $1] * g[$1] } }
            var slope = Self.dot(g, p)
            if !(slope < 0) {
                h = Self.identity(n)
                hIsIdentity = true
                scaled = false
                for i in 0..<n { p[i] = -g[i] }
                slope = Self.dot(g, p)
            }
            let longest = Self.maxAbs(p)
            if longest > maxStep {
                let shrink = maxStep / longest
                for i in 0..<n { p[i] *= shrink }
                slope *= shrink
            }
            var step = 1.0
            var fNew = Double.nan
            var accepted = false
            for _ in 0..<80 {
                for i in 0..<n { xNew[i] = x[i] + step * p[i] }
                fNew = objective(xNew, &gNew)
                evaluations += 1
                if fNew.isFinite && fNew <= fx + 1e-4 * step * slope {
                    accepted = true
                    break
                }
                // Quadratic interpolation of the step, kept within [0.1, 0.5] of the last one.
                let next = fNew.isFinite ? -slope * step * step / (2 * (fNew - fx - slope * step)) : 0.1 * step
                step = min(max(next, 0.1 * step), 0.5 * step)
            }
            if !accepted {
                if hIsIdentity {
                    converged = Self.maxAbs(g) <= stallTolerance
                    break
                }
                h = Self.identity(n)
                hIsIdentity = true
                scaled = false
                continue
            }
            for i in 0..<n {
                s[i] = xNew[i] - x[i]
                y[i] = gNew[i] - g[i]
            }
            let sy = Self.dot(s, y)
            let yy = Self.dot(y, y)
            let ss = Self.dot(s, s)
            if sy > 1e-12 * (ss * yy).squareRoot() {
                if !scaled {
                    // First update: rescale the identity to the curvature just seen (Nocedal & Wright 6.20).
                    h = Self.identity(n)
                    for i in 0..<n { h[i * n + i] = sy / yy }
                    scaled = true
                }
                // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, expanded.
                let rho = 1 / sy
                for i in 0..<n { hy[i] = (0..<n).reduce(0) { $0 + h[i * n + $1] * y[$1] } }
                let yhy = Self.dot(y, hy)
                for i in 0..<n {
                    for j in 0..<n {
                        h[i * n + j] += (1 + rho * yhy) * rho * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j])
                    }
                }
                hIsIdentity = false
            }
            let stalled = fx - fNew <= 1e-14 * max(abs(fx), 1)
            swap(&x, &xNew)
            swap(&g, &gNew)
            fx = fNew
            iterations += 1
            if stalled && Self.maxAbs(g) <= stallTolerance {
                converged = true
                break
            }
        }
        return Result(
            point: x, value: fx, gradient: g, iterations: iterations, evaluations: evaluations,
            converged: converged)
    }

    private static func identity(_ n: Int) -> [Double] {
        var m = [Double](repeating: 0, count: n * n)
        for i in 0..<n { m[i * n + i] = 1 }
        return m
    }

    private static func dot(_ u: [Double], _ v: [Double]) -> Double {
        zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }
    }

    private static func maxAbs(_ u: [Double]) -> Double {
        u.reduce(0) { max($0, abs($1)) }
    }
}
