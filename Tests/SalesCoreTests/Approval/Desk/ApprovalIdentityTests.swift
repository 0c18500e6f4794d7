import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

private typealias F = ApprovalFixture

@Suite("sales-approve: identity from the kernel and the audit log")
struct ApprovalIdentityTests {
    @Test("the acting account is the effective uid's passwd entry; a uid without one is refused, whatever $USER says")
    func accountFromPasswd() throws {
        // An injected lookup stands in for a passwd database without the uid (the end-to-end test
        // ApproveIdentityTests runs the built tool under such a uid when it can).
        let known = SystemAccount(uid: 1234, login: "m1", home: "/home/m1")
        #expect(try SystemAccount.effective(uid: 1234, lookup: { $0 == 1234 ? known : nil }) == known)
        #expect(throws: AccountError(uid: 4321)) {
            _ = try SystemAccount.effective(uid: 4321, lookup: { _ in nil })
        }
        #expect(throws: AccountError(uid: 7)) {
            _ = try SystemAccount.effective(uid: 7, lookup: { SystemAccount(uid: $0, login: "", home: "") })
        }
        let message = AccountError(uid: 4321).errorDescription ?? ""
        #expect(message.contains("uid 4321 has no passwd entry") && !message.contains("\n"))
        #expect(ExitStatus.code(for: AccountError(uid: 1)) == ExitStatus.noPermission)
        // The real lookup: this process's own uid has an entry (root in CI), uid 4294967294 normally none.
        #expect(SystemAccount.passwdEntry(uid: UInt32(geteuid()))?.login.isEmpty == false)
    }

    @Test(
        "the identity mode comes from the log's store.initialised entry: editing store_meta changes nothing, verify names it"
    )
    func modeFromLog() throws {
        let store = try F.makeStore()
        let key = try F.keyFile().file
        #expect(try F.desk(store, as: "admin", keyFile: key).initialise(trustEnvironment: false) == .operatingSystem)
        #expect(try F.desk(store, as: "admin").verify().isIntact)
        try store.write {
            try $0.execute("UPDATE store_meta SET value = 'trust-env' WHERE key = 'approval_identity'")
        }
        let withVariable = ApprovalDesk(store: store, account: "m1", environment: ["SALES_USER": "boss"])
        #expect(try withVariable.identityMode() == .operatingSystem)
        #expect(throws: ApprovalError.self) { _ = try withVariable.identity() }
        guard case .broken(let seq, let reason) = try withVariable.verify() else {
            Issue.record("verify passed a store_meta that disagrees with the log")
            return
        }
        #expect(seq == 2)
        #expect(reason.contains("store_meta approval_identity is 'trust-env'") && reason.contains("'os-account'"))
        // Deleting the row neither changes the mode nor allows a second init.
        try store.write { try $0.execute("DELETE FROM store_meta WHERE key = 'approval_identity'") }
        #expect(throws: ApprovalError.self) { _ = try F.desk(store, as: "admin").initialise(trustEnvironment: true) }
        guard case .broken(_, let absent) = try withVariable.verify() else {
            Issue.record("verify passed a store_meta without the mode")
            return
        }
        #expect(absent.contains("is absent"))
    }

    @Test("a store_meta row claiming trust-env in a store never initialised is refused and named by verify")
    func metaWithoutInitialisation() throws {
        let store = try F.makeStore()
        try store.write {
            try $0.execute("INSERT INTO store_meta (key, value) VALUES ('approval_identity', 'trust-env')")
        }
        let withVariable = ApprovalDesk(store: store, account: "m1", environment: ["SALES_USER": "boss"])
        #expect(throws: ApprovalError.self) { _ = try withVariable.identity() }
        #expect(
            try withVariable.verify()
                == .broken(
                    seq: 0,
                    reason: try store.read {
                        try ApprovalIdentity.metaMismatch($0)?.reason ?? ""
                    }))
        let text = ApprovalReport.verifyText(try withVariable.verify(), lang: .en)
        #expect(text.hasPrefix("BROKEN: store_meta approval_identity is 'trust-env' but the audit log has no"))
    }
}
