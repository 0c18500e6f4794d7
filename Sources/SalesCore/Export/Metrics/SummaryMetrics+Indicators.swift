// Section 3 (key indicators): opportunities and receivables.

/// Opportunity counts of the scope (order-line rule: the customer's region, else the rep's; the rep's team).
struct OpportunityFigures {
    /// The counts of one period.
    struct Counts {
        /// Opportunities created in the period.
        var created: Int64 = 0
        /// Of those, the ones won by the period's end.
        var createdWon: Int64 = 0
        /// Opportunities won with a closing date in the period.
        var won: Int64 = 0
        /// Opportunities lost with a closing date in the period.
        var lost: Int64 = 0
        /// Sum of (closed_on − created_on) in days over the won ones.
        var cycleDays: Int64 = 0
    }

    /// Whether the store holds any opportunity at all.
    var imported = false
    var current = Counts()
    var comparison: Counts?
    /// Per rep id: opportunities created in the period and how many of them were won by its end.
    var byRep: [Int64: (created: Int64, won: Int64)] = [:]

    init(_ context: SummaryContext) throws {
        let connection = context.connection
        imported = try connection.scalar("SELECT EXISTS (SELECT 1 FROM opportunity)")?.int64 == 1
        guard imported else { return }
        current = try Self.counts(context, context.period)
        comparison = try context.comparison.map { try Self.counts(context, $0) }
        try connection.forEachRow(
            """
            SELECT rep_id, count(*),
                   count(*) FILTER (WHERE stage = 'won' AND (closed_on IS NULL OR closed_on <= ?2))
            FROM opportunity WHERE created_on BETWEEN ?1 AND ?2 AND rep_id IS NOT NULL GROUP BY rep_id
            """, SummaryContext.bounds(context.period)
        ) { row in
            byRep[row.int64(at: 0)] = (row.int64(at: 1), row.int64(at: 2))
        }
    }

    private static func counts(_ context: SummaryContext, _ period: ReportPeriod) throws -> Counts {
        let condition = context.scope.customerRepCondition(customer: "c", rep: "r", parameter: 3)
        // The company's condition reads neither join: without them SQLite does not look up each opportunity's
        // customer and rep (it does not drop unused outer joins itself).
        let from: String
        if case .company = context.scope.scope {
            from = "FROM opportunity op"
        } else {
            from = """
                FROM opportunity op
                LEFT JOIN customer c ON c.id = op.customer_id
                LEFT JOIN person r ON r.id = op.rep_id
                """
        }
        guard
            let row = try context.connection.query(
                """
                SELECT count(*) FILTER (WHERE op.created_on BETWEEN ?1 AND ?2),
                       count(*) FILTER (WHERE op.created_on BETWEEN ?1 AND ?2 AND op.stage = 'won'
                                        AND (op.closed_on IS NULL OR op.closed_on <= ?2)),
                       count(*) FILTER (WHERE op.stage = 'won' AND op.closed_on BETWEEN ?1 AND ?2),
                       count(*) FILTER (WHERE op.stage = 'lost' AND op.closed_on BETWEEN ?1 AND ?2),
                       coalesce(sum(CAST(julianday(op.closed_on) - julianday(op.created_on) AS INTEGER))
                                FILTER (WHERE op.stage = 'won' AND op.closed_on BETWEEN ?1 AND ?2), 0)
                \(from)
                WHERE \(condition)
                """, SummaryContext.bounds(period) + context.scope.arguments
            ).first
        else { return Counts() }
        return Counts(
            created: row[0].int64 ?? 0, createdWon: row[1].int64 ?? 0, won: row[2].int64 ?? 0,
            lost: row[3].int64 ?? 0, cycleDays: row[4].int64 ?? 0)
    }

    /// Won ÷ created in `period`.
    func conversion(_ counts: Counts, _ period: ReportPeriod, _ context: SummaryContext) -> MetricValue {
        guard imported else { return .missing(.noOpportunitiesImported) }
        return .fraction(
            counts.createdWon, counts.created,
            orMissing: context.scoped(.noOpportunitiesCreated(in: period)))
    }

    /// Won ÷ (won + lost) closed in `period`.
    func winRate(_ counts: Counts, _ period: ReportPeriod, _ context: SummaryContext) -> MetricValue {
        guard imported else { return .missing(.noOpportunitiesImported) }
        return .fraction(
            counts.won, counts.won + counts.lost,
            orMissing: context.scoped(.noOpportunitiesClosed(in: period)))
    }

    /// Mean days from creation to winning, over the opportunities won in `period`.
    func salesCycle(_ counts: Counts, _ period: ReportPeriod, _ context: SummaryContext) -> MetricValue {
        guard imported else { return .missing(.noOpportunitiesImported) }
        return .fraction(
            counts.cycleDays, counts.won,
            orMissing: context.scoped(.noOpportunitiesWon(in: period)))
    }
}

/// Receivables of the scope (customer rule: the customer's region, else its owner's; the owner's team).
struct ReceivableFigures {
    /// The totals of one period.
    struct Totals {
        /// Invoiced in the period.
        var creditSales: Int64 = 0
        /// Unpaid at the period's end, over invoices dated by then.
        var outstanding: Int64 = 0
        /// Unpaid at the period's end, over invoices due before it.
        var overdue: Int64 = 0
        var overdueCount: Int64 = 0
    }

    /// Whether the store holds any receivable at all.
    var imported = false
    var current = Totals()
    var comparison: Totals?
    var creditSales: Int64 { current.creditSales }
    var outstanding: Int64 { current.outstanding }
    var overdue: Int64 { current.overdue }
    var overdueCount: Int64 { current.overdueCount }
    var overdueList: [OverdueInvoice] = []

    /// What of an invoice was unpaid at the period's end (`end`, a parameter): payments dated after it count as
    /// unpaid then.
    static func unpaid(atEnd end: String) -> String {
        "max(rc.amount_cents - CASE WHEN rc.paid_on IS NULL OR rc.paid_on <= \(end) THEN rc.paid_amount_cents ELSE 0 END, 0)"
    }
    /// ``unpaid(atEnd:)`` at `?2`.
    static let unpaidAtEnd = unpaid(atEnd: "?2")

    init(_ context: SummaryContext) throws {
        let connection = context.connection
        imported = try connection.scalar("SELECT EXISTS (SELECT 1 FROM receivable)")?.int64 == 1
        guard imported else { return }
        let condition = context.scope.customerCondition(customer: "c", owner: "ow", parameter: 3)
        // The company takes every invoice: without the joins its condition needs, SQLite does not look up
        // each invoice's customer and owner (it does not drop unused outer joins itself).
        let from: String
        if case .company = context.scope.scope {
            from = "FROM receivable rc"
        } else {
            from = """
                FROM receivable rc
                LEFT JOIN customer c ON c.id = rc.customer_id
                LEFT JOIN person ow ON ow.id = c.owner_id
                """
        }
        let arguments = SummaryContext.bounds(context.period) + context.scope.arguments
        (current, comparison) = try Self.totals(context, from: from)
        // Most days overdue first is earliest due date first, which the `due_on` index reads in order, so
        // only the listed invoices are looked up and sorted.
        try connection.forEachRow(
            """
            SELECT o.invoice_no, oc.code, oc.name, o.due_on, o.unpaid,
                   CAST(julianday(?2) - julianday(o.due_on) AS INTEGER)
            FROM (SELECT rc.invoice_no, rc.customer_id, rc.due_on, \(Self.unpaidAtEnd) AS unpaid
                  \(from)
                  WHERE rc.invoiced_on <= ?2 AND rc.due_on < ?2 AND \(Self.unpaidAtEnd) > 0 AND \(condition)
                  ORDER BY rc.due_on, rc.invoice_no
                  LIMIT \(max(0, context.options.listLimit))) o
            LEFT JOIN customer oc ON oc.id = o.customer_id
            ORDER BY o.due_on, o.invoice_no
            """, arguments
        ) { row in
            overdueList.append(
                OverdueInvoice(
                    invoiceNo: row.text(at: 0) ?? "", customerCode: row.text(at: 1), customerName: row.text(at: 2),
                    dueOn: row.text(at: 3) ?? "", outstandingCents: row.int64(at: 4), daysOverdue: row.int(at: 5)))
        }
    }

    /// The totals of the period and of the comparison period (`nil` without one), over the invoices `from`
    /// reads (in the scope), in one pass over them.
    private static func totals(_ context: SummaryContext, from: String) throws -> (Totals, Totals?) {
        let condition = context.scope.customerCondition(customer: "c", owner: "ow", parameter: 5)
        // The columns of the period whose bounds are parameters `start` and `start + 1`.
        func columns(_ start: Int) -> String {
            let (from, end) = ("?\(start)", "?\(start + 1)")
            let unpaid = unpaid(atEnd: end)
            return """
                coalesce(sum(rc.amount_cents) FILTER (WHERE rc.invoiced_on BETWEEN \(from) AND \(end)), 0),
                       coalesce(sum(\(unpaid)) FILTER (WHERE rc.invoiced_on <= \(end)), 0),
                       coalesce(sum(\(unpaid)) FILTER (WHERE rc.invoiced_on <= \(end) AND rc.due_on < \(end)), 0),
                       count(*) FILTER (WHERE rc.invoiced_on <= \(end) AND rc.due_on < \(end) AND \(unpaid) > 0)
                """
        }
        // Without a comparison period its columns sum over bounds no date falls in, and are not read.
        guard
            let row = try context.connection.query(
                """
                SELECT \(columns(1)),
                       \(columns(3))
                \(from)
                WHERE \(condition)
                """,
                SummaryContext.bounds(context.period) + SummaryContext.bounds(context.comparison)
                    + context.scope.arguments
            ).first
        else { return (Totals(), context.comparison.map { _ in Totals() }) }
        func totals(_ at: Int) -> Totals {
            Totals(
                creditSales: row[at].int64 ?? 0, outstanding: row[at + 1].int64 ?? 0,
                overdue: row[at + 2].int64 ?? 0, overdueCount: row[at + 3].int64 ?? 0)
        }
        return (totals(0), context.comparison.map { _ in totals(4) })
    }

    /// Days to collect per customer owner: (sum of days, invoices) over invoices fully paid in the period.
    static func daysToCollectByOwner(_ context: SummaryContext) throws -> [Int64: (days: Int64, invoices: Int64)] {
        var result: [Int64: (days: Int64, invoices: Int64)] = [:]
        try context.connection.forEachRow(
            """
            SELECT c.owner_id, sum(CAST(julianday(rc.paid_on) - julianday(rc.invoiced_on) AS INTEGER)), count(*)
            FROM receivable rc JOIN customer c ON c.id = rc.customer_id
            WHERE rc.paid_on BETWEEN ?1 AND ?2 AND rc.paid_amount_cents >= rc.amount_cents AND c.owner_id IS NOT NULL
            GROUP BY c.owner_id
            """, SummaryContext.bounds(context.period)
        ) { row in
            result[row.int64(at: 0)] = (row.int64(at: 1), row.int64(at: 2))
        }
        return result
    }
}

extension SummaryMetrics {
    // MARK: - 3. Key indicators

    static func keyIndicators(
        _ context: SummaryContext, _ sales: SalesAggregates,
        _ opportunities: OpportunityFigures, _ receivables: ReceivableFigures
    ) throws -> KeyIndicators {
        let period = context.period
        let noReceivables = MissingReason.noReceivablesImported
        func dso(_ totals: ReceivableFigures.Totals, _ period: ReportPeriod) -> MetricValue {
            if !receivables.imported { return .missing(noReceivables) }
            guard let scaled = Figure.product(totals.outstanding, Int64(period.dayCount)) else {
                return .missing(.tooLarge)
            }
            return .fraction(scaled, totals.creditSales, orMissing: context.scoped(.noInvoices(in: period)))
        }
        let comparisonTotals = bothPresent(receivables.comparison, context.comparison)
        let counts = opportunities.current
        let comparisonCounts = bothPresent(opportunities.comparison, context.comparison)
        let overdue = { (totals: ReceivableFigures.Totals) -> MetricValue in
            receivables.imported ? .cents(totals.overdue) : .missing(noReceivables)
        }
        let overdueCount = { (totals: ReceivableFigures.Totals) -> MetricValue in
            receivables.imported ? .count(totals.overdueCount) : .missing(noReceivables)
        }
        let comparison = context.comparison
        return KeyIndicators(
            perRepOutput: MetricResult(
                .perRepOutput,
                .fraction(
                    sales.revenue, sales.activeReps, orMissing: context.scoped(.noActiveRep(in: period))),
                comparison: bothPresent(comparison, sales.comparisonRevenue).map {
                    .fraction($0.1, sales.comparisonActiveReps, orMissing: context.scoped(.noActiveRep(in: $0.0)))
                }),
            activeReps: MetricResult(
                .activeReps, .count(sales.activeReps),
                comparison: comparison.map { _ in .count(sales.comparisonActiveReps) }),
            salesCycleDays: MetricResult(
                .salesCycleDays, opportunities.salesCycle(counts, period, context),
                comparison: comparisonCounts.map {
                    opportunities.salesCycle($0.0, $0.1, context)
                }),
            leadConversion: MetricResult(
                .leadConversion, opportunities.conversion(counts, period, context),
                comparison: comparisonCounts.map {
                    opportunities.conversion($0.0, $0.1, context)
                }),
            winRate: MetricResult(
                .winRate, opportunities.winRate(counts, period, context),
                comparison: comparisonCounts.map { opportunities.winRate($0.0, $0.1, context) }),
            averageOrderValue: MetricResult(
                .averageOrderValue,
                .fraction(
                    sales.revenue, sales.orders, orMissing: context.scoped(.noOrders(in: period))),
                comparison: bothPresent(comparison, sales.comparisonRevenue).map {
                    .fraction($0.1, sales.comparisonOrders, orMissing: context.scoped(.noOrders(in: $0.0)))
                }),
            orders: MetricResult(
                .orders, .count(sales.orders), comparison: comparison.map { _ in .count(sales.comparisonOrders) }),
            dsoDays: MetricResult(
                .dsoDays, dso(receivables.current, period), comparison: comparisonTotals.map { dso($0.0, $0.1) }),
            overdueReceivables: MetricResult(
                .overdueReceivables, overdue(receivables.current),
                comparison: comparisonTotals.map { overdue($0.0) }),
            overdueInvoices: MetricResult(
                .overdueInvoices, overdueCount(receivables.current),
                comparison: comparisonTotals.map { overdueCount($0.0) }),
            overdueList: receivables.overdueList)
    }
}
