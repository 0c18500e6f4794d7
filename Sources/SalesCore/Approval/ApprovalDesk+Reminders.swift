import Foundation

extension ApprovalDesk {
    /// Lists, per person, the steps waiting longer than the policy's `[reminders] after_days`, and escalates
    /// each step waiting more than `after_days + escalate_after_days` to the approver's manager (the first
    /// active one up the chain who is neither the submitter nor the payee): the manager may then act on the
    /// step on the approver's behalf, as a delegate would, and the escalation is a `step.escalated` audit entry.
    /// A step escalates once. Days are whole days from when the step began to wait (its round was routed, or
    /// the step before it decided) to the desk's clock. Anyone in the people directory may run it (a cron job).
    /// The rules are those of the policy in force; without a `[reminders]` section nothing is listed.
    public func remind() throws -> ReminderRun {
        try routePending()
        let at = timestamp()
        let now = clock.now()
        return try store.write { connection in
            let (directory, identity) = try acting(connection)
            try routePending(connection, directory: directory, actor: identity.login, at: at)
            let claims = ClaimStore(connection)
            let moves = MoveStore(connection)
            guard let current = try claims.currentPolicy(),
                let rules = try ApprovalPolicy.parse(current.text).reminders
            else {
                return ReminderRun(
                    afterDays: nil, escalateAfterDays: nil, policyVersion: nil, people: [], escalated: [],
                    notEscalated: [])
            }
            var byPerson: [String: [ReminderItem]] = [:]
            var escalated: [ReminderItem] = []
            var notEscalated: [String] = []
            let pending = try claims.claims(
                where: """
                    c.state = 'pending' AND e.status = 'submitted' AND NOT EXISTS (
                        SELECT 1 FROM approval_move m
                        WHERE m.expense_id = c.expense_id AND m.round = c.round AND m.move = 'sent_back')
                    """, [])
            for claim in pending {
                guard let round = claim.round else { continue }
                let steps = try claims.steps(expenseID: claim.expenseID, round: round)
                guard let step = steps.first(where: { $0.state == .pending }) else { continue }
                let routedAt =
                    try connection.scalar(
                        "SELECT routed_at FROM approval_claim WHERE expense_id = ?", [.integer(claim.expenseID)])?.text
                    ?? at
                let since = ([routedAt] + steps.compactMap(\.decidedAt)).max() ?? routedAt
                guard let sinceDate = try? Date(since, strategy: .iso8601) else { continue }
                let days = Int((now.timeIntervalSince(sinceDate) / 86_400).rounded(.down))
                guard days > rules.afterDays else { continue }
                var item = ReminderItem(
                    id: claim.number, step: step.position, steps: steps.count, approver: step.approver,
                    amountCents: claim.amountCents, amount: ImportValue.moneyText(cents: claim.amountCents),
                    category: claim.category, submitter: claim.submitter ?? "",
                    submitterName: directory.people[claim.submitter ?? ""]?.name ?? "", waitingSince: since,
                    waitingDays: days, escalatedNow: false)
                item.escalatedTo = try moves.escalation(expenseID: claim.expenseID, round: round, step: step.position)?
                    .to
                if item.escalatedTo == nil, let further = rules.escalateAfterDays, days > rules.afterDays + further {
                    if let manager = Self.escalationTarget(of: step.approver, claim: claim, directory: directory) {
                        let entry = try audit(
                            connection, actor: identity.login, action: MoveKind.escalated.action,
                            subject: claim.subject,
                            payload: [
                                "round": .int(Int64(round)), "step": .int(Int64(step.position)),
                                "approver": .string(step.approver), "to": .string(manager),
                                "waiting_days": .int(Int64(days)), "policy_version": .int(current.version),
                            ], at: at)
                        try moves.insertMove(
                            auditSeq: entry.seq, expenseID: claim.expenseID, round: round, move: .escalated,
                            actor: identity.login, at: at, step: step.position, to: manager)
                        item.escalatedTo = manager
                        item.escalatedNow = true
                        escalated.append(item)
                    } else {
                        notEscalated.append(
                            "claim \(claim.number) step \(step.position): nobody above \(step.approver) may act on it")
                    }
                }
                byPerson[step.approver, default: []].append(item)
                if let to = item.escalatedTo {
                    var theirs = item
                    theirs.onBehalfOf = step.approver
                    byPerson[to, default: []].append(theirs)
                }
            }
            let people = byPerson.keys.sorted().map { login in
                ApproverReminders(
                    login: login, name: directory.people[login]?.name ?? "",
                    steps: byPerson[login]!.sorted { ($1.waitingDays, $0.id) < ($0.waitingDays, $1.id) })
            }
            return ReminderRun(
                afterDays: rules.afterDays, escalateAfterDays: rules.escalateAfterDays, policyVersion: current.version,
                people: people, escalated: escalated, notEscalated: notEscalated)
        }
    }

    /// Whom a step of `approver` escalates to: their nearest active manager who is neither the claim's submitter
    /// nor its payee, or `nil` when the chain has none (or loops).
    static func escalationTarget(of approver: String, claim: ClaimRow, directory: Directory) -> String? {
        var seen: Set<String> = [approver]
        var login = directory.people[approver]?.reportsTo
        while let next = login, seen.insert(next).inserted {
            if let person = directory.people[next], person.active, next != claim.submitter, next != claim.payee {
                return next
            }
            login = directory.people[next]?.reportsTo
        }
        return nil
    }
}
