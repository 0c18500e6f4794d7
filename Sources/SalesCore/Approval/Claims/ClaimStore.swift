import Foundation

/// The SQL of approval: reading and writing claims, route steps, decisions, delegations, policy versions
/// and budget positions, on one connection inside the desk's transaction.
///
/// It decides nothing: ``ApprovalDesk`` resolves the identity, applies the policy and separation of duties,
/// and writes the audit entry in the same transaction. Stored states are the text of ``ClaimState``,
/// ``StepState`` and ``BudgetControl``; a value the schema does not allow (written past its `CHECK`s) is
/// refused with an ``ApprovalError`` naming the table and row, not guessed at.
struct ClaimStore {
    let connection: Connection

    init(_ connection: Connection) { self.connection = connection }

    // MARK: - Policy versions

    /// The policy in force (the latest version); `nil` when none was loaded.
    func currentPolicy() throws -> PolicyVersion? {
        guard let latest = try connection.scalar("SELECT max(version) FROM approval_policy")?.int64 else { return nil }
        return try policyVersion(latest)
    }

    /// Policy version `version`, if stored.
    func policyVersion(_ version: Int64) throws -> PolicyVersion? {
        let r = try connection.prepare(
            """
            SELECT version, name, policy_toml, file_name, file_sha256, loaded_at, loaded_by
            FROM approval_policy WHERE version = ?
            """)
        try r.bind(version, at: 1)
        guard try r.step() else { return nil }
        return try PolicyVersion(
            version: r.int64("version"), name: r.text("name") ?? "",
            text: r.text("policy_toml") ?? "", fileName: r.text("file_name") ?? "",
            fileSHA256: r.text("file_sha256") ?? "", loadedAt: r.text("loaded_at") ?? "",
            loadedBy: r.text("loaded_by") ?? "")
    }

    /// Stores `policy` as the next version and returns it.
    func insertPolicy(
        name: String, text: String, fileName: String, sha256: String, at: String, by login: String
    )
        throws -> PolicyVersion
    {
        let version =
            (try connection.scalar("SELECT coalesce(max(version), 0) + 1 FROM approval_policy")?.int64) ?? 1
        try connection.execute(
            """
            INSERT INTO approval_policy (version, name, policy_toml, file_name, file_sha256, loaded_at, loaded_by)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .integer(version), .text(name), .text(text), .text(fileName), .text(sha256), .text(at),
                .text(login),
            ])
        return PolicyVersion(
            version: version, name: name, text: text, fileName: fileName, fileSHA256: sha256, loadedAt: at,
            loadedBy: login)
    }

    /// Whether any claim is under approval.
    func hasClaims() throws -> Bool {
        try connection.scalar("SELECT 1 FROM approval_claim LIMIT 1") != nil
    }

    // MARK: - Submitting

    /// The id of the region named `name`.
    func regionID(named name: String) throws -> Int64? {
        try connection.scalar("SELECT id FROM region WHERE name = ?", [.text(name)])?.int64
    }

    /// The id of the customer whose code is `code`.
    func customerID(code: String) throws -> Int64? {
        try connection.scalar("SELECT id FROM customer WHERE code = ?", [.text(code)])?.int64
    }

    /// Up to three customers named `name`, by code.
    func customers(named name: String) throws -> [(id: Int64?, code: String?)] {
        try connection.query(
            "SELECT id, code FROM customer WHERE name = ? ORDER BY code LIMIT 3", [.text(name)]
        ).map { ($0[0].int64, $0[1].text) }
    }

    /// The highest `n` of the claims numbered `<prefix><n>`, or 0.
    func lastClaimNumber(prefix: String) throws -> Int64 {
        try connection.scalar(
            """
            SELECT max(CAST(substr(expense_no, ?2) AS INTEGER)) FROM expense
            WHERE expense_no GLOB ?1 || '[0-9]*'
            """, [.text(prefix), .integer(Int64(prefix.utf8.count + 1))])?.int64 ?? 0
    }

    /// Files a submitted expense; returns its id.
    func insertSubmittedExpense(
        number: String, submitter login: String, submittedOn: CivilDate, submission: ApprovalDesk.Submission,
        description: String, regionID: Int64?, customerID: Int64?
    ) throws -> Int64 {
        let submitterID = try connection.scalar("SELECT id FROM person WHERE login = ?", [.text(login)])?.int64
        try connection.execute(
            """
            INSERT INTO expense (expense_no, submitted_by_id, submitted_on, spent_on, category, amount_cents,
                                 description, region_id, customer_id, campaign, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(number), SQLValue(submitterID), .text(submittedOn.iso), .text(submission.spentOn.iso),
                .text(submission.category), .integer(submission.amountCents), .text(description),
                SQLValue(regionID), SQLValue(customerID), SQLValue(submission.campaign),
                .text(ExpenseStatus.submitted.rawValue),
            ])
        return connection.lastInsertRowID
    }

    // MARK: - Claims

    /// The ids of claims that may need routing: submitted and never routed, changed since routed, or
    /// unroutable so far (tried again, in case the people or the policy changed; recorded only if the
    /// outcome differs). A paid claim is final: it is never routed again.
    static let needingRouteSQL = """
        SELECT e.id FROM expense e LEFT JOIN approval_claim c ON c.expense_id = e.id
        WHERE (c.expense_id IS NULL AND e.status = 'submitted')
           OR (c.state <> 'unroutable' AND (c.amount_cents <> e.amount_cents OR c.category <> e.category
                                            OR c.terms IS NOT \(termsSQL))
               AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.expense_id = e.id))
           OR c.state = 'unroutable'
        """

    /// Whether any claim may need routing.
    func needsRouting() throws -> Bool {
        (try connection.scalar("SELECT EXISTS (\(Self.needingRouteSQL))")?.int64 ?? 0) != 0
    }

    /// The claims that may need routing, oldest first.
    func claimsNeedingRoute() throws -> [ClaimRow] {
        try claims(where: "e.id IN (\(Self.needingRouteSQL))", [])
    }

    /// Claim `number` (`expense_no`).
    func claim(number: String) throws -> ClaimRow? {
        try claims(where: "e.expense_no = ?", [.text(number)]).first
    }

    /// The claim of expense `id`.
    func claim(expenseID: Int64) throws -> ClaimRow? {
        try claims(where: "e.id = ?", [.integer(expenseID)]).first
    }

    /// The expenses matching `condition` (over `expense e`), with their approval state, oldest first.
    func claims(where condition: String, _ arguments: [SQLValue]) throws -> [ClaimRow] {
        var rows: [ClaimRow] = []
        try connection.forEachRow(
            """
            SELECT e.id, e.expense_no, s.login AS submitter, pe.login AS payee, e.amount_cents, e.category,
                   e.spent_on, e.submitted_on, e.status, c.state, c.round, c.policy_version,
                   c.amount_cents AS routed_amount_cents, c.category AS routed_category, c.problem, c.split_note,
                   e.description, rg.name AS region, coalesce(cu.code || ' ' || cu.name, cu.name) AS customer,
                   e.campaign, s.name AS submitter_name, e.batch_id, e.invoice_no, \(Self.kindColumns)
            FROM expense e
            LEFT JOIN approval_claim c ON c.expense_id = e.id
            LEFT JOIN person s ON s.id = e.submitted_by_id
            LEFT JOIN person pe ON pe.id = e.payee_id
            LEFT JOIN region rg ON rg.id = e.region_id
            LEFT JOIN customer cu ON cu.id = e.customer_id
            LEFT JOIN product pr ON pr.id = e.product_id
            WHERE \(condition)
            ORDER BY coalesce(e.submitted_on, e.spent_on), e.expense_no
            """, arguments
        ) { r in
            let number = try r.text("expense_no") ?? ""
            let state = try r.text("state").map {
                try Self.decode($0, as: ClaimState.self, column: "approval_claim.state", row: "claim \(number)")
            }
            var row = try ClaimRow(
                expenseID: r.int64("id"), number: number, submitter: r.text("submitter"),
                payee: r.text("payee"), amountCents: r.int64("amount_cents"), category: r.text("category") ?? "",
                spentOn: r.text("spent_on") ?? "", submittedOn: r.text("submitted_on"),
                status: r.text("status") ?? "",
                state: state, round: r.value("round").int64.map { Int($0) },
                policyVersion: r.value("policy_version").int64,
                routedAmountCents: r.value("routed_amount_cents").int64,
                routedCategory: r.text("routed_category"), problem: r.text("problem"),
                splitNote: r.text("split_note"),
                description: r.text("description"), region: r.text("region"), customer: r.text("customer"),
                campaign: r.text("campaign"), submitterName: r.text("submitter_name"),
                batchID: r.value("batch_id").int64, kind: r.kind(number), terms: r.terms(),
                termsJSON: r.text("terms_json"), routedTerms: r.text("routed_terms"))
            row.invoiceNo = try r.text("invoice_no")
            rows.append(row)
        }
        return rows
    }

    /// The submitter's other claims of the same category within `windowDays` of `claim`, still standing.
    func earlierClaims(of claim: ClaimRow, windowDays: Int) throws -> [ClaimFacts] {
        guard let submitter = claim.submitter else { return [] }
        return try connection.query(
            """
            SELECT e.expense_no, e.amount_cents, e.spent_on, pe.login FROM expense e
            JOIN person s ON s.id = e.submitted_by_id LEFT JOIN person pe ON pe.id = e.payee_id
            WHERE s.login = ?1 AND e.category = ?2 AND e.id <> ?3 AND e.kind = 'expense'
              AND e.status NOT IN ('rejected', 'withdrawn')
              AND e.spent_on BETWEEN date(?4, ?5) AND date(?4, ?6)
            """,
            [
                .text(submitter), .text(claim.category), .integer(claim.expenseID), .text(claim.spentOn),
                .text("-\(windowDays) days"), .text("+\(windowDays) days"),
            ]
        ).compactMap { r in
            guard let date = CivilDate(stored: r[2].text ?? "") else { return nil }
            return ClaimFacts(
                id: r[0].text ?? "", submitter: submitter, payee: r[3].text, amountCents: r[1].int64 ?? 0,
                category: claim.category, date: date)
        }
    }

    // MARK: - Routes

    /// Stores a route as `claim`'s round `round` under policy `version`: the claim's state (`pending`, or
    /// `unroutable` with its `problems`), the split note (also on the pending claims `split` names), the steps
    /// of `plan` when there is no problem, and `expense.status` back to `submitted` when it was anything else
    /// but `withdrawn`.
    func saveRoute(
        claim: ClaimRow, version: Int64, round: Int, state: ClaimState, plan: RoutePlan, problems: [String],
        split: SplitFinding?, at: String
    ) throws {
        try connection.execute(
            """
            INSERT INTO approval_claim (expense_id, policy_version, round, state, amount_cents, category, routed_at,
                                        problem, split_note, terms)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            ON CONFLICT (expense_id) DO UPDATE SET policy_version = ?2, round = ?3, state = ?4, amount_cents = ?5,
                category = ?6, routed_at = ?7, problem = ?8, split_note = ?9, terms = ?10
            """,
            [
                .integer(claim.expenseID), .integer(version), .integer(Int64(round)), .text(state.rawValue),
                .integer(claim.amountCents), .text(claim.category), .text(at),
                problems.isEmpty ? .null : .text(problems.joined(separator: "; ")), SQLValue(split?.sentence),
                SQLValue(claim.termsJSON),
            ])
        // The other pieces of a split are flagged too, while they wait.
        if let split {
            for id in split.relatedIDs {
                try connection.execute(
                    """
                    UPDATE approval_claim SET split_note = ?
                    WHERE split_note IS NULL AND state = 'pending'
                      AND expense_id = (SELECT id FROM expense WHERE expense_no = ?)
                    """, [.text(split.sentence), .text(id)])
            }
        }
        if problems.isEmpty {
            for step in plan.steps {
                let (reason, detail) = StepRow.stored(step.reason)
                try connection.execute(
                    """
                    INSERT INTO approval_step (expense_id, round, position, approver, reason, reason_detail, in_place_of)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .integer(claim.expenseID), .integer(Int64(round)), .integer(Int64(step.index)),
                        .text(step.approver), .text(reason.rawValue), .text(detail), SQLValue(step.inPlaceOf),
                    ])
            }
        }
        if !claim.hasStatus(.submitted) && !claim.hasStatus(.withdrawn) {
            try connection.execute(
                "UPDATE expense SET status = ? WHERE id = ?",
                [.text(ExpenseStatus.submitted.rawValue), .integer(claim.expenseID)])
        }
    }

    /// The steps of round `round` of expense `expenseID`, with their decisions, in route order.
    func steps(expenseID: Int64, round: Int) throws -> [StepRow] {
        var rows: [StepRow] = []
        try connection.forEachRow(
            """
            SELECT s.id, s.position, s.approver, s.reason, s.reason_detail, s.in_place_of, s.state,
                   d.actor, d.on_behalf_of, d.decided_at, d.comment, d.flags
            FROM approval_step s LEFT JOIN approval_decision d ON d.step_id = s.id
            WHERE s.expense_id = ? AND s.round = ? ORDER BY s.position
            """, [.integer(expenseID), .integer(Int64(round))]
        ) { r in
            let id = try r.int64("id")
            let state = try Self.decode(
                r.text("state") ?? StepState.pending.rawValue, as: StepState.self, column: "approval_step.state",
                row: "id \(id)")
            rows.append(
                try StepRow(
                    id: id, position: r.int("position"), approver: r.text("approver") ?? "",
                    reason: StepReason(rawValue: r.text("reason") ?? "") ?? .dualControl,
                    reasonDetail: r.text("reason_detail") ?? "{}",
                    inPlaceOf: r.text("in_place_of"), state: state, decidedBy: r.text("actor"),
                    onBehalfOf: r.text("on_behalf_of"), decidedAt: r.text("decided_at"), comment: r.text("comment"),
                    flags: r.text("flags")))
        }
        return rows
    }

    // MARK: - Decisions

    /// Records `decision` on step `stepID` (the decision row first: its `step_id` is unique), then moves the
    /// step from `pending` to it, which the step's trigger accepts only when it matches that decision.
    /// Returns `false`, changing nothing further, when the step was no longer pending.
    func recordDecision(
        stepID: Int64, decision: StepState, actor: String, onBehalfOf: String?, at: String, text: String?,
        warnings: [String], auditSeq: Int64
    ) throws -> Bool {
        try connection.execute(
            """
            INSERT INTO approval_decision (step_id, decision, actor, on_behalf_of, decided_at, comment, flags, audit_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .integer(stepID), .text(decision.rawValue), .text(actor), SQLValue(onBehalfOf), .text(at),
                SQLValue(text),
                warnings.isEmpty ? .null : .text(AuditValue.array(warnings.map { .string($0) }).canonicalJSON),
                .integer(auditSeq),
            ])
        try connection.execute(
            "UPDATE approval_step SET state = ? WHERE id = ? AND state = 'pending'",
            [.text(decision.rawValue), .integer(stepID)])
        return connection.changes == 1
    }

    /// Sets a decided claim's state, and its expense's status to the same word.
    func setDecided(expenseID: Int64, state: ClaimState) throws {
        try connection.execute(
            "UPDATE approval_claim SET state = ? WHERE expense_id = ?", [.text(state.rawValue), .integer(expenseID)])
        try connection.execute(
            "UPDATE expense SET status = ? WHERE id = ?", [.text(state.rawValue), .integer(expenseID)])
    }

    /// The first pending step of each pending claim routed, delegated (in force on `today`) or escalated to
    /// `login`, with its route's length, oldest claim first; claims sent back to their submitter wait for them.
    func waiting(
        for login: String, today: String
    ) throws -> [(expenseID: Int64, step: Int, steps: Int, approver: String)] {
        var waiting: [(expenseID: Int64, step: Int, steps: Int, approver: String)] = []
        try connection.forEachRow(
            """
            SELECT c.expense_id, st.position, st.approver,
                   (SELECT count(*) FROM approval_step a WHERE a.expense_id = c.expense_id AND a.round = c.round)
            FROM approval_claim c
            JOIN expense e ON e.id = c.expense_id
            JOIN approval_step st ON st.expense_id = c.expense_id AND st.round = c.round AND st.state = 'pending'
            WHERE c.state = 'pending' AND e.status = 'submitted'
              AND NOT EXISTS (SELECT 1 FROM approval_move m
                              WHERE m.expense_id = c.expense_id AND m.round = c.round AND m.move = 'sent_back')
              AND st.position = (SELECT min(position) FROM approval_step p
                                 WHERE p.expense_id = c.expense_id AND p.round = c.round AND p.state = 'pending')
              AND (st.approver = ?1 OR st.approver IN (
                    SELECT from_login FROM approval_delegation
                    WHERE to_login = ?1 AND cancelled_at IS NULL AND starts_on <= ?2 AND ends_on >= ?2)
                   OR EXISTS (SELECT 1 FROM approval_move m
                              WHERE m.expense_id = c.expense_id AND m.round = c.round AND m.move = 'escalated'
                                AND m.step = st.position AND m.to_login = ?1))
            ORDER BY coalesce(e.submitted_on, e.spent_on), e.expense_no
            """, [.text(login), .text(today)]
        ) { row in
            waiting.append((row.int64(at: 0), row.int(at: 1), row.int(at: 3), row.text(at: 2) ?? ""))
        }
        return waiting
    }

    // MARK: - Delegations

    /// Every delegation to `login`, cancelled or not.
    func delegations(to login: String) throws -> [Delegation] {
        try connection.query(
            """
            SELECT from_login, to_login, starts_on, ends_on, cancelled_at IS NOT NULL FROM approval_delegation
            WHERE to_login = ?
            """, [.text(login)]
        ).map {
            Delegation(
                from: $0[0].text ?? "", to: $0[1].text ?? "", starts: $0[2].text ?? "", ends: $0[3].text ?? "",
                cancelled: $0[4].int64 == 1)
        }
    }

    /// Stores a delegation; returns its id.
    func insertDelegation(from: String, to: String, starts: CivilDate, ends: CivilDate, at: String) throws -> Int64 {
        try connection.execute(
            """
            INSERT INTO approval_delegation (from_login, to_login, starts_on, ends_on, created_at)
            VALUES (?, ?, ?, ?, ?)
            """, [.text(from), .text(to), .text(starts.iso), .text(ends.iso), .text(at)])
        return connection.lastInsertRowID
    }

    /// `login`'s delegations not cancelled that end on or after `today`, by id.
    func delegationsInForce(from login: String, today: String) throws -> [(id: Int64, delegation: Delegation)] {
        try connection.query(
            """
            SELECT id, to_login, starts_on, ends_on FROM approval_delegation
            WHERE from_login = ? AND cancelled_at IS NULL AND ends_on >= ? ORDER BY id
            """, [.text(login), .text(today)]
        ).map { row in
            (
                row[0].int64 ?? 0,
                Delegation(
                    from: login, to: row[1].text ?? "", starts: row[2].text ?? "", ends: row[3].text ?? "",
                    cancelled: false)
            )
        }
    }

    /// Marks delegation `id` cancelled at `at`.
    func cancelDelegation(id: Int64, at: String) throws {
        try connection.execute(
            "UPDATE approval_delegation SET cancelled_at = ? WHERE id = ?", [.text(at), .integer(id)])
    }

    // MARK: - Budgets

    /// The positions of every budget `claim` draws on, narrowest scope first (see ``BudgetClaim``).
    func budgetPositions(for claim: BudgetClaim) throws -> [BudgetPosition] {
        // Budgets are for expense claims; contracts and price exceptions draw on none.
        let kind = try connection.scalar("SELECT kind FROM expense WHERE id = ?", [.integer(claim.expenseID)])?.text
        guard kind == nil || kind == DocumentKind.expense.rawValue else { return [] }
        var budgets: [(BudgetPosition, starts: String, ends: String)] = []
        try connection.forEachRow(
            """
            SELECT id, scope, scope_key, period, control, amount_cents, starts_on, ends_on FROM budget
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
            let control = try Self.decode(
                row.text("control") ?? BudgetControl.warn.rawValue, as: BudgetControl.self,
                column: "budget.control", row: "id \(try row.int64("id"))")
            let position = try BudgetPosition(
                scope: row.text("scope") ?? "", scopeKey: row.text("scope_key") ?? "", category: claim.category,
                period: row.text("period") ?? "", control: control,
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
            // Added up here with checked arithmetic (SQLite's sum() fails the whole query on overflow), and
            // only amounts within the ceiling of one claim: a row beyond it is refused by name.
            var amounts: [Int64] = []
            try connection.forEachRow(
                """
                SELECT e.amount_cents, e.id, e.expense_no FROM expense e
                LEFT JOIN person s ON s.id = e.submitted_by_id
                LEFT JOIN region r ON r.id = e.region_id
                LEFT JOIN region sr ON sr.id = s.region_id
                WHERE e.category = ?1 AND e.spent_on BETWEEN ?2 AND ?3 AND e.status IN ('approved', 'paid')
                  AND e.kind = 'expense'
                  AND e.id <> ?4 \(scopeFilter)
                """, arguments
            ) { row in
                let cents = row.int64(at: 0)
                if let problem = ClaimBounds.storedAmountProblem(
                    cents, row: row.int64(at: 1), number: row.text(at: 2) ?? "")
                {
                    throw ApprovalError.invalid("budget \(position.name): " + problem)
                }
                amounts.append(cents)
            }
            position.approvedCents = ClaimBounds.checkedSum(amounts) ?? Int64.max
            return position
        }
    }

    // MARK: - Stored words

    /// The case of `Value` stored as `text` in `column` of `row`.
    /// - Throws: ``ApprovalError`` (`invalid`) naming the column, the row and the words allowed, for text the
    ///   schema's `CHECK` does not allow (a row written past it).
    static func decode<Value: RawRepresentable & CaseIterable>(
        _ text: String, as type: Value.Type, column: String, row: String
    ) throws -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: text) else {
            throw ApprovalError.invalid(
                "\(column) of \(row) is \"\(text)\", which is none of "
                    + Value.allCases.map(\.rawValue).joined(separator: ", ")
                    + "; the store was edited past its checks")
        }
        return value
    }
}
