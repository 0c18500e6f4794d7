/// One step of a claim's route as `show` presents it.
public struct StepView: Sendable, Equatable, Codable {
    /// Position in the route, from 1.
    public var position: Int
    /// The login the step is routed to, and their name.
    public var approver: String
    public var approverName: String
    /// Why the step is there, in words (`manager, approves up to 5000.00`).
    public var reason: String
    /// The login the policy named, when `approver` stands in for them.
    public var inPlaceOf: String?
    /// A ``StepState`` (`pending`, `approved`, `rejected`), or why nobody will decide a pending step:
    /// ``StepState/notReached`` (the claim was decided first), ``StepState/superseded`` (an earlier round).
    public var state: String
    /// Who decided, when decided; `onBehalfOf` is the approver when a delegate decided.
    public var decidedBy: String?
    public var onBehalfOf: String?
    public var decidedAt: String?
    /// The approver's comment, or the reason of a rejection.
    public var comment: String?
    /// Flags recorded with the decision (a budget warning).
    public var flags: [String]
}

/// One entry of a claim's history: an audit log entry about it.
public struct HistoryEntry: Sendable, Equatable, Codable {
    public var seq: Int64
    public var at: String
    public var actor: String
    public var action: String
    /// The entry's details as canonical JSON text.
    public var details: String
}

/// A claim as `show` presents it: the claim, its route, budget position, flags and history.
public struct ClaimDetail: Sendable, Equatable, Codable {
    /// The claim's number (`expense_no`).
    public var id: String
    /// The approval state: a ``ClaimState`` (`pending`, `approved`, `rejected`, `unroutable`), or
    /// ``notUnderApproval`` for a claim decided before it came under approval.
    public var state: String
    /// `expense.status`.
    public var status: String
    public var submitter: String?
    public var submitterName: String?
    public var payee: String?
    public var amountCents: Int64
    public var amount: String
    public var category: String
    public var spentOn: String
    public var submittedOn: String?
    public var description: String?
    public var region: String?
    public var customer: String?
    public var campaign: String?
    /// The policy version and name the route was computed from.
    public var policyVersion: Int64?
    public var policyName: String?
    /// 1 for the first route; each change of amount or category starts a new round.
    public var round: Int?
    /// The current round's steps.
    public var steps: [StepView]
    /// Steps of earlier rounds, kept as history.
    public var earlierSteps: [StepView]
    /// Every budget the claim draws on.
    public var budgets: [BudgetPosition]
    /// Over budget, split suspicion, route problems, in words.
    public var flags: [String]
    public var history: [HistoryEntry]
    /// `expense.invoice_no` (发票号), when recorded.
    public var invoiceNo: String? = nil
    /// The receipts attached, oldest first.
    public var receipts: [ReceiptView] = []
    /// Withdrawal, send-backs, resubmissions, reopenings, comments and escalations, oldest first.
    public var moves: [MoveView] = []
    /// The payment, once paid.
    public var payment: PaymentView? = nil
    /// While the claim waits for its submitter to resubmit it: the send-back of its current round.
    public var sentBack: MoveView? = nil
    /// `expense`, `contract` or `price` (``DocumentKind``).
    public var kind: String = DocumentKind.expense.rawValue
    /// A contract's or price exception's terms; `nil` for an expense claim.
    public var terms: DocumentTerms? = nil
    /// A contract's or price exception's discount against list price (`12.50%`).
    public var discount: String? = nil

    /// The ``state`` of a claim that never came under approval.
    public static let notUnderApproval = "not under approval"
}

/// A claim waiting for the acting person, as `queue` lists it.
public struct QueueItem: Sendable, Equatable, Codable {
    public var id: String
    /// When it was submitted (else the day the money was spent), `YYYY-MM-DD`.
    public var submittedOn: String
    public var amountCents: Int64
    public var amount: String
    public var category: String
    public var submitter: String
    public var submitterName: String
    public var description: String?
    /// The step waiting for the acting person, and how many steps the route has.
    public var step: Int
    public var steps: Int
    /// The approver the acting person stands in for by delegation, if any.
    public var onBehalfOf: String?
    /// Every budget the claim draws on.
    public var budgets: [BudgetPosition]
    /// Over budget, split suspicion, in words.
    public var flags: [String]
    /// `expense`, `contract` or `price` (``DocumentKind``).
    public var kind: String = DocumentKind.expense.rawValue

    /// The tightest budget: the one with the least left after this claim.
    public var tightestBudget: BudgetPosition? {
        budgets.filter { $0.control != .ignore }.min { $0.remainingCents < $1.remainingCents }
    }
}

/// What an `approve` or `reject` did.
public struct DecisionOutcome: Sendable, Equatable, Codable {
    public var id: String
    /// The step's new ``StepState``: `approved` or `rejected`.
    public var decision: String
    public var step: Int
    public var steps: Int
    /// The approver the actor decided for by delegation, if any.
    public var onBehalfOf: String?
    /// The claim's ``ClaimState`` afterwards: `pending`, `approved` or `rejected`.
    public var claimState: String
    /// Who decides next, while the claim is pending.
    public var nextApprover: String?
    /// Budget warnings recorded with the decision.
    public var warnings: [String]
    /// The audit entry that records the decision.
    public var auditSeq: Int64
}

/// A policy version as stored.
public struct PolicyVersion: Sendable, Equatable, Codable {
    public var version: Int64
    public var name: String
    /// The TOML as loaded (comments kept).
    public var text: String
    public var fileName: String
    public var fileSHA256: String
    public var loadedAt: String
    public var loadedBy: String
}
