/// Section 7, the outlook: what the period's own figures leave open for the next one (money to collect,
/// complaints to close, claims to decide, people and regions to follow up). Nothing is forecast here; a row
/// appears only when its figure is computed and not zero.
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
        return items
    }
}
