import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

@Suite("sales-approve: the claim store's stored words")
struct ClaimStoreTests {
    @Test("stored states and controls read as their types; one written past the schema's checks is refused by name")
    func storedWords() throws {
        let store = try ApprovalFixture.makeStore()
        try ApprovalFixture.importClaim(store, number: "T1", submitter: "rep1", amountCents: 10_000)
        let shown = try ApprovalFixture.desk(store, as: "m1").show("T1")
        #expect(shown.state == ClaimState.pending.rawValue)
        #expect(shown.budgets.map(\.control) == [.stop])
        try store.read { c in
            let claims = ClaimStore(c)
            let claim = try #require(try claims.claim(number: "T1"))
            #expect(claim.state == .pending && claim.hasStatus(.submitted))
            #expect(try claims.steps(expenseID: claim.expenseID, round: 1).map(\.state) == [.pending])
        }

        // sqlite3 can switch the checks off; the desk then names the value instead of guessing what it means.
        let budget = try #require(
            try store.read { try $0.scalar("SELECT id FROM budget WHERE scope = 'region'")?.int64 })
        try store.write { c in
            try c.execute("PRAGMA ignore_check_constraints = ON")
            try c.execute("UPDATE budget SET control = 'panic' WHERE id = ?", [.integer(budget)])
            try c.execute("PRAGMA ignore_check_constraints = OFF")
        }
        for attempt in [
            { _ = try ApprovalFixture.desk(store, as: "m1").show("T1") },
            { _ = try ApprovalFixture.desk(store, as: "m1").approve("T1") },
        ] as [() throws -> Void] {
            do {
                try attempt()
                Issue.record("a budget control of 'panic' was used")
            } catch let error as ApprovalError {
                #expect(error.kind == .invalid)
                #expect(
                    error.message
                        == "budget.control of id \(budget) is \"panic\", which is none of stop, warn, ignore; "
                        + "the store was edited past its checks")
            }
        }
    }
}
