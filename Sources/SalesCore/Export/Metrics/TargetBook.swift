/// The `sales_target` rows a summary needs, and the rule that turns them into one period's target.
///
/// A target for (scope, key, period) is the row for exactly that period; else the sum of finer rows
/// that together cover the whole period: for each quarter inside it the quarter's row, else all three
/// of its months' rows. Rows that cover only part of the period are not pieced together or prorated
/// (the target is then missing, and the reason names the periods found); a month's target is never
/// derived from its quarter's. A company target that no company row gives is the sum of the regions'
/// targets for the period, found the same way, when every region has one.
struct TargetBook {
    private struct Key: Hashable {
        var scope: String
        var key: String
    }

    /// Amounts by scope and key, then by period text.
    private var rows: [Key: [String: Int64]] = [:]
    /// Every region's name, in order.
    private var regions: [String] = []

    /// Loads every target row that overlaps `start` … `end`.
    init(_ connection: Connection, from start: String, to end: String) throws {
        try connection.forEachRow(
            """
            SELECT scope, scope_key, period, amount_cents FROM sales_target
            WHERE starts_on <= ?2 AND ends_on >= ?1
            """, [.text(start), .text(end)]
        ) { row in
            let key = Key(scope: row.text(at: 0) ?? "", key: row.text(at: 1) ?? "")
            rows[key, default: [:]][row.text(at: 2) ?? ""] = row.int64(at: 3)
        }
        try connection.forEachRow("SELECT name FROM region ORDER BY name") { regions.append($0.text(at: 0) ?? "") }
    }

    /// The target of `scope` `key` (`''` for the company) for `period`, or why there is none.
    func target(scope: String, key: String, period: ReportPeriod) -> MetricValue {
        let own = ownTarget(scope: scope, key: key, period: period)
        guard scope == "company", own.isMissing, !regions.isEmpty else { return own }
        // The company's target as the sum of its regions' targets, when every region has one.
        var total: Int64 = 0
        var without: [String] = []
        for region in regions {
            switch ownTarget(scope: "region", key: region, period: period) {
            case .cents(let amount):
                let (sum, overflow) = total.addingReportingOverflow(amount)
                if overflow { return .missing(.tooLarge) }
                total = sum
            default:
                without.append(region)
            }
        }
        if without.isEmpty { return .cents(total) }
        if without.count == regions.count { return own }
        return .missing(.regionsWithoutTargets(without, in: period))
    }

    /// The target of `scope` `key` from its own rows only.
    private func ownTarget(scope: String, key: String, period: ReportPeriod) -> MetricValue {
        let found = rows[Key(scope: scope, key: key)] ?? [:]
        if let exact = found[period.text] { return .cents(exact) }
        var total: Int64 = 0
        var covered = true
        var used: [String] = []
        for part in parts(of: period) {
            if let amount = part.amount(found) {
                total += amount
            } else {
                covered = false
            }
            used += part.periods.filter { found[$0] != nil }
        }
        if covered && !used.isEmpty { return .cents(total) }
        let owner = TargetOwner(scope: scope, key: key)
        if used.isEmpty { return .missing(.noTargets(for: owner, in: period)) }
        return .missing(.partialTargets(for: owner, in: period, used: used))
    }

    /// The pieces a period's target can be assembled from: quarters (each from its row or its months) for a
    /// year, months for a quarter, nothing for a month.
    private func parts(of period: ReportPeriod) -> [Part] {
        switch period.kind {
        case .year: return period.quarters.map { Part(quarter: $0) }
        case .quarter: return period.months.map { Part(month: $0) }
        case .month: return []
        }
    }

    /// A quarter (its row, or all three months' rows) or a single month.
    private struct Part {
        var periods: [String]
        var amount: ([String: Int64]) -> Int64?

        init(quarter: ReportPeriod) {
            let months = quarter.months.map(\.text)
            amount = { found in
                if let own = found[quarter.text] { return own }
                let parts = months.compactMap { found[$0] }
                return parts.count == months.count ? parts.reduce(0, +) : nil
            }
            periods = [quarter.text] + months
        }

        init(month: ReportPeriod) {
            periods = [month.text]
            amount = { $0[month.text] }
        }
    }
}
