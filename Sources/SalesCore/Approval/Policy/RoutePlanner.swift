/// Why a step is on a route.
public enum RouteReason: Sendable, Hashable, Codable {
    /// A manager on the submitter's chain, who approves up to `limitCents` (inclusive).
    case manager(limitCents: Int64)
    /// The policy's `[[category]]` rule: claims of `name` above `aboveCents` also need this approver.
    case category(name: String, aboveCents: Int64)
    /// The policy's `[finance]` rule: claims above `aboveCents` also need finance.
    case finance(aboveCents: Int64)
    /// Above `dual_control_above` the route needs two distinct people; this manager is the second.
    case dualControl
    /// The policy's `final_approver`: the manager chain ended before anyone whose limit covers the amount.
    case finalApprover
    /// A rule of a contract's or price exception's kind (`[contract]`, `[price]`): `rule` names it
    /// (`contract_above`, `contract_discount`, `non_standard`, `price_discount`), `text` says it in words.
    case kindRule(rule: String, text: String)
}

/// One step of a route: the person who must approve, and why.
public struct RouteStep: Sendable, Hashable, Codable {
    /// The step's position in the route, counted from 1; steps are decided in this order.
    public var index: Int
    /// The login of the person the step is routed to.
    public var approver: String
    /// Why the step is there.
    public var reason: RouteReason
    /// The login the policy names for a category or finance step, when `approver` stands in for them
    /// (that person is inactive, the submitter or the payee); `nil` otherwise.
    public var inPlaceOf: String?

    /// A step from its parts.
    public init(index: Int, approver: String, reason: RouteReason, inPlaceOf: String? = nil) {
        self.index = index
        self.approver = approver
        self.reason = reason
        self.inPlaceOf = inPlaceOf
    }
}

/// Something that keeps a route from being complete; the tool refuses the submission and shows it.
public enum RouteProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A login named by the claim, a `reports_to` or the policy is not in the directory.
    case unknownPerson(login: String, namedBy: String)
    /// The `reports_to` links loop through these logins (in chain order).
    case cycle([String])
    /// No one on the submitter's manager chain may approve the amount; `top` is the last manager reached.
    case noOneCovers(amountCents: Int64, top: String?)
    /// A category or finance rule applies but neither its approver nor anyone above them may act.
    case noApprover(rule: String)
    /// The amount is above `dual_control_above` and no second distinct approver could be found.
    case dualControlUnavailable(amountCents: Int64, aboveCents: Int64)
    /// A rule of the document's kind refuses it, or needs someone the policy does not name (in words).
    case kindRule(String)

    /// The problem in words.
    public var description: String {
        switch self {
        case .unknownPerson(let login, let namedBy):
            "\(login), named by \(namedBy), is not in the people directory"
        case .cycle(let logins):
            "the reports_to links form a loop: " + (logins + logins.prefix(1)).joined(separator: " → ")
        case .noOneCovers(let amount, let top?):
            "no one on the manager chain may approve \(ImportValue.moneyText(cents: amount)); it ends at \(top)"
        case .noOneCovers(let amount, nil):
            "there is no manager to approve \(ImportValue.moneyText(cents: amount))"
        case .noApprover(let rule):
            "\(rule) applies, but neither its approver nor anyone above them may approve this claim"
        case .dualControlUnavailable(let amount, let above):
            "\(ImportValue.moneyText(cents: amount)) is above \(ImportValue.moneyText(cents: above)), "
                + "which needs two different approvers, and no second one could be found"
        case .kindRule(let text): text
        }
    }
}

/// A claim's route, with the problems that keep it from being complete.
public struct RoutePlan: Sendable, Hashable, Codable {
    /// The steps, in the order they are decided; each approver appears once.
    public var steps: [RouteStep]
    /// What is missing, in the order found; empty when the route is complete.
    public var problems: [RouteProblem]

    /// Whether the claim may be submitted with this route.
    public var isComplete: Bool { problems.isEmpty }

    /// The manager step whose limit covers the amount: the last `.manager` step, when the chain reached one.
    public func coveringStep(amountCents: Int64) -> RouteStep? {
        guard let last = steps.last(where: { if case .manager = $0.reason { true } else { false } }),
            case .manager(let limit) = last.reason, limit >= amountCents
        else { return nil }
        return last
    }
}

/// Computes a claim's route from the policy and the people directory. Pure and deterministic.
///
/// The route is, in order:
/// 1. the submitter's managers, walking `reports_to` upwards, up to and including the first whose limit
///    (``ApprovalPolicy/Limits/limit(of:)``) covers the amount; inactive people, the submitter and the payee
///    are skipped (the next one up takes their place). If the chain ends first, the route stops at the top
///    and ``RouteProblem/noOneCovers(amountCents:top:)`` is reported;
/// 2. above `dual_control_above`, when the route would otherwise have fewer than two people, the next
///    eligible manager up the chain (``RouteReason/dualControl``), placed after the manager steps;
/// 3. each `[[category]]` rule for the claim's category whose `above` the amount exceeds, in file order;
/// 4. `[finance]`, when the amount exceeds its `above` (3 and 4 for expense claims only);
/// 5. the rules of a contract's or price exception's kind (``KindRoutes``).
///
/// A person appears at most once (the first position is kept). The planner never throws: problems are
/// returned with the route, so the tool can refuse the submission with a clear message.
public enum RoutePlanner {
    /// The route of `claim` under `policy`, with the problems that keep it from being complete.
    public static func plan(_ claim: ClaimFacts, people: [String: PersonInfo], policy: ApprovalPolicy) -> RoutePlan {
        let amount = claim.amountCents
        let excluded = claim.excluded
        var steps: [(approver: String, reason: RouteReason, inPlaceOf: String?)] = []
        var problems: [RouteProblem] = []
        func report(_ problem: RouteProblem) { if !problems.contains(problem) { problems.append(problem) } }

        // 1. The manager chain, up to the person whose limit covers the amount.
        var chain = ApprovalChainWalk(above: claim.submitter, people: people, excluded: excluded)
        if people[claim.submitter] == nil { report(.unknownPerson(login: claim.submitter, namedBy: "the claim")) }
        var covered = false
        while let manager = chain.next() {
            let limit = policy.limits.limit(of: manager)
            steps.append((manager.login, .manager(limitCents: limit), nil))
            if limit >= amount {
                covered = true
                break
            }
        }
        if !covered, chain.problem == nil, let final = policy.limits.finalApprover,
            let (login, standIn) = resolve(
                final, rule: "final_approver", people: people, excluded: excluded,
                report: report)
        {
            steps.append((login, .finalApprover, standIn))
            covered = true
        }
        if !covered {
            if let problem = chain.problem { report(problem) }
            report(.noOneCovers(amountCents: amount, top: steps.last?.approver))
        }
        let managerCount = steps.count

        // 3. Category rules, in file order (expense claims only).
        for rule in policy.categories
        where claim.kind == .expense && rule.category == claim.category && amount > rule.aboveCents {
            let name = "the \(rule.category) rule above \(ImportValue.moneyText(cents: rule.aboveCents))"
            if let (login, standIn) = resolve(
                rule.approver, rule: name, people: people, excluded: excluded,
                report: report)
            {
                steps.append((login, .category(name: rule.category, aboveCents: rule.aboveCents), standIn))
            }
        }

        // 4. Finance (expense claims; a contract's finance step comes from `[contract]`).
        func financeStep(_ approver: ApprovalPolicy.FinanceApprover, name: String, reason: RouteReason) {
            switch approver {
            case .login(let login):
                if let (approver, standIn) = resolve(
                    login, rule: name, people: people, excluded: excluded,
                    report: report)
                {
                    steps.append((approver, reason, standIn))
                }
            case .role(let role):
                let candidate = people.values
                    .filter { $0.role == role && $0.active && !excluded.contains($0.login) }
                    .map(\.login).min()
                if let candidate { steps.append((candidate, reason, nil)) } else { report(.noApprover(rule: name)) }
            }
        }
        if claim.kind == .expense, let finance = policy.finance, amount > finance.aboveCents {
            let name = "the finance rule above \(ImportValue.moneyText(cents: finance.aboveCents))"
            financeStep(finance.approver, name: name, reason: .finance(aboveCents: finance.aboveCents))
        }

        // 5. The rules of the document's kind.
        for rule in KindRoutes.rules(claim, policy: policy, report: report) {
            switch rule {
            case .person(let login, let reason, let name):
                if let (approver, standIn) = resolve(
                    login, rule: name, people: people, excluded: excluded, report: report)
                {
                    steps.append((approver, reason, standIn))
                }
            case .finance(let approver, let reason, let name):
                financeStep(approver, name: name, reason: reason)
            }
        }

        // Each person once, in the first position.
        var seen = Set<String>()
        var managersKept = 0
        var unique: [(approver: String, reason: RouteReason, inPlaceOf: String?)] = []
        for (i, step) in steps.enumerated() where seen.insert(step.approver).inserted {
            unique.append(step)
            if i < managerCount { managersKept += 1 }
        }

        // 2. Dual control: a second distinct person from further up the chain.
        if let above = policy.controls.dualControlAboveCents, amount > above, unique.count < 2 {
            var insertAt = managersKept
            while unique.count < 2 {
                guard let next = chain.next() else {
                    if let problem = chain.problem { report(problem) }
                    report(.dualControlUnavailable(amountCents: amount, aboveCents: above))
                    break
                }
                guard seen.insert(next.login).inserted else { continue }
                unique.insert((next.login, .dualControl, nil), at: insertAt)
                insertAt += 1
            }
        }

        let routed = unique.enumerated().map { i, s in
            RouteStep(index: i + 1, approver: s.approver, reason: s.reason, inPlaceOf: s.inPlaceOf)
        }
        return RoutePlan(steps: routed, problems: problems)
    }

    /// The person who acts for a login the policy names: that person, or their nearest eligible manager.
    ///
    /// Returns the approver and, when someone stands in, the login they stand in for.
    private static func resolve(
        _ login: String, rule: String, people: [String: PersonInfo], excluded: Set<String>,
        report: (RouteProblem) -> Void
    ) -> (String, String?)? {
        guard let person = people[login] else {
            report(.unknownPerson(login: login, namedBy: rule))
            return nil
        }
        if person.active && !excluded.contains(login) { return (login, nil) }
        var chain = ApprovalChainWalk(above: login, people: people, excluded: excluded)
        if let standIn = chain.next() { return (standIn.login, login) }
        if let problem = chain.problem { report(problem) }
        report(.noApprover(rule: rule))
        return nil
    }
}

/// Walks `reports_to` upwards from a person, yielding the managers who may approve.
///
/// Inactive people and the excluded logins are passed over. The walk stops at the top, at a login missing from
/// the directory, or when a login comes round again; the last two leave a ``problem``.
struct ApprovalChainWalk {
    private let people: [String: PersonInfo]
    private let excluded: Set<String>
    private var visited: [String]
    private var current: String?
    /// Why the walk stopped before the top, if it did.
    private(set) var problem: RouteProblem?

    /// A walk over the managers above `login`.
    init(above login: String, people: [String: PersonInfo], excluded: Set<String>) {
        self.people = people
        self.excluded = excluded
        visited = [login]
        current = people[login]?.reportsTo
    }

    /// The next eligible manager up, or `nil` when the chain ends.
    mutating func next() -> PersonInfo? {
        while let login = current {
            if let loopStart = visited.firstIndex(of: login) {
                problem = .cycle(Array(visited[loopStart...]))
                current = nil
                return nil
            }
            guard let person = people[login] else {
                problem = .unknownPerson(login: login, namedBy: "the reports_to of \(visited.last ?? "?")")
                current = nil
                return nil
            }
            visited.append(login)
            current = person.reportsTo
            if person.active && !excluded.contains(login) { return person }
        }
        return nil
    }
}
