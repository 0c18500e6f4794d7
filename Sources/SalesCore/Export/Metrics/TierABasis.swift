/// The customers who were tier A when a period began: the ABC tiers of `sales-score` as of the day before
/// the period's first day, over the default scoring window (365 days ending that day) and cut-offs (70% / 90%).
///
/// Tier-A retention is measured against them. The tiers of the run covering the period cannot serve: that
/// run's window is the period itself, so every one of its tier-A customers ordered in it by construction.
/// The tiers are computed here from the order lines with the scoring code's own rule (``ABCTiering``, the
/// revenue and order definitions of ``OrderLineRules``), by one grouped scan of the window (or from the sums
/// of the window that scan 1 of ``SalesAggregates`` takes when it reads every line of it), so they do not
/// depend on which runs happen to be stored and are covered by the report's data hash.
struct TierABasis: Hashable {
    /// The day the tiers are as of: the day before the period starts.
    let asOf: String
    /// The first day of the window (`asOf` − 364 days).
    let windowStart: String
    /// The tier-A customers' ids, ascending.
    let customerIDs: [Int64]
    /// Each tier-A customer's net revenue in the window (what made it tier A), in cents.
    let windowRevenue: [Int64: Int64]

    /// The default scoring window, as `sales-score` uses it.
    static let windowDays = ScoreSettings().windowDays

    /// The window whose revenue ranks the customers as of the day before `period` starts: the 365 days
    /// ending that day.
    static func window(before period: ReportPeriod) -> DayRange {
        let start = CivilDate(stored: period.startDate)?.daysSinceUnixEpoch ?? 0
        return DayRange(
            CivilDate(daysSinceUnixEpoch: start - windowDays).iso, CivilDate(daysSinceUnixEpoch: start - 1).iso)
    }

    /// The tiers as of the day before `period` starts, read on `connection`.
    init(before period: ReportPeriod, _ connection: Connection) throws {
        let window = Self.window(before: period)
        // A customer with an order (a completed line) in the window has its net revenue there as its amount;
        // one without has none (tier D), whatever its returns.
        try self.init(
            window: window, connection,
            sql: """
                SELECT o.customer_id, sum(\(OrderLineRules.revenue()))
                FROM order_line o INDEXED BY order_line_order_date
                WHERE o.status <> 'cancelled' AND o.order_date BETWEEN ?1 AND ?2
                GROUP BY o.customer_id
                HAVING count(*) FILTER (WHERE \(OrderLineRules.isPurchase())) > 0
                """, [.text(window.start), .text(window.end)])
    }

    /// The tiers over `window` from `sql`, which returns each customer with a completed line in the window
    /// and their revenue there (the rows of the query in ``init(before:_:)``, in any order).
    init(window: DayRange, _ connection: Connection, sql: String, _ arguments: [SQLValue] = []) throws {
        let settings = ScoreSettings()
        asOf = window.end
        windowStart = window.start
        var summaries: [CustomerSummary] = []
        try connection.forEachRow(sql, arguments) { row in
            summaries.append(
                CustomerSummary(
                    customerID: row.int64(at: 0), recencyDays: 0, frequency: 1, monetaryCents: row.int64(at: 1)))
        }
        let tiering = try ABCTiering(
            aCutoffBasisPoints: settings.tierACutoffBasisPoints, bCutoffBasisPoints: settings.tierBCutoffBasisPoints)
        customerIDs = try tiering.tiers(summaries).filter { $0.tier == .a }.map(\.customerID).sorted()
        let tierA = Set(customerIDs)
        var revenue: [Int64: Int64] = [:]
        for summary in summaries where tierA.contains(summary.customerID) {
            revenue[summary.customerID] = summary.monetaryCents
        }
        windowRevenue = revenue
    }
}

extension SummaryMetrics {
    /// Tier-A retention of `period`: of the customers tier A as of the day before it (``TierABasis``, in the
    /// scope by the customer rule), those who ordered in it in the scope (`lines` of `export_cust`, which holds
    /// the in-scope lines one row per customer); and the lost ones' revenue in the tiering window (the 365
    /// days before the period), `nil` when that sum does not fit in 64 bits (forged amounts).
    static func tierARetention(
        _ context: SummaryContext, _ basis: TierABasis, in period: ReportPeriod, lines: String
    ) throws -> (value: MetricValue, lostRevenue: Int64?) {
        let connection = context.connection
        try connection.execute("DROP TABLE IF EXISTS temp.export_tier_a")
        try connection.execute("CREATE TEMP TABLE export_tier_a (customer_id INTEGER PRIMARY KEY)")
        let insert = try connection.prepare("INSERT INTO temp.export_tier_a (customer_id) VALUES (?1)")
        for id in basis.customerIDs { try insert.execute([.integer(id)]) }
        let condition = context.scope.customerCondition(customer: "c", owner: "ow", parameter: 1)
        var total: Int64 = 0
        var retained: Int64 = 0
        var lostRevenue: Int64? = 0
        try connection.forEachRow(
            """
            SELECT t.customer_id,
                   EXISTS (SELECT 1 FROM export_cust x WHERE x.customer_id = t.customer_id AND x.\(lines) > 0)
            FROM temp.export_tier_a t
            LEFT JOIN customer c ON c.id = t.customer_id
            LEFT JOIN person ow ON ow.id = c.owner_id
            WHERE \(condition)
            """, context.scope.arguments
        ) { row in
            total += 1
            if row.int64(at: 1) != 0 {
                retained += 1
            } else if let sum = lostRevenue {
                let (next, overflow) = sum.addingReportingOverflow(basis.windowRevenue[row.int64(at: 0)] ?? 0)
                lostRevenue = overflow ? nil : next
            }
        }
        let value = MetricValue.fraction(
            retained, total, orMissing: context.scoped(.noTierACustomers(asOf: basis.asOf)))
        return (value, lostRevenue)
    }
}
