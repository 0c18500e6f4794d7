import Foundation
import SalesCore
import SalesTestSupport
import Testing

/// The built tools take the acting person from the kernel's uid, and a store's identity mode from its log.
@Suite("sales-approve, end to end: identity from the kernel")
struct ApproveIdentityTests {
    /// A uid with no passwd entry on this machine, or `nil` when none can be found.
    private static let strayUID: UInt32? = (54321..<54400).first { SystemAccount.passwdEntry(uid: $0) == nil }

    /// Running as another uid needs root and `setpriv`.
    private static let canSwitchUID =
        geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") && strayUID != nil

    /// A folder and store anyone may write, so a refusal can only come from the identity check.
    private func openStore() throws -> String {
        let folder = try temporaryDirectory()
        let db = folder.appendingPathComponent("sales.db").path
        let store = try Store.open(path: db)
        try ApprovalFixture.populate(store)
        store.close()
        for path in [folder.path, db] { chmod(path, 0o777) }
        return db
    }

    @Test(
        "a uid without a passwd entry is refused by every tool, whatever $USER and $LOGNAME say",
        .enabled(if: canSwitchUID, "needs root and setpriv to run under a uid without a passwd entry"))
    func strayUIDRefused() throws {
        let uid = String(Self.strayUID!)
        let launcher = ["/usr/bin/setpriv", "--reuid", uid, "--regid", uid, "--clear-groups"]
        let env = ["USER": "admin", "LOGNAME": "admin", "SALES_USER": ""]
        let db = try openStore()
        let policy = try temporaryDirectory().appendingPathComponent("policy.toml")
        try ApprovalFixture.policy.write(to: policy, atomically: true, encoding: .utf8)
        chmod(policy.deletingLastPathComponent().path, 0o755)
        chmod(policy.path, 0o644)

        let load = try runTool(
            "sales-approve", ["policy", "load", policy.path, "--db", db, "--lang", "en"], environment: env,
            launcher: launcher)
        #expect(load.status == ExitStatus.noPermission, "\(load.stderr)")
        #expect(load.stderr == "sales-approve: \(AccountError(uid: UInt32(uid)!).errorDescription!)\n")
        let store = try Store.open(path: db)
        #expect(try store.read { try $0.scalar("SELECT count(*) FROM approval_policy")?.int64 } == 0)
        store.close()

        let imported = try runTool(
            "sales-import", [fixtureURL("demo-company.xlsx").path, "--db", db], environment: env,
            launcher: launcher)
        #expect(imported.status == ExitStatus.noPermission, "\(imported.stderr)")
        #expect(imported.stderr.contains("uid \(uid) has no passwd entry"), "\(imported.stderr)")

        let scored = try runTool("sales-score", ["--db", db, "--lang", "en"], environment: env, launcher: launcher)
        #expect(scored.status == ExitStatus.noPermission, "\(scored.stderr)")
        #expect(scored.stderr.contains("uid \(uid) has no passwd entry"), "\(scored.stderr)")

        // verify needs no identity.
        let verify = try runTool("sales-approve", ["verify", "--db", db], environment: env, launcher: launcher)
        #expect(verify.status == 0, "\(verify.stderr)")
    }

    @Test("flipping store_meta to trust-env in an operating-system store changes nothing, and verify names it")
    func storeMetaFlip() throws {
        let db = try openStore()
        let config = ["XDG_CONFIG_HOME": try temporaryDirectory().path]
        #expect(try runTool("sales-approve", ["keys", "create"], environment: config).status == 0)
        let initialised = try runTool("sales-approve", ["init", "--db", db, "--lang", "en"], environment: config)
        #expect(initialised.status == 0, "\(initialised.stderr)")
        #expect(try runTool("sales-approve", ["verify", "--db", db]).status == 0)

        let store = try Store.open(path: db)
        try store.write {
            try $0.execute("UPDATE store_meta SET value = 'trust-env' WHERE key = 'approval_identity'")
        }
        store.close()

        let queue = try runTool(
            "sales-approve", ["queue", "--db", db, "--lang", "en"], environment: ["SALES_USER": "admin"])
        #expect(queue.status == ExitStatus.noPermission)
        #expect(
            queue.stderr.contains("$SALES_USER is set (admin), but this store takes the acting person"),
            "\(queue.stderr)")
        #expect(!queue.stderr.contains("training/demo store"))

        let verify = try runTool("sales-approve", ["verify", "--db", db, "--lang", "en"])
        #expect(verify.status == ExitStatus.dataError)
        #expect(
            verify.stdout
                == "BROKEN at entry 1: store_meta approval_identity is 'trust-env' but the audit log's "
                + "store.initialised entry 1 records 'os-account': store_meta was edited outside the tool; "
                + "identities follow the log\n")
        #expect(!verify.stderr.contains("training/demo store"))
        let json = try runTool("sales-approve", ["verify", "--db", db, "--json"])
        #expect(json.status == ExitStatus.dataError)
        #expect(json.stdout.hasPrefix(#"{"ok":false,"broken_seq":1,"reason":"store_meta approval_identity"#))
    }
}
