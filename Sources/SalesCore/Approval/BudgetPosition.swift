/// Where one budget stands for a claim: budgeted, approved so far, this claim, what remains.
public struct BudgetPosition: Sendable, Equatable, Codable {
    /// `rep`, `team`, `region` or `company`.
    public var scope: String
    /// The rep's login or name, the team, the region; empty for the company.
    public var scopeKey: String
    /// The expense category.
    public var category: String
    /// `2025`, `2025Q4` or `2025-11`.
    public var period: String
    /// `stop`, `warn` or `ignore`.
    public var control: String
    /// The budgeted amount, in cents.
    public var budgetedCents: Int64
    /// Claims in the scope, category and period already approved or paid (this claim left out), in cents;
    /// `Int64.max` when they add up to more than that (only claims stored past ``ClaimBounds`` can).
    public var approvedCents: Int64
    /// This claim's amount, in cents.
    public var claimCents: Int64

    /// What remains once this claim is approved; negative when it would overrun. Computed with checked
    /// arithmetic and held within ±`Int64.max`, so amounts stored past ``ClaimBounds`` cannot trap.
    public var remainingCents: Int64 {
        func minus(_ a: Int64, _ b: Int64) -> Int64 {
            let (d, overflow) = a.subtractingReportingOverflow(b)
            return overflow ? (b > 0 ? -Int64.max : Int64.max) : max(d, -Int64.max)
        }
        return minus(minus(budgetedCents, approvedCents), claimCents)
    }
    /// Whether approving this claim would overrun the budget.
    public var wouldOverrun: Bool { remainingCents < 0 }

    /// `region 华东 advertising 2025Q4`: the budget's name.
    public var name: String {
        scope == "company" ? "company \(category) \(period)" : "\(scope) \(scopeKey) \(category) \(period)"
    }

    /// `region 华东 advertising 2025Q4 (stop): 10000.00 budgeted, 8200.00 approved, this claim 3000.00, over by 1200.00`.
    public var sentence: String {
        let money = ImportValue.moneyText
        var text =
            "\(name) (\(control)): \(money(budgetedCents)) budgeted, \(money(approvedCents)) approved, "
            + "this claim \(money(claimCents)), "
        text += wouldOverrun ? "over by \(money(-remainingCents))" : "\(money(remainingCents)) left"
        return text
    }
}

/// The budgets a claim draws on and their positions.
///
/// A claim draws on every budget row of its category whose period contains the day the money was spent
/// and whose scope it falls in: the company; the region the claim serves (else the submitter's region);
/// the submitter's team; the submitter (by login or name). "Approved so far" counts the claims of that
/// scope, category and period whose status is `approved` or `paid`, other than this one.
enum BudgetControl {
    /// The facts of a claim that decide which budgets it draws on.
    struct Claim {
        var expenseID: Int64
        var category: String
        var spentOn: String
        var amountCents: Int64
        var submitter: String
        var submitterName: String
        var team: String?
        var region: String?
    }

    /// The positions of every budget `claim` draws on, narrowest scope first.
    static func positions(_ connection: Connection, claim: Claim) throws -> [BudgetPosition] {
        var budgets: [(BudgetPosition, starts: String, ends: String)] = []
        try connection.forEachRow(
            """
            SELECT scope, scope_key, period, control, amount_cents, starts_on, ends_on FROM budget
            WHERE category = ?1 AND starts_on <= ?2 AND ends_on >= ?2
              AND (scope = 'company' OR (scope = 'region' AND scope_key = ?3) OR (scope = 'team' AND scope_key = ?4)
                   OR (scope = 'rep' AND scope_key IN (?5, ?6)))
            ORDER BY CASE scope WHEN 'rep' THEN 1 WHEN 'team' THEN 2 WHEN 'region' THEN 3 ELSE 4 END,
                     starts_on DESC, ends_on, scope_key
            """,
            [
                .text(claim.category), .text(claim.spentOn), SQLValue(claim.region), SQLValue(claim.team),
                .text(claim.submitter), .text(claim.submitterName),
            ]
        ) { row in
            let position = try BudgetPosition(
                scope: row.text("scope") ?? "", scopeKey: row.text("scope_key") ?? "", category: claim.category,
                period: row.text("period") ?? "", control: row.text("control") ?? "warn",
                budgetedCents: row.int64("amount_cents"), approvedCents: 0, claimCents: claim.amountCents)
            budgets.append((position, try row.text("starts_on") ?? "", try row.text("ends_on") ?? ""))
        }
        return try budgets.map { budget, starts, ends in
            var position = budget
            let scopeFilter: String
            var arguments: [SQLValue] = [.text(claim.category), .text(starts), .text(ends), .integer(claim.expenseID)]
            switch position.scope {
            case "region":
                scopeFilter = "AND coalesce(r.name, sr.name) = ?5"
                arguments.append(.text(position.scopeKey))
            case "team":
                scopeFilter = "AND s.team = ?5"
                arguments.append(.text(position.scopeKey))
            case "rep":
                scopeFilter = "AND (s.login = ?5 OR s.name = ?5)"
                arguments.append(.text(position.scopeKey))
            default:
                scopeFilter = ""
            }
            // Added up here with checked arithmetic: SQLite's sum() fails the whole query on overflow.
            var amounts: [Int64] = []
            try connection.forEachRow(
                """
                SELECT e.amount_cents FROM expense e
                LEFT JOIN person s ON s.id = e.submitted_by_id
                LEFT JOIN region r ON r.id = e.region_id
                LEFT JOIN region sr ON sr.id = s.region_id
                WHERE e.category = ?1 AND e.spent_on BETWEEN ?2 AND ?3 AND e.status IN ('approved', 'paid')
                  AND e.id <> ?4 \(scopeFilter)
                """, arguments
            ) { row in amounts.append(row.int64(at: 0)) }
            position.approvedCents = ClaimBounds.checkedSum(amounts) ?? Int64.max
            return position
        }
    }
}
