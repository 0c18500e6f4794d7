import Foundation

/// An expense with its approval state, as ``ClaimStore`` reads it.
struct ClaimRow {
    var expenseID: Int64
    var number: String
    var submitter: String?
    var payee: String?
    var amountCents: Int64
    var category: String
    var spentOn: String
    var submittedOn: String?
    /// `expense.status`.
    var status: String
    /// `nil` while the claim is not under approval (no `approval_claim` row).
    var state: ClaimState?
    var round: Int?
    var policyVersion: Int64?
    var routedAmountCents: Int64?
    var routedCategory: String?
    var problem: String?
    var splitNote: String?
    var description: String?
    var region: String?
    var customer: String?
    var campaign: String?
    var submitterName: String?
    var batchID: Int64?
    /// `expense.invoice_no` (发票号), when recorded.
    var invoiceNo: String? = nil
    /// `expense.kind`: an expense claim, a contract or a price exception.
    var kind: DocumentKind = .expense
    /// A contract's or price exception's terms as stored now; `nil` on an expense claim.
    var terms: DocumentTerms?
    /// The same terms as the JSON `approval_claim.terms` keeps (``ClaimStore/termsSQL``); `nil` on an expense.
    var termsJSON: String?
    /// `approval_claim.terms`: the terms the document was last routed on.
    var routedTerms: String?

    /// `expense:BX2025000123`: the claim's subject in the audit log.
    var subject: String { "expense:\(number)" }

    /// Whether `expense.status` is `status`.
    func hasStatus(_ status: ExpenseStatus) -> Bool { self.status == status.rawValue }

    /// The claim as the policy layer sees it, submitted by `submitter` (a payee who is the submitter is none).
    func facts(submitter: String) -> ClaimFacts {
        let date = CivilDate(stored: spentOn) ?? CivilDate(daysSinceUnixEpoch: 0)
        let payee = self.payee == submitter ? nil : self.payee
        var facts = ClaimFacts(
            id: number, submitter: submitter, payee: payee, amountCents: amountCents, category: category,
            date: date)
        facts.kind = kind
        facts.terms = terms
        return facts
    }

    /// The facts that decide which budgets the claim draws on.
    func budgetClaim(_ directory: Directory) -> BudgetClaim {
        BudgetClaim(
            expenseID: expenseID, category: category, spentOn: spentOn, amountCents: amountCents,
            submitter: submitter ?? "", submitterName: submitterName ?? "",
            team: submitter.flatMap { directory.team[$0] },
            region: region ?? submitter.flatMap { directory.region[$0] })
    }
}

/// One stored step with its decision, as ``ClaimStore`` reads it.
struct StepRow {
    var id: Int64
    var position: Int
    var approver: String
    /// `approval_step.reason`; a value the schema does not allow reads as ``StepReason/dualControl``.
    var reason: StepReason
    var reasonDetail: String
    var inPlaceOf: String?
    var state: StepState
    var decidedBy: String?
    var onBehalfOf: String?
    var decidedAt: String?
    var comment: String?
    var flags: String?

    /// The detail's numbers, by key.
    private var detail: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(reasonDetail.utf8))) as? [String: Any] ?? [:]
    }

    private func cents(_ key: String) -> Int64 { (detail[key] as? NSNumber)?.int64Value ?? 0 }

    /// The step as the policy layer sees it.
    var routeStep: RouteStep {
        let reason: RouteReason =
            switch self.reason {
            case .manager: .manager(limitCents: cents("limit_cents"))
            case .category:
                if let rule = detail["rule"] as? String {
                    .kindRule(rule: rule, text: detail["text"] as? String ?? rule)
                } else {
                    .category(name: detail["category"] as? String ?? "", aboveCents: cents("above_cents"))
                }
            case .finance: .finance(aboveCents: cents("above_cents"))
            case .final: .finalApprover
            case .dualControl: .dualControl
            }
        return RouteStep(index: position, approver: approver, reason: reason, inPlaceOf: inPlaceOf)
    }

    /// `manager, approves up to 5000.00`.
    var reasonText: String {
        let money = MoneyDisplay.text
        var text =
            switch reason {
            case .manager: "manager, approves up to \(money(cents("limit_cents")))"
            case .category:
                if let rule = detail["rule"] as? String {
                    detail["text"] as? String ?? rule
                } else {
                    "\(detail["category"] as? String ?? "category") above \(money(cents("above_cents")))"
                }
            case .finance: "finance, above \(money(cents("above_cents")))"
            case .final: "final approver (beyond the manager chain)"
            case .dualControl: "second approver (dual control)"
            }
        if let inPlaceOf { text += " for \(inPlaceOf)" }
        return text
    }

    /// The stored reason and detail of a route step.
    static func stored(_ reason: RouteReason) -> (reason: StepReason, detail: String) {
        switch reason {
        case .manager(let limit): (.manager, AuditValue.object(["limit_cents": .cents(limit)]).canonicalJSON)
        case .category(let name, let above):
            (.category, AuditValue.object(["category": .string(name), "above_cents": .cents(above)]).canonicalJSON)
        case .finance(let above): (.finance, AuditValue.object(["above_cents": .cents(above)]).canonicalJSON)
        case .dualControl: (.dualControl, "{}")
        // Stored under `category`, the schema's word for an extra approver a rule adds; the rule is in the detail.
        case .kindRule(let rule, let text):
            (.category, AuditValue.object(["rule": .string(rule), "text": .string(text)]).canonicalJSON)
        case .finalApprover: (.final, "{}")
        }
    }

    func view(_ directory: Directory) -> StepView {
        let flagList = flags.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
        return StepView(
            position: position, approver: approver, approverName: directory.people[approver]?.name ?? "",
            reason: reasonText, inPlaceOf: inPlaceOf, state: state.rawValue, decidedBy: decidedBy,
            onBehalfOf: onBehalfOf, decidedAt: decidedAt, comment: comment, flags: flagList)
    }
}
