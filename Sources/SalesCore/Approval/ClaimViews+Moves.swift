/// A receipt attached to a claim (`approval_receipt`).
public struct ReceiptView: Sendable, Equatable, Codable {
    /// The file's name when it was attached (its last path component).
    public var fileName: String
    /// The SHA-256 of its bytes, lowercase hex.
    public var sha256: String
    public var sizeBytes: Int64
    /// Where the copy is kept, relative to the store's folder, when the policy names a receipts folder.
    public var storedAs: String?
    public var attachedAt: String
    public var attachedBy: String
    /// The audit entry that records it.
    public var auditSeq: Int64
}

/// A move on a claim as `show` lists it: a comment, a send-back, a withdrawal, a reopening, a resubmission or
/// an escalation (`approval_move`).
public struct MoveView: Sendable, Equatable, Codable {
    /// `withdrawn`, `sent_back`, `resubmitted`, `reopened`, `commented` or `escalated`.
    public var move: String
    public var round: Int
    public var actor: String
    public var at: String
    /// The step sent back or escalated.
    public var step: Int?
    /// Whom a step escalated to.
    public var to: String?
    /// The comment, or the reason given.
    public var text: String?
    public var auditSeq: Int64
}

/// A claim's payment (`payment`).
public struct PaymentView: Sendable, Equatable, Codable {
    public var batch: String
    public var amountCents: Int64
    public var paidAt: String
    public var paidBy: String
    public var auditSeq: Int64
}

/// What a withdrawal, send-back or comment did.
public struct MoveOutcome: Sendable, Equatable, Codable {
    public var id: String
    /// The move: `withdrawn`, `sent_back`, `commented`.
    public var move: String
    public var round: Int
    /// The claim's ``ClaimState`` and `expense.status` afterwards.
    public var claimState: String
    public var status: String
    /// The step sent back, and the approver it was routed to.
    public var step: Int?
    public var onBehalfOf: String?
    public var auditSeq: Int64
}

/// One claim the acting person submitted, as `mine` lists it.
public struct MineItem: Sendable, Equatable, Codable {
    public var id: String
    public var submittedOn: String
    public var amountCents: Int64
    public var amount: String
    public var category: String
    public var description: String?
    /// The ``ClaimState``, or `not under approval`.
    public var state: String
    /// `expense.status`.
    public var status: String
    public var round: Int?
    /// Where it is, in a few words: `waiting for m1 (step 1 of 2)`, `sent back to you`, `paid (batch …)`.
    public var whereItIs: String
    /// The step it waits for, its approver, and whom it escalated to.
    public var step: Int?
    public var steps: Int?
    public var waitingFor: String?
    public var escalatedTo: String?
    /// Why it was sent back, and by whom, while it waits for you to resubmit.
    public var sentBackBy: String?
    public var sentBackReason: String?
    /// The payment batch, once paid.
    public var batch: String?
    public var flags: [String]
}

/// One payment batch, as `payments` lists it, or as `pay` made it.
public struct PaymentBatch: Sendable, Equatable, Codable {
    public struct Claim: Sendable, Equatable, Codable {
        public var id: String
        public var amountCents: Int64
        public var amount: String
        public var submitter: String?
        public var auditSeq: Int64
    }

    public var batch: String
    public var paidAt: String
    public var paidBy: String
    public var claims: [Claim]
    public var totalCents: Int64
    public var total: String
}

/// One step waiting longer than the policy's `reminders.after_days`, as `remind` lists it.
public struct ReminderItem: Sendable, Equatable, Codable {
    public var id: String
    public var step: Int
    public var steps: Int
    public var approver: String
    /// The approver this person stands in for, on a step escalated to them.
    public var onBehalfOf: String?
    public var amountCents: Int64
    public var amount: String
    public var category: String
    public var submitter: String
    public var submitterName: String
    /// When the step began to wait (the round was routed, or the step before it decided), and whole days since.
    public var waitingSince: String
    public var waitingDays: Int
    /// Whom the step escalated to, and whether this run escalated it.
    public var escalatedTo: String?
    public var escalatedNow: Bool
}

/// The reminders for one person.
public struct ApproverReminders: Sendable, Equatable, Codable {
    public var login: String
    public var name: String
    public var steps: [ReminderItem]
}

/// What `remind` found and did.
public struct ReminderRun: Sendable, Equatable, Codable {
    /// The policy's `reminders.after_days` and `escalate_after_days`; `nil` when it has no `[reminders]`.
    public var afterDays: Int?
    public var escalateAfterDays: Int?
    public var policyVersion: Int64?
    public var people: [ApproverReminders]
    /// The steps this run escalated (each also listed under its people), and the steps that should have
    /// escalated but found nobody above the approver who may act.
    public var escalated: [ReminderItem]
    public var notEscalated: [String]
}
