import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

@Suite("sales-approve: properties over random organisations")
struct ApprovalDeskPropertyTests {
    /// Random people, limits, claims and people trying to decide them: whatever happens, nobody approves
    /// their own claim, only the step's approver decides it, and a claim is approved only once someone whose
    /// limit covers the amount approved it (and two people above dual control).
    @Test("self-approval and approvals beyond the route are always refused", arguments: 0..<12)
    func randomOrganisations(seed: UInt64) throws {
        var rng = AuditRandom(seed: 0x5EED_0000 + seed)
        let store = try makeTempStore()
        let count = Int.random(in: 5...12, using: &rng)
        let logins = (0..<count).map { "p\($0)" }
        var limits: [String: Int64] = [:]
        try store.write { c in
            for (i, login) in logins.enumerated() {
                let limit: Int64 =
                    i == 0 ? 100_000_000 : [0, 0, 200_000, 500_000, 2_000_000, 5_000_000].randomElement(using: &rng)!
                limits[login] = limit
                let role = i == 1 ? "finance" : i == 2 ? "admin" : limit > 0 ? "manager" : "rep"
                try c.execute(
                    "INSERT INTO person (login, name, role, approval_limit_cents) VALUES (?, ?, ?, ?)",
                    [.text(login), .text("人\(i)"), .text(role), .integer(limit)])
            }
            for i in 1..<count {  // a tree: each reports to someone earlier
                let boss = logins[Int.random(in: 0..<i, using: &rng)]
                try c.execute(
                    "UPDATE person SET reports_to_id = (SELECT id FROM person WHERE login = ?) WHERE login = ?",
                    [.text(boss), .text(logins[i])])
            }
        }
        let dualAbove: Int64 = 3_000_000
        let policy = """
            name = "random \(seed)"
            [finance]
            above = 40000
            role = "finance"
            [controls]
            dual_control_above = 30000
            """
        _ = try ApprovalFixture.desk(store, as: "p2").loadPolicy(text: policy, fileName: "random.toml")
        let claims = (0..<8).map { "R\($0)" }
        for number in claims {
            let amount = Int64.random(in: 1...6_000_000, using: &rng)
            try ApprovalFixture.importClaim(
                store, number: number, submitter: logins.randomElement(using: &rng)!,
                amountCents: amount, category: "other")
        }
        _ = try ApprovalFixture.desk(store, as: "p0").queue()  // routes them

        for _ in 0..<60 {
            let number = claims.randomElement(using: &rng)!
            let actor = logins.randomElement(using: &rng)!
            let before = try ApprovalFixture.desk(store, as: "p0").show(number)
            let current = before.steps.first { $0.state == "pending" }
            let approving = Bool.random(using: &rng) || Bool.random(using: &rng)
            let desk = ApprovalFixture.desk(store, as: actor)
            do {
                if approving { _ = try desk.approve(number) } else { _ = try desk.reject(number, reason: "random") }
                #expect(before.state == "pending", "\(number) decided in state \(before.state)")
                #expect(actor != before.submitter, "\(actor) decided their own claim \(number)")
                #expect(
                    current?.approver == actor,
                    "\(actor) decided step \(current?.position ?? 0) of \(current?.approver ?? "-")")
            } catch let error as ApprovalError {
                if actor == before.submitter, before.state == "pending" { #expect(error.kind == .refused) }
                if before.state == "pending", current?.approver == actor, actor != before.submitter {
                    Issue.record("\(actor) was refused their own step of \(number): \(error.message)")
                }
            }
        }

        for number in claims {
            let claim = try ApprovalFixture.desk(store, as: "p0").show(number)
            #expect(!claim.steps.contains { $0.decidedBy == claim.submitter })
            guard claim.state == "approved" else { continue }
            #expect(claim.steps.allSatisfy { $0.state == "approved" })
            let deciders = Set(claim.steps.compactMap(\.decidedBy))
            #expect(
                deciders.contains { (limits[$0] ?? 0) >= claim.amountCents },
                "\(number) approved without anyone whose limit covers \(claim.amount)")
            if claim.amountCents > dualAbove { #expect(deciders.count >= 2, "\(number) above dual control") }
        }
        #expect(try store.read { try AuditLog.verify($0) }.isIntact)
    }
}
