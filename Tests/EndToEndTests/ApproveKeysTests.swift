import Foundation
import SalesCore
import SalesTestSupport
import Testing

/// `sales-approve keys` and signed entries, run as the built tool.
@Suite("sales-approve, end to end: signing keys")
struct ApproveKeysTests {
    /// Running as `daemon` (uid 1) needs root and `setpriv`.
    private static let canSwitchUID =
        geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
        && SystemAccount.passwdEntry(uid: 1)?.login == "daemon"

    private func run(
        _ arguments: [String], config: String, db: String? = nil, launcher: [String] = []
    ) throws -> ToolRun {
        try runTool(
            "sales-approve", arguments + (db.map { ["--db", $0, "--lang", "en"] } ?? []),
            environment: ["XDG_CONFIG_HOME": config, "SALES_USER": ""], launcher: launcher)
    }

    /// A populated store (policy loaded before init, claim BX1 of rep1 waiting for m1), in a folder anyone
    /// may write.
    private func store(renaming m1: String? = nil) throws -> String {
        let folder = try temporaryDirectory()
        let db = folder.appendingPathComponent("sales.db").path
        let store = try ApprovalFixture.makeStore(path: db)
        if let m1 {
            try store.write { try $0.execute("UPDATE person SET login = ? WHERE login = 'm1'", [.text(m1)]) }
        }
        try ApprovalFixture.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 100_000)
        try ApprovalFixture.importClaim(store, number: "BX2", submitter: "rep2", amountCents: 100_000)
        store.close()
        for path in [folder.path, db] { chmod(path, 0o777) }
        return db
    }

    @Test(
        "keys create, init, enroll, list, revoke; a loose key file and a second create are refused; a forged entry fails verify"
    )
    func keysEndToEnd() throws {
        let config = try temporaryDirectory().path
        let db = try store()

        // Without a key, plain init is refused and says what to do.
        let noKey = try run(["init"], config: config, db: db)
        #expect(noKey.status == ExitStatus.noPermission)
        #expect(noKey.stderr.contains("run `sales-approve keys create` first"), "\(noKey.stderr)")

        let created = try run(["keys", "create"], config: config)
        #expect(created.status == 0, "\(created.stderr)")
        let rootKey = created.stdout.trimmingCharacters(in: .newlines)
        #expect(created.stdout.hasSuffix("\n") && !rootKey.contains("\n") && PublicKeyText(rootKey) != nil)
        let keyPath = config + "/sales-toolkit/signing-key"
        let mode = { (path: String) in
            (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        }
        #expect(try mode(keyPath) == 0o600)
        #expect(try mode(config + "/sales-toolkit") == 0o700)
        let again = try run(["keys", "create"], config: config)
        #expect(again.status == ExitStatus.noPermission && again.stderr.contains("never overwritten"))
        #expect(again.stdout.isEmpty)

        #expect(try run(["init"], config: config, db: db).status == 0)
        let m1Key = try ApprovalFixture.keyFile().publicKey
        let enrolled = try run(["keys", "enroll", "m1", "\(m1Key)"], config: config, db: db)
        #expect(enrolled.status == 0, "\(enrolled.stderr)")
        #expect(enrolled.stdout.hasPrefix("Enrolled \(m1Key) for m1 (audit entry 3)"))
        let bad = try run(["keys", "enroll", "m1", "ed25519:nope"], config: config, db: db)
        #expect(bad.status == ExitStatus.dataError)

        let list = try run(["keys", "list"], config: config, db: db)
        #expect(list.stdout.contains("Audit entries are signed from entry 2 on."))
        #expect(list.stdout.contains("m1  \(m1Key)  enrolled "))
        let json = try run(["keys", "list", "--json"], config: config, db: db)
        let rows = try JSONSerialization.jsonObject(with: json.stdoutData) as? [[String: Any]]
        #expect(rows?.first?["login"] as? String == "m1" && rows?.first?["key"] as? String == "\(m1Key)")
        #expect(rows?.first?["enrolled_seq"] as? Int == 3 && rows?.first?["revoked_seq"] == nil)

        // A key file group can read is refused, with the fix.
        chmod(keyPath, 0o644)
        let loose = try run(["keys", "revoke", "m1"], config: config, db: db)
        #expect(loose.status == ExitStatus.noPermission)
        #expect(
            loose.stderr
                == "sales-approve: \(keyPath) can be read by group or others (mode 644); run chmod 600 \(keyPath)\n")
        chmod(keyPath, 0o600)

        let revoked = try run(["keys", "revoke", "m1"], config: config, db: db)
        #expect(revoked.status == 0 && revoked.stdout.hasPrefix("Revoked \(m1Key) of m1 (audit entry 4)"))
        let listed = try run(["keys", "list", "--json"], config: config, db: db)
        #expect(listed.stdout.contains(#""revoked_by":"root""#) && listed.stdout.contains(#""revoked_seq":4"#))

        let clean = try run(["verify"], config: config, db: db)
        #expect(clean.status == 0 && clean.stdout.hasPrefix("OK: 4 audit entries"), "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stderr.isEmpty)

        // Someone who can write the file appends an entry and recomputes the chain: verify names it.
        let store = try Store.open(path: db)
        try store.write { c in
            _ = try AuditLog.append(
                c, actor: "m1", action: "step.approved", subject: "expense:BX1", payload: [:],
                at: "2026-03-15T12:00:00Z")
        }
        store.close()
        let forged = try run(["verify"], config: config, db: db)
        #expect(forged.status == ExitStatus.dataError)
        #expect(forged.stdout.hasPrefix("BROKEN at entry 5: not signed:"), "\(forged.stdout)")
        #expect(forged.stdout.contains("(by m1) carries no signature"))
    }

    @Test(
        "a person without an enrolled key is refused with how to get one; once enrolled their decision is signed",
        .enabled(if: canSwitchUID, "needs root and setpriv to act as a second account (daemon)"))
    func personSigns() throws {
        let rootConfig = try temporaryDirectory().path
        let daemonConfig = try temporaryDirectory().path
        chown(daemonConfig, 1, 1)
        let asDaemon = ["/usr/bin/setpriv", "--reuid", "1", "--regid", "1", "--clear-groups"]
        let db = try store(renaming: "daemon")
        #expect(try run(["keys", "create"], config: rootConfig).status == 0)
        #expect(try run(["init"], config: rootConfig, db: db).status == 0)

        let unsigned = try run(["approve", "BX1"], config: daemonConfig, db: db, launcher: asDaemon)
        #expect(unsigned.status == ExitStatus.noPermission)
        #expect(unsigned.stderr.contains("daemon has no signing key enrolled in this store"), "\(unsigned.stderr)")
        #expect(
            unsigned.stderr.contains("sales-approve keys create") && unsigned.stderr.split(separator: "\n").count == 1)

        let created = try run(["keys", "create"], config: daemonConfig, launcher: asDaemon)
        #expect(created.status == 0, "\(created.stderr)")
        let key = created.stdout.trimmingCharacters(in: .newlines)
        // daemon may not enrol keys (not the init account, role manager).
        let selfEnrol = try run(["keys", "enroll", "daemon", key], config: daemonConfig, db: db, launcher: asDaemon)
        #expect(selfEnrol.status == ExitStatus.noPermission)
        #expect(try run(["keys", "enroll", "daemon", key], config: rootConfig, db: db).status == 0)

        let approved = try run(["approve", "BX1"], config: daemonConfig, db: db, launcher: asDaemon)
        #expect(approved.status == 0, "\(approved.stderr)")
        let verify = try run(["verify"], config: rootConfig, db: db)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")

        // Keys are read from the acting account's own config folder only: root's key does not sign for daemon.
        let borrowed = try run(["approve", "BX2"], config: rootConfig, db: db, launcher: asDaemon)
        #expect(borrowed.status != 0)
    }
}
