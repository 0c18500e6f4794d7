import Foundation

extension ApprovalDesk {
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
        /// The invoice number (发票号) of the receipt, checked against other claims for duplicates.
        public var invoice: String?

        public init(
            amountCents: Int64, category: String, spentOn: CivilDate, description: String,
            region: String? = nil, customer: String? = nil, campaign: String? = nil, invoice: String? = nil
        ) {
            self.amountCents = amountCents
            self.category = category
            self.spentOn = spentOn
            self.description = description
            self.region = region
            self.customer = customer
            self.campaign = campaign
            self.invoice = invoice
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
        let invoice = try Self.invoiceNumber(submission.invoice)
        let at = timestamp()
        let today = self.today()
        let id: String = try store.write { connection in
            let (directory, actor) = try acting(connection)
            let claims = ClaimStore(connection)
            guard let current = try claims.currentPolicy() else {
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
                guard let found = try claims.regionID(named: region) else {
                    throw ApprovalError.notFound("--for-region \(region): no such region in the store")
                }
                regionID = found
            }
            var customerID: Int64?
            if let customer = submission.customer {
                let byCode = try claims.customerID(code: customer)
                let byName = try claims.customers(named: customer)
                if let byCode {
                    customerID = byCode
                } else if byName.count == 1 {
                    customerID = byName[0].id
                } else if byName.isEmpty {
                    throw ApprovalError.notFound("--for-customer \(customer): no customer with that code or name")
                } else {
                    let codes = byName.compactMap(\.code).joined(separator: ", ")
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
            let number = prefix + String(format: "%05lld", try claims.lastClaimNumber(prefix: prefix) + 1)
            let expenseID = try claims.insertSubmittedExpense(
                number: number, submitter: actor.login, submittedOn: today, submission: submission,
                description: description, regionID: regionID, customerID: customerID)
            if let invoice {
                try connection.execute(
                    "UPDATE expense SET invoice_no = ? WHERE id = ?", [.text(invoice), .integer(expenseID)])
            }
            guard let claim = try claims.claim(expenseID: expenseID) else {
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
        guard try store.read({ try ClaimStore($0).needsRouting() }) else { return 0 }
        let at = timestamp()
        return try store.write { connection in
            let (directory, actor) = try acting(connection)
            return try routePending(connection, directory: directory, actor: actor.login, at: at)
        }
    }

    /// Routes the claims that need it inside the caller's transaction, as `actor`.
    @discardableResult
    func routePending(_ connection: Connection, directory: Directory, actor: String, at: String) throws -> Int {
        let claimStore = ClaimStore(connection)
        let claims = try claimStore.claimsNeedingRoute()
        guard !claims.isEmpty, let current = try claimStore.currentPolicy() else { return 0 }
        var routed = 0
        var policies: [Int64: ApprovalPolicy] = [current.version: try ApprovalPolicy.parse(current.text)]
        for claim in claims {
            // A changed claim keeps the policy it was routed under; a new one (or one that could not be
            // routed before) takes the policy in force.
            let version = claim.state == nil || claim.state == .unroutable ? current.version : claim.policyVersion!
            if policies[version] == nil, let stored = try claimStore.policyVersion(version) {
                policies[version] = try ApprovalPolicy.parse(stored.text)
            }
            guard let policy = policies[version] else { continue }
            let computed = try computeRoute(connection, claim: claim, policy: policy, directory: directory)
            if claim.state == .unroutable, claim.policyVersion == version, !computed.problems.isEmpty,
                computed.problems.joined(separator: "; ") == claim.problem,
                claim.routedAmountCents == claim.amountCents, claim.routedCategory == claim.category,
                claim.routedTerms == claim.termsJSON
            {
                continue  // still no route, for the same reason: nothing to record
            }
            let action =
                claim.state == nil ? "claim.routed" : claim.state == .unroutable ? "claim.rerouted" : "claim.changed"
            try save(connection, route: computed, claim: claim, version: version, actor: actor, action: action, at: at)
            routed += 1
        }
        return routed
    }

    /// A claim's route as computed, before it is stored.
    struct ComputedRoute {
        var plan = RoutePlan(steps: [], problems: [])
        var problems: [String] = []
        var split: SplitFinding?
    }

    /// Computes the route of `claim` under `policy`, with its problems and any split suspicion.
    func computeRoute(
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
        // Split claims are an expense claim's control; contracts and price exceptions are not checked.
        guard claim.kind == .expense else { return computed }
        let earlier = try ClaimStore(connection).earlierClaims(of: claim, windowDays: policy.controls.splitWindowDays)
        computed.split = SplitDetector.detect(facts, earlier: earlier, people: directory.people, policy: policy)
        return computed
    }

    /// Computes and stores the route of `claim` as a new round, and audits it.
    func route(
        _ connection: Connection, claim: ClaimRow, policy: (version: Int64, policy: ApprovalPolicy),
        directory: Directory, actor: String, action: String, at: String
    ) throws {
        let computed = try computeRoute(connection, claim: claim, policy: policy.policy, directory: directory)
        try save(
            connection, route: computed, claim: claim, version: policy.version, actor: actor, action: action, at: at)
    }

    /// Stores a computed route as the claim's next round, and audits it (with `extra` in the entry's payload);
    /// returns the entry.
    @discardableResult
    func save(
        _ connection: Connection, route computed: ComputedRoute, claim: ClaimRow, version: Int64,
        actor: String, action: String, at: String, extra: [String: AuditValue] = [:]
    ) throws -> AuditEntry {
        let (plan, problems, split) = (computed.plan, computed.problems, computed.split)
        let round = (claim.round ?? 0) + 1
        let state: ClaimState = problems.isEmpty ? .pending : .unroutable
        try ClaimStore(connection).saveRoute(
            claim: claim, version: version, round: round, state: state, plan: plan, problems: problems,
            split: split, at: at)
        var payload: [String: AuditValue] = [
            "policy_version": .int(version), "round": .int(Int64(round)), "state": .string(state.rawValue),
            "amount_cents": .cents(claim.amountCents), "category": .string(claim.category),
            "spent_on": .string(claim.spentOn), "submitter": AuditValue(claim.submitter),
            "route": .array(
                plan.steps.map {
                    .object([
                        "position": .int(Int64($0.index)), "approver": .string($0.approver),
                        "reason": .string(StepRow.stored($0.reason).reason.rawValue),
                    ])
                }),
        ]
        if let payee = claim.payee { payload["payee"] = .string(payee) }
        if !problems.isEmpty { payload["problems"] = .array(problems.map { .string($0) }) }
        if let split { payload["split_suspicion"] = .string(split.sentence) }
        if let previous = claim.routedAmountCents, let category = claim.routedCategory, claim.state != .unroutable {
            payload["before"] = .object([
                "amount_cents": .cents(previous), "category": .string(category),
                "state": AuditValue(claim.state?.rawValue),
            ])
        }
        if let batch = claim.batchID { payload["import_batch"] = .int(batch) }
        payload.merge(Self.kindPayload(claim)) { current, _ in current }
        payload.merge(extra) { _, new in new }
        return try audit(connection, actor: actor, action: action, subject: claim.subject, payload: payload, at: at)
    }
}
