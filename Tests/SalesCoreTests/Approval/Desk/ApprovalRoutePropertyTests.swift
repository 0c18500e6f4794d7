import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

/// The real desk on a temporary store, over random departments: people with random roles, managers, limits
/// and activity; a random policy (limits, final approver, category and finance rules, dual control);
/// delegations asked for by random people to random people; random claims; and random people trying to
/// approve or reject them. Whatever happens, the rules of issue 16 hold.
@Suite("sales-approve: routes, delegations and decisions over random departments")
struct ApprovalRoutePropertyTests {
    static let limitsYuan: [Int64] = [0, 0, 2_000, 5_000, 20_000, 100_000, 1_000_000]
    static let amountsYuan: [Int64] = [300, 1_500, 4_999, 5_000, 12_000, 25_000, 60_000, 150_000, 900_000]

    /// A random department in `store`; returns each login's role and whether they are active.
    static func department(_ store: Store, _ r: inout SeededRandom) throws -> [String: PersonInfo] {
        let count = Int.random(in: 8...16, using: &r)
        var people: [String: PersonInfo] = [:]
        try store.write { c in
            for i in 0..<count {
                let login = "p\(i)"
                // p0 heads the department; p1 is finance and p2 admin, so policies can be loaded and routed.
                let role =
                    i == 0
                    ? "manager"
                    : i == 1
                        ? "finance"
                        : i == 2
                            ? "admin"
                            : r.pick(["rep", "rep", "manager", "manager", "finance", "admin"])
                let limit = i == 0 ? 100_000_000 : r.pick(Self.limitsYuan) * 100
                let active = i < 3 || !r.chance(12)
                let boss = i == 0 ? nil : "p\(Int.random(in: 0..<i, using: &r))"
                people[login] = PersonInfo(
                    login: login, name: "人\(i)", role: role, reportsTo: boss, approvalLimitCents: limit,
                    active: active)
                try c.execute(
                    """
                    INSERT INTO person (login, name, role, approval_limit_cents, active, reports_to_id)
                    VALUES (?, ?, ?, ?, ?, (SELECT id FROM person WHERE login = ?))
                    """,
                    [
                        .text(login), .text("人\(i)"), .text(role), .integer(limit), .integer(active ? 1 : 0),
                        SQLValue(boss),
                    ])
            }
        }
        return people
    }

    /// A random policy's TOML and its dual-control amount (in cents), if any.
    static func policy(seed: UInt64, logins: [String], _ r: inout SeededRandom) -> (text: String, dual: Int64?) {
        var text = "name = \"random \(seed)\"\n[limits]\nuse_person_limits = true\n"
        if r.chance(40) { text += "default_limit = \(r.pick([1_000, 3_000, 10_000]))\n" }
        if r.chance(50) { text += "final_approver = \"p0\"\n" }
        for _ in 0..<Int.random(in: 0...2, using: &r) {
            text += """
                [[category]]
                name = "\(r.pick(Codes.expenseCategory))"
                above = \(r.pick([0, 5_000, 20_000]))
                approver = "\(r.pick(logins))"

                """
        }
        if r.chance(70) {
            text += "[finance]\nabove = \(r.pick([10_000, 50_000, 100_000]))\n"
            text += r.chance(60) ? "role = \"finance\"\n" : "approver = \"\(r.pick(logins))\"\n"
        }
        var dual: Int64?
        text += "[controls]\nbudget_control_default = \"\(r.pick(["warn", "ignore"]))\"\n"
        if r.chance(70) {
            let yuan = r.pick([5_000, 20_000, 100_000])
            dual = Int64(yuan) * 100
            text += "dual_control_above = \(yuan)\n"
        }
        return (text, dual)
    }

    @Test("routes name distinct people, never the submitter; decisions keep separation of duties", arguments: 0..<10)
    func randomDepartments(seed: UInt64) throws {
        var r = SeededRandom(seed: 0xD35C_0000 + seed)
        let store = try makeTempStore()
        let people = try Self.department(store, &r)
        let logins = people.keys.sorted { Int($0.dropFirst())! < Int($1.dropFirst())! }
        let active = logins.filter { people[$0]!.active }
        let (policyText, dual) = Self.policy(seed: seed, logins: logins, &r)
        _ = try ApprovalFixture.desk(store, as: "p2").loadPolicy(text: policyText, fileName: "random.toml")
        let today = ApprovalFixture.desk(store, as: "p0").today()

        let claims = (0..<10).map { "Q\($0)" }
        for number in claims {
            try ApprovalFixture.importClaim(
                store, number: number, submitter: r.pick(logins), amountCents: r.pick(Self.amountsYuan) * 100,
                category: r.pick(Codes.expenseCategory), spentOn: today.plus(-3).iso,
                payee: r.chance(25) ? r.pick(logins) : nil)
        }
        _ = try ApprovalFixture.desk(store, as: "p0").queue()  // routes them

        // Delegations: granted exactly when the delegate is someone else, active, and a manager, finance or
        // admin, and the period has not ended.
        // Most are asked for by someone a claim waits for, so that delegates get to act.
        let waitingFor = try claims.compactMap { number in
            try ApprovalFixture.desk(store, as: "p0").show(number).steps.first { $0.state == "pending" }?.approver
        }.filter { people[$0]!.active }
        let deputies = logins.filter { ApprovalDesk.delegateRoles.contains(people[$0]!.role) }
        for _ in 0..<Int.random(in: 3...8, using: &r) {
            let from = !waitingFor.isEmpty && r.chance(70) ? r.pick(waitingFor) : r.pick(active)
            let to = r.chance(70) ? r.pick(deputies) : r.pick(logins)
            let starts = today.plus(Int.random(in: -6...2, using: &r))
            let ends = starts.plus(Int.random(in: 0...9, using: &r))
            let person = people[to]!
            let allowed =
                to != from && person.active && ApprovalDesk.delegateRoles.contains(person.role) && ends >= today
            do {
                _ = try ApprovalFixture.desk(store, as: from).delegate(to: to, from: starts, until: ends)
                #expect(
                    allowed, "\(from) delegated to \(to) (\(person.role), active \(person.active)) until \(ends.iso)")
            } catch let error as ApprovalError {
                #expect(!allowed, "\(from) was refused a delegation to \(to): \(error.message)")
            }
        }
        let delegations = try store.read { c in
            try c.query("SELECT from_login, to_login, starts_on, ends_on FROM approval_delegation").map {
                (from: $0[0].text ?? "", to: $0[1].text ?? "", starts: $0[2].text ?? "", ends: $0[3].text ?? "")
            }
        }
        func delegated(_ from: String, to: String) -> Bool {
            delegations.contains { $0.from == from && $0.to == to && $0.starts <= today.iso && today.iso <= $0.ends }
        }

        var decided = 0
        var delegatedDecisions = 0
        for _ in 0..<70 {
            let number = r.pick(claims)
            let before = try ApprovalFixture.desk(store, as: "p0").show(number)
            let current = before.steps.first { $0.state == "pending" }
            // Mostly the step's approver or one of their delegates; sometimes the submitter, payee or anyone.
            let deputiesOfCurrent = delegations.filter { $0.from == current?.approver }.map(\.to)
            let actor =
                r.chance(40) && current.map({ people[$0.approver]!.active }) == true
                ? current!.approver
                : r.chance(40) && !deputiesOfCurrent.isEmpty
                    ? r.pick(deputiesOfCurrent)
                    : r.chance(20) && people[before.submitter ?? ""]?.active == true
                        ? before.submitter!
                        : r.pick(active)
            let earlierDeciders = Set(before.steps.filter { $0.state == "approved" }.compactMap(\.decidedBy))
            let approving = r.chance(80)
            let desk = ApprovalFixture.desk(store, as: actor)
            do {
                let outcome = try approving ? desk.approve(number) : desk.reject(number, reason: "random")
                guard let current else {
                    Issue.record("\(actor) decided \(number), which had no pending step")
                    continue
                }
                decided += 1
                #expect(before.state == "pending")
                #expect(outcome.step == current.position)
                #expect(actor != before.submitter && actor != before.payee, "\(actor) decided \(number), their own")
                if actor == current.approver {
                    #expect(outcome.onBehalfOf == nil)
                } else {
                    delegatedDecisions += 1
                    #expect(outcome.onBehalfOf == current.approver)
                    #expect(
                        delegated(current.approver, to: actor), "\(actor) acted for \(current.approver) undelegated")
                    #expect(!earlierDeciders.contains(actor), "\(actor) approved an earlier step of \(number)")
                }
            } catch let error as ApprovalError {
                // Their own step of a pending claim, which they neither submitted nor are paid by, and no
                // second approval above dual control: the desk must let them decide it.
                if before.state == "pending", let current, current.approver == actor, actor != before.submitter,
                    actor != before.payee,
                    !(dual.map { before.amountCents > $0 } ?? false && earlierDeciders.contains(actor))
                {
                    Issue.record("\(actor) was refused their own step of \(number): \(error.message)")
                }
            }
        }

        for number in claims {
            let claim = try ApprovalFixture.desk(store, as: "p0").show(number)
            let approvers = claim.steps.map(\.approver)
            if claim.state != "unroutable" {
                #expect(!claim.steps.isEmpty, "\(number) is \(claim.state) with no route")
                #expect(Set(approvers).count == approvers.count, "\(number) routes someone twice: \(approvers)")
                #expect(!approvers.contains(claim.submitter ?? ""), "\(number) is routed to its submitter")
                if let payee = claim.payee { #expect(!approvers.contains(payee), "\(number) is routed to its payee") }
                if let dual, claim.amountCents > dual { #expect(approvers.count >= 2, "\(number) above dual control") }
            } else {
                #expect(claim.steps.isEmpty && claim.flags.first?.hasPrefix("no complete route") == true)
            }
            let states = claim.steps.map(\.state)
            #expect((claim.state == "approved") == (!states.isEmpty && states.allSatisfy { $0 == "approved" }))
            #expect((claim.state == "rejected") == states.contains("rejected"))
            #expect(
                claim.status == (claim.state == "pending" || claim.state == "unroutable" ? "submitted" : claim.state))
            var deciders: [String] = []
            for step in claim.steps {
                guard let by = step.decidedBy else { continue }
                #expect(by != claim.submitter && by != claim.payee, "\(by) decided a step of \(number), their own")
                if by != step.approver {
                    #expect(step.onBehalfOf == step.approver)
                    #expect(ApprovalDesk.delegateRoles.contains(people[by]!.role))
                    #expect(
                        !deciders.contains(by), "\(by) decided step \(step.position) of \(number) as a delegate too")
                }
                if let dual, claim.amountCents > dual, step.state == "approved" {
                    #expect(!deciders.contains(by), "\(by) approved two steps of \(number) above dual control")
                }
                if step.state == "approved" { deciders.append(by) }
            }
            if let dual, claim.state == "approved", claim.amountCents > dual { #expect(Set(deciders).count >= 2) }
        }

        #expect(decided > 0, "nobody managed to decide anything: the test tried nothing")
        print(
            "seed \(seed): \(decided) decisions, \(delegatedDecisions) by a delegate, \(delegations.count) delegations")
        try store.read { c in
            // Each step decided at most once, as the audit log records it.
            let twice = try c.query(
                """
                SELECT subject, json_extract(payload, '$.round'), json_extract(payload, '$.step') FROM audit_log
                WHERE action IN ('step.approved', 'step.rejected') GROUP BY 1, 2, 3 HAVING count(*) > 1
                """)
            #expect(twice.isEmpty, "steps decided twice: \(twice)")
            let decisions = try c.scalar("SELECT count(*) FROM approval_decision")?.int64
            let audited = try c.scalar(
                "SELECT count(*) FROM audit_log WHERE action IN ('step.approved', 'step.rejected')")?.int64
            #expect(decisions == audited)
            for row in try c.query("SELECT DISTINCT to_login FROM approval_delegation") {
                #expect(ApprovalDesk.delegateRoles.contains(people[row[0].text ?? ""]?.role ?? ""))
            }
            #expect(try AuditLog.verify(c).isIntact)
        }
    }
}

extension CivilDate {
    /// The day `days` days after this one (before it when negative).
    fileprivate func plus(_ days: Int) -> CivilDate { CivilDate(daysSinceUnixEpoch: daysSinceUnixEpoch + days) }
}
