import Foundation
import SalesCore
import SalesTestSupport
import Testing

/// The built `sales-approve`: a delegation hands on authority only within separation of duties, and only
/// to people whose role approves claims.
@Suite("sales-approve, delegation within authority")
struct ApproveDelegationTests {
    private func trainingStore() throws -> String { try ApprovalFixture.trainingStore() }

    private func run(_ db: String, as user: String, _ arguments: [String]) throws -> ToolRun {
        try ApprovalFixture.run(db, as: user, arguments)
    }

    private var until: String { CivilDate(daysSinceUnixEpoch: Clock().today().daysSinceUnixEpoch + 30).iso }

    @Test("a delegate who approved step 1 may not approve step 2 for the person who delegated, at any amount")
    func noSecondStepAsDelegate() throws {
        let db = try trainingStore()
        let store = try Store.open(path: db)
        // 20,000.00 of "other" by rep1: m1 (limit 5,000), then rm (limit 30,000); below dual control.
        try ApprovalFixture.importClaim(
            store, number: "D1", submitter: "rep1", amountCents: 2_000_000, category: "other")
        store.close()
        #expect(try run(db, as: "rm", ["delegate", "--to", "m1", "--until", until]).status == 0)
        let first = try run(db, as: "m1", ["approve", "D1"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Approved step 1 of 2"))

        let queue = try run(db, as: "m1", ["queue", "--json"])
        let items = try #require(try JSONSerialization.jsonObject(with: queue.stdoutData) as? [[String: Any]])
        #expect(items.isEmpty, "\(items)")
        let second = try run(db, as: "m1", ["approve", "D1"])
        #expect(second.status == 77)
        #expect(second.stderr.contains("you already approved an earlier step of this claim"), "\(second.stderr)")
        #expect(second.stderr.contains("(separation of duties)"))
        #expect(second.stderr.split(separator: "\n").filter { !$0.contains("training/demo store") }.count == 1)
        let reject = try run(db, as: "m1", ["reject", "D1", "--reason", "changed my mind"])
        #expect(reject.status == 77)

        let own = try run(db, as: "rm", ["approve", "D1"])
        #expect(own.status == 0, "\(own.stderr)")
        #expect(own.stdout.contains("the claim is approved"))
    }

    @Test("delegation goes only to a manager, finance or admin; a rep or an analyst is refused in one line")
    func delegateRoles() throws {
        let db = try trainingStore()
        let store = try Store.open(path: db)
        try store.write { c in
            try c.execute(
                "INSERT INTO person (login, name, role, team, approval_limit_cents, active) "
                    + "VALUES ('ana', '分析师', 'analyst', 'HQ', 0, 1)")
        }
        store.close()
        for (to, role) in [("rep2", "rep"), ("ana", "analyst")] {
            let refused = try run(db, as: "m1", ["delegate", "--to", to, "--until", until])
            #expect(refused.status == 65, "\(to): \(refused.stderr)")
            #expect(refused.stderr.contains("is \(role); only a manager, finance or admin"), "\(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").filter { !$0.contains("training/demo store") }.count == 1)
        }
        for to in ["fin1", "admin", "rm"] {
            let made = try run(db, as: "m1", ["delegate", "--to", to, "--until", until])
            #expect(made.status == 0, "\(to): \(made.stderr)")
        }
    }
}
