/// The approval state of a claim, as `approval_claim.state` stores it (the schema's `CHECK` allows these
/// four). A claim with no `approval_claim` row is not under approval (yet).
public enum ClaimState: String, Sendable, CaseIterable, Codable {
    /// Routed; some step waits for a decision.
    case pending
    /// Every step of its current round was approved.
    case approved
    /// A step of its current round was rejected.
    case rejected
    /// No complete route could be computed (`approval_claim.problem` says why); tried again by the next
    /// command that writes.
    case unroutable

    /// Whether the claim was decided: nothing more happens to it.
    public var isDecided: Bool { self == .approved || self == .rejected }
}

/// The state of one route step, as `approval_step.state` stores it; it leaves `pending` only with the
/// `approval_decision` row that records the same decision.
public enum StepState: String, Sendable, CaseIterable, Codable {
    case pending
    case approved
    case rejected

    /// `show`'s state for a pending step that nobody will decide because the claim was decided first.
    public static let notReached = "not reached"
    /// `show`'s state for a pending step of a round that a change of amount or category replaced.
    public static let superseded = "superseded"
}

/// Why a step is on a route, as `approval_step.reason` stores it (its numbers are in `reason_detail`).
enum StepReason: String, Sendable, CaseIterable {
    case manager
    case category
    case finance
    case final
    case dualControl = "dual_control"
}

/// What a budget does to a claim that would overrun it, as `budget.control` and the policy's
/// `budget_control_default` spell it.
public enum BudgetControl: String, Sendable, CaseIterable, Codable {
    /// The claim stays pending: the approval is refused.
    case stop
    /// The approval goes through, with a warning recorded.
    case warn
    /// Nothing is said.
    case ignore
}

/// The expense statuses the desk reads and writes (`expense.status`).
enum ExpenseStatus: String, Sendable, CaseIterable {
    case submitted
    case approved
    case rejected
    case withdrawn
    case paid
}
