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
    /// What happens to a claim that would overrun it.
    public var control: BudgetControl
    /// The budgeted amount, in cents.
    public var budgetedCents: Int64
    /// Claims in the scope, category and period already approved or paid (this claim left out), in cents.
    /// Each is within the ceiling of one claim (a stored row beyond it is refused by name), so the sum fits.
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
            "\(name) (\(control.rawValue)): \(money(budgetedCents)) budgeted, \(money(approvedCents)) approved, "
            + "this claim \(money(claimCents)), "
        text += wouldOverrun ? "over by \(money(-remainingCents))" : "\(money(remainingCents)) left"
        return text
    }
}

/// The facts of a claim that decide which budgets it draws on.
///
/// A claim draws on every budget row of its category whose period contains the day the money was spent
/// and whose scope it falls in: the company; the region the claim serves (else the submitter's region);
/// the submitter's team; the submitter (by login or name). "Approved so far" counts the claims of that
/// scope, category and period whose status is `approved` or `paid`, other than this one
/// (``ClaimStore/budgetPositions(for:)``).
struct BudgetClaim {
    var expenseID: Int64
    var category: String
    var spentOn: String
    var amountCents: Int64
    var submitter: String
    var submitterName: String
    var team: String?
    var region: String?
}
