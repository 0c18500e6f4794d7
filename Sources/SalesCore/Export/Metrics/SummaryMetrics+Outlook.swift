// Section 7 (outlook): the forward figures, the next quarter's forecast and next year's target.

extension SummaryMetrics {
    /// The quarter after the period (the first that starts after its last day), forecast as `sales-plan forecast`
    /// forecasts it (company reports only, and only when the store's orders do not reach into it), and the
    /// scope's target for the year after the period's, when the store has one.
    static func outlook(_ context: SummaryContext) throws -> SummaryOutlook {
        var outlook = SummaryOutlook()
        let period = context.period
        var quarter = period.lastCompletedQuarter?.next
        if let q = quarter, q.startDate <= period.endDate { quarter = q.next }
        outlook.forecastQuarter = quarter
        if let quarter, context.scope.isCompany,
            let history = try RevenueHistory.read(context.connection, grouping: nil)
        {
            let months = PlanMonth.months(of: quarter)
            if let first = months.first, first > history.last,
                let forecast = SeriesForecast.make(values: history.company, first: history.first, horizon: months)
            {
                outlook.forecastCents = forecast.totalCents
                outlook.forecastMethod = forecast.method.rawValue
                outlook.historyMonths = forecast.historyMonths
                if let backtest = forecast.backtest {
                    let accuracy = forecast.method == .holtWinters ? backtest.model : backtest.baseline
                    outlook.forecastMAPE = accuracy.mape
                }
            }
        }
        let year = period.calendarYear.next
        outlook.targetYear = year
        if let year {
            let targets = try TargetBook(context.connection, from: year.startDate, to: year.endDate)
            let scope = context.scope.scope
            outlook.nextYearTarget =
                targets.target(scope: scope.targetScope, key: scope.scopeKey, period: year)
                .centsValue
        }
        return outlook
    }
}
