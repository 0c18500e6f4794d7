import Foundation

extension ApprovalDesk {
    // MARK: - Reading

    /// What waits for the acting person: claims whose next step is routed or delegated to them, oldest first.
    public func queue() throws -> [QueueItem] {
        try routePending()
        let day = self.today()
        let today = day.iso
        return try store.read { connection in
            let (directory, identity) = try acting(connection)
            let actor = identity.login
            let claims = ClaimStore(connection)
            let waiting = try claims.waiting(for: actor, today: today)
            var items: [QueueItem] = []
            let delegations = try claims.delegations(to: actor)
            var policies: [Int64: ApprovalPolicy] = [:]
            for w in waiting {
                guard let claim = try claims.claim(expenseID: w.expenseID),
                    let round = claim.round, let version = claim.policyVersion
                else { continue }
                // Only what they may decide: not their own claims, nor a second step above dual control.
                if policies[version] == nil, let stored = try claims.policyVersion(version) {
                    policies[version] = try ApprovalPolicy.parse(stored.text)
                }
                let steps = try claims.steps(expenseID: claim.expenseID, round: round)
                guard let step = steps.first(where: { $0.position == w.step }) else { continue }
                let escalations = try escalationDelegations(connection, claim: claim, round: round, step: step)
                let refusal = SeparationOfDuties.check(
                    actor: actor, step: step.routeStep, claim: claim.facts(submitter: claim.submitter ?? ""),
                    delegations: delegations + escalations, on: day,
                    alreadyApproved: Set(steps.filter { $0.state == .approved }.compactMap(\.decidedBy)),
                    dualControlAboveCents: policies[version]?.controls.dualControlAboveCents)
                guard refusal == nil else { continue }
                let budgets = try claims.budgetPositions(for: claim.budgetClaim(directory))
                var item =
                    QueueItem(
                        id: claim.number, submittedOn: claim.submittedOn ?? claim.spentOn,
                        amountCents: claim.amountCents,
                        amount: ImportValue.moneyText(cents: claim.amountCents), category: claim.category,
                        submitter: claim.submitter ?? "",
                        submitterName: directory.people[claim.submitter ?? ""]?.name ?? "",
                        description: claim.description, step: w.step, steps: w.steps,
                        onBehalfOf: w.approver == actor ? nil : w.approver, budgets: budgets,
                        flags: Self.flags(claim: claim, budgets: budgets) + (try moveFlags(connection, claim: claim)))
                item.kind = claim.kind.rawValue
                items.append(item)
            }
            return items
        }
    }

    /// Claim `id`: its facts, route, budget position, flags and history.
    public func show(_ id: String) throws -> ClaimDetail {
        try routePending()
        return try store.read { connection in
            let (directory, _) = try acting(connection)
            let claims = ClaimStore(connection)
            guard let claim = try claims.claim(number: id) else {
                throw ApprovalError.notFound("no claim \(id) in the store (expense_no)")
            }
            var steps: [StepView] = []
            var earlier: [StepView] = []
            if let round = claim.round {
                for r in 1...round {
                    var views = try claims.steps(expenseID: claim.expenseID, round: r).map {
                        $0.view(directory)
                    }
                    // Steps nobody will decide: after the claim was decided, or in a round a change replaced.
                    let closed =
                        r < round ? StepState.superseded : claim.state?.isDecided == true ? StepState.notReached : nil
                    if let closed {
                        for i in views.indices where views[i].state == StepState.pending.rawValue {
                            views[i].state = closed
                        }
                    }
                    if r == round { steps = views } else { earlier += views }
                }
            }
            let budgets = try claims.budgetPositions(for: claim.budgetClaim(directory))
            var flags = Self.flags(claim: claim, budgets: budgets) + (try moveFlags(connection, claim: claim))
            if let problem = claim.problem { flags.insert("no complete route: \(problem)", at: 0) }
            let policy = try claim.policyVersion.flatMap { try claims.policyVersion($0) }
            let history = try AuditLog.entries(connection, subject: claim.subject).map {
                HistoryEntry(seq: $0.seq, at: $0.at, actor: $0.actor, action: $0.action, details: $0.payload)
            }
            var detail = ClaimDetail(
                id: claim.number, state: claim.state?.rawValue ?? ClaimDetail.notUnderApproval, status: claim.status,
                submitter: claim.submitter, submitterName: claim.submitter.flatMap { directory.people[$0]?.name },
                payee: claim.payee, amountCents: claim.amountCents,
                amount: ImportValue.moneyText(cents: claim.amountCents),
                category: claim.category, spentOn: claim.spentOn, submittedOn: claim.submittedOn,
                description: claim.description, region: claim.region, customer: claim.customer,
                campaign: claim.campaign,
                policyVersion: claim.policyVersion, policyName: policy?.name, round: claim.round, steps: steps,
                earlierSteps: earlier, budgets: budgets, flags: flags, history: history)
            try addMoves(connection, claim: claim, to: &detail)
            detail.kind = claim.kind.rawValue
            detail.terms = claim.terms
            detail.discount = claim.terms?.discountText(amountCents: claim.amountCents)
            return detail
        }
    }

    static func flags(claim: ClaimRow, budgets: [BudgetPosition]) -> [String] {
        var flags: [String] = []
        for b in budgets where b.wouldOverrun && b.control != .ignore {
            flags.append((b.control == .stop ? "budget stop: " : "over budget: ") + b.sentence)
        }
        if let split = claim.splitNote { flags.append("split suspicion: " + split) }
        return flags
    }
}
