import Foundation

/// The forecast for a terminal, in Chinese or English.
public enum ForecastText {
    /// Whole yuan with thousands separators: forecasts are estimates, cents would claim a false precision.
    static func yuan(_ cents: Int64) -> String {
        let whole = cents / 100 + (cents % 100 >= 50 ? 1 : 0) - (cents % 100 <= -50 ? 1 : 0)
        let text = MoneyDisplay.text(cents: whole * 100)
        return "¥" + text.dropLast(3)
    }

    static func percent(_ value: Double?, decimals: Int = 1) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.\(decimals)f%%", value)
    }

    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.2f", value)
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        DisplayWidth.pad(text, width: width, alignRight: right)
    }

    static func methodName(_ method: SeriesForecast.Method, _ lang: OutputLanguage) -> String {
        switch method {
        case .holtWinters: lang.pick("Holt-Winters 指数平滑", "Holt-Winters")
        case .seasonalNaive: lang.pick("季节朴素（去年同月）", "seasonal naive (same month last year)")
        }
    }

    static func seasonalityName(_ s: Seasonality, _ lang: OutputLanguage) -> String {
        switch s {
        case .additive: lang.pick("加法季节", "additive seasonality")
        case .multiplicative: lang.pick("乘法季节", "multiplicative seasonality")
        }
    }

    /// The backtest block: its design, MAPE and MASE of both methods, and what was chosen.
    public static func backtest(_ f: SeriesForecast, lang: OutputLanguage) -> String {
        var out = ""
        guard let b = f.backtest else {
            out += lang.pick(
                "回测：历史只有 \(f.historyMonths) 个月，不足 18 个月，无法回测；未经检验不用模型，采用季节朴素预测。\n",
                "Backtest: the history has \(f.historyMonths) months, under the 18 a backtest needs; the model is not "
                    + "used untested, the forecast is the seasonal-naive one.\n")
            return out
        }
        out += lang.pick(
            "回测（滚动起点）：\(b.origins) 次拟合，分别用前 \(b.firstTraining)–\(b.firstTraining + b.origins - 1) 个月，"
                + "各预测其后 \(b.horizon) 个月，共 \(b.points) 个点\n",
            "Backtest, rolling origin: \(b.origins) fits on \(b.firstTraining)–\(b.firstTraining + b.origins - 1) "
                + "months of history, each forecasting \(b.horizon) months (\(b.points) points)\n")
        out += "  " + pad("", 26) + pad("MAPE", 9, right: true) + pad("MASE", 8, right: true) + "\n"
        var modelLine = "  " + pad("Holt-Winters", 26) + pad(percent(b.model.mape), 9, right: true)
        modelLine += pad(number(b.model.mase), 8, right: true)
        if let m = f.model {
            modelLine += "   " + seasonalityName(m.seasonality, lang)
            modelLine += String(format: ", α %.2f β %.2f γ %.2f", m.alpha, m.beta, m.gamma)
        }
        out += modelLine + "\n"
        out += "  " + pad(lang.pick("季节朴素（基准）", "Seasonal naive (baseline)"), 26)
        out += pad(percent(b.baseline.mape), 9, right: true) + pad(number(b.baseline.mase), 8, right: true) + "\n"
        if b.model.mapeSkipped > 0 {
            out += lang.pick(
                "  MAPE 不计实际值为 0 的 \(b.model.mapeSkipped) 个点。\n",
                "  MAPE leaves out \(b.model.mapeSkipped) points whose actual value is 0.\n")
        }
        switch f.choice {
        case .modelBeatBaseline:
            out += lang.pick(
                "  → 模型误差小于季节朴素基准，采用模型预测。\n",
                "  → The model's errors are smaller than the seasonal-naive baseline's: its forecast is used.\n")
        case .modelDidNotBeatBaseline, .tooShortForBacktest:
            out += lang.pick(
                "  → 模型没有胜过季节朴素基准，改用基准预测（去年同月）。\n",
                "  → The model does not beat the seasonal-naive baseline: the baseline (same month last year) is "
                    + "used.\n")
        }
        return out
    }

    /// The whole report.
    public static func text(_ r: ForecastReport, lang: OutputLanguage) -> String {
        let c = r.company
        var out = lang.pick("销售额预测：\(r.horizon)\n", "Revenue forecast for \(r.horizon)\n")
        out += lang.pick(
            "历史：\(c.historyFirst) 至 \(c.historyLast)（\(c.historyMonths) 个月，最后一笔订单 \(r.lastOrderDate)）；"
                + "方法：\(methodName(c.method, lang))\n\n",
            "History \(c.historyFirst) to \(c.historyLast) (\(c.historyMonths) months; last order \(r.lastOrderDate)); "
                + "method: \(methodName(c.method, lang))\n\n")
        out += backtest(c, lang: lang) + "\n"
        out += pad(lang.pick("月份", "Month"), 9) + pad(lang.pick("预测", "Forecast"), 15, right: true)
        out += pad(lang.pick("80% 区间", "80% interval"), 31, right: true)
        out += pad(lang.pick("95% 区间", "95% interval"), 31, right: true) + "\n"
        for m in c.months {
            out += pad(m.month, 9) + pad(yuan(m.forecastCents), 15, right: true)
            out += pad(yuan(m.low80Cents) + " … " + yuan(m.high80Cents), 31, right: true)
            out += pad(yuan(m.low95Cents) + " … " + yuan(m.high95Cents), 31, right: true) + "\n"
        }
        out += pad(lang.pick("合计", "Total"), 9) + pad(yuan(c.totalCents), 15, right: true) + "\n"
        if !r.quarterShares.isEmpty {
            let source =
                r.quarterSharesFrom.hasPrefix("forecast")
                ? lang.pick("按 \(r.horizon) 预测", "of the \(r.horizon) forecast")
                : lang.pick(
                    "按历史 \(r.quarterSharesFrom.dropFirst("history ".count))",
                    "of history \(r.quarterSharesFrom.dropFirst("history ".count))")
            let peaks = r.quarterShares.filter(\.isPeak).sorted { $0.share > $1.share }
            let rest = r.quarterShares.filter { !$0.isPeak }
            func item(_ q: ForecastReport.QuarterShare) -> String { "Q\(q.quarter) " + percent(q.share * 100) }
            out += "\n"
            let restText = rest.map(item).joined(separator: lang.pick("，", ", "))
            if peaks.isEmpty {
                out += lang.pick(
                    "季度占比（\(source)）：没有占比超过 25% 的旺季。", "Quarter shares (\(source)): no quarter above 25%.")
            } else {
                out += lang.pick(
                    "旺季（\(source)）：\(peaks.map(item).joined(separator: "，"))，需提前部署库存和人力\n"
                        + "其余季度：\(restText)",
                    "Peak quarters (\(source)): \(peaks.map(item).joined(separator: ", ")): staff and stock "
                        + "for them\nOther quarters: \(restText)")
            }
            out += "\n"
        }
        out += "\n" + pipeline(r.pipeline, horizon: r.horizon, lang: lang)
        if let grouping = r.grouping { out += "\n" + groups(r, grouping: grouping, lang: lang) }
        return out
    }

    static func pipeline(_ p: PipelineForecast, horizon: String, lang: OutputLanguage) -> String {
        var out = lang.pick(
            "在途商机：\(p.openCount) 个，预计金额 \(yuan(p.openCents))，按赢单率加权 \(yuan(p.weightedCents))；\n"
                + "加权金额中预计在 \(horizon) 成交 \(yuan(p.horizonCents))\n",
            "Open pipeline: \(p.openCount) opportunities, \(yuan(p.openCents)) expected, \(yuan(p.weightedCents)) "
                + "weighted by win rate;\nof the weighted, expected to close in \(horizon): \(yuan(p.horizonCents))\n")
        out += lang.pick(
            "（不计入上面的预测：历史销售额已包含商机转化的收入，相加会重复计算）\n",
            "(not added to the forecast above: the history already holds the revenue the pipeline turns into)\n")
        out += "  " + pad(lang.pick("阶段", "Stage"), 14) + pad(lang.pick("个数", "Open"), 7, right: true)
        out += pad(lang.pick("金额", "Amount"), 16, right: true) + pad(lang.pick("赢单率", "Win rate"), 10, right: true)
        out += pad(lang.pick("加权", "Weighted"), 16, right: true) + "  " + lang.pick("赢单率来源", "rate from") + "\n"
        for s in p.stages {
            out +=
                "  " + pad(CodeLabels.label(s.stage, in: Codes.stage, lang), 14) + pad(String(s.open), 7, right: true)
            out += pad(yuan(s.openCents), 16, right: true) + pad(percent(s.winRate.map { $0 * 100 }), 10, right: true)
            out += pad(yuan(s.weightedCents), 16, right: true) + "  "
            out +=
                s.rateSource == "stage"
                ? lang.pick("本阶段：见过 \(s.closedSeen) 个已关闭", "this stage: \(s.closedSeen) closed seen")
                : lang.pick("总体：本阶段仅见 \(s.closedSeen) 个已关闭", "overall: \(s.closedSeen) closed seen here")
            out += "\n"
        }
        out += lang.pick(
            "已关闭：赢 \(p.won)、输 \(p.lost)，总体赢单率 \(percent(p.overallWinRate.map { $0 * 100 }))；"
                + "赢单周期中位数 \(p.medianWonCycleDays.map { "\($0) 天" } ?? "–")\n",
            "Closed: \(p.won) won, \(p.lost) lost, overall win rate \(percent(p.overallWinRate.map { $0 * 100 })); "
                + "median won cycle \(p.medianWonCycleDays.map { "\($0) days" } ?? "–")\n")
        return out
    }

    static func groupName(_ g: ForecastReport.Group, grouping: ForecastGrouping, lang: OutputLanguage) -> String {
        if g.key.isEmpty { return lang.pick("（未指定）", "(unassigned)") }
        switch grouping {
        case .tier: return CodeLabels.label(g.key, in: Codes.productTier, lang)
        case .rep: return TerminalText.visible(g.name == g.key ? g.key : "\(g.name) (\(g.key))")
        case .region, .productLine: return TerminalText.visible(g.key)
        }
    }

    static func groups(_ r: ForecastReport, grouping: ForecastGrouping, lang: OutputLanguage) -> String {
        let title: String
        switch grouping {
        case .region: title = lang.pick("区域", "Region")
        case .productLine: title = lang.pick("产品线", "Product line")
        case .tier: title = lang.pick("档次", "Tier")
        case .rep: title = lang.pick("销售", "Rep")
        }
        var out = lang.pick(
            "按\(title)（各自拟合、各自回测）\n", "By \(title.lowercased()) (each fitted and backtested on its own)\n")
        out += pad(title, 24) + pad(r.horizon, 15, right: true) + pad(lang.pick("方法", "Method"), 16, right: true)
        out += pad(lang.pick("MAPE 模型/基准", "MAPE model/base"), 18, right: true)
        out += pad(lang.pick("MASE 模型/基准", "MASE model/base"), 16, right: true) + "\n"
        var sum: Int64 = 0
        for g in r.groups {
            out += pad(groupName(g, grouping: grouping, lang: lang), 24)
            guard let f = g.forecast else {
                out += pad("–", 15, right: true) + "  " + lang.pick("历史不足 12 个月", "history under 12 months") + "\n"
                continue
            }
            sum = sum.addingClamped(f.totalCents)
            out += pad(yuan(f.totalCents), 15, right: true)
            out += pad(f.method == .holtWinters ? "Holt-Winters" : lang.pick("季节朴素", "seasonal naive"), 16, right: true)
            let b = f.backtest
            out += pad(
                percent(b?.model.mape, decimals: 0) + " / " + percent(b?.baseline.mape, decimals: 0), 18, right: true)
            out += pad(number(b?.model.mase) + " / " + number(b?.baseline.mase), 16, right: true) + "\n"
        }
        out += pad(lang.pick("各组之和", "Sum of groups"), 24) + pad(yuan(sum), 15, right: true) + "\n"
        out +=
            lang.pick(
                "（与公司预测 \(yuan(r.company.totalCents)) 不必相等：各组分别拟合）",
                "(need not equal the company forecast \(yuan(r.company.totalCents)): each group is fitted apart)")
            + "\n"
        return out
    }
}

/// A `--series` file's forecast: the backtest and the months, in plain units (the series is not money).
public enum SeriesForecastText {
    public static func text(_ f: SeriesForecast, file: String, horizon: String, lang: OutputLanguage) -> String {
        var out = lang.pick(
            "序列 \(TerminalText.visible(file))：\(f.historyFirst) 至 \(f.historyLast)（\(f.historyMonths) 个月）\n\n",
            "Series \(TerminalText.visible(file)): \(f.historyFirst) to \(f.historyLast) (\(f.historyMonths) months)\n\n"
        )
        out += ForecastText.backtest(f, lang: lang) + "\n"
        out += ForecastText.pad(lang.pick("月份", "Month"), 9)
        out += ForecastText.pad(lang.pick("预测", "Forecast"), 14, right: true)
        out += ForecastText.pad(lang.pick("80% 区间", "80% interval"), 28, right: true) + "\n"
        func plain(_ hundredths: Int64) -> String { String(format: "%.2f", Double(hundredths) / 100) }
        for m in f.months {
            out += ForecastText.pad(m.month, 9) + ForecastText.pad(plain(m.forecastCents), 14, right: true)
            out += ForecastText.pad(plain(m.low80Cents) + " … " + plain(m.high80Cents), 28, right: true) + "\n"
        }
        return out
    }
}

/// A `--series` file's forecast as JSON: values in the file's own unit.
public struct SeriesForecastJSON: Encodable {
    public struct Month: Encodable {
        var month: String
        var forecast: Double
        var low80: Double
        var high80: Double
        var low95: Double
        var high95: Double
    }

    var series: String
    var method: SeriesForecast.Method
    var choice: SeriesForecast.Choice
    var model: SeriesForecast.Model?
    /// The backtest; its `mae` in the file's unit.
    var backtest: Backtest?
    var historyFirst: String
    var historyLast: String
    var historyMonths: Int
    var months: [Month]

    /// From a forecast of the file's values × 100.
    public init(_ f: SeriesForecast, file: String) {
        func unit(_ hundredths: Int64) -> Double { Double(hundredths) / 100 }
        series = file
        method = f.method
        choice = f.choice
        model = f.model
        backtest = f.backtest.map {
            var b = $0
            b.model.mae /= 100
            b.baseline.mae /= 100
            return b
        }
        historyFirst = f.historyFirst
        historyLast = f.historyLast
        historyMonths = f.historyMonths
        months = f.months.map {
            Month(
                month: $0.month, forecast: unit($0.forecastCents), low80: unit($0.low80Cents),
                high80: unit($0.high80Cents), low95: unit($0.low95Cents), high95: unit($0.high95Cents))
        }
    }
}
