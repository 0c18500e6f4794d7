import Foundation

extension ApprovalDesk {
    // MARK: - Deciding

    /// Approves the acting person's step of claim `id`.
    /// - Throws: ``ApprovalError``: `notFound`; `alreadyDecided` naming who decided and when; `refused`
    ///   for separation of duties, a step that is not theirs (yet), or a `stop` budget it would overrun.
    public func approve(_ id: String, comment: String? = nil) throws -> DecisionOutcome {
        try ClaimBounds.checkText(comment, option: "--comment", maxLength: ClaimBounds.remarkLength)
        return try decide(id, approve: true, text: comment.map(ValueParser.trimmed).flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Rejects claim `id` at the acting person's step; `reason` is required.
    public func reject(_ id: String, reason: String) throws -> DecisionOutcome {
        try ClaimBounds.checkText(reason, option: "--reason", maxLength: ClaimBounds.remarkLength)
        let reason = ValueParser.trimmed(reason)
        guard !reason.isEmpty else { throw ApprovalError.invalid("a rejection needs a reason (--reason TEXT)") }
        return try decide(id, approve: false, text: reason)
    }

    /// Records the acting person's decision on the current step of claim `id`: the claim's state, its step,
    /// separation of duties and the budgets are checked, then the audit entry and the decision are written in
    /// one transaction.
    private func decide(_ id: String, approve: Bool, text: String?) throws -> DecisionOutcome {
        // Routing first, in its own transaction, so a refused decision does not undo it.
        try routePending()
        let at = timestamp()
        let today = self.today()
        return try store.write { connection in
            let (directory, actor) = try actingAfterRouting(connection, at: at)
            let claims = ClaimStore(connection)
            guard let claim = try claims.claim(number: id) else {
                throw ApprovalError.notFound("no claim \(id) in the store (expense_no)")
            }
            guard let state = claim.state, let round = claim.round, let version = claim.policyVersion else {
                if claim.hasStatus(.submitted) || claim.hasStatus(.withdrawn) {
                    throw ApprovalError.refused("claim \(id) is not routed yet: no approval policy is loaded")
                }
                throw ApprovalError(.alreadyDecided, "claim \(id) was \(claim.status) before it came under approval")
            }
            let pending = try pendingStep(
                connection, claim: claim, state: state, round: round, version: version, directory: directory,
                actor: actor, verb: nil)
            let (current, steps, policy, delegations) =
                (pending.current, pending.steps, pending.policy, pending.delegations)
            func who(_ s: StepRow) -> String {
                let by = directory.label(s.decidedBy ?? "?")
                return s.onBehalfOf.map { "\(by) on behalf of \(directory.label($0))" } ?? by
            }
            let facts = claim.facts(submitter: claim.submitter ?? "")
            let approvedBy = Set(steps.filter { $0.state == .approved }.compactMap(\.decidedBy))
            if let refusal = SeparationOfDuties.check(
                actor: actor, step: current.routeStep, claim: facts, delegations: delegations, on: today,
                alreadyApproved: approvedBy, dualControlAboveCents: policy.controls.dualControlAboveCents,
                people: directory.people)
            {
                switch refusal.reason {
                case .notRoutedToYou, .delegationCancelled, .delegationEnded, .delegationNotStarted, .noDecisionDate,
                    .delegationUnreadable:
                    // Is it one of theirs that someone decided a moment ago, or one that comes later?
                    let mine = steps.filter { s in
                        s.approver == actor
                            || SeparationOfDuties.check(
                                actor: actor, step: s.routeStep, claim: facts, delegations: delegations, on: today,
                                dualControlAboveCents: nil) == nil
                    }
                    if let decided = mine.last(where: { $0.state != .pending }),
                        !mine.contains(where: { $0.state == .pending })
                    {
                        throw ApprovalError(
                            .alreadyDecided,
                            "step \(decided.position) of claim \(id) was already "
                                + "\(decided.state.rawValue) by \(who(decided)) at \(decided.decidedAt ?? "?")")
                    }
                    if let later = mine.first(where: { $0.state == .pending }) {
                        throw ApprovalError.refused(
                            "claim \(id) waits for step \(current.position) "
                                + "(\(directory.label(current.approver))) before your step \(later.position)")
                    }
                    throw ApprovalError.refused("claim \(id): \(refusal.message)")
                default:
                    throw ApprovalError.refused("claim \(id): \(refusal.message) (separation of duties)")
                }
            }

            var warnings: [String] = []
            if approve {
                if let missing = try receiptProblem(connection, claim: claim, policy: policy) {
                    throw ApprovalError.refused(missing)
                }
                let positions = try claims.budgetPositions(for: claim.budgetClaim(directory))
                for position in positions where position.wouldOverrun && position.control == .stop {
                    throw ApprovalError.refused(
                        "claim \(id) would overrun budget \(position.sentence); "
                            + "it stays pending")
                }
                warnings = positions.filter { $0.wouldOverrun && $0.control == .warn }.map {
                    "over budget: \($0.sentence)"
                }
                if positions.isEmpty, claim.kind == .expense {
                    let words = "no \(claim.category) budget covers \(claim.spentOn) for this claim"
                    switch policy.controls.budgetControl {
                    case .stop:
                        throw ApprovalError.refused("claim \(id): \(words), and the policy stops unbudgeted claims")
                    case .warn:
                        warnings.append("unbudgeted: \(words)")
                    case .ignore:
                        break
                    }
                }
            }

            let decision: StepState = approve ? .approved : .rejected
            let onBehalfOf = current.approver == actor ? nil : current.approver
            let remaining = steps.filter { $0.state == .pending && $0.id != current.id }
            let claimState: ClaimState = !approve ? .rejected : remaining.isEmpty ? .approved : .pending
            var payload: [String: AuditValue] = [
                "step": .int(Int64(current.position)), "steps": .int(Int64(steps.count)), "round": .int(Int64(round)),
                "approver": .string(current.approver), "claim_state": .string(claimState.rawValue),
                "amount_cents": .cents(claim.amountCents), "policy_version": .int(version),
            ]
            if let onBehalfOf { payload["on_behalf_of"] = .string(onBehalfOf) }
            if let text { payload[approve ? "comment" : "reason"] = .string(text) }
            if !warnings.isEmpty { payload["flags"] = .array(warnings.map { .string($0) }) }
            let entry = try audit(
                connection, actor: actor, action: approve ? "step.approved" : "step.rejected",
                subject: claim.subject, payload: payload, at: at)
            guard
                try claims.recordDecision(
                    stepID: current.id, decision: decision, actor: actor, onBehalfOf: onBehalfOf, at: at, text: text,
                    warnings: warnings, auditSeq: entry.seq)
            else {
                throw ApprovalError(
                    .alreadyDecided, "step \(current.position) of claim \(id) was decided by someone else")
            }
            if claimState != .pending {
                try claims.setDecided(expenseID: claim.expenseID, state: claimState)
            }
            return DecisionOutcome(
                id: id, decision: decision.rawValue, step: current.position, steps: steps.count,
                onBehalfOf: onBehalfOf, claimState: claimState.rawValue,
                nextApprover: claimState == .pending ? remaining.first?.approver : nil,
                warnings: warnings, auditSeq: entry.seq)
        }
    }

    // MARK: - Delegation

    /// The roles a delegate may have: those whose people approve claims.
    public static let delegateRoles: Set<String> = ["manager", "finance", "admin"]

    /// Hands the acting person's steps to `login` from `starts` to `ends` (inclusive), audited.
    public func delegate(to login: String, from starts: CivilDate, until ends: CivilDate) throws -> Delegation {
        guard ends >= starts else {
            throw ApprovalError.invalid("--until \(ends.iso) is before --from \(starts.iso)")
        }
        guard ends >= today() else { throw ApprovalError.invalid("--until \(ends.iso) is already past") }
        let at = timestamp()
        return try store.write { connection in
            let (directory, identity) = try acting(connection)
            let actor = identity.login
            guard login != actor else { throw ApprovalError.invalid("--to \(login): you cannot delegate to yourself") }
            guard let person = directory.people[login] else {
                throw ApprovalError.notFound("--to \(login): not in the people directory")
            }
            guard person.active else { throw ApprovalError.invalid("--to \(person.label) is marked inactive") }
            guard Self.delegateRoles.contains(person.role) else {
                throw ApprovalError.invalid(
                    "--to \(person.label) is \(person.role); only a manager, finance or admin may act "
                        + "on approval steps")
            }
            let id = try ClaimStore(connection).insertDelegation(
                from: actor, to: login, starts: starts, ends: ends, at: at)
            try audit(
                connection, actor: actor, action: "delegation.created", subject: "delegation:\(id)",
                payload: [
                    "from": .string(actor), "to": .string(login), "starts_on": .string(starts.iso),
                    "ends_on": .string(ends.iso),
                ], at: at)
            return Delegation(from: actor, to: login, starts: starts.iso, ends: ends.iso)
        }
    }

    /// Cancels the acting person's delegations that have not ended; returns them.
    /// - Throws: ``ApprovalError`` (`notFound`) when there is none.
    public func cancelDelegations() throws -> [Delegation] {
        let at = timestamp()
        let today = self.today().iso
        return try store.write { connection in
            let actor = try acting(connection).actor.login
            let claims = ClaimStore(connection)
            let inForce = try claims.delegationsInForce(from: actor, today: today)
            guard !inForce.isEmpty else { throw ApprovalError.notFound("you have no delegation in force to cancel") }
            var cancelled: [Delegation] = []
            for (id, delegation) in inForce {
                try claims.cancelDelegation(id: id, at: at)
                var d = delegation
                d.cancelled = true
                try audit(
                    connection, actor: actor, action: "delegation.cancelled", subject: "delegation:\(id)",
                    payload: [
                        "from": .string(actor), "to": .string(d.to), "starts_on": .string(d.starts),
                        "ends_on": .string(d.ends),
                    ], at: at)
                cancelled.append(d)
            }
            return cancelled
        }
    }
}
