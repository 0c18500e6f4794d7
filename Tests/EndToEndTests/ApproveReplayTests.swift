import Foundation
import SalesCore
import SalesTestSupport
import Testing

/// `sales-approve verify` replays the audit log and compares it with the tables: each attack here is made
/// the way someone who can write the file would (SQL through the SQLite C API, triggers dropped where they
/// stand in the way, entries appended with a recomputed chain), on a signed store run by the built tool,
/// and each leaves a log whose chain and signatures still hold, so only the replay can name it.
@Suite("sales-approve, end to end: verify replays the log against the tables")
struct ApproveReplayTests {
    /// A signed store run by this account: the directory's `m1` renamed to this account's login, so it
    /// approves rep1's claims; `keys create`, `init`, claims BX1 and BX2 of rep1 (1,000.00 each, one step,
    /// to this account), BX1 approved, a delegation to m2. Returns the store, the config folder and the
    /// account's login.
    private func signedStore() throws -> (db: String, config: String, me: String) {
        let me = try SystemAccount.effective().login
        let db = try temporaryDirectory().appendingPathComponent("sales.db").path
        let store = try ApprovalFixture.makeStore(path: db)
        try store.write { try $0.execute("UPDATE person SET login = ? WHERE login = 'm1'", [.text(me)]) }
        try ApprovalFixture.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 100_000)
        try ApprovalFixture.importClaim(store, number: "BX2", submitter: "rep1", amountCents: 100_000)
        store.close()
        let config = try temporaryDirectory().path
        #expect(try run(["keys", "create"], config: config).status == 0)
        for arguments in [
            ["init"], ["approve", "BX1", "--comment", "checked"], ["delegate", "--to", "m2", "--until", "2099-12-31"],
        ] {
            let step = try run(arguments, config: config, db: db)
            #expect(step.status == 0, "\(arguments): \(step.stderr)")
        }
        let clean = try run(["verify"], config: config, db: db)
        #expect(clean.status == 0 && clean.stdout.hasPrefix("OK: "), "\(clean.stdout)\(clean.stderr)")
        return (db, config, me)
    }

    private func run(_ arguments: [String], config: String, db: String? = nil) throws -> ToolRun {
        try runTool(
            "sales-approve", arguments + (db.map { ["--db", $0, "--lang", "en"] } ?? []),
            environment: ["XDG_CONFIG_HOME": config, "SALES_USER": ""])
    }

    /// Runs `sql` on the store through the SQLite C API, as `sqlite3 sales.db` would.
    private func tamper(_ db: String, _ sql: String, _ arguments: [SQLValue] = []) throws {
        let store = try Store.open(path: db)
        try store.write { c in
            if arguments.isEmpty { try c.execute(sql) } else { try c.execute(sql, arguments) }
        }
        store.close()
    }

    /// `verify` fails (exit 65) with exactly one line starting with `prefix`; its `--json` says the same.
    private func expectBroken(_ db: String, config: String, _ prefix: String, contains: String? = nil) throws {
        let verify = try run(["verify"], config: config, db: db)
        #expect(verify.status == ExitStatus.dataError, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.hasPrefix(prefix), "\(verify.stdout)")
        #expect(verify.stdout.split(separator: "\n").count == 1 && verify.stdout.hasSuffix("\n"), "\(verify.stdout)")
        if let contains { #expect(verify.stdout.contains(contains), "\(verify.stdout)") }
        let json = try run(["verify", "--json"], config: config, db: db)
        #expect(json.status == ExitStatus.dataError)
        let object = try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any]
        #expect(object?["ok"] as? Bool == false)
        let reason = object?["reason"] as? String ?? ""
        #expect(verify.stdout.contains(reason) && !reason.isEmpty, "\(json.stdout)")
    }

    @Test("a pending claim approved with four SQL statements and no audit entry fails verify")
    func forgedApproval() throws {
        let (db, config, me) = try signedStore()
        // A decision row (borrowing entry 1's number), the step, the claim, the expense: what `approve` writes.
        try tamper(
            db,
            """
            INSERT INTO approval_decision (step_id, decision, actor, decided_at, audit_seq)
            SELECT s.id, 'approved', ?1, '2026-03-15T12:00:00Z', 1 FROM approval_step s
            JOIN expense e ON e.id = s.expense_id WHERE e.expense_no = 'BX2';
            """, [.text(me)])
        try tamper(
            db,
            "UPDATE approval_step SET state = 'approved' WHERE expense_id = (SELECT id FROM expense WHERE expense_no = 'BX2')"
        )
        try tamper(
            db,
            "UPDATE approval_claim SET state = 'approved' WHERE expense_id = (SELECT id FROM expense WHERE expense_no = 'BX2')"
        )
        try tamper(db, "UPDATE expense SET status = 'approved' WHERE expense_no = 'BX2'")
        let shown = try run(["show", "BX2"], config: config, db: db)
        #expect(shown.stdout.contains("Claim BX2 · approved"), "\(shown.stdout)")  // the tables say so
        try expectBroken(
            db, config: config,
            "BROKEN: approval_claim of claim BX2: the table says state approved, the log says pending")
    }

    @Test("each forgery step alone is named: a decision row, then the step it decides")
    func partialForgery() throws {
        let (db, config, me) = try signedStore()
        try tamper(
            db,
            """
            INSERT INTO approval_decision (step_id, decision, actor, decided_at, audit_seq)
            SELECT s.id, 'approved', ?1, '2026-03-15T12:00:00Z', 1 FROM approval_step s
            JOIN expense e ON e.id = s.expense_id WHERE e.expense_no = 'BX2';
            """, [.text(me)])
        try expectBroken(
            db, config: config,
            "BROKEN: approval_decision of claim BX2 round 1 step 1: no entry decides the step (a row the log does not explain)"
        )
        try tamper(
            db,
            "UPDATE approval_step SET state = 'approved' WHERE expense_id = (SELECT id FROM expense WHERE expense_no = 'BX2')"
        )
        try expectBroken(
            db, config: config,
            "BROKEN: approval_step of claim BX2 round 1 step 1: the table says approved, the log says pending "
                + "(no entry decides it)")
    }

    @Test("a whole forged decision, entry and rows, fails on the entry's missing signature")
    func forgedEntryWithRows() throws {
        let (db, config, me) = try signedStore()
        let store = try Store.open(path: db)
        let seq = try store.write { c in
            let entry = try AuditLog.append(
                c, actor: me, action: "step.approved", subject: "expense:BX2",
                payload: [
                    "step": 1, "steps": 1, "round": 1, "approver": .string(me), "claim_state": "approved",
                    "amount_cents": 100_000, "policy_version": 1,
                ], at: "2026-03-15T12:00:00Z")
            try c.execute(
                """
                INSERT INTO approval_decision (step_id, decision, actor, decided_at, audit_seq)
                SELECT s.id, 'approved', ?1, '2026-03-15T12:00:00Z', ?2 FROM approval_step s
                JOIN expense e ON e.id = s.expense_id WHERE e.expense_no = 'BX2'
                """, [.text(me), .integer(entry.seq)])
            try c.execute(
                """
                UPDATE approval_step SET state = 'approved'
                WHERE expense_id = (SELECT id FROM expense WHERE expense_no = 'BX2');
                UPDATE approval_claim SET state = 'approved'
                WHERE expense_id = (SELECT id FROM expense WHERE expense_no = 'BX2');
                UPDATE expense SET status = 'approved' WHERE expense_no = 'BX2';
                """)
            return entry.seq
        }
        store.close()
        try expectBroken(db, config: config, "BROKEN at entry \(seq): not signed:")
    }

    @Test("a deleted decision row fails verify, naming the entry it recorded")
    func deletedDecision() throws {
        let (db, config, _) = try signedStore()
        try tamper(db, "DROP TRIGGER approval_decision_no_delete; DELETE FROM approval_decision")
        try expectBroken(
            db, config: config,
            "BROKEN: approval_decision of claim BX1 round 1 step 1: no row, but step.approved (entry ",
            contains: ") decides the step")
    }

    @Test("an inserted delegation row fails verify")
    func insertedDelegation() throws {
        let (db, config, me) = try signedStore()
        try tamper(
            db,
            """
            INSERT INTO approval_delegation (from_login, to_login, starts_on, ends_on, created_at)
            VALUES (?, 'rm', '2026-01-01', '2099-12-31', '2026-03-15T12:00:00Z')
            """, [.text(me)])
        try expectBroken(
            db, config: config,
            "BROKEN: approval_delegation 2 (\(me) to rm): no delegation.created entry records it "
                + "(a row the log does not explain)")
    }

    @Test("a cancelled delegation's dates moved, or a delegation cancelled with SQL, fails verify")
    func changedDelegation() throws {
        let (db, config, _) = try signedStore()
        try tamper(db, "UPDATE approval_delegation SET cancelled_at = '2026-03-15T12:00:00Z'")
        try expectBroken(
            db, config: config,
            "BROKEN: approval_delegation 1: the table says cancelled_at 2026-03-15T12:00:00Z, "
                + "the log says NULL")
    }

    @Test("a policy version whose text was edited fails verify")
    func editedPolicy() throws {
        let (db, config, _) = try signedStore()
        try tamper(
            db,
            """
            DROP TRIGGER approval_policy_no_update;
            UPDATE approval_policy SET policy_toml = replace(policy_toml, 'above = 50000', 'above = 5000000');
            """)
        try expectBroken(
            db, config: config,
            "BROKEN: approval_policy version 1: the policy text in the table does not have the SHA-256 that "
                + "policy.loaded (entry 1) records: it was changed after it was loaded")
    }

    @Test("a key enrolled by a person who may not enrol keys fails verify at that entry, though it is signed")
    func enrolmentWithoutAuthority() throws {
        let (db, config, _) = try signedStore()
        // rep1's key, enrolled properly by the account that ran init.
        let rep1 = try ApprovalFixture.keyFile()
        #expect(try run(["keys", "enroll", "rep1", "\(rep1.publicKey)"], config: config, db: db).status == 0)
        #expect(try run(["verify"], config: config, db: db).status == 0)
        // rep1 then enrols a key for m2 with their own, valid signature, going around the tool's refusal.
        let m2 = try ApprovalFixture.keyFile()
        let store = try Store.open(path: db)
        let seq = try store.write { c in
            try AuditLog.append(
                c, actor: "rep1", action: KeyRing.enrolledAction, subject: "person:m2",
                payload: ["login": "m2", "key": .string("\(m2.publicKey)")], at: "2026-03-15T12:00:00Z",
                signer: try rep1.file.load()
            ).seq
        }
        store.close()
        try expectBroken(
            db, config: config,
            "BROKEN at entry \(seq): rep1 enrolled a key for m2 but may not: rep1 is rep in the people directory "
                + "(admin or finance needed) and is not the account that ran init")
    }

    @Test("a tail cut with its rows leaves tables and log agreeing: only a saved anchor names it")
    func truncatedTail() throws {
        let (db, config, _) = try signedStore()
        let anchor = try temporaryDirectory().appendingPathComponent("anchor.json").path
        let saved = try run(["verify", "--save-anchor", anchor], config: config, db: db)
        #expect(saved.status == 0, "\(saved.stderr)")
        let last = try AuditAnchor.load(from: anchor).seq
        // The last entry is the delegation: remove it and its row together.
        try tamper(
            db,
            """
            DROP TRIGGER audit_log_no_delete; DROP TRIGGER approval_delegation_no_delete;
            DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log); DELETE FROM approval_delegation;
            """)
        let plain = try run(["verify"], config: config, db: db)
        #expect(plain.status == 0, "\(plain.stdout)")
        let anchored = try run(["verify", "--anchor", anchor], config: config, db: db)
        #expect(anchored.status == ExitStatus.dataError)
        #expect(
            anchored.stdout
                == "BROKEN at entry \(last): anchor's entry \(last) is missing: the log was truncated "
                + "(it ends at entry \(last - 1))\n")
    }

    /// Running as `daemon` (uid 1), who may read the store but not write it or its folder, needs root and
    /// `setpriv`.
    private static let canSwitchUID =
        geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
        && SystemAccount.passwdEntry(uid: 1)?.login == "daemon"

    @Test(
        "an account that may only read the store runs verify, and a claim's amount changed in the table is named",
        .enabled(if: canSwitchUID, "needs root and setpriv to run as an account that may only read the store"))
    func readOnly() throws {
        let (db, config, _) = try signedStore()
        try tamper(
            db,
            "UPDATE approval_claim SET amount_cents = 10 WHERE expense_id = (SELECT id FROM expense WHERE expense_no = 'BX2')"
        )
        let folder = (db as NSString).deletingLastPathComponent
        chmod(folder, 0o755)
        chmod(db, 0o644)
        let verify = try runTool(
            "sales-approve", ["verify", "--db", db, "--lang", "en"], environment: ["XDG_CONFIG_HOME": config],
            launcher: ["/usr/bin/setpriv", "--reuid", "1", "--regid", "1", "--clear-groups"])
        #expect(verify.status == ExitStatus.dataError, "\(verify.stderr)")
        #expect(
            verify.stdout.hasPrefix(
                "BROKEN: approval_claim of claim BX2: the table says amount_cents 10, the log says 100000"),
            "\(verify.stdout)")
    }
}
