/// Accuracy of forecasts against what happened.
public struct Accuracy: Codable, Sendable, Equatable {
    /// Mean absolute percentage error, in percent, over the points whose actual value is not 0; nil when
    /// every actual is 0.
    public var mape: Double?
    /// Points left out of the MAPE because their actual value is 0.
    public var mapeSkipped: Int
    /// Mean absolute scaled error: each error divided by the mean absolute month-to-month change of the
    /// history it was forecast from, then averaged; nil when every such history is flat.
    public var mase: Double?
    /// Mean absolute error, in the series' unit.
    public var mae: Double
}

/// A rolling-origin backtest: for each origin, fit on the months before it, forecast the next few, and
/// compare with what happened; the model beside the seasonal-naive baseline.
public struct Backtest: Codable, Sendable, Equatable {
    /// Months each origin forecasts.
    public var horizon: Int
    /// The first origin's history length; each later origin has one month more.
    public var firstTraining: Int
    /// How many origins (fits).
    public var origins: Int
    /// Forecast points compared (origins × horizon).
    public var points: Int
    public var model: Accuracy
    public var baseline: Accuracy
    /// Whether the model's errors are smaller than the baseline's: by MASE when both have one, else by MAE.
    public var modelBeatsBaseline: Bool

    /// The history the first origin is fitted on: the model's own minimum (a season plus three).
    public static func firstTraining(period: Int) -> Int { HoltWinters.minimumObservations(period: period) }

    /// The fewest observations a backtest takes: the first training history and one full horizon after it.
    public static func minimumObservations(period: Int, horizon: Int) -> Int { firstTraining(period: period) + horizon }

    /// Runs the backtest; nil when the series is shorter than ``minimumObservations(period:horizon:)``.
    /// Origins run from ``firstTraining(period:)`` to the last one with `horizon` actual values after it.
    /// An origin where the model cannot be fitted (e.g. no fit converges) is forecast by the baseline for
    /// both columns, so the comparison stays on the same points.
    public static func run(_ y: [Double], period: Int = 12, horizon: Int = 3) -> Backtest? {
        let first = firstTraining(period: period)
        guard horizon >= 1, y.count >= first + horizon else { return nil }
        var model = ErrorSums()
        var baseline = ErrorSums()
        var origins = 0
        for origin in first...(y.count - horizon) {
            let training = Array(y[0..<origin])
            guard let naive = SeasonalNaive(training, period: period) else { continue }
            let naiveForecast = naive.forecast(horizon)
            let modelForecast = HoltWinters.fitBest(training, period: period)?.forecast(horizon) ?? naiveForecast
            let scale = meanAbsoluteChange(training)
            for h in 0..<horizon {
                let actual = y[origin + h]
                model.add(actual: actual, forecast: modelForecast[h], scale: scale)
                baseline.add(actual: actual, forecast: naiveForecast[h], scale: scale)
            }
            origins += 1
        }
        let m = model.accuracy
        let b = baseline.accuracy
        let beats: Bool
        if let mm = m.mase, let bm = b.mase {
            beats = mm < bm
        } else {
            beats = m.mae < b.mae
        }
        return Backtest(
            horizon: horizon, firstTraining: first, origins: origins, points: origins * horizon, model: m,
            baseline: b, modelBeatsBaseline: beats)
    }

    /// The mean of |y(t) − y(t − 1)| over the history: the in-sample error of the one-step naive forecast
    /// (Hyndman & Koehler 2006), the scale of MASE. A series that repeats exactly each year still has one.
    static func meanAbsoluteChange(_ y: [Double]) -> Double {
        guard y.count >= 2 else { return 0 }
        var sum = 0.0
        for t in 1..<y.count { sum += abs(y[t] - y[t - 1]) }
        return sum / Double(y.count - 1)
    }

    struct ErrorSums {
        var absolute = 0.0
        var count = 0
        var percentage = 0.0
        var percentageCount = 0
        var scaled = 0.0
        var scaledCount = 0

        mutating func add(actual: Double, forecast: Double, scale: Double) {
            let error = abs(actual - forecast)
            absolute += error
            count += 1
            if actual != 0 {
                percentage += error / abs(actual)
                percentageCount += 1
            }
            if scale > 0 {
                scaled += error / scale
                scaledCount += 1
            }
        }

        var accuracy: Accuracy {
            Accuracy(
                mape: percentageCount > 0 ? 100 * percentage / Double(percentageCount) : nil,
                mapeSkipped: count - percentageCount,
                mase: scaledCount > 0 ? scaled / Double(scaledCount) : nil,
                mae: count > 0 ? absolute / Double(count) : 0)
        }
    }
}
