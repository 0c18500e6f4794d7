import SalesTestSupport
import Testing

@testable import SalesCore

/// The seeded generator the random organisations are drawn from.
typealias PolicyRandom = SeededRandom

extension SeededRandom {
    /// Whether an event of probability `percent`/100 happens.
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &self) < percent }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
}

/// Random organisations, policies and claims.
struct PolicyWorld {
    var people: [String: PersonInfo]
    var logins: [String]
    var policy: ApprovalPolicy

    static let limitsYuan: [Int64] = [0, 1_000, 5_000, 20_000, 50_000, 100_000, 500_000]

    /// A tree of 20–60 people (person 0 at the top), random limits and roles, about one in seven inactive.
    init(_ r: inout PolicyRandom) {
        let n = Int.random(in: 20...60, using: &r)
        logins = (0..<n).map { "p\($0)" }
        var list: [PersonInfo] = []
        for i in 0..<n {
            list.append(
                PersonInfo(
                    login: logins[i], name: "人\(i)", role: r.pick(["rep", "manager", "manager", "finance", "admin"]),
                    reportsTo: i == 0 ? nil : logins[Int.random(in: 0..<i, using: &r)],
                    approvalLimitCents: r.pick(Self.limitsYuan) * 100 + (r.chance(10) ? 1 : 0),
                    active: !r.chance(15)))
        }
        people = Dictionary(uniqueKeysWithValues: list.map { ($0.login, $0) })
        policy = ApprovalPolicy(name: "random")
        policy.limits =
            r.chance(20)
            ? .init(usePersonLimits: false, defaultLimitCents: r.pick(Self.limitsYuan) * 100)
            : .init(usePersonLimits: true, defaultLimitCents: r.chance(50) ? r.pick(Self.limitsYuan) * 100 : nil)
        for _ in 0..<Int.random(in: 0...3, using: &r) {
            policy.categories.append(
                .init(
                    category: r.pick(Codes.expenseCategory),
                    aboveCents: r.pick(Self.limitsYuan) * 100,
                    approver: r.chance(5) ? "ghost" : r.pick(logins)))
        }
        if r.chance(70) {
            policy.finance = .init(
                aboveCents: r.pick(Self.limitsYuan) * 100,
                approver: r.chance(50) ? .role("finance") : .login(r.pick(logins)))
        }
        if r.chance(70) { policy.controls.dualControlAboveCents = r.pick(Self.limitsYuan) * 100 }
    }

    /// A random claim: any submitter, sometimes another payee, any amount up to 600 000 yuan.
    func claim(_ r: inout PolicyRandom) -> ClaimFacts {
        ClaimFacts(
            id: "E-\(Int.random(in: 0..<1000, using: &r))", submitter: r.pick(logins),
            payee: r.chance(30) ? r.pick(logins) : nil,
            amountCents: Int64.random(in: 1...60_000_000, using: &r), category: r.pick(Codes.expenseCategory),
            date: CivilDate(daysSinceUnixEpoch: Int.random(in: 20_000...20_100, using: &r)))
    }

    /// The covering manager found the plain way: up the chain, past inactive and excluded people.
    func coveringManager(for claim: ClaimFacts) -> String? {
        var seen: Set<String> = [claim.submitter]
        var current = people[claim.submitter]?.reportsTo
        while let login = current, seen.insert(login).inserted, let p = people[login] {
            if p.active, !claim.excluded.contains(login), policy.limits.limit(of: p) >= claim.amountCents {
                return login
            }
            current = p.reportsTo
        }
        return nil
    }
}

@Suite("Approval properties over random organisations")
struct PolicyPropertyTests {
    static let worlds = 150
    static let claimsPerWorld = 25

    /// Never the submitter or payee, complete or explained, covering manager last, no duplicates,
    /// dual control honoured, deterministic.
    @Test("routes hold their invariants over random organisations")
    func routes() {
        var r = PolicyRandom(seed: 20_260_310)
        for _ in 0..<Self.worlds {
            let world = PolicyWorld(&r)
            for _ in 0..<Self.claimsPerWorld {
                let claim = world.claim(&r)
                let plan = RoutePlanner.plan(claim, people: world.people, policy: world.policy)
                let approvers = plan.steps.map(\.approver)
                let context = "\(claim) \(plan)"

                #expect(!approvers.contains(claim.submitter), "\(context)")
                if let payee = claim.payee { #expect(!approvers.contains(payee), "\(context)") }
                #expect(!plan.steps.isEmpty || !plan.problems.isEmpty, "\(context)")
                #expect(Set(approvers).count == approvers.count, "\(context)")
                #expect(plan.steps.map(\.index) == Array(1..<(plan.steps.count + 1)), "\(context)")
                for login in approvers {
                    #expect(world.people[login]?.active == true, "\(login) inactive or unknown: \(context)")
                }

                // The covering manager, when one exists, is the last manager step; only it covers the amount.
                let managerSteps = plan.steps.filter { if case .manager = $0.reason { true } else { false } }
                if let expected = world.coveringManager(for: claim) {
                    #expect(plan.coveringStep(amountCents: claim.amountCents)?.approver == expected, "\(context)")
                    #expect(managerSteps.last?.approver == expected, "\(context)")
                } else {
                    #expect(plan.coveringStep(amountCents: claim.amountCents) == nil, "\(context)")
                    #expect(
                        plan.problems.contains {
                            if case .noOneCovers = $0 { true } else { false }
                        }, "\(context)")
                }
                // Over-limit: a manager step's limit is the person's, and no one but the last covers the amount.
                for (i, step) in managerSteps.enumerated() {
                    guard case .manager(let limit) = step.reason, let person = world.people[step.approver] else {
                        continue
                    }
                    #expect(limit == world.policy.limits.limit(of: person), "\(context)")
                    if i < managerSteps.count - 1 { #expect(limit < claim.amountCents, "\(context)") }
                }

                if let above = world.policy.controls.dualControlAboveCents, claim.amountCents > above {
                    #expect(
                        Set(approvers).count >= 2
                            || plan.problems.contains {
                                if case .dualControlUnavailable = $0 { true } else { false }
                            }, "\(context)")
                }

                // Deterministic, whatever order the directory is built in.
                let shuffled = Dictionary(
                    uniqueKeysWithValues: world.people.sorted { $0.key > $1.key }
                        .map { ($0.key, $0.value) })
                #expect(RoutePlanner.plan(claim, people: shuffled, policy: world.policy) == plan, "\(context)")
            }
        }
    }

    @Test("routes end even when reports_to loops, and the loop is reported when it matters")
    func cycles() {
        var r = PolicyRandom(seed: 7)
        for _ in 0..<Self.worlds {
            var world = PolicyWorld(&r)
            // Point the top at someone below it: every chain now loops.
            let top = world.logins[0]
            world.people[top]?.reportsTo = r.pick(Array(world.logins.dropFirst()))
            for _ in 0..<10 {
                let claim = world.claim(&r)
                let plan = RoutePlanner.plan(claim, people: world.people, policy: world.policy)
                if plan.coveringStep(amountCents: claim.amountCents) == nil {
                    #expect(plan.problems.contains { if case .cycle = $0 { true } else { false } }, "\(plan)")
                }
                #expect(Set(plan.steps.map(\.approver)).count == plan.steps.count)
            }
        }
    }

    @Test("separation of duties: self and payee always refused, others need a covering delegation")
    func separation() {
        var r = PolicyRandom(seed: 42)
        for _ in 0..<Self.worlds {
            let world = PolicyWorld(&r)
            for _ in 0..<Self.claimsPerWorld {
                let claim = world.claim(&r)
                let plan = RoutePlanner.plan(claim, people: world.people, policy: world.policy)
                guard let step = plan.steps.isEmpty ? nil : r.pick(plan.steps) else { continue }
                let dual = world.policy.controls.dualControlAboveCents
                let day = claim.date
                func covering(to login: String) -> Delegation {
                    Delegation(
                        from: step.approver, to: login,
                        starts: CivilDate(daysSinceUnixEpoch: day.daysSinceUnixEpoch - 3).iso,
                        ends: CivilDate(daysSinceUnixEpoch: day.daysSinceUnixEpoch + 3).iso)
                }
                func check(_ actor: String, _ delegations: [Delegation]) -> Refusal? {
                    SeparationOfDuties.check(
                        actor: actor, step: step, claim: claim, delegations: delegations,
                        on: day, dualControlAboveCents: dual)
                }

                // The submitter and the payee: refused, even with a covering delegation.
                #expect(check(claim.submitter, [covering(to: claim.submitter)])?.reason == .submitter)
                if let payee = claim.payee, payee != claim.submitter {
                    #expect(check(payee, [covering(to: payee)])?.reason == .payee)
                }
                // The routed approver may act.
                #expect(check(step.approver, []) == nil)
                // Anyone else: refused without a delegation, accepted with a covering one.
                let other = r.pick(world.logins)
                guard !claim.excluded.contains(other), other != step.approver else { continue }
                #expect(check(other, [])?.reason == .notRoutedToYou(approver: step.approver))
                #expect(check(other, [covering(to: other)]) == nil)
                var lapsed = covering(to: other)
                lapsed.ends = CivilDate(daysSinceUnixEpoch: day.daysSinceUnixEpoch - 1).iso
                #expect(check(other, [lapsed]) != nil)
                // Above dual control, a second approval by the same person is refused.
                if let dual, claim.amountCents > dual {
                    #expect(
                        SeparationOfDuties.check(
                            actor: step.approver, step: step, claim: claim, delegations: [],
                            on: day, alreadyApproved: [step.approver],
                            dualControlAboveCents: dual)?.reason
                            == .alreadyApproved(aboveCents: dual))
                }
            }
        }
    }

    @Test("splits: every finding's pieces are each at most the threshold and together above it")
    func splits() {
        var r = PolicyRandom(seed: 99)
        for _ in 0..<Self.worlds {
            let world = PolicyWorld(&r)
            let submitter = r.pick(world.logins)
            let category = r.pick(Codes.expenseCategory)
            let claims = (0..<8).map { i in
                ClaimFacts(
                    id: "C-\(i)", submitter: submitter, amountCents: Int64.random(in: 1...8_000_000, using: &r),
                    category: r.chance(80) ? category : "other",
                    date: CivilDate(daysSinceUnixEpoch: 20_000 + Int.random(in: 0...20, using: &r)))
            }
            let new = claims[0]
            guard
                let f = SplitDetector.detect(
                    new, earlier: Array(claims.dropFirst()), people: world.people,
                    policy: world.policy)
            else { continue }
            let pieces = claims.filter { f.relatedIDs.contains($0.id) }
            #expect(pieces.count == f.relatedIDs.count && !pieces.isEmpty)
            #expect(f.combinedCents == pieces.reduce(new.amountCents) { $0 + $1.amountCents })
            #expect(f.combinedCents > f.threshold.cents)
            #expect((pieces + [new]).allSatisfy { $0.amountCents <= f.threshold.cents && $0.category == new.category })
            #expect(
                pieces.allSatisfy {
                    abs($0.date.daysSinceUnixEpoch - new.date.daysSinceUnixEpoch)
                        <= world.policy.controls.splitWindowDays
                })
        }
    }
}
