import Foundation

/// A customer's purchase history as the BG/NBD model reads it: (x, tₓ, T) of Fader, Hardie & Lee (2005).
///
/// Times are in one unit of the caller's choice (days, weeks), the same for every customer and for the
/// horizon of predictions; the fitted ``BGNBD/alpha`` is in that unit. The first purchase starts the clock.
public struct PurchaseHistory: Sendable, Hashable {
    /// x: purchases after the first one; 0 for a customer who bought once.
    public var repeatPurchases: Int
    /// tₓ: time from the first purchase to the last one. Ignored when `repeatPurchases` is 0.
    public var lastPurchaseTime: Double
    /// T: time from the first purchase to the end of observation.
    public var age: Double

    public init(repeatPurchases: Int, lastPurchaseTime: Double, age: Double) {
        self.repeatPurchases = repeatPurchases
        self.lastPurchaseTime = lastPurchaseTime
        self.age = age
    }

    /// Throws unless x ≥ 0, T ≥ 0 and (for x > 0) 0 ≤ tₓ ≤ T, all finite.
    func validate(index: Int) throws {
        guard repeatPurchases >= 0, age.isFinite, age >= 0,
            repeatPurchases == 0 || (lastPurchaseTime.isFinite && lastPurchaseTime >= 0 && lastPurchaseTime <= age)
        else {
            throw ScoreModelError.invalidInput(
                customerID: nil,
                reason: "purchase history \(index + 1): x = \(repeatPurchases), tx = \(lastPurchaseTime), T = \(age) "
                    + "(needs x ≥ 0 and 0 ≤ tx ≤ T)")
        }
    }
}

/// The BG/NBD ("beta-geometric / negative binomial distribution") model of repeat purchasing, from Fader,
/// Hardie & Lee, "Counting Your Customers the Easy Way: An Alternative to the Pareto/NBD Model",
/// Marketing Science 24(2), 2005.
///
/// While alive, a customer buys at a Poisson rate λ, with λ ~ Gamma(shape r, rate α) across customers. After
/// each purchase they become inactive with probability p, with p ~ Beta(a, b). ``fit(_:)`` estimates
/// (r, α, a, b) by maximum likelihood; the fitted model predicts a customer's future purchases
/// (``expectedPurchases(within:after:)``) and the probability that they are still active
/// (``probabilityAlive(_:)``).
public struct BGNBD: Sendable, Hashable {
    /// Shape of the gamma distribution of purchase rates.
    public let r: Double
    /// Rate (scale, in the time unit of the data) of the gamma distribution of purchase rates.
    public let alpha: Double
    /// First shape of the beta distribution of drop-out probabilities.
    public let a: Double
    /// Second shape of the beta distribution of drop-out probabilities.
    public let b: Double

    /// A model with the parameters given, all positive and finite.
    ///
    /// - Throws: ``ScoreModelError/invalidSetting(name:value:allowed:)`` for a parameter out of range.
    public init(r: Double, alpha: Double, a: Double, b: Double) throws {
        for (name, value) in [("r", r), ("alpha", alpha), ("a", a), ("b", b)] where !isPositive(value) {
            throw ScoreModelError.invalidSetting(
                name: "BG/NBD \(name)", value: "\(value)", allowed: "a positive number")
        }
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
    }

    // MARK: - Likelihood

    /// The log-likelihood of one customer's history (Fader, Hardie & Lee 2005, equation 6):
    ///
    ///     L = B(a, b+x)/B(a, b) · Γ(r+x) αʳ / (Γ(r) (α+T)^(r+x))
    ///       + [x > 0] · B(a+1, b+x−1)/B(a, b) · Γ(r+x) αʳ / (Γ(r) (α+tₓ)^(r+x))
    public func logLikelihood(_ h: PurchaseHistory) -> Double {
        let x = Double(h.repeatPurchases)
        let common =
            logGamma(r + x) - logGamma(r) + r * log(alpha)
            + logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x)
        let stillAlive = -(r + x) * log(alpha + h.age)
        guard h.repeatPurchases > 0 else { return common + stillAlive }
        let droppedOut = log(a) - log(b + x - 1) - (r + x) * log(alpha + h.lastPurchaseTime)
        return common + SpecialFunctions.logAddExp(stillAlive, droppedOut).value
    }

    /// The total log-likelihood of many customers' histories.
    public func logLikelihood(_ histories: [PurchaseHistory]) -> Double {
        histories.reduce(0) { $0 + logLikelihood($1) }
    }

    // MARK: - Predictions

    /// The probability that a customer with this history is still active at the end of observation
    /// (Fader, Hardie & Lee 2005, equation 11): 1 for a customer without repeat purchases, else
    /// `1 / (1 + a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x))`.
    public func probabilityAlive(_ h: PurchaseHistory) -> Double {
        probabilityAlive(deathOdds: deathOdds(h))
    }

    /// ``probabilityAlive(_:)`` from the customer's ``deathOdds(_:)``.
    @inline(__always)
    func probabilityAlive(deathOdds: Double) -> Double {
        1 / (1 + deathOdds)
    }

    /// The expected number of purchases in the `t` time units after the end of observation, for a customer
    /// with history `h` (Fader, Hardie & Lee 2005, equation 10):
    ///
    ///     E[Y(t) | x, tₓ, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; z)]
    ///                          / (1 + [x > 0] · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)),   z = t/(α+T+t).
    ///
    /// Both series converge for every t ≥ 0 because 0 ≤ z < 1, and both are summed until the remaining terms
    /// are below 1e-17 of the sum. For a ≤ 8 the bracket divided by (a−1) is computed after Euler's
    /// transformation ₂F₁(A, B; C; z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z), which turns it into
    /// `[1 − (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z)] / (a−1)`; every term of that series after the first
    /// carries the factor (a−1), and dividing it out leaves `−expm1(u)/(a−1) − eᵘ·S` with `u = (a−1)·log(1−z)`
    /// and `S = Σₙ≥₁ (a+b−1−r)ₙ (a)ₙ₋₁ zⁿ / ((a+b+x−1)ₙ n!)` (rising factorials): no cancellation near a = 1,
    /// and the limit −log(1−z) at a = 1. For a > 8 (where the transformed series
    /// has huge middle terms) the series of the formula itself is summed, in log scale, and
    /// `1 − (1−z)^(r+x) ₂F₁` is taken with `expm1`.
    ///
    /// - Parameter t: the horizon, in the time unit of the data (≥ 0).
    public func expectedPurchases(within t: Double, after h: PurchaseHistory) -> Double {
        guard t > 0 else { return 0 }
        return expectedPurchases(
            bracket: purchaseBracket(within: t, repeatPurchases: h.repeatPurchases, age: h.age),
            repeatPurchases: h.repeatPurchases, deathOdds: deathOdds(h))
    }

    /// The series part of ``expectedPurchases(within:after:)`` (the bracket of equation 10 divided by a−1),
    /// which depends on x, T and t but not on tₓ: customers who share x and T share it, so a scoring run
    /// sums each series once per distinct (x, T). `t` must be above 0.
    func purchaseBracket(within t: Double, repeatPurchases: Int, age: Double) -> Double {
        let x = Double(repeatPurchases)
        let z = t / (alpha + age + t)
        return a <= Self.directFormAbove ? transformedBracket(x: x, z: z) : directBracket(x: x, z: z)
    }

    /// ``expectedPurchases(within:after:)`` from its ``purchaseBracket(within:repeatPurchases:age:)`` and the
    /// customer's ``deathOdds(_:)``: the same arithmetic, so the same bits.
    @inline(__always)
    func expectedPurchases(bracket: Double, repeatPurchases: Int, deathOdds: Double) -> Double {
        let x = Double(repeatPurchases)
        return (a + b + x - 1) * bracket / (1 + deathOdds)
    }

    /// Above this `a`, ``expectedPurchases(within:after:)`` sums the series of equation 10 as it stands;
    /// at or below it, the transformed series (whose terms grow like (a·z)ⁿ/n! before they fall).
    static let directFormAbove = 8.0

    /// `[1 − (1−z)^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z)] / (a−1)` after Euler's transformation, without
    /// cancellation near a = 1.
    func transformedBracket(x: Double, z: Double) -> Double {
        let log1mz = log1p(-z)
        let u = (a - 1) * log1mz
        let first = a == 1 ? -log1mz : -expm1(u) / (a - 1)
        return first - exp(u) * SpecialFunctions.hypergeometricTail(p: a + b - 1 - r, a: a, c: a + b + x - 1, z: z)
    }

    /// The same bracket from the series of equation 10 itself, summed in log scale; for a well above 1.
    func directBracket(x: Double, z: Double) -> Double {
        -expm1(SpecialFunctions.logScaledHypergeometric(a: r + x, b: b + x, c: a + b + x - 1, z: z)) / (a - 1)
    }

    /// The odds that the customer dropped out after their last purchase rather than being still active.
    func deathOdds(_ h: PurchaseHistory) -> Double {
        guard h.repeatPurchases > 0 else { return 0 }
        let x = Double(h.repeatPurchases)
        return exp(log(a) - log(b + x - 1) + (r + x) * (log(alpha + h.age) - log(alpha + h.lastPurchaseTime)))
    }

    // MARK: - Fitting

    /// The outcome of a maximum-likelihood fit.
    public struct Fit: Sendable, Hashable {
        /// The fitted model.
        public var model: BGNBD
        /// The maximised log-likelihood, summed over the customers.
        public var logLikelihood: Double
        /// How many customers the model was fitted on.
        public var customers: Int
        /// Optimiser iterations and likelihood evaluations, for diagnostics.
        public var iterations: Int
        public var evaluations: Int
    }

    /// The maximum-likelihood fit of (r, α, a, b) to the histories.
    ///
    /// The search runs over the logarithms of the parameters (so they stay positive) with BFGS and the
    /// analytic gradient of the log-likelihood, from r = a = b = 1 and α = ΣT / Σx (the rate r/α then matches
    /// the observed purchase rate). Customers with identical (x, tₓ, T) are evaluated once with a weight, and
    /// the terms that depend only on x or only on a time value are computed once per distinct value, so each
    /// likelihood evaluation costs one `exp` and one `log` per distinct history.
    ///
    /// When the data show no heterogeneity in drop-out, a and b can grow together without bound while the
    /// likelihood flattens; the search accepts a point where the likelihood no longer changes beyond
    /// rounding, and predictions there are those of the limiting model.
    ///
    /// - Throws: ``ScoreModelError/notEnoughData(model:reason:)`` without customers, without any repeat
    ///   purchase, or when parameters run off towards 0 or infinity without the likelihood settling (for
    ///   instance when no customer seems to have dropped out);
    ///   ``ScoreModelError/invalidInput(customerID:reason:)`` for an invalid history;
    ///   ``ScoreModelError/fitDidNotConverge(model:iterations:)`` when the search fails otherwise.
    public static func fit(_ histories: [PurchaseHistory]) throws -> Fit {
        for (i, h) in histories.enumerated() { try h.validate(index: i) }
        guard !histories.isEmpty else { throw ScoreModelError.notEnoughData(model: "BG/NBD", reason: "no customers") }
        guard histories.contains(where: { $0.repeatPurchases > 0 }) else {
            throw ScoreModelError.notEnoughData(model: "BG/NBD", reason: "no customer made a repeat purchase")
        }
        let likelihood = BGNBDLikelihood(histories)
        let start = [0, log(likelihood.agePerRepeatPurchase), 0, 0]
        let result = Minimizer().minimize(from: start) { likelihood.negativeMeanLogLikelihood(at: $0, gradient: &$1) }
        let parameters = result.point.map { exp($0) }
        guard result.converged,
            let model = try? BGNBD(r: parameters[0], alpha: parameters[1], a: parameters[2], b: parameters[3])
        else { throw result.failure(model: "BG/NBD", parameterNames: ["r", "alpha", "a", "b"]) }
        return Fit(
            model: model, logLikelihood: -result.value * likelihood.totalWeight, customers: histories.count,
            iterations: result.iterations, evaluations: result.evaluations)
    }
}

/// The BG/NBD log-likelihood of a fixed set of histories and its gradient in log-parameters, prepared for
/// many evaluations: histories grouped, per-x and per-time terms tabulated, no allocation per evaluation.
final class BGNBDLikelihood {
    /// The distinct values of x, ascending, and the number of customers with each.
    private let xs: [Double]
    private let xWeight: [Double]
    /// The distinct time values (ages, and purchase times of customers with x > 0).
    private let times: [Double]
    /// The distinct histories: index into `xs`, index of T and of tₓ into `times`, number of customers.
    private let rowX: [Int32]
    private let rowAge: [Int32]
    private let rowLast: [Int32]
    private let rowWeight: [Double]
    /// The number of customers.
    let totalWeight: Double
    /// ΣT / Σx over the customers (at least 1e-9), summed in the grouped order so that the order of the
    /// input cannot change the last bits.
    let agePerRepeatPurchase: Double

    // Scratch tables, rewritten by each evaluation.
    private var common: [Double], dropOutTerm: [Double], logTime: [Double], invTime: [Double], dropOutWeight: [Double]

    init(_ histories: [PurchaseHistory]) {
        let xValues = Array(Set(histories.map(\.repeatPurchases))).sorted()
        let xIndex = Dictionary(uniqueKeysWithValues: xValues.enumerated().map { ($1, Int32($0)) })
        var timeSet = Set(histories.map(\.age))
        for h in histories where h.repeatPurchases > 0 { timeSet.insert(h.lastPurchaseTime) }
        let timeValues = timeSet.sorted()
        let timeIndex = Dictionary(uniqueKeysWithValues: timeValues.enumerated().map { ($1, Int32($0)) })

        struct Key: Hashable { var x: Int32, age: Int32, last: Int32 }
        var counts: [Key: Double] = [:]
        var xw = [Double](repeating: 0, count: xValues.count)
        for h in histories {
            let ix = xIndex[h.repeatPurchases]!
            let key = Key(
                x: ix, age: timeIndex[h.age]!,
                last: h.repeatPurchases > 0 ? timeIndex[h.lastPurchaseTime]! : 0)
            counts[key, default: 0] += 1
            xw[Int(ix)] += 1
        }
        let rows = counts.sorted { ($0.key.x, $0.key.age, $0.key.last) < ($1.key.x, $1.key.age, $1.key.last) }
        xs = xValues.map(Double.init)
        xWeight = xw
        times = timeValues
        rowX = rows.map(\.key.x)
        rowAge = rows.map(\.key.age)
        rowLast = rows.map(\.key.last)
        rowWeight = rows.map(\.value)
        totalWeight = Double(histories.count)
        var ageSum = 0.0
        var repeatSum = 0.0
        for (key, count) in rows {
            ageSum += count * timeValues[Int(key.age)]
            repeatSum += count * Double(xValues[Int(key.x)])
        }
        agePerRepeatPurchase = max(ageSum, 1e-9) / repeatSum
        common = [Double](repeating: 0, count: xValues.count)
        dropOutTerm = common
        dropOutWeight = common
        logTime = [Double](repeating: 0, count: timeValues.count)
        invTime = logTime
    }

    /// −(1/N)·log-likelihood at θ = (log r, log α, log a, log b), and its gradient in θ written to `gradient`;
    /// `.infinity` where the parameters overflow.
    func negativeMeanLogLikelihood(at theta: [Double], gradient: inout [Double]) -> Double {
        let r = exp(theta[0])
        let alpha = exp(theta[1])
        let a = exp(theta[2])
        let b = exp(theta[3])
        guard isPositive(r), isPositive(alpha), isPositive(a), isPositive(b) else { return .infinity }
        let logAlpha = log(alpha)
        let logA = log(a)
        let lgR = logGamma(r)
        let lgB = logGamma(b)
        let lgAB = logGamma(a + b)
        for k in xs.indices {
            let x = xs[k]
            common[k] = logGamma(r + x) - lgR + r * logAlpha + lgAB + logGamma(b + x) - lgB - logGamma(a + b + x)
            dropOutTerm[k] = x > 0 ? logA - log(b + x - 1) : 0
            dropOutWeight[k] = 0
        }
        for j in times.indices {
            logTime[j] = log(alpha + times[j])
            invTime[j] = 1 / (alpha + times[j])
        }

        var ll = 0.0
        var dR = 0.0
        var dAlpha = 0.0
        for i in rowWeight.indices {
            let k = Int(rowX[i])
            let w = rowWeight[i]
            let x = xs[k]
            let s = r + x
            let ja = Int(rowAge[i])
            let alive = -s * logTime[ja]
            if x == 0 {
                ll += w * (common[k] + alive)
                dR -= w * logTime[ja]
                dAlpha -= w * s * invTime[ja]
            } else {
                let jl = Int(rowLast[i])
                let (lse, w4) = SpecialFunctions.logAddExp(alive, dropOutTerm[k] - s * logTime[jl])
                let w3 = 1 - w4
                ll += w * (common[k] + lse)
                dR -= w * (w3 * logTime[ja] + w4 * logTime[jl])
                dAlpha -= w * s * (w3 * invTime[ja] + w4 * invTime[jl])
                dropOutWeight[k] += w * w4
            }
        }
        guard ll.isFinite else { return .infinity }

        let psiR = SpecialFunctions.digamma(r)
        let psiB = SpecialFunctions.digamma(b)
        let psiAB = SpecialFunctions.digamma(a + b)
        var dA = 0.0
        var dB = 0.0
        for k in xs.indices {
            let x = xs[k]
            let n = xWeight[k]
            let psiABX = SpecialFunctions.digamma(a + b + x)
            dR += n * (SpecialFunctions.digamma(r + x) - psiR + logAlpha)
            dAlpha += n * r / alpha
            dA += n * (psiAB - psiABX) + dropOutWeight[k] / a
            dB += n * (psiAB + SpecialFunctions.digamma(b + x) - psiB - psiABX)
            if x > 0 { dB -= dropOutWeight[k] / (b + x - 1) }
        }
        let scale = -1 / totalWeight
        gradient[0] = scale * r * dR
        gradient[1] = scale * alpha * dAlpha
        gradient[2] = scale * a * dA
        gradient[3] = scale * b * dB
        return scale * ll
    }
}
