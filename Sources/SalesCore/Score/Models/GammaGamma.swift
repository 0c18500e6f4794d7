import Foundation

/// A customer's repeat purchases and their mean value, as the Gamma-Gamma model reads them.
public struct SpendHistory: Sendable, Hashable {
    /// x: the number of transactions the mean is taken over (the repeat purchases).
    public var repeatPurchases: Int
    /// mₓ: the mean value of those transactions, in one money unit of the caller's choice (yuan, cents).
    public var meanValue: Double

    public init(repeatPurchases: Int, meanValue: Double) {
        self.repeatPurchases = repeatPurchases
        self.meanValue = meanValue
    }
}

/// The Gamma-Gamma model of spend per transaction, from Fader, Hardie & Lee, "RFM and CLV: Using Iso-Value
/// Curves for Customer Base Analysis", Journal of Marketing Research 42(4), 2005 (see also Fader & Hardie,
/// "The Gamma-Gamma Model of Monetary Value", 2013).
///
/// A customer's transaction values are Gamma(shape p, rate ν), with ν ~ Gamma(shape q, rate γ) across
/// customers, independent of how often they buy. ``fit(_:)`` estimates (p, q, γ) by maximum likelihood;
/// ``expectedOrderValue(_:)`` gives a customer's expected transaction value given their own mean. The model
/// assumes that frequency and value are independent: ``Fit/frequencyValueCorrelation`` reports how far the
/// data are from that (values near 0 support it).
public struct GammaGamma: Sendable, Hashable {
    /// Shape of the gamma distribution of one customer's transaction values.
    public let p: Double
    /// Shape of the gamma distribution of the rate ν across customers.
    public let q: Double
    /// Rate of the gamma distribution of ν, in the money unit of the data (called v in some texts).
    public let gamma: Double

    /// A model with the parameters given, all positive and finite.
    ///
    /// - Throws: ``ScoreModelError/invalidSetting(name:value:allowed:)`` for a parameter out of range.
    public init(p: Double, q: Double, gamma: Double) throws {
        for (name, value) in [("p", p), ("q", q), ("gamma", gamma)] where !isPositive(value) {
            throw ScoreModelError.invalidSetting(
                name: "Gamma-Gamma \(name)", value: "\(value)",
                allowed: "a positive number")
        }
        self.p = p
        self.q = q
        self.gamma = gamma
    }

    /// The log-likelihood of one customer's mean value mₓ over x ≥ 1 transactions:
    ///
    ///     L = Γ(px+q) / (Γ(px) Γ(q)) · γ^q · mₓ^(px−1) · x^(px) / (γ + x·mₓ)^(px+q)
    public func logLikelihood(_ h: SpendHistory) -> Double {
        let x = Double(h.repeatPurchases)
        let m = h.meanValue
        let px = p * x
        return logGamma(px + q) - logGamma(px) - logGamma(q) + q * log(gamma) + (px - 1) * log(m) + px * log(x)
            - (px + q) * log(gamma + x * m)
    }

    /// The total log-likelihood of the histories with at least one transaction (the others carry no value
    /// information and add nothing).
    public func logLikelihood(_ histories: [SpendHistory]) -> Double {
        histories.reduce(0) { $0 + ($1.repeatPurchases > 0 ? logLikelihood($1) : 0) }
    }

    /// The mean transaction value over all customers, `pγ / (q − 1)`; `nil` when q ≤ 1 (the mean is infinite).
    public var populationMeanValue: Double? {
        q > 1 ? p * gamma / (q - 1) : nil
    }

    /// The expected value of the customer's transactions given their mean mₓ over x transactions:
    /// `p(γ + x·mₓ) / (px + q − 1)`, a weighted average of the population mean and mₓ. For x = 0 this is the
    /// population mean. `nil` when px + q ≤ 1 (the expectation is infinite).
    public func expectedOrderValue(_ h: SpendHistory) -> Double? {
        let x = Double(max(h.repeatPurchases, 0))
        let denominator = p * x + q - 1
        guard denominator > 0 else { return nil }
        return p * (gamma + (x > 0 ? x * h.meanValue : 0)) / denominator
    }

    // MARK: - Fitting

    /// The outcome of a maximum-likelihood fit.
    public struct Fit: Sendable, Hashable {
        /// The fitted model.
        public var model: GammaGamma
        /// The maximised log-likelihood, summed over the customers fitted on.
        public var logLikelihood: Double
        /// How many customers the model was fitted on (those with x ≥ 1).
        public var customers: Int
        /// The Pearson correlation between x and mₓ over those customers (0 when either does not vary). The
        /// model assumes independence of frequency and value; a correlation far from 0 argues against it.
        public var frequencyValueCorrelation: Double
        /// Optimiser iterations and likelihood evaluations, for diagnostics.
        public var iterations: Int
        public var evaluations: Int
    }

    /// The maximum-likelihood fit of (p, q, γ) to the customers with at least one repeat transaction;
    /// customers with x = 0 are skipped.
    ///
    /// The search runs over the logarithms of the parameters with BFGS and the analytic gradient, from p = 1,
    /// q = 2 and γ = the mean of mₓ (the population mean then matches the observed one).
    ///
    /// - Throws: ``ScoreModelError/invalidInput(customerID:reason:)`` for a customer with x ≥ 1 and a mean
    ///   value that is not positive, ``ScoreModelError/notEnoughData(model:reason:)`` with fewer than two
    ///   customers with x ≥ 1 or when parameters run off towards 0 or infinity (for instance when every
    ///   customer has the same mean value, which drives q and γ to infinity),
    ///   ``ScoreModelError/fitDidNotConverge(model:iterations:)`` when the search fails otherwise.
    public static func fit(_ histories: [SpendHistory]) throws -> Fit {
        let used = histories.filter { $0.repeatPurchases > 0 }
        for (i, h) in used.enumerated() where !isPositive(h.meanValue) {
            throw ScoreModelError.invalidInput(
                customerID: nil,
                reason: "spend history \(i + 1) with repeat purchases: mean value \(h.meanValue) "
                    + "(needs a positive amount)")
        }
        guard used.count >= 2 else {
            throw ScoreModelError.notEnoughData(
                model: "Gamma-Gamma",
                reason: "\(used.count) customer(s) with repeat purchases; at least 2 needed")
        }
        let likelihood = GammaGammaLikelihood(used)
        let result = Minimizer().minimize(from: [0, log(2), log(likelihood.meanValue)]) {
            likelihood.negativeMeanLogLikelihood(at: $0, gradient: &$1)
        }
        let parameters = result.point.map { exp($0) }
        guard result.converged, let model = try? GammaGamma(p: parameters[0], q: parameters[1], gamma: parameters[2])
        else { throw result.failure(model: "Gamma-Gamma", parameterNames: ["p", "q", "gamma"]) }
        return Fit(
            model: model, logLikelihood: -result.value * Double(used.count), customers: used.count,
            frequencyValueCorrelation: likelihood.frequencyValueCorrelation,
            iterations: result.iterations, evaluations: result.evaluations)
    }
}

/// The Gamma-Gamma log-likelihood of fixed histories (all with x ≥ 1 and mₓ > 0) and its gradient in
/// log-parameters, with per-x terms tabulated and no allocation per evaluation.
final class GammaGammaLikelihood {
    private let xs: [Double]
    private let xWeight: [Double]
    /// The distinct (x, mₓ): index into `xs`, x·mₓ, log mₓ, log(x·mₓ), number of customers.
    private let rowX: [Int32]
    private let rowTotal: [Double]
    private let rowLogMean: [Double]
    private let rowLogTotal: [Double]
    private let rowWeight: [Double]
    private let totalWeight: Double
    private var gammaTerm: [Double]
    /// The mean of mₓ over the customers.
    let meanValue: Double
    /// The Pearson correlation of x and mₓ over the customers; 0 when either does not vary.
    let frequencyValueCorrelation: Double

    init(_ histories: [SpendHistory]) {
        let xValues = Array(Set(histories.map(\.repeatPurchases))).sorted()
        let xIndex = Dictionary(uniqueKeysWithValues: xValues.enumerated().map { ($1, Int32($0)) })
        struct Key: Hashable { var x: Int32, mean: Double }
        var counts: [Key: Double] = [:]
        var xw = [Double](repeating: 0, count: xValues.count)
        for h in histories {
            let ix = xIndex[h.repeatPurchases]!
            counts[Key(x: ix, mean: h.meanValue), default: 0] += 1
            xw[Int(ix)] += 1
        }
        let rows = counts.sorted { ($0.key.x, $0.key.mean) < ($1.key.x, $1.key.mean) }
        let x = xValues.map(Double.init)
        let total = rows.map { x[Int($0.key.x)] * $0.key.mean }
        xs = x
        xWeight = xw
        rowX = rows.map(\.key.x)
        rowTotal = total
        rowLogMean = rows.map { log($0.key.mean) }
        rowLogTotal = total.map { log($0) }
        rowWeight = rows.map(\.value)
        totalWeight = Double(histories.count)
        gammaTerm = [Double](repeating: 0, count: xValues.count)
        // Moments from the grouped rows, so that the order of the input cannot change the last bits.
        let n = Double(histories.count)
        let meanX = rows.reduce(0) { $0 + $1.value * x[Int($1.key.x)] } / n
        let meanM = rows.reduce(0) { $0 + $1.value * $1.key.mean } / n
        var sxm = 0.0
        var sxx = 0.0
        var smm = 0.0
        for (key, count) in rows {
            let dx = x[Int(key.x)] - meanX
            let dm = key.mean - meanM
            sxm += count * dx * dm
            sxx += count * dx * dx
            smm += count * dm * dm
        }
        meanValue = meanM
        frequencyValueCorrelation = sxx > 0 && smm > 0 ? sxm / (sxx * smm).squareRoot() : 0
    }

    /// −(1/N)·log-likelihood at θ = (log p, log q, log γ), and its gradient in θ written to `gradient`.
    func negativeMeanLogLikelihood(at theta: [Double], gradient: inout [Double]) -> Double {
        let p = exp(theta[0])
        let q = exp(theta[1])
        let g = exp(theta[2])
        guard isPositive(p), isPositive(q), isPositive(g) else { return .infinity }
        let lgQ = logGamma(q)
        let logG = log(g)
        for k in xs.indices {
            gammaTerm[k] = logGamma(p * xs[k] + q) - logGamma(p * xs[k]) - lgQ
        }
        var ll = 0.0
        var dP = 0.0
        var dQ = 0.0
        var dG = 0.0
        for i in rowWeight.indices {
            let k = Int(rowX[i])
            let w = rowWeight[i]
            let x = xs[k]
            let px = p * x
            let logDenominator = log(g + rowTotal[i])
            ll += w * (gammaTerm[k] + q * logG + px * rowLogTotal[i] - rowLogMean[i] - (px + q) * logDenominator)
            dP += w * x * (rowLogTotal[i] - logDenominator)
            dQ -= w * logDenominator
            dG -= w * (px + q) / (g + rowTotal[i])
        }
        guard ll.isFinite else { return .infinity }
        let psiQ = SpecialFunctions.digamma(q)
        for k in xs.indices {
            let x = xs[k]
            let n = xWeight[k]
            let psiPXQ = SpecialFunctions.digamma(p * x + q)
            dP += n * x * (psiPXQ - SpecialFunctions.digamma(p * x))
            dQ += n * (psiPXQ - psiQ + logG)
            dG += n * q / g
        }
        let scale = -1 / totalWeight
        gradient[0] = scale * p * dP
        gradient[1] = scale * q * dQ
        gradient[2] = scale * g * dG
        return scale * ll
    }
}
