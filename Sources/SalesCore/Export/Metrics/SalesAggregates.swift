/// The order-line aggregates every sales figure is drawn from, computed by grouped scans in SQLite.
///
/// Order lines are read by a few `GROUP BY` scans. A line's revenue and what makes an order follow
/// ``OrderLineRules``, the definitions `sales-score` uses too.
///
/// 1. `GROUP BY customer_id, rep_id` over the period and the comparison period, giving each pair's revenue,
///    completed lines and orders in each (and the revenue of the team section's quarters that lie inside
///    the period). The pairs are kept as `temp.export_cr`, with the pair's region (the customer's, else the
///    rep's) and whether it is in the scope; `temp.export_cust` sums them per customer. Customers,
///    regions, reps, churn, new customers and attributed revenue are all computed from these small tables.
/// 2. `GROUP BY product_id, channel` over the two periods, in the scope: product lines and channels.
/// 3. `GROUP BY order_date` (along the `order_date` index, no sort): the months of the two periods, the
///    monthly trend and the seasonality index.
///
/// Scans 1 and 2 read lines one of two ways (``LineScan``): each covering index whole, in group order, or
/// each period's date range followed by a sort. Both give the same figures; the first is chosen when the
/// periods hold a good share of the store's lines (a year's summary), the second for short periods.
struct SalesAggregates {
    /// Every TEMP table the summary creates.
    static let temporaryTables = [
        "export_cr_p", "export_cr_c", "export_cr", "export_cust", "export_served",
        "export_campaign_reach", "export_reach", "export_tier_a",
    ]

    /// Drops the TEMP tables, ignoring errors (called on every exit).
    static func dropTemporaryTables(_ connection: Connection) {
        for table in temporaryTables {
            try? connection.execute("DROP TABLE IF EXISTS temp.\(table)")
        }
    }

    /// Revenue in the period (in the scope).
    var revenue: Int64 = 0
    /// Revenue in the comparison period, `nil` without one.
    var comparisonRevenue: Int64?
    /// Orders in the period: distinct order numbers per customer with a completed line.
    var orders: Int64 = 0
    /// Customers with at least one order in the period.
    var activeCustomers: Int64 = 0
    /// Customers with at least two orders in the period.
    var repeatCustomers: Int64 = 0
    /// Customers with a completed line in the comparison period.
    var comparisonActiveCustomers: Int64 = 0
    /// Of those, the customers with no completed line in the period.
    var churnedCustomers: Int64 = 0
    /// Their revenue in the comparison period.
    var churnedRevenue: Int64 = 0
    /// Orders in the comparison period, counted as ``orders`` is.
    var comparisonOrders: Int64 = 0
    /// Customers with at least two orders in the comparison period.
    var comparisonRepeatCustomers: Int64 = 0
    /// Reps credited with a completed line in the scope in the comparison period.
    var comparisonActiveReps: Int64 = 0
    /// Reps credited with a completed line in the scope in the period.
    var activeReps: Int64 = 0
    /// Revenue from customers whose first order falls in the period.
    var newCustomerRevenue: Int64 = 0
    /// The same for the comparison period.
    var comparisonNewCustomerRevenue: Int64?
    /// Customers whose first order falls in the period.
    var newCustomers: Int64 = 0
    /// The same for the comparison period.
    var comparisonNewCustomers: Int64?
    /// Customers active in the period before the comparison period (`--compare` applied twice), and how many
    /// of them did not order in the comparison period: the comparison period's churn. `nil` without one.
    var priorActiveCustomers: Int64?
    var priorChurnedCustomers: Int64?

    /// Revenue per region id (`nil` for no region): period and comparison period.
    var regionRevenue: [Int64?: (current: Int64, comparison: Int64)] = [:]
    /// Per rep id: revenue in the period, completed lines, revenue in the award quarter and the quarter before.
    var repFigures: [Int64: (revenue: Int64, lines: Int64, awardQuarter: Int64, quarterBefore: Int64)] = [:]

    /// The customers tier A when the period began (``TierABasis``), when scan 1 summed their window
    /// (``sumsTierWindow(_:)``); otherwise `nil`, and ``IndependentFigures`` reads them.
    var tierABasis: TierABasis?

    /// Revenue per month (`YYYY-MM`) of the period, the comparison period and the trend years.
    var monthRevenue: [String: Int64] = [:]
    /// Revenue per channel (`nil` for none): period and comparison period.
    var channelRevenue: [String?: (current: Int64, comparison: Int64)] = [:]
    /// Revenue per product line (`nil` for none): period and comparison period.
    var productLineRevenue: [String?: (current: Int64, comparison: Int64)] = [:]
    /// Revenue per product tier (`product.tier`, `nil` for none): period and comparison period.
    var productTierRevenue: [String?: (current: Int64, comparison: Int64)] = [:]

    /// Computes scan 1 and the figures drawn from it on `context`'s connection, reading lines as `scan` says.
    /// The figures by month, channel and product line (scans 2 and 3) come from ``MonthlyRevenue``, which
    /// may run on another connection at the same time, through ``add(_:)``.
    init(_ context: SummaryContext, scan: LineScan) throws {
        SalesAggregates.dropTemporaryTables(context.connection)
        let tierWindow = Self.sumsTierWindow(context) ? TierABasis.window(before: context.period) : nil
        switch scan {
        case .coveringIndexes:
            try groupByCustomerAndRep(context, along: "order_line_customer_rep", tierWindow: tierWindow)
        case .dateRanges:
            try groupByCustomerAndRep(context, along: "order_line_order_date", tierWindow: tierWindow)
        }
        if let tierWindow {
            // Every line of the window was read by scan 1 (it lies inside the two periods), and each customer's
            // lines there are summed over the customer's pairs and the two periods: the rows TierABasis's own
            // scan of the window would return.
            tierABasis = try TierABasis(
                window: tierWindow, context.connection,
                sql: """
                    SELECT customer_id, sum(rev_t) FROM (SELECT customer_id, rev_t, lines_t FROM temp.export_cr_p
                                                         UNION ALL
                                                         SELECT customer_id, rev_t, lines_t FROM temp.export_cr_c)
                    GROUP BY customer_id HAVING sum(lines_t) > 0
                    """)
        }
        try sumPerCustomer(context)
        try readCustomerFigures(context)
    }

    /// Takes the figures by month, channel and product line.
    mutating func add(_ figures: MonthlyRevenue) {
        monthRevenue = figures.months
        channelRevenue = figures.channels
        productLineRevenue = figures.productLines
        productTierRevenue = figures.productTiers
    }

    // MARK: - Scan 1: customer and rep

    /// Whether scan 1 sums the window of the period's tier-A basis (``TierABasis/window(before:)``) beside the
    /// periods: when the window lies inside the period and the comparison period (a year compared with the
    /// year before), and the two do not overlap (so no line is read twice), the basis needs no scan of its own.
    static func sumsTierWindow(_ context: SummaryContext) -> Bool {
        let read = [context.period, context.comparison].compactMap { $0 }.map(DayRange.init)
        if let comparison = context.comparison,
            comparison.startDate <= context.period.endDate && context.period.startDate <= comparison.endDate
        {
            return false
        }
        return DayRange.subtracting(read, from: [TierABasis.window(before: context.period)]).isEmpty
    }

    /// Groups the period's lines, and separately the comparison period's, by customer and rep, reading each
    /// period along `index`, then joins the two.
    ///
    /// Along `order_line_customer_rep` (``LineScan/coveringIndexes``), which holds every column the scan needs
    /// in group order, each pass reads the index whole with no sort and no table lookups, and aggregates only
    /// its own period's lines: two passes cost less than one that tests every line against both periods in
    /// every aggregate. Along `order_line_order_date` (``LineScan/dateRanges``) each pass reads its date
    /// range (an `OR` of ranges would make SQLite collect row ids and sort them instead), then sorts; two
    /// half-size sorts cost less than one over both periods. Without a comparison period the second pass's
    /// range is empty and it aggregates nothing.
    ///
    /// With a `tierWindow`, each pass also sums each pair's revenue and completed lines dated in it (`rev_t`,
    /// `lines_t`), for ``TierABasis``.
    private func groupByCustomerAndRep(_ context: SummaryContext, along index: String, tierWindow: DayRange?) throws {
        let connection = context.connection
        func tierColumns(_ period: ReportPeriod?) -> String {
            guard let tierWindow else { return "" }
            guard let period, period.startDate <= tierWindow.end, tierWindow.start <= period.endDate else {
                return ", 0 AS rev_t, 0 AS lines_t"
            }
            let inWindow = "o.order_date BETWEEN '\(tierWindow.start)' AND '\(tierWindow.end)'"
            return """
                ,
                       coalesce(sum(\(OrderLineRules.revenue())) FILTER (WHERE \(inWindow)), 0) AS rev_t,
                       count(*) FILTER (WHERE \(OrderLineRules.isPurchase()) AND \(inWindow)) AS lines_t
                """
        }
        try connection.execute(
            """
            CREATE TEMP TABLE export_cr_p AS
            SELECT o.customer_id AS customer_id, o.rep_id AS rep_id,
                   \(periodColumns(context))\(tierColumns(context.period))
            FROM order_line o INDEXED BY \(index)
            WHERE o.status <> 'cancelled' AND o.order_date BETWEEN ?1 AND ?2
            GROUP BY o.customer_id, o.rep_id
            """, SummaryContext.bounds(context.period))
        try connection.execute(
            """
            CREATE TEMP TABLE export_cr_c AS
            SELECT o.customer_id AS customer_id, o.rep_id AS rep_id,
                   \(Self.comparisonColumns)\(tierColumns(context.comparison))
            FROM order_line o INDEXED BY \(index)
            WHERE o.status <> 'cancelled' AND o.order_date BETWEEN ?1 AND ?2
            GROUP BY o.customer_id, o.rep_id
            """, SummaryContext.bounds(context.comparison))
        let inScope = context.scope.customerRepCondition(customer: "c", rep: "r", parameter: 1)
        try connection.execute(
            """
            CREATE TEMP TABLE export_cr AS
            SELECT g.customer_id AS customer_id, g.rep_id AS rep_id,
                   sum(g.rev_p) AS rev_p, sum(g.lines_p) AS lines_p, sum(g.orders_p) AS orders_p,
                   sum(g.rev_qa) AS rev_qa, sum(g.rev_qb) AS rev_qb, sum(g.rev_c) AS rev_c, sum(g.lines_c) AS lines_c,
                   sum(g.orders_c) AS orders_c,
                   coalesce(c.region_id, r.region_id) AS region_id, (\(inScope)) AS in_scope
            FROM (SELECT customer_id, rep_id, rev_p, lines_p, orders_p, rev_qa, rev_qb, 0 AS rev_c, 0 AS lines_c,
                         0 AS orders_c
                  FROM export_cr_p
                  UNION ALL
                  SELECT customer_id, rep_id, 0, 0, 0, 0, 0, rev_c, lines_c, orders_c FROM export_cr_c) g
            JOIN customer c ON c.id = g.customer_id
            LEFT JOIN person r ON r.id = g.rep_id
            GROUP BY g.customer_id, g.rep_id
            """, context.scope.arguments)
    }

    /// Scan 1's columns for the period, over the lines read: `rev_p`, `lines_p`, `orders_p`, then `rev_qa` and
    /// `rev_qb` (the team section's quarters).
    private func periodColumns(_ context: SummaryContext) -> String {
        // The team section's quarters that lie strictly inside the period are summed in the same scan.
        let quarterColumns = quarters(context).map { quarter, inside -> String in
            guard inside else { return "0" }
            return
                "coalesce(sum(\(OrderLineRules.revenue())) FILTER (WHERE o.order_date BETWEEN '\(quarter.startDate)' "
                + "AND '\(quarter.endDate)'), 0)"
        }
        return """
            coalesce(sum(\(OrderLineRules.revenue())), 0) AS rev_p,
            count(*) FILTER (WHERE \(OrderLineRules.isPurchase())) AS lines_p,
            count(DISTINCT o.order_no) FILTER (WHERE \(OrderLineRules.isPurchase())) AS orders_p,
            \(quarterColumns[1]) AS rev_qa, \(quarterColumns[0]) AS rev_qb
            """
    }

    /// Scan 1's columns for the comparison period, over the lines read: `rev_c`, `lines_c` and `orders_c`.
    private static let comparisonColumns = """
        coalesce(sum(\(OrderLineRules.revenue())), 0) AS rev_c,
        count(*) FILTER (WHERE \(OrderLineRules.isPurchase())) AS lines_c,
        count(DISTINCT o.order_no) FILTER (WHERE \(OrderLineRules.isPurchase())) AS orders_c
        """

    /// Sums the pairs in the scope per customer (`temp.export_cust`).
    private func sumPerCustomer(_ context: SummaryContext) throws {
        let connection = context.connection
        try connection.execute(
            """
            CREATE TEMP TABLE export_cust (
                customer_id INTEGER PRIMARY KEY, rev_p INTEGER, lines_p INTEGER, orders_p INTEGER,
                pairs_p INTEGER, rev_c INTEGER, lines_c INTEGER, orders_c INTEGER, pairs_c INTEGER);
            INSERT INTO export_cust
            SELECT customer_id, sum(rev_p), sum(lines_p), sum(orders_p), count(*) FILTER (WHERE lines_p > 0),
                   sum(rev_c), sum(lines_c), sum(orders_c), count(*) FILTER (WHERE lines_c > 0)
            FROM export_cr WHERE in_scope GROUP BY customer_id;
            """)
        // Per customer, over the pairs in the scope. A customer's orders are the sum over its reps' pairs,
        // which counts an order credited to two reps twice; such customers are recounted exactly below.
        let shared = try connection.query(
            """
            SELECT EXISTS (SELECT 1 FROM export_cust WHERE pairs_p > 1),
                   EXISTS (SELECT 1 FROM export_cust WHERE pairs_c > 1)
            """
        ).first
        var recount: [(orders: String, pairs: String, period: ReportPeriod)] = []
        if shared?[0].int64 == 1 { recount.append(("orders_p", "pairs_p", context.period)) }
        if shared?[1].int64 == 1, let comparison = context.comparison {
            recount.append(("orders_c", "pairs_c", comparison))
        }
        guard !recount.isEmpty else { return }
        try connection.execute("CREATE INDEX temp.export_cr_pair ON export_cr (customer_id, rep_id)")
        for (orders, pairs, period) in recount {
            try connection.execute(
                """
                UPDATE export_cust SET \(orders) = (
                    SELECT count(DISTINCT o.order_no) FROM order_line o
                    WHERE o.customer_id = export_cust.customer_id AND \(OrderLineRules.isPurchase())
                      AND o.order_date BETWEEN ?1 AND ?2
                      AND EXISTS (SELECT 1 FROM export_cr g
                                  WHERE g.customer_id = o.customer_id AND g.rep_id IS o.rep_id AND g.in_scope))
                WHERE \(pairs) > 1
                """, SummaryContext.bounds(period))
        }
    }

    /// The team section's two quarters (the one before the award quarter, then the award quarter), each with
    /// whether it lies strictly inside the period (then scan 1 sums it); a missing quarter counts as inside.
    private func quarters(_ context: SummaryContext) -> [(ReportPeriod, Bool)] {
        let quarters = context.improvementQuarters
        guard quarters.count == 2 else { return [(context.period, true), (context.period, true)] }
        return quarters.map { ($0, context.period.contains($0) && $0 != context.period) }
    }

    // MARK: - Figures from the customer tables

    private mutating func readCustomerFigures(_ context: SummaryContext) throws {
        let connection = context.connection
        if let row = try connection.query(
            """
            SELECT coalesce(sum(rev_p), 0), coalesce(sum(rev_c), 0), coalesce(sum(orders_p), 0),
                   count(*) FILTER (WHERE orders_p >= 1), count(*) FILTER (WHERE orders_p >= 2),
                   count(*) FILTER (WHERE lines_c > 0), count(*) FILTER (WHERE lines_c > 0 AND lines_p = 0),
                   coalesce(sum(orders_c), 0), count(*) FILTER (WHERE orders_c >= 2),
                   coalesce(sum(rev_c) FILTER (WHERE lines_c > 0 AND lines_p = 0), 0)
            FROM export_cust
            """
        ).first {
            revenue = row[0].int64 ?? 0
            comparisonRevenue = context.comparison == nil ? nil : row[1].int64 ?? 0
            orders = row[2].int64 ?? 0
            activeCustomers = row[3].int64 ?? 0
            repeatCustomers = row[4].int64 ?? 0
            comparisonActiveCustomers = row[5].int64 ?? 0
            churnedCustomers = row[6].int64 ?? 0
            comparisonOrders = row[7].int64 ?? 0
            comparisonRepeatCustomers = row[8].int64 ?? 0
            churnedRevenue = row[9].int64 ?? 0
        }
        if let row = try connection.query(
            """
            SELECT count(DISTINCT rep_id) FILTER (WHERE lines_p > 0), count(DISTINCT rep_id) FILTER (WHERE lines_c > 0)
            FROM export_cr WHERE in_scope AND rep_id IS NOT NULL
            """
        ).first {
            activeReps = row[0].int64 ?? 0
            comparisonActiveReps = row[1].int64 ?? 0
        }
        (newCustomerRevenue, newCustomers) = try Self.newCustomerRevenue(
            connection, revenue: "rev_p", lines: "lines_p",
            in: context.period)
        if let comparison = context.comparison {
            let (revenue, count) = try Self.newCustomerRevenue(
                connection, revenue: "rev_c", lines: "lines_c",
                in: comparison)
            (comparisonNewCustomerRevenue, comparisonNewCustomers) = (revenue, count)
        }
        if let prior = context.priorComparison {
            // The customers with a completed line in the scope in the period before the comparison period: one
            // grouped read of its date range, then each looked up among the comparison period's.
            let condition = context.scope.orderLineCondition(line: "o", parameter: 3)
            if let row = try connection.query(
                """
                SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM export_cust x
                                                                    WHERE x.customer_id = a.customer_id AND x.lines_c > 0))
                FROM (SELECT DISTINCT o.customer_id AS customer_id FROM order_line o INDEXED BY order_line_order_date
                      WHERE \(OrderLineRules.isPurchase()) AND o.order_date BETWEEN ?1 AND ?2 AND \(condition)) a
                """, SummaryContext.bounds(prior) + context.scope.arguments
            ).first {
                priorActiveCustomers = row[0].int64 ?? 0
                priorChurnedCustomers = row[1].int64 ?? 0
            }
        }
        try connection.forEachRow(
            """
            SELECT region_id, sum(rev_p), sum(rev_c) FROM export_cr WHERE in_scope GROUP BY region_id
            """
        ) { row in
            let id: Int64? = row.isNull(at: 0) ? nil : row.int64(at: 0)
            regionRevenue[id] = (row.int64(at: 1), row.int64(at: 2))
        }
        try connection.forEachRow(
            """
            SELECT rep_id, sum(rev_p), sum(lines_p), sum(rev_qa), sum(rev_qb) FROM export_cr
            WHERE rep_id IS NOT NULL GROUP BY rep_id
            """
        ) { row in
            repFigures[row.int64(at: 0)] = (row.int64(at: 1), row.int64(at: 2), row.int64(at: 3), row.int64(at: 4))
        }
        // The team section's quarters not strictly inside the period: the period itself, or a quarter outside it.
        for (index, (quarter, inside)) in quarters(context).enumerated() where !inside {
            var perRep: [Int64: Int64] = [:]
            if quarter == context.period {
                for (rep, figures) in repFigures { perRep[rep] = figures.revenue }
            } else {
                try connection.forEachRow(
                    """
                    SELECT rep_id, sum(\(OrderLineRules.revenue(nil))) FROM order_line
                    WHERE status <> 'cancelled' AND order_date BETWEEN ?1 AND ?2 AND rep_id IS NOT NULL
                    GROUP BY rep_id
                    """, SummaryContext.bounds(quarter)
                ) { perRep[$0.int64(at: 0)] = $0.int64(at: 1) }
            }
            for (rep, amount) in perRep {
                var figures = repFigures[rep] ?? (0, 0, 0, 0)
                if index == 1 { figures.awardQuarter = amount } else { figures.quarterBefore = amount }
                repFigures[rep] = figures
            }
        }
    }

    /// Revenue (column `revenue` of `export_cust`) from customers whose first order falls in `period`: no
    /// completed line before it anywhere in the store and no recorded first order before it, and a completed
    /// line in it (column `lines`) or a recorded first order in it. A customer whose only lines in the
    /// period are returns, with no order ever recorded, has no first order and is not new.
    ///
    /// When the store has no line at all before the period (the comparison year of a store whose history
    /// starts then), the per-customer search for an earlier line is skipped: it would find none, after
    /// reading every line of every customer (the customer index leads with the rep, not the date).
    private static func newCustomerRevenue(
        _ connection: Connection, revenue: String, lines: String,
        in period: ReportPeriod
    ) throws -> (revenue: Int64, customers: Int64) {
        let row = try connection.query(
            """
            SELECT coalesce(sum(x.\(revenue)), 0), count(*) FROM export_cust x JOIN customer c ON c.id = x.customer_id
            WHERE (x.\(lines) > 0 OR c.first_order_on BETWEEN ?1 AND ?2)
              AND (c.first_order_on IS NULL OR c.first_order_on >= ?1)
              AND (?1 <= (SELECT min(order_date) FROM order_line)
                   OR NOT EXISTS (SELECT 1 FROM order_line o
                                  WHERE o.customer_id = x.customer_id AND o.order_date < ?1 AND \(OrderLineRules.isPurchase())))
            """, SummaryContext.bounds(period)
        ).first
        return (row?[0].int64 ?? 0, row?[1].int64 ?? 0)
    }

    // MARK: - Sums over months

    /// Revenue of the months in `period` (covers the period, the comparison period, the one before it and the
    /// trend years).
    func revenue(in period: ReportPeriod) -> Int64 {
        period.months.reduce(0) { $0 + (monthRevenue[$1.text] ?? 0) }
    }
}

/// Revenue by month, channel and product line (scans 2 and 3 of ``SalesAggregates``): they read order lines
/// on their own, so they can run on a snapshot twin beside scan 1.
struct MonthlyRevenue {
    /// Revenue per month (`YYYY-MM`) of the period, the comparison period, the one before it and the trend years.
    var months: [String: Int64] = [:]
    /// Revenue per channel (`nil` for none): period and comparison period.
    var channels: [String?: (current: Int64, comparison: Int64)] = [:]
    /// Revenue per product line (`nil` for none): period and comparison period.
    var productLines: [String?: (current: Int64, comparison: Int64)] = [:]
    /// Revenue per product tier (`nil` for none): period and comparison period.
    var productTiers: [String?: (current: Int64, comparison: Int64)] = [:]

    init(_ context: SummaryContext, scan: LineScan) throws {
        switch scan {
        case .coveringIndexes:
            try groupByProductAndChannelAlongIndex(context)
            try groupByDay(context, skipping: [])
        case .dateRanges:
            try groupByProductAndChannel(context, context.period, slot: 0)
            if let comparison = context.comparison {
                try groupByProductAndChannel(context, comparison, slot: 1)
            }
            try groupByDay(context, skipping: [context.period, context.comparison].compactMap { $0 })
        }
    }

    // MARK: - Scan 2 along the covering index

    /// Revenue of both periods in the scope by product line and channel, in one pass along
    /// `order_line_product_channel`, which holds every column the scan and the scope need in group order.
    private mutating func groupByProductAndChannelAlongIndex(_ context: SummaryContext) throws {
        let inPeriod = "o.order_date BETWEEN ?1 AND ?2"
        let inComparison = "o.order_date BETWEEN ?3 AND ?4"
        let scopeCondition = context.scope.orderLineCondition(line: "o", parameter: 5)
        try context.connection.forEachRow(
            """
            SELECT nullif(trim(pr.product_line), ''), nullif(trim(d.channel), ''), nullif(trim(pr.tier), ''),
                   sum(d.current), sum(d.comparison)
            FROM (SELECT o.product_id AS product_id, o.channel AS channel,
                         coalesce(sum(\(OrderLineRules.revenue())) FILTER (WHERE \(inPeriod)), 0) AS current,
                         coalesce(sum(\(OrderLineRules.revenue())) FILTER (WHERE \(inComparison)), 0) AS comparison
                  FROM order_line o INDEXED BY order_line_product_channel
                  WHERE o.status <> 'cancelled' AND (\(inPeriod) OR \(inComparison)) AND \(scopeCondition)
                  GROUP BY o.product_id, o.channel) d
            LEFT JOIN product pr ON pr.id = d.product_id
            GROUP BY 1, 2, 3
            """,
            SummaryContext.bounds(context.period) + SummaryContext.bounds(context.comparison)
                + context.scope.arguments
        ) { row in
            for slot in 0...1 {
                Self.add(&productLines, row.text(at: 0), row.int64(at: 3 + slot), slot)
                Self.add(&channels, row.text(at: 1), row.int64(at: 3 + slot), slot)
                Self.add(&productTiers, row.text(at: 2), row.int64(at: 3 + slot), slot)
            }
        }
    }

    // MARK: - Scan 2 by date range: product, channel and month

    /// Revenue of `period` in the scope by product line, channel and month, into `slot` 0 (the period) or 1
    /// (the comparison period). A blank product line or channel counts as none.
    fileprivate mutating func groupByProductAndChannel(
        _ context: SummaryContext, _ period: ReportPeriod,
        slot: Int
    ) throws {
        let scopeCondition = context.scope.orderLineCondition(line: "o", parameter: 3)
        try context.connection.forEachRow(
            """
            SELECT nullif(trim(pr.product_line), ''), nullif(trim(d.channel), ''), nullif(trim(pr.tier), ''), d.month,
                   sum(d.amount)
            FROM (SELECT o.product_id AS product_id, o.channel AS channel, substr(o.order_date, 1, 7) AS month,
                         sum(\(OrderLineRules.revenue())) AS amount
                  FROM order_line o INDEXED BY order_line_order_date
                  WHERE o.status <> 'cancelled' AND o.order_date BETWEEN ?1 AND ?2 AND \(scopeCondition)
                  GROUP BY o.product_id, o.channel, month) d
            LEFT JOIN product pr ON pr.id = d.product_id
            GROUP BY 1, 2, 3, 4
            """, SummaryContext.bounds(period) + context.scope.arguments
        ) { row in
            let amount = row.int64(at: 4)
            Self.add(&productLines, row.text(at: 0), amount, slot)
            Self.add(&channels, row.text(at: 1), amount, slot)
            Self.add(&productTiers, row.text(at: 2), amount, slot)
            months[row.text(at: 3) ?? "", default: 0] += amount
        }
    }

    /// Adds `amount` to `key`'s period (`slot` 0) or comparison (`slot` 1) revenue.
    private static func add(
        _ table: inout [String?: (current: Int64, comparison: Int64)], _ key: String?,
        _ amount: Int64, _ slot: Int
    ) {
        var entry = table[key] ?? (0, 0)
        if slot == 0 { entry.current += amount } else { entry.comparison += amount }
        table[key] = entry
    }

    // MARK: - Scan 3: the rest of the trend, by day

    /// Revenue per month over the months of the two periods, the one before the comparison period, the trend
    /// years and the seasonality year,
    /// except those of `skipping` (which scan 2 covered), grouped by day along the `order_date` index (no
    /// sort) and summed into months here.
    fileprivate mutating func groupByDay(_ context: SummaryContext, skipping: [ReportPeriod]) throws {
        var trendPeriods = [context.period.calendarYear, context.seasonalityYear]
        if let year = context.trendComparisonYear { trendPeriods.append(year) }
        let trendRanges = trendPeriods.map { DayRange($0.startDate, min($0.endDate, context.period.endDate)) }
            .filter { $0.start <= $0.end }
        // The period before the comparison period too: the comparison period's own growth (the headline's).
        let periods = [context.period, context.comparison, context.priorComparison].compactMap { $0 }
            .map(DayRange.init)
        let ranges = DayRange.subtracting(skipping.map(DayRange.init), from: trendRanges + periods)
        let scopeCondition = context.scope.orderLineCondition(line: "o", parameter: 3)
        let statement = try context.connection.prepare(
            """
            SELECT o.order_date, sum(\(OrderLineRules.revenue())) FROM order_line o INDEXED BY order_line_order_date
            WHERE o.status <> 'cancelled' AND o.order_date BETWEEN ?1 AND ?2 AND \(scopeCondition)
            GROUP BY o.order_date
            """)
        // One range per run: an OR of ranges would lose the index's order and sort instead.
        for range in ranges {
            statement.reset()
            try statement.bind([.text(range.start), .text(range.end)] + context.scope.arguments)
            try statement.forEachRow { row in
                months[String((row.text(at: 0) ?? "").prefix(7)), default: 0] += row.int64(at: 1)
            }
        }
    }
}

/// How scans 1 and 2 of ``SalesAggregates`` read order lines. Both ways give the same figures.
enum LineScan: Hashable, Sendable {
    /// Each covering index whole, in group order (`order_line_customer_rep`, `order_line_product_channel`):
    /// no sort and no table lookups, but the lines of every year are read.
    case coveringIndexes
    /// Each period's date range along the `order_date` index, then a sort: only the periods' lines are read.
    case dateRanges

    /// The cheaper way for `context`, unless its options name one. A covering scan reads every line but
    /// those outside the periods cheaply; a date-range scan reads only the periods' lines but sorts them, at
    /// a higher cost a line: the covering scan pays once the periods hold a quarter of the store's lines
    /// (the ratio measured with `make bench`). That share is estimated by the periods' share of the days from the
    /// first line to the last (two index lookups; counting the lines would cost a scan of the date index).
    static func choose(_ context: SummaryContext) throws -> LineScan {
        if let chosen = context.options.lineScan { return chosen }
        let connection = context.connection
        guard let first = try connection.scalar("SELECT min(order_date) FROM order_line")?.text,
            let last = try connection.scalar("SELECT max(order_date) FROM order_line")?.text,
            let firstDay = CivilDate(stored: first)?.daysSinceUnixEpoch,
            let lastDay = CivilDate(stored: last)?.daysSinceUnixEpoch
        else {
            return .coveringIndexes  // no lines: either way reads nothing
        }
        let daysInPeriods = [context.period, context.comparison].compactMap { $0 }.reduce(0) { days, period in
            guard let start = CivilDate(stored: period.startDate)?.daysSinceUnixEpoch,
                let end = CivilDate(stored: period.endDate)?.daysSinceUnixEpoch
            else { return days }
            return days + max(0, min(end, lastDay) - max(start, firstDay) + 1)
        }
        return daysInPeriods * 4 >= lastDay - firstDay + 1 ? .coveringIndexes : .dateRanges
    }
}
