import Foundation
import SalesCore
import SalesTestSupport
import Testing

/// The built `sales-approve`, run as managers run it: several at once on one file.
@Suite("sales-approve, end to end")
struct ApproveCommandTests {
    private func trainingStore() throws -> String { try ApprovalFixture.trainingStore() }

    private func approve(_ db: String, as user: String, _ arguments: [String]) throws -> ToolRun {
        try ApprovalFixture.run(db, as: user, arguments)
    }

    @Test("eight managers at once on the same claims: each step decided once, the losers told, no busy errors")
    func eightProcessesContend() throws {
        let db = try trainingStore()
        let actors = ["m1", "rm", "m2", "fin1", "fin2", "admin", "mkt", "boss"]
        let today = ApprovalFixture.desk(try Store.open(path: db), as: "m1", now: Date()).today()
        let until = CivilDate(daysSinceUnixEpoch: today.daysSinceUnixEpoch + 30)
        let store = try Store.open(path: db)
        for (i, amount)
            in ([300_000, 300_000, 300_000, 300_000, 300_000, 800_000, 800_000, 800_000, 800_000, 800_000] as [Int64])
            .enumerated()
        {
            try ApprovalFixture.importClaim(
                store, number: "C\(i)", submitter: "rep1", amountCents: amount, category: "other")
        }
        for manager in ["m1", "rm"] {
            for delegate in actors where delegate != manager {
                _ = try ApprovalDesk(store: store, account: manager, environment: [:]).delegate(
                    to: delegate, from: today, until: until)
            }
        }
        store.close()
        let claims = (0..<10).map { "C\($0)" }

        let runs = Collected<(actor: String, claim: String, run: ToolRun)>()
        let errors = runOnThreads(actors.count) { index in
            var order = claims + claims
            var rng = SeededRandom(seed: UInt64(index) + 1)
            order.shuffle(using: &rng)
            for claim in order {
                let run = try runTool(
                    "sales-approve", ["approve", claim, "--db", db, "--lang", "en"],
                    environment: ["SALES_USER": actors[index]])
                runs.append((actors[index], claim, run))
            }
        }
        #expect(errors.isEmpty, "\(errors)")
        let all = runs.values
        #expect(all.count == actors.count * claims.count * 2)
        for r in all {
            #expect(r.run.status == 0 || r.run.status == 77, "\(r.actor) \(r.claim): \(r.run.status) \(r.run.stderr)")
            #expect(
                !r.run.stderr.lowercased().contains("locked") && !r.run.stderr.lowercased().contains("busy"),
                "\(r.run.stderr)")
            if r.run.status == 77 {
                let message = r.run.stderr
                #expect(message.contains("already") || message.contains("waits for step"), "\(message)")
            }
        }
        let wins = all.filter { $0.run.status == 0 }.count

        let check = try Store.open(path: db)
        defer { check.close() }
        let (decisions, audited, perStep) = try check.read { c in
            (
                try c.scalar("SELECT count(*) FROM approval_decision")?.int64 ?? -1,
                try c.scalar("SELECT count(*) FROM audit_log WHERE action = 'step.approved'")?.int64 ?? -1,
                try c.scalar(
                    """
                    SELECT max(n) FROM (SELECT count(*) AS n FROM audit_log WHERE action = 'step.approved'
                                        GROUP BY subject, json_extract(payload, '$.round'), json_extract(payload, '$.step'))
                    """)?.int64 ?? -1
            )
        }
        #expect(decisions == Int64(wins))
        #expect(audited == Int64(wins))
        #expect(perStep == 1)
        // Every one-step claim was decided (eight tried it twice each); the losers were told by whom.
        let decidedFirstSteps = try check.read { c in
            try c.scalar("SELECT count(*) FROM approval_step WHERE position = 1 AND state = 'approved'")?.int64 ?? 0
        }
        #expect(decidedFirstSteps == 10)
        let told = all.filter { $0.run.stderr.contains("was already approved by") }
        #expect(!told.isEmpty)

        let verify = try runTool("sales-approve", ["verify", "--db", db, "--json"])
        #expect(verify.status == 0)
        let result = try #require(try JSONSerialization.jsonObject(with: verify.stdoutData) as? [String: Any])
        #expect(result["ok"] as? Bool == true)
    }

    @Test(
        "identity: $SALES_USER is refused in a store not initialised for training; every command in a training store says so"
    )
    func identity() throws {
        let db = try temporaryDirectory().appendingPathComponent("sales.db").path
        try ApprovalFixture.makeStore(path: db).close()
        let refused = try approve(db, as: "boss", ["queue"])
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("init --trust-env"))
        #expect(refused.stderr.split(separator: "\n").count == 1)

        let initialised = try runTool("sales-approve", ["init", "--trust-env", "--db", db, "--lang", "en"])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let queue = try approve(db, as: "m1", ["queue"])
        #expect(queue.status == 0, "\(queue.stderr)")
        #expect(queue.stderr.contains("training/demo store"))
        #expect(queue.stdout.contains("Nothing waits for m1"))
        let again = try runTool("sales-approve", ["init", "--db", db])
        #expect(again.status == 65)

        // Bad values are usage errors (64); a missing file is 66; each a single line naming the value.
        let amount = try approve(
            db, as: "rep1",
            [
                "submit", "--amount", "lots", "--category", "travel", "--date", "2026-03-02",
                "--description", "x",
            ])
        #expect(amount.status == 64)
        #expect(amount.stderr.contains("--amount lots"))
        let date = try approve(
            db, as: "rep1",
            [
                "submit", "--amount", "10", "--category", "travel", "--date", "2026-02-30",
                "--description", "x",
            ])
        #expect(date.status == 64)
        let missing = try approve(db, as: "admin", ["policy", "load", "/nonexistent/policy.toml"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("/nonexistent/policy.toml: no such file"))
    }

    @Test("submit, queue, show, approve and reject through the command line, with --json")
    func lifecycle() throws {
        let db = try trainingStore()
        // A spending date a few days back, written the Chinese way (the date must lie within the policy's window).
        let spent = CivilDate(daysSinceUnixEpoch: Clock().today().daysSinceUnixEpoch - 5)
        let filed = try approve(
            db, as: "rep1",
            [
                "submit", "--amount", "¥8,000", "--category", "其他", "--date",
                "\(spent.year)年\(spent.month)月\(spent.day)日",
                "--description", "客户活动物料", "--json",
            ])
        #expect(filed.status == 0, "\(filed.stderr)")
        let claim = try #require(try JSONSerialization.jsonObject(with: filed.stdoutData) as? [String: Any])
        #expect(claim["id"] as? String == "SA-\(Calendar.current.component(.year, from: Date()))-00001")
        #expect(claim["amount_cents"] as? Int == 800_000)
        #expect(claim["category"] as? String == "other")
        let id = try #require(claim["id"] as? String)

        let queue = try approve(db, as: "m1", ["queue", "--json"])
        let items = try #require(try JSONSerialization.jsonObject(with: queue.stdoutData) as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == [id])
        #expect(items.first?["steps"] as? Int == 2)
        let table = try approve(db, as: "m1", ["queue"])
        #expect(table.stdout.contains(id) && table.stdout.contains("8,000.00"))
        // The category is a word for the reader in each language; JSON keeps the code.
        let row = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix(id) })
        #expect(row.contains(" Other ") && !row.contains(" other "))
        let zhQueue = try runTool(
            "sales-approve", ["queue", "--db", db, "--lang", "zh"], environment: ["SALES_USER": "m1"])
        let zhRow = try #require(zhQueue.stdout.split(separator: "\n").first { $0.hasPrefix(id) })
        #expect(zhRow.contains(" 其他 "))
        #expect(table.stdout.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 100 })

        let own = try approve(db, as: "rep1", ["approve", id])
        #expect(own.status == 77)
        #expect(own.stderr.contains("you submitted this claim"))
        let first = try approve(db, as: "m1", ["approve", id, "--comment", "ok"])
        #expect(first.status == 0)
        #expect(first.stdout.contains("Approved step 1 of 2"))
        let noReason = try approve(db, as: "rm", ["reject", id])
        #expect(noReason.status == 64)
        let rejected = try approve(db, as: "rm", ["reject", id, "--reason", "缺少发票", "--json"])
        let outcome = try #require(try JSONSerialization.jsonObject(with: rejected.stdoutData) as? [String: Any])
        #expect(outcome["claim_state"] as? String == "rejected")

        let shown = try approve(db, as: "boss", ["show", id, "--json"])
        let detail = try #require(try JSONSerialization.jsonObject(with: shown.stdoutData) as? [String: Any])
        let history = try #require(detail["history"] as? [[String: Any]])
        #expect(history.map { $0["action"] as? String } == ["claim.submitted", "step.approved", "step.rejected"])
        let page = try runTool(
            "sales-approve", ["show", id, "--db", db, "--lang", "zh"], environment: ["SALES_USER": "boss"])
        #expect(page.stdout.contains("已驳回"))
        let english = try runTool(
            "sales-approve", ["show", id, "--db", db, "--lang", "en"], environment: ["SALES_USER": "boss"])
        #expect(english.stdout.contains("category      Other\n"))
        #expect(try approve(db, as: "boss", ["show", "NO-SUCH"]).status == 65)
    }

    @Test("verify names the first changed entry and exits 65; an anchor catches entries cut from the end")
    func verifyFindsTampering() throws {
        let db = try trainingStore()
        let dir = URL(fileURLWithPath: db).deletingLastPathComponent()
        let store = try Store.open(path: db)
        try ApprovalFixture.importClaim(
            store, number: "BX1", submitter: "rep1", amountCents: 300_000, category: "other")
        store.close()
        #expect(try approve(db, as: "m1", ["approve", "BX1"]).status == 0)
        #expect(try approve(db, as: "m1", ["delegate", "--to", "rm", "--until", "2099-12-31"]).status == 0)
        let anchor = dir.appendingPathComponent("head.json").path
        let clean = try runTool("sales-approve", ["verify", "--db", db, "--save-anchor", anchor, "--lang", "en"])
        #expect(clean.status == 0)
        #expect(clean.stdout.hasPrefix("OK: 5 audit entries, head "))

        let edit = try Store.open(path: db)
        try edit.write { c in
            try c.execute("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete")
            try c.execute("UPDATE audit_log SET actor = 'boss' WHERE seq = 4")
        }
        let changed = try runTool("sales-approve", ["verify", "--db", db, "--lang", "en"])
        #expect(changed.status == 65)
        #expect(changed.stdout.hasPrefix("BROKEN at entry 4: hash mismatch"))
        try edit.write { c in
            try c.execute("UPDATE audit_log SET actor = 'm1' WHERE seq = 4")
            try c.execute("DELETE FROM audit_log WHERE seq = 5")  // the delegation, which nothing else refers to
        }
        // The delegation's row outlives its entry: the replay names it.
        let orphan = try runTool("sales-approve", ["verify", "--db", db, "--lang", "en"])
        #expect(orphan.status == 65)
        #expect(orphan.stdout.hasPrefix("BROKEN: approval_delegation 1 (m1 to rm): no delegation.created entry"))
        // With the row cut too, log and tables agree again: only the anchor shows the log is shorter.
        try edit.write { c in
            try c.execute("DROP TRIGGER approval_delegation_no_delete; DELETE FROM approval_delegation")
        }
        edit.close()
        let shorter = try runTool("sales-approve", ["verify", "--db", db, "--lang", "en"])
        #expect(shorter.status == 0)
        let cut = try runTool("sales-approve", ["verify", "--db", db, "--anchor", anchor, "--json"])
        #expect(cut.status == 65)
        let result = try #require(try JSONSerialization.jsonObject(with: cut.stdoutData) as? [String: Any])
        #expect(result["broken_seq"] as? Int == 5)
        #expect((result["reason"] as? String)?.contains("truncated") == true)
    }
}
