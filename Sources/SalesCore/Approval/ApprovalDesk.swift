import Crypto
import Foundation

/// Expense approval on one store: policy, submission, routing, decisions, delegation and the audit log.
///
/// Every state change runs in one ``Store/write(_:)`` transaction (`BEGIN IMMEDIATE`, retried while
/// another process holds the lock) together with the audit entry that records it, so either both are
/// stored or neither is. Claims that arrived by import are routed by the first command that writes
/// after them, under the policy then in force; a claim whose amount or category changed after it was
/// routed is routed again (a new round, under the policy version it was first routed under), and its
/// earlier decisions stay in its history.
public struct ApprovalDesk {
    /// The store.
    public let store: Store
    /// The operating-system account running the process.
    public let account: String
    /// The process environment (`$SALES_USER` is read from it in a training store).
    public let environment: [String: String]
    /// The clock: decision times, and today's date (in its time zone) for delegations and submissions.
    public let clock: Clock
    /// The acting account's signing key file (``SigningKeyFile``), read only when an entry must be
    /// signed; `nil` when the process has none (it then cannot write to a store that requires signatures).
    public let keyFile: SigningKeyFile?

    /// A desk on `store` for the process run by `account`, signing with the key in `keyFile`.
    public init(
        store: Store, account: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        keyFile: SigningKeyFile? = nil, timeZone: TimeZone = .current,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.account = account
        self.environment = environment
        self.keyFile = keyFile
        self.clock = Clock(timeZone: timeZone, now: now)
    }

    // MARK: - Identity and initialisation

    /// The acting person. - Throws: ``ApprovalError`` (`refused`) as ``ApprovalIdentity/resolve(_:account:environment:directory:)``.
    public func identity() throws -> ApprovalIdentity {
        try store.read { connection in
            try ApprovalIdentity.resolve(
                connection, account: account, environment: environment,
                directory: Directory.load(connection))
        }
    }

    /// The store's identity mode.
    public func identityMode() throws -> ApprovalIdentity.Mode {
        try store.read { try ApprovalIdentity.mode($0) }
    }

    /// Records how the store takes identities; once only, audited.
    /// - Throws: ``ApprovalError`` (`invalid`) when the store was initialised before.
    public func initialise(trustEnvironment: Bool) throws -> ApprovalIdentity.Mode {
        let mode: ApprovalIdentity.Mode = trustEnvironment ? .trustEnvironment : .operatingSystem
        let at = timestamp()
        return try store.write { connection in
            if try ApprovalIdentity.isInitialised(connection) {
                let current = try ApprovalIdentity.mode(connection)
                throw ApprovalError.invalid(
                    "this store was initialised for approval before (identities: "
                        + "\(Self.describe(current))); that setting cannot be changed")
            }
            if trustEnvironment, try connection.scalar("SELECT 1 FROM approval_claim LIMIT 1") != nil {
                throw ApprovalError.refused(
                    "this store already holds claims under approval; only a store without "
                        + "any can be initialised for training or demo use (--trust-env)")
            }
            // An operating-system store signs every entry from this one on: the account's key becomes the
            // store's root key, with which it enrols the people's keys.
            var payload: [String: AuditValue] = ["identity": .string(mode.rawValue)]
            var signer: Curve25519.Signing.PrivateKey?
            if mode == .operatingSystem {
                guard let key = try loadKey() else {
                    throw ApprovalError.refused(
                        "init signs the store's first entry with your key, and \(account) has none"
                            + (keyFile.map { " in \($0.path)" } ?? "")
                            + ": run `sales-approve keys create` first")
                }
                payload["key"] = .string(PublicKeyText(key.publicKey).description)
                signer = key
            }
            try connection.execute(
                "INSERT INTO store_meta (key, value) VALUES (?, ?)",
                [.text(ApprovalIdentity.metaKey), .text(mode.rawValue)])
            try AuditLog.append(
                connection, actor: account, action: ApprovalIdentity.initialisedAction, subject: nil,
                payload: payload, at: at, signer: signer)
            return mode
        }
    }

    /// `the operating-system account` or `$SALES_USER (training and demo use)`.
    public static func describe(_ mode: ApprovalIdentity.Mode) -> String {
        switch mode {
        case .operatingSystem: "the operating-system account"
        case .trustEnvironment: "$SALES_USER, for training and demo use"
        }
    }

    // MARK: - Policy

    /// The roles that may load a policy.
    public static let policyRoles: Set<String> = ["admin", "finance"]

    /// Loads a policy as the next version, audited. Loading text identical to the policy in force changes
    /// nothing and returns that version with `loaded == false`.
    /// - Throws: ``PolicyError`` for the text; ``ApprovalError`` when the acting person may not load
    ///   policies or the policy names someone not in the directory.
    public func loadPolicy(text: String, fileName: String) throws -> (version: PolicyVersion, loaded: Bool) {
        let policy = try ApprovalPolicy.parse(text)
        let sha = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
        let at = timestamp()
        return try store.write { connection in
            let directory = try Directory.load(connection)
            let actor = try ApprovalIdentity.resolve(
                connection, account: account, environment: environment,
                directory: directory)
            guard Self.policyRoles.contains(actor.person.role) else {
                throw ApprovalError.refused(
                    "loading the approval policy needs the admin or finance role; "
                        + "\(actor.person.label) is \(actor.person.role)")
            }
            var named: [(String, String)] = policy.categories.map { ($0.approver, "[[category]] \($0.category)") }
            if let final = policy.limits.finalApprover { named.append((final, "[limits] final_approver")) }
            if let finance = policy.finance, case .login(let login) = finance.approver {
                named.append((login, "[finance]"))
            }
            for (login, key) in named where directory.people[login] == nil {
                throw ApprovalError.notFound("\(fileName): \(key) approver \(login) is not in the people directory")
            }
            if let current = try Self.currentPolicy(connection), current.fileSHA256 == sha {
                return (current, false)
            }
            let version =
                (try connection.scalar("SELECT coalesce(max(version), 0) + 1 FROM approval_policy")?.int64) ?? 1
            try connection.execute(
                """
                INSERT INTO approval_policy (version, name, policy_toml, file_name, file_sha256, loaded_at, loaded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .integer(version), .text(policy.name), .text(text), .text(fileName), .text(sha), .text(at),
                    .text(actor.login),
                ])
            try audit(
                connection, actor: actor.login, action: "policy.loaded", subject: "policy:\(version)",
                payload: [
                    "version": .int(version), "name": .string(policy.name),
                    "file": .string(fileName), "sha256": .string(sha),
                ], at: at)
            let stored = PolicyVersion(
                version: version, name: policy.name, text: text, fileName: fileName,
                fileSHA256: sha, loadedAt: at, loadedBy: actor.login)
            return (stored, true)
        }
    }

    /// The policy in force (the latest version), or a given version; `nil` when none was loaded.
    public func policy(version: Int64? = nil) throws -> PolicyVersion? {
        try store.read { connection in
            if let version { return try Self.policyVersion(connection, version) }
            return try Self.currentPolicy(connection)
        }
    }

    static func currentPolicy(_ connection: Connection) throws -> PolicyVersion? {
        guard let latest = try connection.scalar("SELECT max(version) FROM approval_policy")?.int64 else { return nil }
        return try policyVersion(connection, latest)
    }

    static func policyVersion(_ connection: Connection, _ version: Int64) throws -> PolicyVersion? {
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

    // MARK: - Submitting

    /// A claim as a rep files it with `submit`.
    public struct Submission: Sendable {
        public var amountCents: Int64
        public var category: String
        public var spentOn: CivilDate
        public var description: String
        public var region: String?
        public var customer: String?
        public var campaign: String?

        public init(
            amountCents: Int64, category: String, spentOn: CivilDate, description: String,
            region: String? = nil, customer: String? = nil, campaign: String? = nil
        ) {
            self.amountCents = amountCents
            self.category = category
            self.spentOn = spentOn
            self.description = description
            self.region = region
            self.customer = customer
            self.campaign = campaign
        }
    }

    /// Files a claim for the acting person and routes it under the policy in force.
    ///
    /// The claim number is `SA-<year>-<n>`, counting within the year of submission.
    /// - Throws: ``ApprovalError`` (`invalid` for a value, `notFound` for an unknown region or customer,
    ///   `refused` when no policy is loaded or the route cannot be completed, naming what is missing).
    public func submit(_ submission: Submission) throws -> ClaimDetail {
        guard submission.amountCents > 0 else {
            throw ApprovalError.invalid(
                "--amount must be more than 0 (got \(ImportValue.moneyText(cents: submission.amountCents)))")
        }
        guard Codes.expenseCategory.contains(submission.category) else {
            throw ApprovalError.invalid(
                "--category \(submission.category): expected "
                    + Codes.expenseCategory.joined(separator: ", "))
        }
        if let problem = ClaimBounds.amountProblem(submission.amountCents) {
            throw ApprovalError.invalid("--amount " + problem)
        }
        let description = ValueParser.trimmed(submission.description)
        guard !description.isEmpty else { throw ApprovalError.invalid("--description must not be empty") }
        try ClaimBounds.checkText(
            submission.description, option: "--description", maxLength: ClaimBounds.descriptionLength)
        try ClaimBounds.checkText(submission.campaign, option: "--campaign", maxLength: ClaimBounds.remarkLength)
        let at = timestamp()
        let today = self.today()
        let id: String = try store.write { connection in
            let directory = try Directory.load(connection)
            let actor = try ApprovalIdentity.resolve(
                connection, account: account, environment: environment,
                directory: directory)
            guard let current = try Self.currentPolicy(connection) else {
                throw ApprovalError.refused(
                    "no approval policy is loaded yet; an admin loads one with "
                        + "`sales-approve policy load FILE.toml`")
            }
            let policy = try ApprovalPolicy.parse(current.text)
            if let problem = ClaimBounds.amountProblem(
                submission.amountCents, policyMaximumCents: policy.limits.maxClaimCents)
            {
                throw ApprovalError.invalid("--amount " + problem)
            }
            if let problem = ClaimBounds.dateProblem(
                submission.spentOn, today: today, maximumAgeDays: policy.controls.maxClaimAgeDays)
            {
                throw ApprovalError.invalid("--date " + problem)
            }
            var regionID: Int64?
            if let region = submission.region {
                guard let found = try connection.scalar("SELECT id FROM region WHERE name = ?", [.text(region)])?.int64
                else { throw ApprovalError.notFound("--for-region \(region): no such region in the store") }
                regionID = found
            }
            var customerID: Int64?
            if let customer = submission.customer {
                let byCode = try connection.scalar("SELECT id FROM customer WHERE code = ?", [.text(customer)])?.int64
                let byName = try connection.query(
                    "SELECT id, code FROM customer WHERE name = ? ORDER BY code LIMIT 3",
                    [.text(customer)])
                if let byCode {
                    customerID = byCode
                } else if byName.count == 1 {
                    customerID = byName[0][0].int64
                } else if byName.isEmpty {
                    throw ApprovalError.notFound("--for-customer \(customer): no customer with that code or name")
                } else {
                    let codes = byName.compactMap { $0[1].text }.joined(separator: ", ")
                    throw ApprovalError.invalid(
                        "--for-customer \(customer): several customers have that name; "
                            + "give the code (\(codes))")
                }
            }
            // The route first: a claim that cannot be routed is refused, not filed.
            let facts = ClaimFacts(
                submitter: actor.login, amountCents: submission.amountCents,
                category: submission.category, date: submission.spentOn)
            let plan = RoutePlanner.plan(facts, people: directory.people, policy: policy)
            guard plan.isComplete else {
                throw ApprovalError.refused(
                    "this claim cannot be routed under policy \(current.version) "
                        + "(\(current.name)): " + plan.problems.map(\.description).joined(separator: "; "))
            }
            let prefix = "SA-\(today.year)-"
            let last =
                try connection.scalar(
                    """
                    SELECT max(CAST(substr(expense_no, ?2) AS INTEGER)) FROM expense
                    WHERE expense_no GLOB ?1 || '[0-9]*'
                    """, [.text(prefix), .integer(Int64(prefix.utf8.count + 1))])?.int64 ?? 0
            let number = prefix + String(format: "%05lld", last + 1)
            let submitterID = try connection.scalar("SELECT id FROM person WHERE login = ?", [.text(actor.login)])?
                .int64
            try connection.execute(
                """
                INSERT INTO expense (expense_no, submitted_by_id, submitted_on, spent_on, category, amount_cents,
                                     description, region_id, customer_id, campaign, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted')
                """,
                [
                    .text(number), SQLValue(submitterID), .text(today.iso), .text(submission.spentOn.iso),
                    .text(submission.category), .integer(submission.amountCents), .text(description),
                    SQLValue(regionID), SQLValue(customerID), SQLValue(submission.campaign),
                ])
            let expenseID = connection.lastInsertRowID
            guard let claim = try ClaimRow.load(connection, where: "e.id = ?", [.integer(expenseID)]).first else {
                throw ApprovalError.notFound("claim \(number) vanished while it was filed")
            }
            try route(
                connection, claim: claim, policy: (current.version, policy), directory: directory,
                actor: actor.login, action: "claim.submitted", at: at)
            return number
        }
        return try show(id)
    }

    // MARK: - Routing

    /// Routes the claims that need it: submitted claims not yet under approval (arrived by import), and
    /// claims whose amount or category changed since they were routed. Returns how many were routed.
    ///
    /// Commands that write call it in their own transaction; `queue` and `show` call it first, and it
    /// writes only when something needs routing.
    @discardableResult
    public func routePending() throws -> Int {
        let needed = try store.read { connection in
            try connection.scalar("SELECT EXISTS (\(ClaimRow.needingRouteSQL))")?.int64 ?? 0
        }
        guard needed != 0 else { return 0 }
        let at = timestamp()
        return try store.write { connection in
            let directory = try Directory.load(connection)
            let actor = try ApprovalIdentity.resolve(
                connection, account: account, environment: environment,
                directory: directory)
            return try routePending(connection, directory: directory, actor: actor.login, at: at)
        }
    }

    @discardableResult
    private func routePending(_ connection: Connection, directory: Directory, actor: String, at: String) throws -> Int {
        let claims = try ClaimRow.load(connection, where: "e.id IN (\(ClaimRow.needingRouteSQL))", [])
        guard !claims.isEmpty, let current = try Self.currentPolicy(connection) else { return 0 }
        var routed = 0
        var policies: [Int64: ApprovalPolicy] = [current.version: try ApprovalPolicy.parse(current.text)]
        for claim in claims {
            // A changed claim keeps the policy it was routed under; a new one (or one that could not be
            // routed before) takes the policy in force.
            let version = claim.state == nil || claim.state == "unroutable" ? current.version : claim.policyVersion!
            if policies[version] == nil, let stored = try Self.policyVersion(connection, version) {
                policies[version] = try ApprovalPolicy.parse(stored.text)
            }
            guard let policy = policies[version] else { continue }
            let computed = try computeRoute(connection, claim: claim, policy: policy, directory: directory)
            if claim.state == "unroutable", claim.policyVersion == version, !computed.problems.isEmpty,
                computed.problems.joined(separator: "; ") == claim.problem,
                claim.routedAmountCents == claim.amountCents, claim.routedCategory == claim.category
            {
                continue  // still no route, for the same reason: nothing to record
            }
            let action =
                claim.state == nil ? "claim.routed" : claim.state == "unroutable" ? "claim.rerouted" : "claim.changed"
            try store(connection, route: computed, claim: claim, version: version, actor: actor, action: action, at: at)
            routed += 1
        }
        return routed
    }

    /// A claim's route as computed, before it is stored.
    private struct ComputedRoute {
        var plan = RoutePlan(steps: [], problems: [])
        var problems: [String] = []
        var split: SplitFinding?
    }

    /// Computes the route of `claim` under `policy`, with its problems and any split suspicion.
    private func computeRoute(
        _ connection: Connection, claim: ClaimRow, policy: ApprovalPolicy,
        directory: Directory
    ) throws -> ComputedRoute {
        var computed = ComputedRoute()
        guard let submitter = claim.submitter else {
            computed.problems = ["the claim names no submitter"]
            return computed
        }
        // An imported claim meets the bounds a submitted one does: above them it gets no route.
        if let problem = ClaimBounds.amountProblem(claim.amountCents, policyMaximumCents: policy.limits.maxClaimCents) {
            computed.problems = ["the amount " + problem]
            return computed
        }
        let facts = claim.facts(submitter: submitter)
        computed.plan = RoutePlanner.plan(facts, people: directory.people, policy: policy)
        computed.problems = computed.plan.problems.map(\.description)
        let earlier = try ClaimRow.earlierClaims(connection, of: claim, windowDays: policy.controls.splitWindowDays)
        computed.split = SplitDetector.detect(facts, earlier: earlier, people: directory.people, policy: policy)
        return computed
    }

    /// Computes and stores the route of `claim` as a new round, and audits it.
    private func route(
        _ connection: Connection, claim: ClaimRow, policy: (version: Int64, policy: ApprovalPolicy),
        directory: Directory, actor: String, action: String, at: String
    ) throws {
        let computed = try computeRoute(connection, claim: claim, policy: policy.policy, directory: directory)
        try store(
            connection, route: computed, claim: claim, version: policy.version, actor: actor, action: action, at: at)
    }

    /// Stores a computed route as the claim's next round, and audits it.
    private func store(
        _ connection: Connection, route computed: ComputedRoute, claim: ClaimRow, version: Int64,
        actor: String, action: String, at: String
    ) throws {
        let (plan, problems, split) = (computed.plan, computed.problems, computed.split)
        let round = (claim.round ?? 0) + 1
        let state = problems.isEmpty ? "pending" : "unroutable"
        try connection.execute(
            """
            INSERT INTO approval_claim (expense_id, policy_version, round, state, amount_cents, category, routed_at,
                                        problem, split_note)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            ON CONFLICT (expense_id) DO UPDATE SET policy_version = ?2, round = ?3, state = ?4, amount_cents = ?5,
                category = ?6, routed_at = ?7, problem = ?8, split_note = ?9
            """,
            [
                .integer(claim.expenseID), .integer(version), .integer(Int64(round)), .text(state),
                .integer(claim.amountCents), .text(claim.category), .text(at),
                problems.isEmpty ? .null : .text(problems.joined(separator: "; ")), SQLValue(split?.sentence),
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
                let (reason, detail) = Self.storedReason(step.reason)
                try connection.execute(
                    """
                    INSERT INTO approval_step (expense_id, round, position, approver, reason, reason_detail, in_place_of)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .integer(claim.expenseID), .integer(Int64(round)), .integer(Int64(step.index)),
                        .text(step.approver), .text(reason), .text(detail), SQLValue(step.inPlaceOf),
                    ])
            }
        }
        if claim.status != "submitted" && claim.status != "withdrawn" {
            try connection.execute("UPDATE expense SET status = 'submitted' WHERE id = ?", [.integer(claim.expenseID)])
        }
        var payload: [String: AuditValue] = [
            "policy_version": .int(version), "round": .int(Int64(round)), "state": .string(state),
            "amount_cents": .cents(claim.amountCents), "category": .string(claim.category),
            "spent_on": .string(claim.spentOn), "submitter": AuditValue(claim.submitter),
            "route": .array(
                plan.steps.map {
                    .object([
                        "position": .int(Int64($0.index)), "approver": .string($0.approver),
                        "reason": .string(Self.storedReason($0.reason).0),
                    ])
                }),
        ]
        if let payee = claim.payee { payload["payee"] = .string(payee) }
        if !problems.isEmpty { payload["problems"] = .array(problems.map { .string($0) }) }
        if let split { payload["split_suspicion"] = .string(split.sentence) }
        if let previous = claim.routedAmountCents, let category = claim.routedCategory, claim.state != "unroutable" {
            payload["before"] = .object([
                "amount_cents": .cents(previous), "category": .string(category),
                "state": AuditValue(claim.state),
            ])
        }
        if let batch = claim.batchID { payload["import_batch"] = .int(batch) }
        try audit(connection, actor: actor, action: action, subject: claim.subject, payload: payload, at: at)
    }

    static func storedReason(_ reason: RouteReason) -> (String, String) {
        switch reason {
        case .manager(let limit): ("manager", AuditValue.object(["limit_cents": .cents(limit)]).canonicalJSON)
        case .category(let name, let above):
            ("category", AuditValue.object(["category": .string(name), "above_cents": .cents(above)]).canonicalJSON)
        case .finance(let above): ("finance", AuditValue.object(["above_cents": .cents(above)]).canonicalJSON)
        case .dualControl: ("dual_control", "{}")
        case .finalApprover: ("final", "{}")
        }
    }

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

    private func decide(_ id: String, approve: Bool, text: String?) throws -> DecisionOutcome {
        // Routing first, in its own transaction, so a refused decision does not undo it.
        try routePending()
        let at = timestamp()
        let today = self.today()
        return try store.write { connection in
            let directory = try Directory.load(connection)
            let actor = try ApprovalIdentity.resolve(
                connection, account: account, environment: environment,
                directory: directory
            ).login
            try routePending(connection, directory: directory, actor: actor, at: at)
            guard let claim = try ClaimRow.load(connection, where: "e.expense_no = ?", [.text(id)]).first else {
                throw ApprovalError.notFound("no claim \(id) in the store (expense_no)")
            }
            guard let state = claim.state, let round = claim.round, let version = claim.policyVersion else {
                if claim.status == "submitted" || claim.status == "withdrawn" {
                    throw ApprovalError.refused("claim \(id) is not routed yet: no approval policy is loaded")
                }
                throw ApprovalError(.alreadyDecided, "claim \(id) was \(claim.status) before it came under approval")
            }
            let steps = try StepRow.load(connection, expenseID: claim.expenseID, round: round)
            func who(_ s: StepRow) -> String {
                let by = directory.label(s.decidedBy ?? "?")
                return s.onBehalfOf.map { "\(by) on behalf of \(directory.label($0))" } ?? by
            }
            switch state {
            case "unroutable":
                throw ApprovalError.refused("claim \(id) has no complete route: \(claim.problem ?? "")")
            case "approved", "rejected":
                let last = steps.filter { $0.state != "pending" }.max { $0.position < $1.position }
                let detail = last.map { " by \(who($0)) at \($0.decidedAt ?? "?")" } ?? ""
                throw ApprovalError(.alreadyDecided, "claim \(id) was already \(state)\(detail)")
            default:
                break
            }
            if claim.status == "withdrawn" { throw ApprovalError.refused("claim \(id) was withdrawn by its submitter") }
            guard let current = steps.first(where: { $0.state == "pending" }) else {
                throw ApprovalError(.alreadyDecided, "claim \(id) has no step left to decide")
            }
            guard let stored = try Self.policyVersion(connection, version) else {
                throw ApprovalError.notFound("policy version \(version) of claim \(id) is missing from the store")
            }
            let policy = try ApprovalPolicy.parse(stored.text)
            let delegations = try Self.delegations(connection, to: actor)
            let facts = claim.facts(submitter: claim.submitter ?? "")
            let approvedBy = Set(steps.filter { $0.state == "approved" }.compactMap(\.decidedBy))
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
                    if let decided = mine.last(where: { $0.state != "pending" }),
                        !mine.contains(where: { $0.state == "pending" })
                    {
                        throw ApprovalError(
                            .alreadyDecided,
                            "step \(decided.position) of claim \(id) was already "
                                + "\(decided.state) by \(who(decided)) at \(decided.decidedAt ?? "?")")
                    }
                    if let later = mine.first(where: { $0.state == "pending" }) {
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
                let positions = try BudgetControl.positions(connection, claim: claim.budgetClaim(directory))
                for position in positions where position.wouldOverrun && position.control == "stop" {
                    throw ApprovalError.refused(
                        "claim \(id) would overrun budget \(position.sentence); "
                            + "it stays pending")
                }
                warnings = positions.filter { $0.wouldOverrun && $0.control == "warn" }.map {
                    "over budget: \($0.sentence)"
                }
                if positions.isEmpty {
                    let control = policy.controls.budgetControlDefault
                    let words = "no \(claim.category) budget covers \(claim.spentOn) for this claim"
                    if control == "stop" {
                        throw ApprovalError.refused("claim \(id): \(words), and the policy stops unbudgeted claims")
                    }
                    if control == "warn" { warnings.append("unbudgeted: \(words)") }
                }
            }

            let decision = approve ? "approved" : "rejected"
            let onBehalfOf = current.approver == actor ? nil : current.approver
            let remaining = steps.filter { $0.state == "pending" && $0.id != current.id }
            let claimState = !approve ? "rejected" : remaining.isEmpty ? "approved" : "pending"
            var payload: [String: AuditValue] = [
                "step": .int(Int64(current.position)), "steps": .int(Int64(steps.count)), "round": .int(Int64(round)),
                "approver": .string(current.approver), "claim_state": .string(claimState),
                "amount_cents": .cents(claim.amountCents), "policy_version": .int(version),
            ]
            if let onBehalfOf { payload["on_behalf_of"] = .string(onBehalfOf) }
            if let text { payload[approve ? "comment" : "reason"] = .string(text) }
            if !warnings.isEmpty { payload["flags"] = .array(warnings.map { .string($0) }) }
            let entry = try audit(
                connection, actor: actor, action: approve ? "step.approved" : "step.rejected",
                subject: claim.subject, payload: payload, at: at)
            try connection.execute(
                """
                INSERT INTO approval_decision (step_id, decision, actor, on_behalf_of, decided_at, comment, flags, audit_seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .integer(current.id), .text(decision), .text(actor), SQLValue(onBehalfOf), .text(at),
                    SQLValue(text),
                    warnings.isEmpty ? .null : .text(AuditValue.array(warnings.map { .string($0) }).canonicalJSON),
                    .integer(entry.seq),
                ])
            // The decision row first (its step_id is unique), then the conditional update of the pending step,
            // which the step's trigger accepts only when it matches that decision.
            try connection.execute(
                "UPDATE approval_step SET state = ? WHERE id = ? AND state = 'pending'",
                [.text(decision), .integer(current.id)])
            guard connection.changes == 1 else {
                throw ApprovalError(
                    .alreadyDecided, "step \(current.position) of claim \(id) was decided by someone else")
            }
            if claimState != "pending" {
                try connection.execute(
                    "UPDATE approval_claim SET state = ? WHERE expense_id = ?",
                    [.text(claimState), .integer(claim.expenseID)])
                try connection.execute(
                    "UPDATE expense SET status = ? WHERE id = ?",
                    [.text(claimState), .integer(claim.expenseID)])
            }
            return DecisionOutcome(
                id: id, decision: decision, step: current.position, steps: steps.count,
                onBehalfOf: onBehalfOf, claimState: claimState,
                nextApprover: claimState == "pending" ? remaining.first?.approver : nil,
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
            let directory = try Directory.load(connection)
            let actor = try ApprovalIdentity.resolve(
                connection, account: account, environment: environment,
                directory: directory
            ).login
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
            try connection.execute(
                """
                INSERT INTO approval_delegation (from_login, to_login, starts_on, ends_on, created_at)
                VALUES (?, ?, ?, ?, ?)
                """, [.text(actor), .text(login), .text(starts.iso), .text(ends.iso), .text(at)])
            try audit(
                connection, actor: actor, action: "delegation.created",
                subject: "delegation:\(connection.lastInsertRowID)",
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
            let directory = try Directory.load(connection)
            let actor = try ApprovalIdentity.resolve(
                connection, account: account, environment: environment,
                directory: directory
            ).login
            let rows = try connection.query(
                """
                SELECT id, to_login, starts_on, ends_on FROM approval_delegation
                WHERE from_login = ? AND cancelled_at IS NULL AND ends_on >= ? ORDER BY id
                """, [.text(actor), .text(today)])
            guard !rows.isEmpty else { throw ApprovalError.notFound("you have no delegation in force to cancel") }
            var cancelled: [Delegation] = []
            for row in rows {
                let id = row[0].int64 ?? 0
                try connection.execute(
                    "UPDATE approval_delegation SET cancelled_at = ? WHERE id = ?",
                    [.text(at), .integer(id)])
                let d = Delegation(
                    from: actor, to: row[1].text ?? "", starts: row[2].text ?? "", ends: row[3].text ?? "",
                    cancelled: true)
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

    /// Delegations to the acting person.
    static func delegations(_ connection: Connection, to login: String) throws -> [Delegation] {
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

    // MARK: - Reading

    /// What waits for the acting person: claims whose next step is routed or delegated to them, oldest first.
    public func queue() throws -> [QueueItem] {
        try routePending()
        let day = self.today()
        let today = day.iso
        return try store.read { connection in
            let directory = try Directory.load(connection)
            let actor = try ApprovalIdentity.resolve(
                connection, account: account, environment: environment,
                directory: directory
            ).login
            var waiting: [(expenseID: Int64, step: Int, steps: Int, approver: String)] = []
            try connection.forEachRow(
                """
                SELECT c.expense_id, st.position, st.approver,
                       (SELECT count(*) FROM approval_step a WHERE a.expense_id = c.expense_id AND a.round = c.round)
                FROM approval_claim c
                JOIN expense e ON e.id = c.expense_id
                JOIN approval_step st ON st.expense_id = c.expense_id AND st.round = c.round AND st.state = 'pending'
                WHERE c.state = 'pending' AND e.status = 'submitted'
                  AND st.position = (SELECT min(position) FROM approval_step p
                                     WHERE p.expense_id = c.expense_id AND p.round = c.round AND p.state = 'pending')
                  AND (st.approver = ?1 OR st.approver IN (
                        SELECT from_login FROM approval_delegation
                        WHERE to_login = ?1 AND cancelled_at IS NULL AND starts_on <= ?2 AND ends_on >= ?2))
                ORDER BY coalesce(e.submitted_on, e.spent_on), e.expense_no
                """, [.text(actor), .text(today)]
            ) { row in
                waiting.append((row.int64(at: 0), row.int(at: 1), row.int(at: 3), row.text(at: 2) ?? ""))
            }
            var items: [QueueItem] = []
            let delegations = try Self.delegations(connection, to: actor)
            var policies: [Int64: ApprovalPolicy] = [:]
            for w in waiting {
                guard let claim = try ClaimRow.load(connection, where: "e.id = ?", [.integer(w.expenseID)]).first,
                    let round = claim.round, let version = claim.policyVersion
                else { continue }
                // Only what they may decide: not their own claims, nor a second step above dual control.
                if policies[version] == nil, let stored = try Self.policyVersion(connection, version) {
                    policies[version] = try ApprovalPolicy.parse(stored.text)
                }
                let steps = try StepRow.load(connection, expenseID: claim.expenseID, round: round)
                guard let step = steps.first(where: { $0.position == w.step }) else { continue }
                let refusal = SeparationOfDuties.check(
                    actor: actor, step: step.routeStep, claim: claim.facts(submitter: claim.submitter ?? ""),
                    delegations: delegations, on: day,
                    alreadyApproved: Set(steps.filter { $0.state == "approved" }.compactMap(\.decidedBy)),
                    dualControlAboveCents: policies[version]?.controls.dualControlAboveCents)
                guard refusal == nil else { continue }
                let budgets = try BudgetControl.positions(connection, claim: claim.budgetClaim(directory))
                items.append(
                    QueueItem(
                        id: claim.number, submittedOn: claim.submittedOn ?? claim.spentOn,
                        amountCents: claim.amountCents,
                        amount: ImportValue.moneyText(cents: claim.amountCents), category: claim.category,
                        submitter: claim.submitter ?? "",
                        submitterName: directory.people[claim.submitter ?? ""]?.name ?? "",
                        description: claim.description, step: w.step, steps: w.steps,
                        onBehalfOf: w.approver == actor ? nil : w.approver, budgets: budgets,
                        flags: Self.flags(claim: claim, budgets: budgets)))
            }
            return items
        }
    }

    /// Claim `id`: its facts, route, budget position, flags and history.
    public func show(_ id: String) throws -> ClaimDetail {
        try routePending()
        return try store.read { connection in
            let directory = try Directory.load(connection)
            _ = try ApprovalIdentity.resolve(
                connection, account: account, environment: environment, directory: directory)
            guard let claim = try ClaimRow.load(connection, where: "e.expense_no = ?", [.text(id)]).first else {
                throw ApprovalError.notFound("no claim \(id) in the store (expense_no)")
            }
            var steps: [StepView] = []
            var earlier: [StepView] = []
            if let round = claim.round {
                for r in 1...round {
                    var views = try StepRow.load(connection, expenseID: claim.expenseID, round: r).map {
                        $0.view(directory)
                    }
                    // Steps nobody will decide: after the claim was decided, or in a round a change replaced.
                    let closed =
                        r < round
                        ? "superseded" : claim.state == "approved" || claim.state == "rejected" ? "not reached" : nil
                    if let closed {
                        for i in views.indices where views[i].state == "pending" { views[i].state = closed }
                    }
                    if r == round { steps = views } else { earlier += views }
                }
            }
            let budgets = try BudgetControl.positions(connection, claim: claim.budgetClaim(directory))
            var flags = Self.flags(claim: claim, budgets: budgets)
            if let problem = claim.problem { flags.insert("no complete route: \(problem)", at: 0) }
            let policy = try claim.policyVersion.flatMap { try Self.policyVersion(connection, $0) }
            let history = try AuditLog.entries(connection, subject: claim.subject).map {
                HistoryEntry(seq: $0.seq, at: $0.at, actor: $0.actor, action: $0.action, details: $0.payload)
            }
            return ClaimDetail(
                id: claim.number, state: claim.state ?? "not under approval", status: claim.status,
                submitter: claim.submitter, submitterName: claim.submitter.flatMap { directory.people[$0]?.name },
                payee: claim.payee, amountCents: claim.amountCents,
                amount: ImportValue.moneyText(cents: claim.amountCents),
                category: claim.category, spentOn: claim.spentOn, submittedOn: claim.submittedOn,
                description: claim.description, region: claim.region, customer: claim.customer,
                campaign: claim.campaign,
                policyVersion: claim.policyVersion, policyName: policy?.name, round: claim.round, steps: steps,
                earlierSteps: earlier, budgets: budgets, flags: flags, history: history)
        }
    }

    static func flags(claim: ClaimRow, budgets: [BudgetPosition]) -> [String] {
        var flags: [String] = []
        for b in budgets where b.wouldOverrun && b.control != "ignore" {
            flags.append((b.control == "stop" ? "budget stop: " : "over budget: ") + b.sentence)
        }
        if let split = claim.splitNote { flags.append("split suspicion: " + split) }
        return flags
    }

    // MARK: - Verifying

    /// Recomputes the audit chain and its signatures (against `anchor` if given), checks that `store_meta`'s
    /// copy of the identity mode agrees with the log's `store.initialised` entry (a disagreement is reported
    /// at that entry, or at seq 0 when the log has none), then replays the log and compares the state it
    /// records with the approval tables (``AuditReplay``; a difference is reported at seq 0, or at the
    /// entry that contradicts the ones before it). Needs no identity: anyone who can read the store may
    /// check it.
    public func verify(anchor: AuditAnchor? = nil) throws -> AuditVerification {
        try store.read { connection in
            let chain = try AuditLog.verify(connection, anchor: anchor)
            guard chain.isIntact else { return chain }
            if let mismatch = try ApprovalIdentity.metaMismatch(connection) {
                return .broken(seq: mismatch.seq, reason: mismatch.reason)
            }
            return try AuditReplay.firstDifference(connection) ?? chain
        }
    }

    // MARK: - Clock

    func timestamp() -> String { clock.timestamp() }

    /// Today in the desk's time zone.
    public func today() -> CivilDate { clock.today() }
}

// MARK: - Rows

/// An expense with its approval state, as the desk reads it.
struct ClaimRow {
    var expenseID: Int64
    var number: String
    var submitter: String?
    var payee: String?
    var amountCents: Int64
    var category: String
    var spentOn: String
    var submittedOn: String?
    var status: String
    var state: String?
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

    /// `expense:BX2025000123`: the claim's subject in the audit log.
    var subject: String { "expense:\(number)" }

    /// The ids of claims that may need routing: submitted and never routed, changed since routed, or
    /// unroutable so far (tried again, in case the people or the policy changed; recorded only if the
    /// outcome differs).
    static let needingRouteSQL = """
        SELECT e.id FROM expense e LEFT JOIN approval_claim c ON c.expense_id = e.id
        WHERE (c.expense_id IS NULL AND e.status = 'submitted')
           OR (c.state <> 'unroutable' AND (c.amount_cents <> e.amount_cents OR c.category <> e.category))
           OR c.state = 'unroutable'
        """

    static func load(_ connection: Connection, where condition: String, _ arguments: [SQLValue]) throws -> [ClaimRow] {
        var rows: [ClaimRow] = []
        try connection.forEachRow(
            """
            SELECT e.id, e.expense_no, s.login AS submitter, pe.login AS payee, e.amount_cents, e.category,
                   e.spent_on, e.submitted_on, e.status, c.state, c.round, c.policy_version,
                   c.amount_cents AS routed_amount_cents, c.category AS routed_category, c.problem, c.split_note,
                   e.description, rg.name AS region, coalesce(cu.code || ' ' || cu.name, cu.name) AS customer,
                   e.campaign, s.name AS submitter_name, e.batch_id
            FROM expense e
            LEFT JOIN approval_claim c ON c.expense_id = e.id
            LEFT JOIN person s ON s.id = e.submitted_by_id
            LEFT JOIN person pe ON pe.id = e.payee_id
            LEFT JOIN region rg ON rg.id = e.region_id
            LEFT JOIN customer cu ON cu.id = e.customer_id
            WHERE \(condition)
            ORDER BY coalesce(e.submitted_on, e.spent_on), e.expense_no
            """, arguments
        ) { r in
            rows.append(
                try ClaimRow(
                    expenseID: r.int64("id"), number: r.text("expense_no") ?? "", submitter: r.text("submitter"),
                    payee: r.text("payee"), amountCents: r.int64("amount_cents"), category: r.text("category") ?? "",
                    spentOn: r.text("spent_on") ?? "", submittedOn: r.text("submitted_on"),
                    status: r.text("status") ?? "",
                    state: r.text("state"), round: r.value("round").int64.map { Int($0) },
                    policyVersion: r.value("policy_version").int64,
                    routedAmountCents: r.value("routed_amount_cents").int64,
                    routedCategory: r.text("routed_category"), problem: r.text("problem"),
                    splitNote: r.text("split_note"),
                    description: r.text("description"), region: r.text("region"), customer: r.text("customer"),
                    campaign: r.text("campaign"), submitterName: r.text("submitter_name"),
                    batchID: r.value("batch_id").int64))
        }
        return rows
    }

    func facts(submitter: String) -> ClaimFacts {
        let date = CivilDate(stored: spentOn) ?? CivilDate(daysSinceUnixEpoch: 0)
        let payee = self.payee == submitter ? nil : self.payee
        return ClaimFacts(
            id: number, submitter: submitter, payee: payee, amountCents: amountCents, category: category,
            date: date)
    }

    func budgetClaim(_ directory: Directory) -> BudgetControl.Claim {
        BudgetControl.Claim(
            expenseID: expenseID, category: category, spentOn: spentOn, amountCents: amountCents,
            submitter: submitter ?? "", submitterName: submitterName ?? "",
            team: submitter.flatMap { directory.team[$0] },
            region: region ?? submitter.flatMap { directory.region[$0] })
    }

    /// The submitter's other claims of the same category within `windowDays` of this one, still standing.
    static func earlierClaims(_ connection: Connection, of claim: ClaimRow, windowDays: Int) throws -> [ClaimFacts] {
        guard let submitter = claim.submitter else { return [] }
        return try connection.query(
            """
            SELECT e.expense_no, e.amount_cents, e.spent_on, pe.login FROM expense e
            JOIN person s ON s.id = e.submitted_by_id LEFT JOIN person pe ON pe.id = e.payee_id
            WHERE s.login = ?1 AND e.category = ?2 AND e.id <> ?3
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
}

/// One stored step with its decision.
struct StepRow {
    var id: Int64
    var position: Int
    var approver: String
    var reason: String
    var reasonDetail: String
    var inPlaceOf: String?
    var state: String
    var decidedBy: String?
    var onBehalfOf: String?
    var decidedAt: String?
    var comment: String?
    var flags: String?

    static func load(_ connection: Connection, expenseID: Int64, round: Int) throws -> [StepRow] {
        var rows: [StepRow] = []
        try connection.forEachRow(
            """
            SELECT s.id, s.position, s.approver, s.reason, s.reason_detail, s.in_place_of, s.state,
                   d.actor, d.on_behalf_of, d.decided_at, d.comment, d.flags
            FROM approval_step s LEFT JOIN approval_decision d ON d.step_id = s.id
            WHERE s.expense_id = ? AND s.round = ? ORDER BY s.position
            """, [.integer(expenseID), .integer(Int64(round))]
        ) { r in
            rows.append(
                try StepRow(
                    id: r.int64("id"), position: r.int("position"), approver: r.text("approver") ?? "",
                    reason: r.text("reason") ?? "", reasonDetail: r.text("reason_detail") ?? "{}",
                    inPlaceOf: r.text("in_place_of"), state: r.text("state") ?? "pending", decidedBy: r.text("actor"),
                    onBehalfOf: r.text("on_behalf_of"), decidedAt: r.text("decided_at"), comment: r.text("comment"),
                    flags: r.text("flags")))
        }
        return rows
    }

    /// The detail's numbers, by key.
    private var detail: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(reasonDetail.utf8))) as? [String: Any] ?? [:]
    }

    private func cents(_ key: String) -> Int64 { (detail[key] as? NSNumber)?.int64Value ?? 0 }

    /// The step as the policy layer sees it.
    var routeStep: RouteStep {
        let reason: RouteReason =
            switch self.reason {
            case "manager": .manager(limitCents: cents("limit_cents"))
            case "category": .category(name: detail["category"] as? String ?? "", aboveCents: cents("above_cents"))
            case "finance": .finance(aboveCents: cents("above_cents"))
            case "final": .finalApprover
            default: .dualControl
            }
        return RouteStep(index: position, approver: approver, reason: reason, inPlaceOf: inPlaceOf)
    }

    /// `manager, approves up to 5000.00`.
    var reasonText: String {
        let money = MoneyDisplay.text
        var text =
            switch reason {
            case "manager": "manager, approves up to \(money(cents("limit_cents")))"
            case "category": "\(detail["category"] as? String ?? "category") above \(money(cents("above_cents")))"
            case "finance": "finance, above \(money(cents("above_cents")))"
            case "final": "final approver (beyond the manager chain)"
            default: "second approver (dual control)"
            }
        if let inPlaceOf { text += " for \(inPlaceOf)" }
        return text
    }

    func view(_ directory: Directory) -> StepView {
        let flagList = flags.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
        return StepView(
            position: position, approver: approver, approverName: directory.people[approver]?.name ?? "",
            reason: reasonText, inPlaceOf: inPlaceOf, state: state, decidedBy: decidedBy,
            onBehalfOf: onBehalfOf, decidedAt: decidedAt, comment: comment, flags: flagList)
    }
}
