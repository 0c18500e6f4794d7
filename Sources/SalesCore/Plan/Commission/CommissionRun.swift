/// `sales-plan commission`: every rep's statement for a period under a plan, each amount traceable to the
/// order lines it comes from.
///
/// For each person credited with order lines dated in the period:
/// - revenue and completion as the summary counts them (the rep's `sales_target` for the period);
/// - the rate of the band the completion reaches (the whole period's revenue earns that rate: an
///   accelerator above 100% applies to every line), or the plan's no-target rate;
/// - per line: a completed line earns amount × rate × its product line's and tier's multipliers, rounded
///   half away from zero to the cent; a return reversal line (returned, negative amount, its own order
///   number such as `SO-1001-R`) takes back the same when the sale it reverses — the latest completed line
///   of the same customer and product on or before it — is at most `clawback.days` before it, and nothing
///   (listed, with the reason) otherwise; a line marked returned with a positive amount is a sale that was
///   undone and earns 0 in its own period;
/// - the cap limits the sum of the lines' commission; the new-customer bonus is added after it, for each
///   customer whose first completed order in the store falls in the period, to the rep credited on it.
public struct CommissionRun: Codable, Sendable {
    public struct Line: Codable, Sendable, Equatable {
        public var lineID: Int64
        public var orderNo: String
        public var date: String
        public var customer: String
        public var product: String
        public var productLine: String
        public var tier: String
        /// `completed`, `returned`.
        public var status: String
        public var amountCents: Int64
        public var ratePPM: Int64
        public var multiplierPPM: Int64
        public var commissionCents: Int64
        /// Why the line earns what it does, when not plain: `clawback`, `return_outside_window`,
        /// `returned_sale`, `no_original_sale`.
        public var note: String?
    }

    public struct Statement: Codable, Sendable {
        public var login: String
        public var name: String
        public var team: String
        public var revenueCents: Int64
        /// nil when the rep has no target for the period.
        public var targetCents: Int64?
        /// revenue ÷ target, nil without a target.
        public var completion: Double?
        public var bandFromBasisPoints: Int64?
        public var ratePPM: Int64
        public var lines: [Line]
        public var linesCents: Int64
        /// How much the cap took off (0 when under it).
        public var cappedCents: Int64
        public var newCustomers: [String]
        public var bonusCents: Int64
        public var totalCents: Int64
    }

    public struct TeamTotal: Codable, Sendable, Equatable {
        public var team: String
        public var reps: Int
        public var revenueCents: Int64
        public var totalCents: Int64
    }

    public var period: String
    public var planName: String
    public var planVersion: String
    public var planSHA256: String
    public var statements: [Statement]
    public var teams: [TeamTotal]
    public var totalCents: Int64

    public static func build(_ store: Store, period: ReportPeriod, plan: CommissionPlan) throws -> CommissionRun {
        try PlanError.guardingSums(store) { try build(reading: store, period: period, plan: plan) }
    }

    static func build(reading store: Store, period: ReportPeriod, plan: CommissionPlan) throws -> CommissionRun {
        try store.read { connection in
            struct Raw {
                var id: Int64
                var orderNo: String
                var date: String
                var status: String
                var amount: Int64
                var login: String
                var name: String
                var team: String
                var customer: String
                var product: String
                var line: String
                var tier: String
                var originalDate: String?
            }
            var raws: [Raw] = []
            try connection.forEachRow(
                """
                SELECT o.id, o.order_no, o.order_date, o.status, o.amount_cents, p.login, p.name, coalesce(p.team, ''),
                       coalesce(c.code || ' ' || c.name, c.name), coalesce(pr.sku || ' ' || pr.name, pr.name, ''),
                       coalesce(pr.product_line, ''), coalesce(pr.tier, ''),
                       CASE WHEN o.status = 'returned' AND o.amount_cents < 0 THEN
                         (SELECT max(s.order_date) FROM order_line s WHERE s.customer_id = o.customer_id
                            AND s.product_id IS o.product_id AND s.status = 'completed'
                            AND s.order_date <= o.order_date) END
                FROM order_line o JOIN person p ON p.id = o.rep_id JOIN customer c ON c.id = o.customer_id
                LEFT JOIN product pr ON pr.id = o.product_id
                WHERE o.status IN ('completed', 'returned') AND o.order_date BETWEEN ? AND ?
                ORDER BY p.login, o.order_date, o.order_no, o.id
                """, [.text(period.startDate), .text(period.endDate)]
            ) { row in
                raws.append(
                    Raw(
                        id: row.int64(at: 0), orderNo: row.text(at: 1) ?? "", date: row.text(at: 2) ?? "",
                        status: row.text(at: 3) ?? "", amount: row.int64(at: 4), login: row.text(at: 5) ?? "",
                        name: row.text(at: 6) ?? "", team: row.text(at: 7) ?? "", customer: row.text(at: 8) ?? "",
                        product: row.text(at: 9) ?? "", line: row.text(at: 10) ?? "", tier: row.text(at: 11) ?? "",
                        originalDate: row.text(at: 12)))
            }
            // New customers: first completed order in the store inside the period, credited to that line's rep.
            var newCustomers: [String: [String]] = [:]
            try connection.forEachRow(
                """
                SELECT p.login, coalesce(c.code || ' ' || c.name, c.name) FROM customer c
                JOIN order_line o ON o.id = (SELECT f.id FROM order_line f WHERE f.customer_id = c.id
                                             AND f.status = 'completed' ORDER BY f.order_date, f.id LIMIT 1)
                JOIN person p ON p.id = o.rep_id
                WHERE o.order_date BETWEEN ? AND ?
                ORDER BY p.login, o.order_date, c.id
                """, [.text(period.startDate), .text(period.endDate)]
            ) { row in newCustomers[row.text(at: 0) ?? "", default: []].append(row.text(at: 1) ?? "") }

            let targets = try TargetBook(connection, from: period.startDate, to: period.endDate)
            var statements: [Statement] = []
            var start = 0
            while start < raws.count {
                var end = start
                while end < raws.count && raws[end].login == raws[start].login { end += 1 }
                let group = raws[start..<end]
                start = end
                let first = group[group.startIndex]
                var revenue: Int64 = 0
                for raw in group {
                    let (sum, overflow) = revenue.addingReportingOverflow(
                        OrderLineRules.revenue(isReturned: raw.status == "returned", amountCents: raw.amount))
                    guard !overflow else {
                        throw PlanError(
                            .data, "the revenue of \(first.login) in \(period.text) does not fit in 64 bits")
                    }
                    revenue = sum
                }
                let target = targets.target(scope: "rep", key: first.login, period: period).centsValue
                let band = target.flatMap { $0 > 0 ? plan.band(revenue: revenue, target: $0) : nil }
                let rate = band?.ratePPM ?? plan.noTargetRatePPM
                var lines: [Line] = []
                var sum: Int64 = 0
                for raw in group {
                    var multiplier: Int64 = 1_000_000
                    if let m = plan.productLineMultipliers[raw.line] { multiplier = multiplier * m / 1_000_000 }
                    if let m = plan.tierMultipliers[raw.tier] { multiplier = multiplier * m / 1_000_000 }
                    var note: String?
                    var commission: Int64 = 0
                    if raw.status == "completed" {
                        commission = CommissionPlan.commission(
                            amountCents: raw.amount, ratePPM: rate, multiplierPPM: multiplier)
                    } else if raw.amount >= 0 {
                        note = "returned_sale"
                    } else if let original = raw.originalDate,
                        let days = daysBetween(original, raw.date), days <= plan.clawbackDays
                    {
                        commission = CommissionPlan.commission(
                            amountCents: raw.amount, ratePPM: rate, multiplierPPM: multiplier)
                        note = "clawback"
                    } else {
                        note = raw.originalDate == nil ? "no_original_sale" : "return_outside_window"
                    }
                    sum = sum.addingClamped(commission)
                    lines.append(
                        Line(
                            lineID: raw.id, orderNo: raw.orderNo, date: raw.date, customer: raw.customer,
                            product: raw.product, productLine: raw.line, tier: raw.tier, status: raw.status,
                            amountCents: raw.amount, ratePPM: rate, multiplierPPM: multiplier,
                            commissionCents: commission, note: note))
                }
                let capped = plan.capCents.map { sum > $0 ? sum - $0 : 0 } ?? 0
                let customers = newCustomers[first.login] ?? []
                let bonus = Int64(customers.count) * plan.newCustomerBonusCents
                statements.append(
                    Statement(
                        login: first.login, name: first.name, team: first.team, revenueCents: revenue,
                        targetCents: target, completion: target.flatMap { $0 > 0 ? Double(revenue) / Double($0) : nil },
                        bandFromBasisPoints: band?.fromBasisPoints, ratePPM: rate, lines: lines, linesCents: sum,
                        cappedCents: capped, newCustomers: customers, bonusCents: bonus,
                        totalCents: sum - capped + bonus))
            }
            var teams: [String: TeamTotal] = [:]
            for s in statements {
                var t = teams[s.team] ?? TeamTotal(team: s.team, reps: 0, revenueCents: 0, totalCents: 0)
                t.reps += 1
                t.revenueCents = t.revenueCents.addingClamped(s.revenueCents)
                t.totalCents = t.totalCents.addingClamped(s.totalCents)
                teams[s.team] = t
            }
            return CommissionRun(
                period: period.text, planName: plan.name, planVersion: plan.version, planSHA256: plan.sha256,
                statements: statements, teams: teams.keys.sorted().compactMap { teams[$0] },
                totalCents: statements.reduce(Int64(0)) { $0.addingClamped($1.totalCents) })
        }
    }

    /// Days from `a` to `b` (stored dates).
    static func daysBetween(_ a: String, _ b: String) -> Int? {
        guard let x = CivilDate(stored: a), let y = CivilDate(stored: b) else { return nil }
        return y.daysSinceUnixEpoch - x.daysSinceUnixEpoch
    }
}
