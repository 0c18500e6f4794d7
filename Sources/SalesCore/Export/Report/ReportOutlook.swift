/// Section 7, the outlook: what the period's own figures leave open for the next one (money to collect,
/// complaints to close, claims to decide, people and regions to follow up), then the next quarter's forecast
/// (``SummaryOutlook``, as `sales-plan forecast` computes it) and next year's target when the store has them.
/// A row appears only when its figure is computed and not zero.
struct ReportOutlook {
    /// One open item.
    struct Item: Hashable {
        /// A stable key (JSON `item`).
        let key: String
        /// The item's name.
        let label: ReportString
        /// Its figure.
        let value: MetricValue
        let unit: MetricUnit
        /// The note in each language: counts, names, where the list is.
        let noteZh: String
        let noteEn: String

        func note(_ language: OutputLanguage) -> String { language == .zh ? noteZh : noteEn }
    }

    /// The open items of `report`, in section order.
    static func items(of report: SummaryReport) -> [Item] {
        let data = report.data
        var items: [Item] = []
        func appendix(_ section: ReportSection, _ language: OutputLanguage) -> String {
            ReportString.listedInAppendix.text(language, section.label, section.title(language))
        }
        func names(_ list: [String], _ language: OutputLanguage) -> String {
            list.joined(separator: language == .zh ? "、" : ", ")
        }
        let separator = (zh: "；", en: "; ")

        let regions = data.salesPerformance.regions.filter(\.isUnderTarget).map { $0.name ?? "" }
        if !regions.isEmpty {
            items.append(
                Item(
                    key: "regions_under_target", label: .outlookRegions, value: .count(Int64(regions.count)),
                    unit: .count, noteZh: names(regions, .zh), noteEn: names(regions, .en)))
        }
        let lines = data.salesPerformance.productLines.filter(\.isShrinking).map { $0.name ?? "" }
        if !lines.isEmpty {
            items.append(
                Item(
                    key: "shrinking_product_lines", label: .outlookLines, value: .count(Int64(lines.count)),
                    unit: .count, noteZh: names(lines, .zh), noteEn: names(lines, .en)))
        }
        let k = data.keyIndicators
        if case .cents(let amount) = k.overdueReceivables.value, amount > 0,
            let count = k.overdueInvoices.value.countValue
        {
            items.append(
                Item(
                    key: "overdue_receivables", label: .outlookOverdue, value: .cents(amount), unit: .cny,
                    noteZh: ReportString.outlookInvoices.text(.zh, String(count)) + separator.zh
                        + appendix(.overdueReceivables, .zh),
                    noteEn: ReportString.outlookInvoices.text(.en, String(count)) + separator.en
                        + appendix(.overdueReceivables, .en)))
        }
        let candidates = data.team.improvementCandidates.map { "\($0.name) (\($0.login))" }
        if !candidates.isEmpty {
            items.append(
                Item(
                    key: "improvement_candidates", label: .outlookImprovement,
                    value: .count(Int64(candidates.count)), unit: .count,
                    noteZh: names(candidates, .zh), noteEn: names(candidates, .en)))
        }
        let e = data.expensesAndBudget
        if let count = e.pendingClaims.value.countValue, count > 0,
            case .cents(let amount) = e.pendingClaimsAmount.value
        {
            items.append(
                Item(
                    key: "pending_claims", label: .outlookPending, value: .cents(amount), unit: .cny,
                    noteZh: ReportString.outlookClaims.text(.zh, String(count)),
                    noteEn: ReportString.outlookClaims.text(.en, String(count))))
        }
        let f = data.customerFeedback
        if let count = f.staleComplaints.value.countValue, count > 0 {
            items.append(
                Item(
                    key: "stale_complaints", label: .outlookStale, value: .count(count), unit: .count,
                    noteZh: appendix(.staleComplaints, .zh), noteEn: appendix(.staleComplaints, .en)))
        }
        let outlook = data.outlook
        if let quarter = outlook.forecastQuarter, let cents = outlook.forecastCents,
            let method = outlook.forecastMethod,
            let months = outlook.historyMonths
        {
            let methods = (
                zh: method == "holt_winters" ? "Holt-Winters" : "季节朴素（去年同月）",
                en: method == "holt_winters" ? "Holt-Winters" : "seasonal naive (same month last year)"
            )
            func note(_ language: OutputLanguage, _ methodName: String) -> String {
                guard let mape = outlook.forecastMAPE else {
                    return ReportString.outlookForecastNoBacktest.text(
                        language, quarter.text, methodName, String(months))
                }
                return ReportString.outlookForecastNote.text(
                    language, quarter.text, methodName, String(format: "%.1f%%", mape), String(months))
            }
            items.append(
                Item(
                    key: "forecast_next_quarter", label: .outlookForecast, value: .cents(cents), unit: .cny,
                    noteZh: note(.zh, methods.zh), noteEn: note(.en, methods.en)))
        }
        if let year = outlook.targetYear, let cents = outlook.nextYearTarget {
            items.append(
                Item(
                    key: "next_year_target", label: .outlookNextYearTarget, value: .cents(cents), unit: .cny,
                    noteZh: ReportString.outlookTargetNote.text(.zh, year.text),
                    noteEn: ReportString.outlookTargetNote.text(.en, year.text)))
        }
        return items
    }
}
