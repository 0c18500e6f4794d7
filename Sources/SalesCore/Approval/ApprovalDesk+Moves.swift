import Foundation

extension ApprovalDesk {
    // MARK: - Shared checks

    /// Claim `id`, which must be under approval: the row, its state, round and policy version.
    /// - Throws: ``ApprovalError``: `notFound`; `refused` while no policy is loaded; `alreadyDecided` for a
    ///   claim that was decided before it came under approval.
    func claimUnderApproval(
        _ claims: ClaimStore, _ id: String
    ) throws -> (claim: ClaimRow, state: ClaimState, round: Int, version: Int64) {
        guard let claim = try claims.claim(number: id) else {
            throw ApprovalError.notFound("no claim \(id) in the store (expense_no)")
        }
        guard let state = claim.state, let round = claim.round, let version = claim.policyVersion else {
            if claim.hasStatus(.submitted) || claim.hasStatus(.withdrawn) {
                throw ApprovalError.refused("claim \(id) is not routed yet: no approval policy is loaded")
            }
            throw ApprovalError(.alreadyDecided, "claim \(id) was \(claim.status) before it came under approval")
        }
        return (claim, state, round, version)
    }

    /// Claim `id` for a move only its submitter makes (`verb`: `withdraw`, `resubmit`), refused to anyone else.
    func submittersClaim(
        _ claims: ClaimStore, _ id: String, actor: String, directory: Directory, verb: String
    ) throws -> (claim: ClaimRow, state: ClaimState, round: Int, version: Int64) {
        let found = try claimUnderApproval(claims, id)
        guard found.claim.submitter == actor else {
            throw ApprovalError.refused(
                "claim \(id) was submitted by \(directory.label(found.claim.submitter ?? "?")); only its submitter "
                    + "may \(verb) it")
        }
        return found
    }

    /// `approved by huang.wen (黄文) at …`: who decided the claim's last decided step of `steps`.
    static func decidedDetail(_ steps: [StepRow], _ directory: Directory) -> String {
        guard let last = steps.filter({ $0.state != .pending }).max(by: { $0.position < $1.position }) else {
            return ""
        }
        let by = directory.label(last.decidedBy ?? "?")
        let who = last.onBehalfOf.map { "\(by) on behalf of \(directory.label($0))" } ?? by
        return " by \(who) at \(last.decidedAt ?? "?")"
    }

    /// The delegations that let someone act on `step` besides those made with `delegate`: an escalation of the
    /// step to the approver's manager acts as a delegation from the approver to them, from the day it escalated.
    func escalationDelegations(
        _ connection: Connection, claim: ClaimRow, round: Int, step: StepRow
    ) throws
        -> [Delegation]
    {
        guard
            let escalation = try MoveStore(connection).escalation(
                expenseID: claim.expenseID, round: round, step: step.position),
            let to = escalation.to
        else { return [] }
        return [Delegation(from: step.approver, to: to, starts: String(escalation.at.prefix(10)), ends: "9999-12-31")]
    }

    /// Refuses a decision on a claim sent back to its submitter in its current round.
    func refuseIfSentBack(_ connection: Connection, claim: ClaimRow, round: Int) throws {
        if let back = try MoveStore(connection).sentBack(expenseID: claim.expenseID, round: round) {
            throw ApprovalError.refused(
                "claim \(claim.number) was sent back to its submitter by \(back.actor) at \(back.at) "
                    + "(“\(TerminalText.visible(back.text ?? ""))”); it waits for them to resubmit it")
        }
    }

    /// The step a decision or a send-back acts on, with what checking it needs.
    struct PendingStep {
        /// The claim's first pending step in its current round.
        var current: StepRow
        /// Every step of the current round.
        var steps: [StepRow]
        /// The policy version the claim was routed under.
        var policy: ApprovalPolicy
        /// Delegations to the actor, with the current step's escalation.
        var delegations: [Delegation]
    }

    /// The current step of a pending claim, refusing a claim that has none to act on: unroutable, decided
    /// (naming who decided and when, and that it cannot be `verb` when given), withdrawn, or sent back.
    func pendingStep(
        _ connection: Connection, claim: ClaimRow, state: ClaimState, round: Int, version: Int64,
        directory: Directory, actor: String, verb: String?
    ) throws -> PendingStep {
        let claims = ClaimStore(connection)
        let id = claim.number
        let steps = try claims.steps(expenseID: claim.expenseID, round: round)
        switch state {
        case .unroutable:
            throw ApprovalError.refused("claim \(id) has no complete route: \(claim.problem ?? "")")
        case .approved, .rejected:
            throw ApprovalError(
                .alreadyDecided,
                "claim \(id) was already \(state.rawValue)\(Self.decidedDetail(steps, directory))"
                    + (verb.map { "; it cannot be \($0)" } ?? ""))
        case .pending:
            break
        }
        if claim.hasStatus(.withdrawn) { throw ApprovalError.refused("claim \(id) was withdrawn by its submitter") }
        try refuseIfSentBack(connection, claim: claim, round: round)
        guard let current = steps.first(where: { $0.state == .pending }) else {
            throw ApprovalError(.alreadyDecided, "claim \(id) has no step left to decide")
        }
        guard let stored = try claims.policyVersion(version) else {
            throw ApprovalError.notFound("policy version \(version) of claim \(id) is missing from the store")
        }
        let delegations =
            try claims.delegations(to: actor)
            + escalationDelegations(connection, claim: claim, round: round, step: current)
        return PendingStep(
            current: current, steps: steps, policy: try ApprovalPolicy.parse(stored.text), delegations: delegations)
    }

    /// The acting person's current step of a pending claim: checked as a decision is (``pendingStep``, then
    /// the step theirs or delegated or escalated to them, and separation of duties).
    func actionableStep(
        _ connection: Connection, claim: ClaimRow, state: ClaimState, round: Int, version: Int64,
        directory: Directory, actor: String, verb: String
    ) throws -> (step: StepRow, steps: [StepRow]) {
        let pending = try pendingStep(
            connection, claim: claim, state: state, round: round, version: version, directory: directory,
            actor: actor, verb: verb)
        if let refusal = SeparationOfDuties.check(
            actor: actor, step: pending.current.routeStep, claim: claim.facts(submitter: claim.submitter ?? ""),
            delegations: pending.delegations, on: today(),
            alreadyApproved: Set(pending.steps.filter { $0.state == .approved }.compactMap(\.decidedBy)),
            dualControlAboveCents: pending.policy.controls.dualControlAboveCents, people: directory.people)
        {
            throw ApprovalError.refused("claim \(claim.number): \(refusal.message)")
        }
        return (pending.current, pending.steps)
    }

    /// Checks text typed for a move (`--reason`, a comment): at most 1,000 characters, no control character,
    /// not blank when `required`. Returns it trimmed, or `nil` when blank.
    static func moveText(_ text: String?, option: String, required: String?) throws -> String? {
        try ClaimBounds.checkText(text, option: option, maxLength: ClaimBounds.remarkLength)
        let trimmed = text.map(ValueParser.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        if trimmed == nil, let required { throw ApprovalError.invalid(required) }
        return trimmed
    }

    // MARK: - Withdraw

    /// Withdraws claim `id`: its submitter, while it is pending (or has no complete route). The claim's status
    /// becomes `withdrawn` for good; nobody decides it any more.
    /// - Throws: ``ApprovalError``: `refused` for anyone but the submitter; `alreadyDecided` once approved,
    ///   rejected, paid or withdrawn.
    public func withdraw(_ id: String, reason: String? = nil) throws -> MoveOutcome {
        let reason = try Self.moveText(reason, option: "--reason", required: nil)
        try routePending()
        let at = timestamp()
        return try store.write { connection in
            let (directory, actor) = try actingAfterRouting(connection, at: at)
            let claims = ClaimStore(connection)
            let (claim, state, round, _) = try submittersClaim(
                claims, id, actor: actor, directory: directory, verb: "withdraw")
            if claim.hasStatus(.withdrawn) { throw ApprovalError(.alreadyDecided, "claim \(id) was already withdrawn") }
            if state.isDecided {
                let steps = try claims.steps(expenseID: claim.expenseID, round: round)
                let paid = claim.hasStatus(.paid) ? " and paid" : ""
                throw ApprovalError(
                    .alreadyDecided,
                    "claim \(id) was already \(state.rawValue)\(Self.decidedDetail(steps, directory))\(paid); only a "
                        + "pending claim can be withdrawn")
            }
            var payload: [String: AuditValue] = ["round": .int(Int64(round)), "state": .string(state.rawValue)]
            if let reason { payload["reason"] = .string(reason) }
            let entry = try audit(
                connection, actor: actor, action: MoveKind.withdrawn.action, subject: claim.subject, payload: payload,
                at: at)
            try connection.execute(
                "UPDATE expense SET status = ? WHERE id = ?",
                [.text(ExpenseStatus.withdrawn.rawValue), .integer(claim.expenseID)])
            try MoveStore(connection).insertMove(
                auditSeq: entry.seq, expenseID: claim.expenseID, round: round, move: .withdrawn, actor: actor, at: at,
                text: reason)
            return MoveOutcome(
                id: id, move: MoveKind.withdrawn.rawValue, round: round, claimState: state.rawValue,
                status: ExpenseStatus.withdrawn.rawValue, auditSeq: entry.seq)
        }
    }

    // MARK: - Send back and resubmit

    /// Sends claim `id` back to its submitter for correction, at the acting person's step (checked as a
    /// decision is), with a reason. Nobody decides the claim until its submitter resubmits it.
    public func sendBack(_ id: String, reason: String) throws -> MoveOutcome {
        guard
            let reason = try Self.moveText(
                reason, option: "--reason", required: "sending a claim back needs a reason (--reason TEXT)")
        else { throw ApprovalError.invalid("sending a claim back needs a reason (--reason TEXT)") }
        try routePending()
        let at = timestamp()
        return try store.write { connection in
            let (directory, actor) = try actingAfterRouting(connection, at: at)
            let (claim, state, round, version) = try claimUnderApproval(ClaimStore(connection), id)
            let (step, _) = try actionableStep(
                connection, claim: claim, state: state, round: round, version: version, directory: directory,
                actor: actor, verb: "sent back")
            let onBehalfOf = step.approver == actor ? nil : step.approver
            var payload: [String: AuditValue] = [
                "round": .int(Int64(round)), "step": .int(Int64(step.position)), "approver": .string(step.approver),
                "reason": .string(reason),
            ]
            if let onBehalfOf { payload["on_behalf_of"] = .string(onBehalfOf) }
            let entry = try audit(
                connection, actor: actor, action: MoveKind.sentBack.action, subject: claim.subject, payload: payload,
                at: at)
            try MoveStore(connection).insertMove(
                auditSeq: entry.seq, expenseID: claim.expenseID, round: round, move: .sentBack, actor: actor, at: at,
                step: step.position, text: reason)
            return MoveOutcome(
                id: id, move: MoveKind.sentBack.rawValue, round: round, claimState: state.rawValue,
                status: claim.status, step: step.position, onBehalfOf: onBehalfOf, auditSeq: entry.seq)
        }
    }

    /// What the submitter changes when resubmitting a claim sent back to them; `nil` keeps the value.
    public struct Correction: Sendable {
        public var amountCents: Int64?
        public var description: String?
        public var invoice: String?

        public init(amountCents: Int64? = nil, description: String? = nil, invoice: String? = nil) {
            self.amountCents = amountCents
            self.description = description
            self.invoice = invoice
        }
    }

    /// Resubmits claim `id`, sent back to its submitter (the acting person), with `correction` applied: a new
    /// round, routed again under the policy version the claim was routed under, every step pending. Earlier
    /// rounds and their decisions stay in its history.
    public func resubmit(_ id: String, _ correction: Correction = Correction()) throws -> ClaimDetail {
        if let cents = correction.amountCents {
            guard cents > 0 else {
                throw ApprovalError.invalid("--amount must be more than 0 (got \(ImportValue.moneyText(cents: cents)))")
            }
            if let problem = ClaimBounds.amountProblem(cents) { throw ApprovalError.invalid("--amount " + problem) }
        }
        let description = correction.description.map(ValueParser.trimmed)
        if let description {
            guard !description.isEmpty else { throw ApprovalError.invalid("--description must not be empty") }
            try ClaimBounds.checkText(
                correction.description, option: "--description", maxLength: ClaimBounds.descriptionLength)
        }
        let invoice = try Self.invoiceNumber(correction.invoice)
        try routePending()
        let at = timestamp()
        try store.write { connection in
            let (directory, actor) = try actingAfterRouting(connection, at: at)
            let claims = ClaimStore(connection)
            let (claim, state, round, version) = try submittersClaim(
                claims, id, actor: actor, directory: directory, verb: "resubmit")
            if claim.hasStatus(.withdrawn) { throw ApprovalError(.alreadyDecided, "claim \(id) was withdrawn") }
            guard state == .pending, try MoveStore(connection).sentBack(expenseID: claim.expenseID, round: round) != nil
            else {
                throw ApprovalError.refused(
                    "claim \(id) is \(state.rawValue), not sent back to you; only a claim sent back can be resubmitted")
            }
            guard let stored = try claims.policyVersion(version) else {
                throw ApprovalError.notFound("policy version \(version) of claim \(id) is missing from the store")
            }
            let policy = try ApprovalPolicy.parse(stored.text)
            var changed: [String] = []
            if let cents = correction.amountCents, cents != claim.amountCents {
                if let problem = ClaimBounds.amountProblem(cents, policyMaximumCents: policy.limits.maxClaimCents) {
                    throw ApprovalError.invalid("--amount " + problem)
                }
                try connection.execute(
                    "UPDATE expense SET amount_cents = ? WHERE id = ?", [.integer(cents), .integer(claim.expenseID)])
                changed.append("amount")
            }
            if let description, description != claim.description {
                try connection.execute(
                    "UPDATE expense SET description = ? WHERE id = ?",
                    [.text(description), .integer(claim.expenseID)])
                changed.append("description")
            }
            if let invoice, invoice != claim.invoiceNo {
                try connection.execute(
                    "UPDATE expense SET invoice_no = ? WHERE id = ?", [.text(invoice), .integer(claim.expenseID)])
                changed.append("invoice")
            }
            guard let updated = try claims.claim(expenseID: claim.expenseID) else {
                throw ApprovalError.notFound("claim \(id) vanished while it was resubmitted")
            }
            let computed = try computeRoute(connection, claim: updated, policy: policy, directory: directory)
            let entry = try save(
                connection, route: computed, claim: updated, version: version, actor: actor,
                action: MoveKind.resubmitted.action, at: at,
                extra: ["changed": .array(changed.map { .string($0) })])
            try MoveStore(connection).insertMove(
                auditSeq: entry.seq, expenseID: claim.expenseID, round: round + 1, move: .resubmitted, actor: actor,
                at: at, text: changed.isEmpty ? nil : changed.joined(separator: ", "))
        }
        return try show(id)
    }

    // MARK: - Reopen

    /// The roles that may reopen any approved claim and pay claims.
    public static let financeRoles: Set<String> = ["finance"]

    /// Reopens claim `id`, approved and not yet paid: a new round under the claim's policy version, every step
    /// pending again, the claim's status back to `submitted`. By someone who decided a step of its last round
    /// (or on whose behalf it was decided), or a finance person; a reason is required.
    public func reopen(_ id: String, reason: String) throws -> ClaimDetail {
        guard
            let reason = try Self.moveText(
                reason, option: "--reason", required: "reopening a claim needs a reason (--reason TEXT)")
        else { throw ApprovalError.invalid("reopening a claim needs a reason (--reason TEXT)") }
        try routePending()
        let at = timestamp()
        try store.write { connection in
            let (directory, identity) = try acting(connection)
            let actor = identity.login
            try routePending(connection, directory: directory, actor: actor, at: at)
            let claims = ClaimStore(connection)
            let (claim, state, round, version) = try claimUnderApproval(claims, id)
            if let payment = try MoveStore(connection).payment(expenseID: claim.expenseID) {
                throw ApprovalError(
                    .alreadyDecided,
                    "claim \(id) was paid in batch \(payment.batch) at \(payment.paidAt); paid is final and cannot "
                        + "be reopened")
            }
            guard state == .approved, claim.hasStatus(.approved) else {
                throw ApprovalError.refused(
                    "claim \(id) is \(state.rawValue); only an approved claim that is not yet paid can be reopened")
            }
            let steps = try claims.steps(expenseID: claim.expenseID, round: round)
            let deciders = Set(steps.flatMap { [$0.decidedBy, $0.onBehalfOf].compactMap { $0 } })
            guard deciders.contains(actor) || Self.financeRoles.contains(identity.person.role) else {
                throw ApprovalError.refused(
                    "claim \(id) may be reopened by those who approved it (\(deciders.sorted().joined(separator: ", "))) "
                        + "or finance; \(identity.person.label) is neither")
            }
            guard let stored = try claims.policyVersion(version) else {
                throw ApprovalError.notFound("policy version \(version) of claim \(id) is missing from the store")
            }
            let computed = try computeRoute(
                connection, claim: claim, policy: try ApprovalPolicy.parse(stored.text), directory: directory)
            let entry = try save(
                connection, route: computed, claim: claim, version: version, actor: actor,
                action: MoveKind.reopened.action, at: at, extra: ["reason": .string(reason)])
            try MoveStore(connection).insertMove(
                auditSeq: entry.seq, expenseID: claim.expenseID, round: round + 1, move: .reopened, actor: actor,
                at: at, text: reason)
        }
        return try show(id)
    }

    // MARK: - Comments

    /// Adds a comment to claim `id` (anyone in the directory), kept in its history.
    public func comment(_ id: String, text: String) throws -> MoveOutcome {
        guard let text = try Self.moveText(text, option: "comment", required: "a comment cannot be blank")
        else { throw ApprovalError.invalid("a comment cannot be blank") }
        try routePending()
        let at = timestamp()
        return try store.write { connection in
            let (_, actor) = try actingAfterRouting(connection, at: at)
            let (claim, state, round, _) = try claimUnderApproval(ClaimStore(connection), id)
            let entry = try audit(
                connection, actor: actor, action: MoveKind.commented.action, subject: claim.subject,
                payload: ["round": .int(Int64(round)), "comment": .string(text)], at: at)
            try MoveStore(connection).insertMove(
                auditSeq: entry.seq, expenseID: claim.expenseID, round: round, move: .commented, actor: actor, at: at,
                text: text)
            return MoveOutcome(
                id: id, move: MoveKind.commented.rawValue, round: round, claimState: state.rawValue,
                status: claim.status, auditSeq: entry.seq)
        }
    }

    // MARK: - Mine

    /// The claims the acting person submitted, newest first, with where each one is.
    public func mine() throws -> [MineItem] {
        try routePending()
        return try store.read { connection in
            let (directory, identity) = try acting(connection)
            let claims = ClaimStore(connection)
            let moves = MoveStore(connection)
            var items: [MineItem] = []
            for claim in try claims.claims(where: "s.login = ?", [.text(identity.login)]).reversed() {
                var item = MineItem(
                    id: claim.number, submittedOn: claim.submittedOn ?? claim.spentOn, amountCents: claim.amountCents,
                    amount: ImportValue.moneyText(cents: claim.amountCents), category: claim.category,
                    description: claim.description, state: claim.state?.rawValue ?? ClaimDetail.notUnderApproval,
                    status: claim.status, round: claim.round, whereItIs: "", flags: [])
                if let round = claim.round, let state = claim.state {
                    let steps = try claims.steps(expenseID: claim.expenseID, round: round)
                    item.steps = steps.count
                    let back = try moves.sentBack(expenseID: claim.expenseID, round: round)
                    if claim.hasStatus(.withdrawn) {
                        item.whereItIs = "withdrawn"
                    } else if let payment = try moves.payment(expenseID: claim.expenseID) {
                        item.batch = payment.batch
                        item.whereItIs = "paid (batch \(payment.batch), \(payment.paidAt.prefix(10)))"
                    } else if state == .pending, let back {
                        item.sentBackBy = back.actor
                        item.sentBackReason = back.text
                        item.whereItIs = "sent back to you by \(back.actor): resubmit it"
                    } else if state == .pending, let current = steps.first(where: { $0.state == .pending }) {
                        item.step = current.position
                        item.waitingFor = current.approver
                        let escalated = try moves.escalation(
                            expenseID: claim.expenseID, round: round, step: current.position)
                        item.escalatedTo = escalated?.to
                        item.whereItIs =
                            "waiting for \(directory.label(current.approver)) (step \(current.position) of "
                            + "\(steps.count))" + (escalated?.to.map { ", escalated to \($0)" } ?? "")
                    } else if state == .approved {
                        item.whereItIs = "approved, not yet paid"
                    } else if state == .unroutable {
                        item.whereItIs = "no complete route: \(claim.problem ?? "")"
                    } else {
                        item.whereItIs = state.rawValue
                    }
                } else {
                    item.whereItIs = claim.hasStatus(.submitted) ? "not routed yet" : claim.status
                }
                item.flags = try moveFlags(connection, claim: claim)
                items.append(item)
            }
            return items
        }
    }
}
