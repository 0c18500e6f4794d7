// Section 6 (expenses and budget).

extension SummaryMetrics {
    /// Claims that count as spent: approved or paid, as the approval's budget check counts them.
    static let spentStatuses = "('approved', 'paid')"

    static func expensesAndBudget(_ context: SummaryContext) throws -> ExpensesAndBudget {
        let connection = context.connection
        let period = context.period
        let scope = context.scope.scope
        try refuseAmountsBeyondCeiling(context)
        let lines = try budgetLines(context)
        let own = lines.filter { $0.scope == scope.targetScope && $0.scopeKey == scope.scopeKey }
        let ownBudget = try total(own, \.budgetCents, "budgets")
        let ownSpent = try total(own, \.spentCents, "spending against the budgets")
        let noBudget = MissingReason.noBudgets(for: scope, in: period)

        var categories: [CategoryBudget] = []
        for category in Codes.expenseCategory {
            let rows = own.filter { $0.category == category }
            guard !rows.isEmpty else { continue }
            let budget = try total(rows, \.budgetCents, "\(category) budgets")
            let spent = try total(rows, \.spentCents, "\(category) spending against the budgets")
            categories.append(
                CategoryBudget(
                    category: category, budget: MetricResult(.budget, .cents(budget)),
                    spent: MetricResult(.spend, .cents(spent)),
                    execution: MetricResult(.budgetExecution, .fraction(spent, budget, orMissing: .budgetIsZero))))
        }

        let expenseCondition = context.scope.expenseCondition(expense: "e", submitter: "s", parameter: 3)
        let spend =
            try connection.scalar(
                """
                SELECT coalesce(sum(e.amount_cents), 0) FROM expense e LEFT JOIN person s ON s.id = e.submitted_by_id
                WHERE e.status IN \(spentStatuses) AND e.spent_on BETWEEN ?1 AND ?2 AND \(expenseCondition)
                """, SummaryContext.bounds(period) + context.scope.arguments)?.int64 ?? 0
        let (roiByCategory, roiByCampaign) = try expenseReturns(context)
        let (pending, pendingAmount, source) = try pendingClaims(context)

        return ExpensesAndBudget(
            budget: MetricResult(.budget, own.isEmpty ? .missing(noBudget) : .cents(ownBudget)),
            spend: MetricResult(.spend, .cents(spend)),
            budgetExecution: MetricResult(
                .budgetExecution,
                own.isEmpty
                    ? .missing(noBudget) : .fraction(ownSpent, ownBudget, orMissing: .budgetIsZero)),
            byCategory: categories,
            budgetLines: lines,
            roiByCategory: roiByCategory,
            roiByCampaign: roiByCampaign,
            pendingClaims: MetricResult(.pendingClaims, .count(pending)),
            pendingClaimsAmount: MetricResult(.pendingClaimsAmount, .cents(pendingAmount)),
            pendingSource: source, approvalLeadTime: try approvalLeadTime(context))
    }

    /// Refuses the section when an expense spent in the period holds an amount above the ceiling of one claim
    /// (``ClaimBounds/storedAmountProblem(_:row:number:)``): every expense figure below adds up expenses of
    /// the period, and SQLite's `sum()` would fail on them (or give a meaningless total). The first such row,
    /// by id, is named.
    private static func refuseAmountsBeyondCeiling(_ context: SummaryContext) throws {
        let row = try context.connection.query(
            """
            SELECT id, expense_no, amount_cents FROM expense
            WHERE spent_on BETWEEN ?1 AND ?2 AND amount_cents > ?3 AND kind = 'expense' ORDER BY id LIMIT 1
            """, SummaryContext.bounds(context.period) + [.integer(ClaimBounds.maximumClaimCents)]
        ).first
        guard let row,
            let problem = ClaimBounds.storedAmountProblem(
                row[2].int64 ?? 0, row: row[0].int64 ?? 0, number: row[1].text ?? "")
        else { return }
        throw MetricsError.storedAmount(problem)
    }

    /// The sum of `lines`' `amount`, checked: budgets are not bounded like claims, and budget rows that add
    /// up past 64 bits are refused, naming the largest, rather than trap or wrap.
    private static func total(
        _ lines: [BudgetLine], _ amount: KeyPath<BudgetLine, Int64>, _ what: String
    ) throws
        -> Int64
    {
        if let sum = ClaimBounds.checkedSum(lines.map { $0[keyPath: amount] }) { return sum }
        let largest = lines.max { $0[keyPath: amount] < $1[keyPath: amount] }
        let name = largest.map { "budget \($0.scope) \($0.scopeKey) \($0.category) \($0.period)" } ?? "a budget"
        throw MetricsError.storedAmount(
            "the \(what) add up to more than \(ImportValue.moneyText(cents: Int64.max)), the most a total can hold "
                + "(the largest, \(name), is \(largest.map { $0[keyPath: amount] } ?? 0) cents); "
                + "correct the budget rows")
    }

    /// The budget rows inside the period (all rows for the company, the scope's own rows otherwise), each with
    /// the approved and paid claims of its scope, category and period, as `sales-approve` counts them.
    ///
    /// Each row's claims are found along `expense_category` (its category and days): left to itself SQLite
    /// reads every claim of the period along `expense_kind` for each row, over twice the work.
    private static func budgetLines(_ context: SummaryContext) throws -> [BudgetLine] {
        let scope = context.scope.scope
        let filter = scope.isCompanyScope ? "" : "AND b.scope = ?3 AND b.scope_key = ?4"
        let arguments =
            SummaryContext.bounds(context.period)
            + (scope.isCompanyScope ? [] : [.text(scope.targetScope), .text(scope.scopeKey)])
        var lines: [BudgetLine] = []
        try context.connection.forEachRow(
            """
            SELECT b.scope, b.scope_key, b.category, b.period, b.control, b.amount_cents,
                   (SELECT coalesce(sum(e.amount_cents), 0) FROM expense e INDEXED BY expense_category
                    LEFT JOIN person s ON s.id = e.submitted_by_id
                    LEFT JOIN region er ON er.id = e.region_id
                    LEFT JOIN region sr ON sr.id = s.region_id
                    WHERE e.category = b.category AND e.spent_on BETWEEN b.starts_on AND b.ends_on
                      AND e.status IN \(spentStatuses) AND e.kind = 'expense'
                      AND (b.scope = 'company'
                           OR (b.scope = 'region' AND coalesce(er.name, sr.name) = b.scope_key)
                           OR (b.scope = 'team' AND s.team = b.scope_key)
                           OR (b.scope = 'rep' AND (s.login = b.scope_key OR s.name = b.scope_key))))
                   AS spent_cents
            FROM budget b
            WHERE b.starts_on >= ?1 AND b.ends_on <= ?2 \(filter)
            ORDER BY CASE b.scope WHEN 'company' THEN 1 WHEN 'region' THEN 2 WHEN 'team' THEN 3 ELSE 4 END,
                     b.scope_key, b.category, b.starts_on, b.ends_on DESC
            """, arguments
        ) { row in
            let budget = try row.int64("amount_cents")
            let spent = try row.int64("spent_cents")
            lines.append(
                try BudgetLine(
                    scope: row.text("scope") ?? "", scopeKey: row.text("scope_key") ?? "",
                    category: row.text("category") ?? "", period: row.text("period") ?? "",
                    control: row.text("control") ?? "", budgetCents: budget, spentCents: spent,
                    execution: MetricResult(.budgetExecution, .fraction(spent, budget, orMissing: .budgetIsZero)),
                    isOverrun: spent > budget))
        }
        return lines
    }

    /// Days after a claim's spend date (the day itself included) whose revenue may be attributed to it.
    static let attributionWindowDays = 90

    /// Expense ROI by category and by campaign.
    ///
    /// Each claim (approved or paid, spent in the period, in the scope) reaches the customer it names and, when
    /// it names a campaign, the customers of the opportunities whose source is that campaign. A group's
    /// attributed revenue is the revenue (in the scope) of the order lines of the customers its claims reach,
    /// dated within ``attributionWindowDays`` of the reaching claim's spend date, each line counted once. Claims
    /// that reach no customer cannot be attributed: their spend is shown apart and left out of the ROI, which
    /// is missing, with the reason, when no claim of the group reaches anyone.
    private static func expenseReturns(_ context: SummaryContext) throws -> ([ExpenseReturn], [ExpenseReturn]) {
        let connection = context.connection
        let condition = context.scope.expenseCondition(expense: "e", submitter: "s", parameter: 3)
        try connection.execute(
            """
            CREATE TEMP TABLE export_served AS
            SELECT e.id AS claim, e.category AS category, nullif(trim(e.campaign), '') AS campaign,
                   e.amount_cents AS amount, e.customer_id AS customer_id, e.spent_on AS from_day,
                   date(e.spent_on, '+\(attributionWindowDays - 1) days') AS to_day
            FROM expense e LEFT JOIN person s ON s.id = e.submitted_by_id
            WHERE e.status IN \(spentStatuses) AND e.spent_on BETWEEN ?1 AND ?2 AND \(condition)
            """, SummaryContext.bounds(context.period) + context.scope.arguments)
        try connection.execute(
            """
            CREATE TEMP TABLE export_campaign_reach AS
            SELECT DISTINCT nullif(trim(op.source), '') AS campaign, op.customer_id AS customer_id FROM opportunity op
            WHERE nullif(trim(op.source), '') IN (SELECT campaign FROM export_served) AND op.customer_id IS NOT NULL;
            CREATE INDEX temp.export_campaign_reach_campaign ON export_campaign_reach (campaign);
            CREATE TEMP TABLE export_reach AS
            SELECT DISTINCT claim, customer_id FROM (
                SELECT claim, customer_id FROM export_served WHERE customer_id IS NOT NULL
                UNION ALL
                SELECT s.claim, r.customer_id FROM export_served s JOIN export_campaign_reach r ON r.campaign = s.campaign);
            CREATE INDEX temp.export_reach_claim ON export_reach (claim, customer_id);
            """)
        let lineCondition = context.scope.orderLineCondition(line: "o", parameter: 1)
        func returns(by column: String) throws -> [ExpenseReturn] {
            var result: [ExpenseReturn] = []
            try connection.forEachRow(
                """
                SELECT k.name, k.spend, k.reached, coalesce(a.revenue, 0)
                FROM (SELECT s.\(column) AS name, sum(s.amount) AS spend,
                             coalesce(sum(s.amount) FILTER (WHERE EXISTS (SELECT 1 FROM export_reach r
                                                                           WHERE r.claim = s.claim)), 0) AS reached
                      FROM export_served s WHERE s.\(column) IS NOT NULL GROUP BY s.\(column)) k
                LEFT JOIN (SELECT name, sum(revenue) AS revenue
                           FROM (SELECT DISTINCT s.\(column) AS name, o.rowid AS line,
                                        \(OrderLineRules.revenue()) AS revenue
                                 FROM export_served s
                                 JOIN export_reach r ON r.claim = s.claim
                                 JOIN order_line o INDEXED BY order_line_customer_rep ON o.customer_id = r.customer_id
                                 WHERE s.\(column) IS NOT NULL AND o.status <> 'cancelled'
                                   AND o.order_date BETWEEN s.from_day AND s.to_day AND \(lineCondition))
                           GROUP BY name) a ON a.name = k.name
                ORDER BY k.spend DESC, k.name
                """, context.scope.arguments
            ) { row in
                let spend = row.int64(at: 1)
                let reached = row.int64(at: 2)
                let attributed = row.int64(at: 3)
                let roi: MetricValue
                if reached == 0 {
                    roi = .missing(.noReach(campaigns: column == "campaign"))
                } else if let gain = Figure.difference(attributed, reached) {
                    roi = .fraction(gain, reached, orMissing: .nothingSpent)
                } else {
                    roi = .missing(.tooLarge)
                }
                result.append(
                    ExpenseReturn(
                        name: row.text(at: 0) ?? "", spend: MetricResult(.spend, .cents(spend)),
                        unattributedSpend: MetricResult(.unattributedSpend, .cents(spend - reached)),
                        attributedRevenue: MetricResult(
                            .attributedRevenue, reached == 0 ? roi : .cents(attributed)),
                        roi: MetricResult(.expenseROI, roi)))
            }
            return result
        }
        return (try returns(by: "category"), try returns(by: "campaign"))
    }

    /// Claims spent in the period (in the scope) that still await approval, and where that was read.
    private static func pendingClaims(_ context: SummaryContext) throws -> (Int64, Int64, PendingClaimsSource) {
        let connection = context.connection
        let routed = try connection.scalar("SELECT EXISTS (SELECT 1 FROM approval_claim)")?.int64 == 1
        let condition = context.scope.expenseCondition(expense: "e", submitter: "s", parameter: 3)
        let waiting =
            routed
            ? "(ac.state IN ('pending', 'unroutable') OR (ac.expense_id IS NULL AND e.status = 'submitted'))"
            : "e.status = 'submitted'"
        let row = try connection.query(
            """
            SELECT count(*), coalesce(sum(e.amount_cents), 0) FROM expense e
            LEFT JOIN approval_claim ac ON ac.expense_id = e.id
            LEFT JOIN person s ON s.id = e.submitted_by_id
            WHERE e.spent_on BETWEEN ?1 AND ?2 AND \(waiting) AND \(condition)
            """, SummaryContext.bounds(context.period) + context.scope.arguments
        ).first
        return (row?[0].int64 ?? 0, row?[1].int64 ?? 0, routed ? .approvalTables : .expenseStatus)
    }
}

extension ReportScope {
    /// Whether this is the company scope.
    var isCompanyScope: Bool { self == .company }
}
