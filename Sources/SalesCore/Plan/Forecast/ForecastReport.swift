/// `sales-plan forecast`: the company's monthly revenue for a horizon, optionally per group, with the
/// backtest that chose the method, the peak quarters and the weighted open pipeline.
public struct ForecastReport: Codable, Sendable {
    public struct Group: Codable, Sendable {
        /// The group's key as stored (a region, product line, tier code or rep login; "" when unassigned).
        public var key: String
        /// A rep's name; the key otherwise.
        public var name: String
        /// nil when the group's history is shorter than a year (``note`` says so).
        public var forecast: SeriesForecast?
        public var note: String?
    }

    /// A quarter's share of a year's revenue.
    public struct QuarterShare: Codable, Sendable, Equatable {
        /// 1 … 4.
        public var quarter: Int
        /// 0 … 1.
        public var share: Double
        /// share ÷ 25%.
        public var seasonalityIndex: Double
        /// Above 25%: a quarter to staff and stock for.
        public var isPeak: Bool
    }

    public var horizon: String
    public var grouping: ForecastGrouping?
    public var company: SeriesForecast
    public var groups: [Group]
    /// What the quarter shares come from: the forecast year (`forecast 2026`) or the whole calendar years of
    /// history (`history 2024–2025`).
    public var quarterSharesFrom: String
    public var quarterShares: [QuarterShare]
    public var pipeline: PipelineForecast
    public var lastOrderDate: String

    /// The horizon the tool uses without `--horizon`: the quarter after the last month with orders.
    public static func defaultHorizon(after last: PlanMonth) -> ReportPeriod? {
        let next = last.advanced(by: 1)
        return ReportPeriod.quarter(next.year, next.quarter)
    }

    /// Builds the report from the store.
    /// - Throws: ``PlanError`` when the store has no orders, the history is under a year, or the horizon does
    ///   not lie after the history.
    public static func build(
        _ store: Store, horizon: ReportPeriod?, grouping: ForecastGrouping?
    ) throws
        -> ForecastReport
    {
        try PlanError.guardingSums(store) { try build(reading: store, horizon: horizon, grouping: grouping) }
    }

    static func build(
        reading store: Store, horizon: ReportPeriod?, grouping: ForecastGrouping?
    ) throws
        -> ForecastReport
    {
        try store.read { connection in
            guard let revenue = try RevenueHistory.read(connection, grouping: grouping) else {
                throw PlanError(.data, "the store has no completed order lines to forecast from (sales-import first)")
            }
            guard let period = horizon ?? defaultHorizon(after: revenue.last), period.kind != .month else {
                throw PlanError(.usage, "--horizon must be a quarter (2026Q1) or a year (2026)")
            }
            let months = PlanMonth.months(of: period)
            guard let firstHorizon = months.first, firstHorizon > revenue.last else {
                throw PlanError(
                    .usage,
                    "--horizon \(period.text) does not lie after the store's history, which runs to "
                        + "\(revenue.last.text) (the last order is dated \(revenue.lastOrderDate))")
            }
            guard
                let company = SeriesForecast.make(values: revenue.company, first: revenue.first, horizon: months)
            else {
                throw PlanError(
                    .data,
                    "the store's history runs from \(revenue.first.text) to \(revenue.last.text) "
                        + "(\(revenue.company.count) months); a forecast needs at least 12")
            }
            var groups: [Group] = []
            for series in revenue.groups {
                if let forecast = SeriesForecast.make(values: series.values, first: series.start, horizon: months) {
                    groups.append(Group(key: series.key, name: series.name, forecast: forecast, note: nil))
                } else {
                    groups.append(
                        Group(
                            key: series.key, name: series.name, forecast: nil,
                            note: "history from \(series.start.text): under 12 months"))
                }
            }
            let shares: [QuarterShare]
            let source: String
            if period.kind == .year {
                var sums = [Double](repeating: 0, count: 4)
                for month in company.months {
                    if let m = PlanMonth(text: Substring(month.month)) {
                        sums[m.quarter - 1] += Double(month.forecastCents)
                    }
                }
                shares = quarterShares(sums)
                source = "forecast \(period.text)"
            } else {
                var sums = [Double](repeating: 0, count: 4)
                var years: [Int] = []
                for (offset, value) in revenue.company.enumerated() {
                    let month = revenue.first.advanced(by: offset)
                    guard month.year > revenue.first.year || revenue.first.month == 1,
                        month.year < revenue.last.year || revenue.last.month == 12
                    else { continue }
                    sums[month.quarter - 1] += value
                    if years.last != month.year { years.append(month.year) }
                }
                shares = years.isEmpty ? [] : quarterShares(sums)
                source =
                    years.isEmpty
                    ? "" : "history " + (years.count == 1 ? "\(years[0])" : "\(years[0])–\(years[years.count - 1])")
            }
            let pipeline = try PipelineForecast.read(connection, horizon: months)
            return ForecastReport(
                horizon: period.text, grouping: grouping, company: company, groups: groups,
                quarterSharesFrom: source, quarterShares: shares, pipeline: pipeline,
                lastOrderDate: revenue.lastOrderDate)
        }
    }

    static func quarterShares(_ sums: [Double]) -> [QuarterShare] {
        let total = sums.reduce(0, +)
        guard total > 0 else { return [] }
        return sums.enumerated().map {
            let share = $0.element / total
            return QuarterShare(
                quarter: $0.offset + 1, share: share, seasonalityIndex: share / 0.25, isPeak: share > 0.25)
        }
    }
}
