import Foundation

/// How the seasonal pattern combines with level and trend.
public enum Seasonality: String, Codable, Sendable, CaseIterable {
    /// The season adds an amount: ŷ = level + trend + season.
    case additive
    /// The season scales the level: ŷ = (level + trend) × season.
    case multiplicative
}

/// Holt-Winters exponential smoothing with an additive trend and additive or multiplicative seasonality,
/// fitted by least squares over its three smoothing parameters.
///
/// The recursion (additive; the multiplicative one divides where this subtracts):
///
///     ŷ(t)   = l(t−1) + b(t−1) + s(t−m)
///     l(t)   = α (y(t) − s(t−m)) + (1 − α)(l(t−1) + b(t−1))
///     b(t)   = β (l(t) − l(t−1)) + (1 − β) b(t−1)
///     s(t)   = γ (y(t) − l(t)) + (1 − γ) s(t−m)
///
/// Initial states: a least-squares decomposition of the first two seasons (or all of a shorter history) into
/// a straight line and one seasonal term per position in the season, the seasonal terms summing to 0 (additive)
/// or averaging 1 (multiplicative). A series that is exactly a line plus a fixed season is therefore
/// reproduced without error whatever α, β and γ are.
///
/// Fit: α, β, γ in (0, 1) minimising the sum of squared one-step errors over the whole history, searched by
/// ``NelderMead`` on their logits from α = 0.3, β = 0.1, γ = 0.1. Intervals: the one-step error variance
/// s² = SSE ÷ (n − 3) grown with the horizon as for the equivalent ETS model (Hyndman et al., *Forecasting with
/// Exponential Smoothing*, class 1): var(h) = s² (1 + Σ_{j<h} c_j²), c_j = α(1 + jβ) + γ(1 − α)·[j mod m = 0];
/// for multiplicative seasonality the same multiplier applies to the relative error, an approximation.
public struct HoltWinters: Sendable {
    /// The season's length in observations (12 for monthly data).
    public let period: Int
    public let seasonality: Seasonality
    public let alpha: Double
    public let beta: Double
    public let gamma: Double
    /// The states after the last observation.
    public let level: Double
    public let trend: Double
    /// The seasonal terms by position in the season (index = time mod period).
    public let seasonal: [Double]
    /// Observations the model was fitted on.
    public let observations: Int
    /// The sum of squared one-step errors.
    public let sse: Double
    /// The standard deviation of one-step errors: absolute (additive) or relative to the forecast
    /// (multiplicative).
    public let sigma: Double

    /// The fewest observations a fit takes: one season plus three, so every position in the season is seen
    /// and the trend rests on more than one repeated position.
    public static func minimumObservations(period: Int) -> Int { period + 3 }

    /// Fits the model with the given seasonality; nil when the history is too short, or (multiplicative) not
    /// strictly positive.
    public static func fit(_ y: [Double], period: Int = 12, seasonality: Seasonality) -> HoltWinters? {
        guard period >= 2, y.count >= minimumObservations(period: period), y.allSatisfy(\.isFinite) else {
            return nil
        }
        if seasonality == .multiplicative && !y.allSatisfy({ $0 > 0 }) { return nil }
        guard let start = initialStates(y, period: period, seasonality: seasonality) else { return nil }
        func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
        func logit(_ p: Double) -> Double { log(p / (1 - p)) }
        func parameters(_ x: [Double]) -> (Double, Double, Double) {
            // Kept inside [0.0001, 0.9999]: a parameter at exactly 0 or 1 is a different model.
            let clamp = { (v: Double) in min(max(v, 0.0001), 0.9999) }
            return (clamp(logistic(x[0])), clamp(logistic(x[1])), clamp(logistic(x[2])))
        }
        let search = NelderMead().minimize(from: [logit(0.3), logit(0.1), logit(0.1)]) { x in
            let (a, b, g) = parameters(x)
            return run(y, period: period, seasonality: seasonality, alpha: a, beta: b, gamma: g, start: start).sse
        }
        let (a, b, g) = parameters(search.point)
        let final = run(y, period: period, seasonality: seasonality, alpha: a, beta: b, gamma: g, start: start)
        guard final.sse.isFinite else { return nil }
        let degrees = Double(max(y.count - 3, 1))
        let sigma =
            seasonality == .additive
            ? (final.sse / degrees).squareRoot() : (final.relativeSSE / degrees).squareRoot()
        return HoltWinters(
            period: period, seasonality: seasonality, alpha: a, beta: b, gamma: g, level: final.level,
            trend: final.trend, seasonal: final.seasonal, observations: y.count, sse: final.sse, sigma: sigma)
    }

    /// Fits both seasonalities (multiplicative only on a strictly positive series) and keeps the one with
    /// the smaller sum of squared errors (both have three parameters, so this is also the smaller AIC).
    public static func fitBest(_ y: [Double], period: Int = 12) -> HoltWinters? {
        let fits = Seasonality.allCases.compactMap { fit(y, period: period, seasonality: $0) }
        return fits.min { $0.sse < $1.sse }
    }

    /// Point forecasts for the next `horizon` observations.
    public func forecast(_ horizon: Int) -> [Double] {
        (1...max(horizon, 1)).prefix(horizon).map { h in
            let position = (observations - 1 + h) % period
            let base = level + Double(h) * trend
            return seasonality == .additive ? base + seasonal[position] : base * seasonal[position]
        }
    }

    /// The standard deviation of the forecast error `h` steps ahead (absolute, in the series' unit).
    public func standardError(step h: Int, forecast: Double) -> Double {
        var sum = 1.0
        if h > 1 {
            for j in 1..<h {
                let c = alpha * (1 + Double(j) * beta) + (j % period == 0 ? gamma * (1 - alpha) : 0)
                sum += c * c
            }
        }
        let scale = seasonality == .additive ? sigma : sigma * abs(forecast)
        return scale * sum.squareRoot()
    }

    // MARK: - Initial states and the recursion

    struct States {
        var level: Double
        var trend: Double
        var seasonal: [Double]
    }

    /// The line a + b·t and the seasonal terms of the first two seasons (or fewer observations), by least
    /// squares with one intercept per position: b from the positions seen more than once, each position's
    /// intercept its mean minus b × its mean time. Returned as the states before the first observation.
    static func initialStates(_ y: [Double], period m: Int, seasonality: Seasonality) -> States? {
        let count = min(y.count, 2 * m)
        var sums = [Double](repeating: 0, count: m)
        var times = [Double](repeating: 0, count: m)
        var seen = [Int](repeating: 0, count: m)
        for t in 0..<count {
            sums[t % m] += y[t]
            times[t % m] += Double(t)
            seen[t % m] += 1
        }
        guard seen.allSatisfy({ $0 > 0 }) else { return nil }
        var sxy = 0.0
        var sxx = 0.0
        for t in 0..<count {
            let i = t % m
            let dt = Double(t) - times[i] / Double(seen[i])
            sxy += dt * (y[t] - sums[i] / Double(seen[i]))
            sxx += dt * dt
        }
        let b = sxx > 0 ? sxy / sxx : 0
        let intercepts = (0..<m).map { sums[$0] / Double(seen[$0]) - b * times[$0] / Double(seen[$0]) }
        let a = intercepts.reduce(0, +) / Double(m)
        var seasonal: [Double]
        switch seasonality {
        case .additive:
            seasonal = intercepts.map { $0 - a }
        case .multiplicative:
            var ratios = [Double](repeating: 0, count: m)
            for t in 0..<count {
                let line = a + b * Double(t)
                guard line > 0 else { return nil }
                ratios[t % m] += y[t] / line / Double(seen[t % m])
            }
            let mean = ratios.reduce(0, +) / Double(m)
            guard mean > 0 else { return nil }
            seasonal = ratios.map { $0 / mean }
        }
        return States(level: a - b, trend: b, seasonal: seasonal)
    }

    struct Run {
        var sse: Double
        var relativeSSE: Double
        var level: Double
        var trend: Double
        var seasonal: [Double]
    }

    /// Runs the recursion over `y`; the sums are +∞ where the multiplicative model leaves positive values.
    static func run(
        _ y: [Double], period m: Int, seasonality: Seasonality, alpha: Double, beta: Double, gamma: Double,
        start: States
    ) -> Run {
        var level = start.level
        var trend = start.trend
        var seasonal = start.seasonal
        var sse = 0.0
        var relative = 0.0
        for t in 0..<y.count {
            let i = t % m
            let value = y[t]
            switch seasonality {
            case .additive:
                let predicted = level + trend + seasonal[i]
                let error = value - predicted
                sse += error * error
                if predicted != 0 { relative += (error / predicted) * (error / predicted) }
                let newLevel = alpha * (value - seasonal[i]) + (1 - alpha) * (level + trend)
                trend = beta * (newLevel - level) + (1 - beta) * trend
                seasonal[i] = gamma * (value - newLevel) + (1 - gamma) * seasonal[i]
                level = newLevel
            case .multiplicative:
                let predicted = (level + trend) * seasonal[i]
                guard predicted > 0, seasonal[i] > 0 else {
                    return Run(sse: .infinity, relativeSSE: .infinity, level: level, trend: trend, seasonal: seasonal)
                }
                let error = value - predicted
                sse += error * error
                relative += (error / predicted) * (error / predicted)
                let newLevel = alpha * (value / seasonal[i]) + (1 - alpha) * (level + trend)
                guard newLevel > 0 else {
                    return Run(sse: .infinity, relativeSSE: .infinity, level: level, trend: trend, seasonal: seasonal)
                }
                trend = beta * (newLevel - level) + (1 - beta) * trend
                seasonal[i] = gamma * (value / newLevel) + (1 - gamma) * seasonal[i]
                level = newLevel
            }
        }
        return Run(sse: sse, relativeSSE: relative, level: level, trend: trend, seasonal: seasonal)
    }
}

/// The seasonal-naive forecast: each month is the same month a season earlier.
public struct SeasonalNaive: Sendable {
    public let period: Int
    /// The last season of the history, oldest first.
    public let lastSeason: [Double]
    /// The standard deviation of the in-sample errors y(t) − y(t − m).
    public let sigma: Double

    /// Needs at least one whole season.
    public init?(_ y: [Double], period: Int = 12) {
        guard period >= 1, y.count >= period else { return nil }
        self.period = period
        lastSeason = Array(y.suffix(period))
        var sum = 0.0
        var count = 0
        for t in period..<y.count {
            let e = y[t] - y[t - period]
            sum += e * e
            count += 1
        }
        sigma = count > 0 ? (sum / Double(count)).squareRoot() : 0
    }

    public func forecast(_ horizon: Int) -> [Double] {
        (0..<max(horizon, 0)).map { lastSeason[$0 % period] }
    }

    /// var(h) = s² (k + 1), k = whole seasons before step h.
    public func standardError(step h: Int) -> Double {
        sigma * Double((h - 1) / period + 1).squareRoot()
    }
}
