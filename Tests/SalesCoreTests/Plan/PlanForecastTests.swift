import Foundation
import Testing

@testable import SalesCore

@Suite("Plan: Holt-Winters, seasonal naive and the backtest")
struct PlanForecastTests {
    /// Monthly seasonal terms that sum to 0 (a Q2 and Q4 peak, as the demo company has).
    static let season: [Double] = [-30, -40, -10, 20, 35, 15, -25, -20, 5, 10, 15, 25]

    @Test("a series that is exactly a line plus a fixed season is reproduced, and its continuation forecast")
    func exactAdditive() throws {
        let y: [Double] = (0..<36).map { 1_000 + 4 * Double($0) + Self.season[$0 % 12] }
        let model = try #require(HoltWinters.fit(y, seasonality: .additive))
        #expect(model.sse < 1e-12)
        let forecast = model.forecast(15)
        for (h, value) in forecast.enumerated() {
            let t = 36 + h
            #expect(abs(value - (1_000 + 4 * Double(t) + Self.season[t % 12])) < 1e-6)
        }
        // The trend and the season are the states after the last month.
        #expect(abs(model.trend - 4) < 1e-9)
        #expect(abs(model.level - (1_000 + 4 * 35)) < 1e-6)
    }

    @Test("a level times a fixed season is reproduced by the multiplicative model")
    func exactMultiplicative() throws {
        let factors = Self.season.map { 1 + $0 / 100 }  // averages 1
        let y: [Double] = (0..<30).map { 500 * factors[$0 % 12] }
        let model = try #require(HoltWinters.fit(y, seasonality: .multiplicative))
        #expect(model.sse < 1e-12)
        for (h, value) in model.forecast(12).enumerated() {
            #expect(abs(value - 500 * factors[(30 + h) % 12]) < 1e-6)
        }
        // A series with a 0 or a negative month has no multiplicative fit; fitBest falls back to additive.
        var withZero = y
        withZero[7] = 0
        #expect(HoltWinters.fit(withZero, seasonality: .multiplicative) == nil)
        #expect(HoltWinters.fitBest(withZero)?.seasonality == .additive)
    }

    @Test("the fit needs a season plus three observations")
    func minimumLength() {
        let y: [Double] = (0..<14).map { 100 + Self.season[$0 % 12] }
        #expect(HoltWinters.fit(y, seasonality: .additive) == nil)
        #expect(HoltWinters.fit(y + [120], seasonality: .additive) != nil)
    }

    @Test("a noisy series gets smoothing parameters inside (0, 1) and intervals that widen with the horizon")
    func noisy() throws {
        // A fixed pseudo-random noise (a linear congruential sequence), so the test is deterministic.
        var state: UInt64 = 12345
        func noise() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 33) / Double(1 << 31) - 0.5
        }
        let y: [Double] = (0..<48).map { 2_000 + 10 * Double($0) + 3 * Self.season[$0 % 12] + 60 * noise() }
        let model = try #require(HoltWinters.fitBest(y))
        for p in [model.alpha, model.beta, model.gamma] { #expect(p > 0 && p < 1) }
        let points = model.forecast(12)
        // Additive errors grow with each step (multiplicative ones also follow the forecast's level).
        let additive = try #require(HoltWinters.fit(y, seasonality: .additive))
        let errors = additive.forecast(12).enumerated().map {
            additive.standardError(step: $0.offset + 1, forecast: $0.element)
        }
        #expect(errors[0] > 0)
        #expect(zip(errors, errors.dropFirst()).allSatisfy { $0 <= $1 })
        // The season shows in the forecast: the peak month (index 4 of the season) beats the trough (1).
        let peak = points[(4 - 48 % 12 + 12) % 12]
        let trough = points[(1 - 48 % 12 + 12) % 12]
        #expect(peak > trough + 100)
    }

    @Test("seasonal naive repeats the last season; its error grows with each whole season")
    func seasonalNaive() throws {
        let y: [Double] = (0..<24).map { Double($0) }
        let naive = try #require(SeasonalNaive(y))
        #expect(naive.forecast(14) == Array(12..<24).map(Double.init) + [12, 13])
        #expect(naive.sigma == 12)  // every y(t) − y(t − 12) is 12
        #expect(naive.standardError(step: 12) == 12)
        #expect(abs(naive.standardError(step: 13) - 12 * 2.0.squareRoot()) < 1e-12)
        #expect(SeasonalNaive(Array(y.prefix(11))) == nil)
    }

    @Test("seasonal naive on a series that repeats exactly each year has MAPE 0 and MASE 0; a tie keeps it")
    func pureSeasonal() throws {
        let y: [Double] = (0..<30).map { 1_000 + Self.season[$0 % 12] }
        let backtest = try #require(Backtest.run(y))
        #expect(backtest.baseline.mape == 0)
        #expect(backtest.baseline.mase == 0)
        #expect(backtest.origins == 30 - 3 - 15 + 1)
        #expect(backtest.points == backtest.origins * 3)
        // The model reproduces it too, but does not beat 0: the baseline is kept.
        #expect(backtest.modelBeatsBaseline == false)
    }

    @Test("MAPE and MASE worked by hand on a short series (season of 2, one month ahead)")
    func handWorked() throws {
        // y(t) = 10 + t + (0 for even t, 9 for odd t): a line plus a season of length 2.
        let y: [Double] = [10, 20, 12, 22, 14, 24, 16]
        let backtest = try #require(Backtest.run(y, period: 2, horizon: 1))
        // Origins 5 and 6 (the first training is a season plus three = 5 months).
        #expect(backtest.origins == 2)
        // Seasonal naive: origin 5 forecasts y(3) = 22 for 24, origin 6 forecasts y(4) = 14 for 16: errors 2, 2.
        // MAPE = (2/24 + 2/16) / 2 = 10.4167%. MASE scales by the mean month-to-month change of each training
        // history: (10+8+10+8)/4 = 9, then (10+8+10+8+10)/5 = 9.2; MASE = (2/9 + 2/9.2) / 2 = 0.219807.
        #expect(backtest.baseline.mae == 2)
        let mape = try #require(backtest.baseline.mape)
        let mase = try #require(backtest.baseline.mase)
        let expectedMAPE: Double = 100 * (2.0 / 24 + 2.0 / 16) / 2
        let expectedMASE: Double = (2.0 / 9 + 2.0 / 9.2) / 2
        #expect(abs(mape - expectedMAPE) < 1e-9)
        #expect(abs(mase - expectedMASE) < 1e-9)
        // The line plus season is exact for Holt-Winters: errors 0, and it beats the baseline.
        #expect(try #require(backtest.model.mase) < 1e-9)
        #expect(backtest.modelBeatsBaseline)
    }

    @Test("MAPE leaves out months whose actual is 0 and counts them; MASE is missing on a flat history")
    func zeros() {
        var sums = Backtest.ErrorSums()
        sums.add(actual: 0, forecast: 5, scale: 0)
        sums.add(actual: 10, forecast: 15, scale: 0)
        let accuracy = sums.accuracy
        #expect(accuracy.mape == 50)
        #expect(accuracy.mapeSkipped == 1)
        #expect(accuracy.mase == nil)
        #expect(accuracy.mae == 5)
    }

    @Test("the forecast uses the model only where it won the backtest, and says why")
    func choice() throws {
        let first = PlanMonth(year: 2024, month: 1)
        let horizon = PlanMonth.months(of: try ReportPeriod.parse("2026Q1"))
        // An exact line plus season: the model wins, and forecasts the continuation.
        var trend: [Double] = []
        for t in 0..<24 {
            let line: Double = 100_000 + 1_000 * Double(t)
            trend.append(line + 500 * Self.season[t % 12])
        }
        let won = try #require(SeriesForecast.make(values: trend, first: first, horizon: horizon))
        #expect(won.method == .holtWinters)
        #expect(won.choice == .modelBeatBaseline)
        #expect(won.months.map(\.month) == ["2026-01", "2026-02", "2026-03"])
        let continuation: Double = 100_000 + 1_000 * 24 + 500 * Self.season[0]
        #expect(won.months[0].forecastCents == Int64(continuation))
        #expect(won.totalCents == won.months.map(\.forecastCents).reduce(0, +))
        // A pure season: a tie, so the baseline; its intervals have zero width (no in-sample error).
        let flat: [Double] = (0..<24).map { t in 100_000 + 500 * Self.season[t % 12] }
        let kept = try #require(SeriesForecast.make(values: flat, first: first, horizon: horizon))
        #expect(kept.method == .seasonalNaive)
        #expect(kept.choice == .modelDidNotBeatBaseline)
        #expect(kept.months.map(\.forecastCents) == [0, 1, 2].map { Int64(flat[12 + $0]) })
        #expect(kept.months.allSatisfy { $0.low95Cents == $0.forecastCents && $0.high95Cents == $0.forecastCents })
        // 15 months: no backtest, so the baseline.
        let short = try #require(SeriesForecast.make(values: Array(trend.prefix(15)), first: first, horizon: horizon))
        #expect(short.choice == .tooShortForBacktest)
        #expect(short.method == .seasonalNaive)
        #expect(short.backtest == nil)
        // Under a year: nothing.
        #expect(SeriesForecast.make(values: Array(trend.prefix(11)), first: first, horizon: horizon) == nil)
    }

    @Test("months read and print as YYYY-MM, dates too; anything else is refused")
    func months() {
        #expect(PlanMonth(text: "2026-01")?.index == 2026 * 12)
        #expect(PlanMonth(text: "2026-12-31")?.text == "2026-12")
        #expect(PlanMonth(text: "2026-13") == nil)
        #expect(PlanMonth(text: "2026-1") == nil)
        #expect(PlanMonth(text: "2026-01-1") == nil)
        #expect(PlanMonth(text: "２０２６-01") == nil)
        #expect(PlanMonth(year: 2025, month: 12).advanced(by: 1).text == "2026-01")
        #expect(PlanMonth(year: 2025, month: 11).quarter == 4)
    }

    @Test("Nelder–Mead finds the minimum of a shifted quadratic and of Rosenbrock's valley")
    func nelderMead() {
        let quadratic = NelderMead().minimize(from: [0, 0]) { x in
            (x[0] - 3) * (x[0] - 3) + 2 * (x[1] + 1) * (x[1] + 1)
        }
        #expect(quadratic.converged)
        #expect(abs(quadratic.point[0] - 3) < 1e-4 && abs(quadratic.point[1] + 1) < 1e-4)
        let rosenbrock = NelderMead().minimize(from: [-1.2, 1]) { x in
            100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) + (1 - x[0]) * (1 - x[0])
        }
        #expect(abs(rosenbrock.point[0] - 1) < 1e-3 && abs(rosenbrock.point[1] - 1) < 1e-3)
        // Where the function is undefined the simplex steps back.
        let bounded = NelderMead().minimize(from: [2]) { x in x[0] <= 1 ? .nan : (x[0] - 1.5) * (x[0] - 1.5) }
        #expect(abs(bounded.point[0] - 1.5) < 1e-3)
    }
}
