/// One series' forecast: the backtest, the method it chose, and the months of the horizon.
public struct SeriesForecast: Codable, Sendable {
    /// Which forecast is used.
    public enum Method: String, Codable, Sendable {
        /// Holt-Winters, because it beat the seasonal-naive baseline in the backtest.
        case holtWinters = "holt_winters"
        /// The same month a year earlier: the model lost (or tied) the backtest, or the history is too short
        /// for one.
        case seasonalNaive = "seasonal_naive"
    }

    /// Why the method was chosen.
    public enum Choice: String, Codable, Sendable {
        /// The model's backtest errors were smaller than the baseline's.
        case modelBeatBaseline = "model_beat_baseline"
        /// The model's were not smaller: the baseline is used.
        case modelDidNotBeatBaseline = "model_did_not_beat_baseline"
        /// Too short for a backtest (fewer than 18 months): the model is not trusted untested.
        case tooShortForBacktest = "too_short_for_backtest"
    }

    public struct Month: Codable, Sendable, Equatable {
        public var month: String
        public var forecastCents: Int64
        public var low80Cents: Int64
        public var high80Cents: Int64
        public var low95Cents: Int64
        public var high95Cents: Int64
    }

    public struct Model: Codable, Sendable, Equatable {
        public var seasonality: Seasonality
        public var alpha: Double
        public var beta: Double
        public var gamma: Double
    }

    public var method: Method
    public var choice: Choice
    /// The model fitted on the whole history, whether or not it is used.
    public var model: Model?
    public var backtest: Backtest?
    /// The history's first and last months and length.
    public var historyFirst: String
    public var historyLast: String
    public var historyMonths: Int
    public var months: [Month]
    public var totalCents: Int64

    static let z80 = 1.2815515655446004
    static let z95 = 1.959963984540054

    /// The forecast of `values` (monthly, `first` the first month) for the months `horizon` (after the
    /// history); nil when the history is shorter than one year.
    public static func make(
        values: [Double], first: PlanMonth, horizon: [PlanMonth], period: Int = 12
    )
        -> SeriesForecast?
    {
        guard let naive = SeasonalNaive(values, period: period), let lastHorizon = horizon.last else { return nil }
        let last = first.advanced(by: values.count - 1)
        let steps = lastHorizon.index - last.index
        guard steps >= 1 else { return nil }
        let fitted = HoltWinters.fitBest(values, period: period)
        let backtest = Backtest.run(values, period: period, horizon: 3)
        let choice: Choice
        if let backtest {
            choice = backtest.modelBeatsBaseline && fitted != nil ? .modelBeatBaseline : .modelDidNotBeatBaseline
        } else {
            choice = .tooShortForBacktest
        }
        let points: [Double]
        var errors: [Double] = []
        if choice == .modelBeatBaseline, let fitted {
            points = fitted.forecast(steps)
            errors = points.enumerated().map { fitted.standardError(step: $0.offset + 1, forecast: $0.element) }
        } else {
            points = naive.forecast(steps)
            errors = (1...steps).map { naive.standardError(step: $0) }
        }
        var months: [Month] = []
        for month in horizon {
            let step = month.index - last.index
            guard step >= 1 else { continue }
            let point = points[step - 1]
            let error = errors[step - 1]
            months.append(
                Month(
                    month: month.text, forecastCents: cents(point), low80Cents: cents(point - z80 * error),
                    high80Cents: cents(point + z80 * error), low95Cents: cents(point - z95 * error),
                    high95Cents: cents(point + z95 * error)))
        }
        return SeriesForecast(
            method: choice == .modelBeatBaseline ? .holtWinters : .seasonalNaive, choice: choice,
            model: fitted.map { Model(seasonality: $0.seasonality, alpha: $0.alpha, beta: $0.beta, gamma: $0.gamma) },
            backtest: backtest, historyFirst: first.text, historyLast: last.text, historyMonths: values.count,
            months: months, totalCents: months.reduce(Int64(0)) { $0.addingClamped($1.forecastCents) })
    }

    /// Cents from a forecast in cents: rounded half away from zero, held inside Int64.
    static func cents(_ value: Double) -> Int64 {
        guard value.isFinite else { return value > 0 ? .max : .min }
        return Int64(clamping: value.rounded())
    }
}

extension Int64 {
    init(clamping value: Double) {
        if value >= 9.2e18 {
            self = .max
        } else if value <= -9.2e18 {
            self = .min
        } else {
            self = Int64(value)
        }
    }
}
