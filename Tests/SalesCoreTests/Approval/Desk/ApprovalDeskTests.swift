import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

private typealias F = ApprovalFixture

/// The error an approval call throws, or nil.
private func approvalError(_ body: () throws -> Void) -> ApprovalError? {
    do { try body() } catch let e as ApprovalError { return e } catch { Issue.record("unexpected \(error)") }
    return nil
}

private func state(_ store: Store, _ number: String) throws -> (claim: String?, status: String?) {
    try store.read { c in
        let r = try c.query(
            """
            SELECT c.state, e.status FROM expense e LEFT JOIN approval_claim c ON c.expense_id = e.id WHERE expense_no = ?
            """, [.text(number)])
        return (r.first?[0].text, r.first?[1].text)
    }
}

@Suite("sales-approve: routing and decisions")
struct ApprovalDeskTests {
    @Test("imported claims are routed by the first command, under the policy in force")
    func importedClaimsAreRouted() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 300_000)
        try F.importClaim(store, number: "BX2", submitter: "rep1", amountCents: 800_000)
        try F.importClaim(store, number: "BX-OLD", submitter: "rep1", amountCents: 100_000, status: "paid")
        let queue = try F.desk(store, as: "m1").queue()
        #expect(queue.map(\.id) == ["BX1", "BX2"])
        #expect(queue.map(\.steps) == [1, 2])
        let shown = try F.desk(store, as: "m1").show("BX2")
        #expect(shown.steps.map(\.approver) == ["m1", "rm"])
        #expect(shown.policyVersion == 1)
        #expect(shown.history.map(\.action) == ["claim.routed"])
        #expect(try F.desk(store, as: "m1").show("BX-OLD").state == "not under approval")
        #expect(try F.desk(store, as: "rm").queue().isEmpty)
    }

    @Test("submit files SA-2026-00001 for the acting person; a claim nobody can approve is refused")
    func submit() throws {
        let store = try F.makeStore()
        let claim = try F.desk(store, as: "rep2").submit(
            .init(
                amountCents: 2_500_000, category: "advertising", spentOn: CivilDate(year: 2026, month: 3, day: 2)!,
                description: "展会广告", region: "East"))
        #expect(claim.id == "SA-2026-00001")
        #expect(claim.submitter == "rep2")
        #expect(claim.steps.map(\.approver) == ["m1", "rm", "mkt"])
        #expect(claim.history.first?.action == "claim.submitted")
        let second = try F.desk(store, as: "rep2").submit(
            .init(
                amountCents: 1_000, category: "other", spentOn: CivilDate(year: 2026, month: 3, day: 2)!,
                description: "x"))
        #expect(second.id == "SA-2026-00002")
        let refused = approvalError {
            _ = try F.desk(store, as: "boss").submit(
                .init(
                    amountCents: 200_000_000, category: "travel", spentOn: CivilDate(year: 2026, month: 3, day: 2)!,
                    description: "beyond every limit"))
        }
        #expect(refused?.kind == .refused)
        #expect(refused?.message.contains("no manager to approve") == true)
        #expect(
            approvalError {
                _ = try F.desk(store, as: "rep1").submit(
                    .init(
                        amountCents: 100, category: "travel", spentOn: CivilDate(year: 2026, month: 3, day: 2)!,
                        description: "x", region: "Atlantis"))
            }?.kind == .notFound)
        #expect(
            approvalError {
                _ = try F.desk(store, as: "rep1").submit(
                    .init(
                        amountCents: 100, category: "travel", spentOn: CivilDate(year: 2026, month: 3, day: 2)!,
                        description: "  "))
            }?.kind == .invalid)
    }

    @Test("steps are decided in order, each by its approver; the claim is approved after the last")
    func stepsInOrder() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 2_500_000, category: "advertising")
        let early = approvalError { _ = try F.desk(store, as: "rm").approve("BX1") }
        #expect(early?.kind == .refused)
        #expect(early?.message.contains("waits for step 1") == true)
        #expect(
            approvalError { _ = try F.desk(store, as: "rep2").approve("BX1") }?.message.contains("routed to m1") == true
        )
        let first = try F.desk(store, as: "m1").approve("BX1", comment: "ok")
        #expect(first.claimState == "pending" && first.nextApprover == "rm" && first.step == 1 && first.steps == 3)
        _ = try F.desk(store, as: "rm").approve("BX1")
        #expect(try state(store, "BX1") == ("pending", "submitted"))
        let last = try F.desk(store, as: "mkt").approve("BX1")
        #expect(last.claimState == "approved")
        #expect(try state(store, "BX1") == ("approved", "approved"))
        let again = approvalError { _ = try F.desk(store, as: "mkt").approve("BX1") }
        #expect(again?.kind == .alreadyDecided)
        #expect(try F.desk(store, as: "m1").show("BX1").steps.first?.comment == "ok")
    }

    @Test("whoever comes second is told who decided the step and when")
    func loserIsTold() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 800_000)
        _ = try F.desk(store, as: "boss").delegate(
            to: "admin", from: CivilDate(year: 2026, month: 3, day: 1)!,
            until: CivilDate(year: 2026, month: 3, day: 31)!)
        _ = try F.desk(store, as: "m1").approve("BX1")
        let second = approvalError { _ = try F.desk(store, as: "m1").approve("BX1") }
        #expect(second?.kind == .alreadyDecided)
        #expect(second?.message == "step 1 of claim BX1 was already approved by m1 (一组经理) at 2026-03-15T12:00:00Z")
        _ = try F.desk(store, as: "rm").reject("BX1", reason: "no receipt")
        let late = approvalError { _ = try F.desk(store, as: "rm").approve("BX1") }
        #expect(late?.kind == .alreadyDecided)
        #expect(late?.message.contains("already rejected by rm") == true)
    }

    @Test("no one approves their own claim or one they are paid by; a rejection needs a reason")
    func separationOfDuties() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "BX1", submitter: "m1", amountCents: 100_000)
        #expect(try F.desk(store, as: "m1").show("BX1").steps.map(\.approver) == ["rm"])
        let own = approvalError { _ = try F.desk(store, as: "m1").approve("BX1") }
        #expect(own?.kind == .refused)
        #expect(own?.message.contains("you submitted this claim") == true)
        // rep1 claims for m1 as payee: m1 is passed over, rm approves.
        try F.importClaim(store, number: "BX2", submitter: "rep1", amountCents: 100_000, payee: "m1")
        #expect(try F.desk(store, as: "rm").show("BX2").steps.map(\.approver) == ["rm"])
        _ = try F.desk(store, as: "rm").delegate(
            to: "m1", from: CivilDate(year: 2026, month: 3, day: 1)!,
            until: CivilDate(year: 2026, month: 3, day: 31)!)
        let payee = approvalError { _ = try F.desk(store, as: "m1").approve("BX2") }
        #expect(payee?.message.contains("you are the payee") == true)
        #expect(approvalError { _ = try F.desk(store, as: "rm").reject("BX2", reason: "  ") }?.kind == .invalid)
        #expect(try state(store, "BX2").claim == "pending")
    }

    @Test("budget stop refuses naming the budget and the overrun; warn approves and flags; ignore does neither")
    func budgetControl() throws {
        let store = try F.makeStore()
        // stop: East travel 2026Q1 10,000; 5,000 approved already; this 8,000 → over by 3,000.
        try F.importClaim(
            store, number: "OLD-T", submitter: "rep2", amountCents: 500_000, spentOn: "2026-02-01",
            status: "approved")
        try F.importClaim(store, number: "BX-T", submitter: "rep1", amountCents: 800_000)
        let stop = approvalError { _ = try F.desk(store, as: "m1").approve("BX-T") }
        #expect(stop?.kind == .refused)
        #expect(
            stop?.message == "claim BX-T would overrun budget region East travel 2026Q1 (stop): 10000.00 budgeted, "
                + "5000.00 approved, this claim 8000.00, over by 3000.00; it stays pending")
        #expect(try state(store, "BX-T").claim == "pending")
        #expect(try F.desk(store, as: "m1").queue().first?.flags.first?.hasPrefix("budget stop") == true)
        // Rejecting is not stopped by a budget.
        #expect(try F.desk(store, as: "m1").reject("BX-T", reason: "over budget").claimState == "rejected")

        // warn: company advertising 2026 200,000; 190,000 approved; this 25,000.
        try F.importClaim(
            store, number: "OLD-A", submitter: "rep2", amountCents: 19_000_000, category: "advertising",
            spentOn: "2026-01-05", status: "paid")
        try F.importClaim(store, number: "BX-A", submitter: "rep1", amountCents: 2_500_000, category: "advertising")
        let warned = try F.desk(store, as: "m1").approve("BX-A")
        #expect(warned.claimState == "pending")
        #expect(
            warned.warnings == [
                "over budget: company advertising 2026 (warn): 200000.00 budgeted, 190000.00 approved, "
                    + "this claim 25000.00, over by 15000.00"
            ])
        #expect(try F.desk(store, as: "m1").show("BX-A").steps[0].flags == warned.warnings)

        // ignore: team East-1 entertainment 2026-03 3,000; this 4,000.
        try F.importClaim(store, number: "BX-E", submitter: "rep1", amountCents: 400_000, category: "entertainment")
        let ignored = try F.desk(store, as: "m1").approve("BX-E")
        #expect(ignored.warnings.isEmpty && ignored.claimState == "approved")

        // no budget at all: the policy's budget_control_default (warn).
        try F.importClaim(store, number: "BX-O", submitter: "rep1", amountCents: 10_000, category: "other")
        #expect(try F.desk(store, as: "m1").approve("BX-O").warnings.first?.hasPrefix("unbudgeted") == true)
    }

    @Test("a changed amount sends an approved claim back to pending, earlier decisions kept in history")
    func changedClaimIsRerouted() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 300_000)
        _ = try F.desk(store, as: "m1").approve("BX1")
        #expect(try state(store, "BX1") == ("approved", "approved"))
        try store.write { try $0.execute("UPDATE expense SET amount_cents = 800000 WHERE expense_no = 'BX1'") }
        let shown = try F.desk(store, as: "m1").show("BX1")
        #expect(shown.state == "pending" && shown.status == "submitted" && shown.round == 2)
        #expect(shown.steps.map(\.approver) == ["m1", "rm"])
        #expect(shown.steps.allSatisfy { $0.state == "pending" })
        #expect(shown.earlierSteps.map(\.state) == ["approved"])
        #expect(shown.history.map(\.action) == ["claim.routed", "step.approved", "claim.changed"])
        #expect(shown.history.last?.details.contains(#""before":{"amount_cents":300000"#) == true)
    }

    @Test("a delegate acts on behalf within the dates; cancelled or ended delegations do not count; not transitive")
    func delegation() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 300_000)
        try F.importClaim(store, number: "BX2", submitter: "rep1", amountCents: 310_000)
        try F.importClaim(store, number: "BX3", submitter: "rep1", amountCents: 320_000)
        let march = (CivilDate(year: 2026, month: 3, day: 1)!, CivilDate(year: 2026, month: 3, day: 31)!)
        _ = try F.desk(store, as: "m1").delegate(to: "m2", from: march.0, until: march.1)
        _ = try F.desk(store, as: "m2").delegate(to: "fin1", from: march.0, until: march.1)
        #expect(try F.desk(store, as: "m2").queue().map(\.onBehalfOf) == ["m1", "m1", "m1"])
        let outcome = try F.desk(store, as: "m2").approve("BX1")
        #expect(outcome.onBehalfOf == "m1" && outcome.claimState == "approved")
        #expect(try F.desk(store, as: "m1").show("BX1").steps[0].decidedBy == "m2")
        #expect(
            approvalError { _ = try F.desk(store, as: "fin1").approve("BX2") }?.message.contains("routed to m1") == true
        )
        // After the last day the delegation no longer applies.
        let april = Date(timeIntervalSince1970: 1_775_044_800)  // 2026-04-01 12:00 UTC
        #expect(
            approvalError { _ = try F.desk(store, as: "m2", now: april).approve("BX2") }?.message
                .contains("ended on 2026-03-31") == true)
        #expect(try F.desk(store, as: "m1").cancelDelegations().map(\.to) == ["m2"])
        #expect(
            approvalError { _ = try F.desk(store, as: "m2").approve("BX2") }?.message.contains("cancelled") == true)
        #expect(approvalError { _ = try F.desk(store, as: "m1").cancelDelegations() }?.kind == .notFound)
        #expect(
            approvalError {
                _ = try F.desk(store, as: "m1").delegate(to: "m1", from: march.0, until: march.1)
            }?.kind == .invalid)
        #expect(
            approvalError {
                _ = try F.desk(store, as: "m1").delegate(to: "nobody", from: march.0, until: march.1)
            }?.kind == .notFound)
    }

    @Test("above dual control, nobody approves two steps, not even by delegation")
    func dualControl() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "BIG", submitter: "rep1", amountCents: 15_000_000, category: "other")
        let route = try F.desk(store, as: "m1").show("BIG").steps.map(\.approver)
        #expect(route == ["m1", "rm", "boss", "fin1"])
        _ = try F.desk(store, as: "boss").delegate(
            to: "rm", from: CivilDate(year: 2026, month: 3, day: 1)!,
            until: CivilDate(year: 2026, month: 3, day: 31)!)
        _ = try F.desk(store, as: "m1").approve("BIG")
        _ = try F.desk(store, as: "rm").approve("BIG")
        let twice = approvalError { _ = try F.desk(store, as: "rm").approve("BIG") }
        #expect(twice?.kind == .refused)
        #expect(twice?.message.contains("two different people must approve") == true)
        _ = try F.desk(store, as: "boss").approve("BIG")
        #expect(try F.desk(store, as: "fin1").approve("BIG").claimState == "approved")
    }

    @Test("split claims are flagged for the approver, the earlier piece too once the later one arrives")
    func splitClaims() throws {
        let store = try F.makeStore()
        try F.importClaim(
            store, number: "S1", submitter: "rep1", amountCents: 400_000, category: "other", spentOn: "2026-03-02")
        #expect(try F.desk(store, as: "m1").queue().flatMap(\.flags).isEmpty)
        try F.importClaim(
            store, number: "S2", submitter: "rep1", amountCents: 450_000, category: "other", spentOn: "2026-03-05")
        let queue = try F.desk(store, as: "m1").queue()
        #expect(queue.map(\.id) == ["S1", "S2"])
        let sentence =
            "split suspicion: claim S2 and 1 other other claim by rep1 (张三) within 7 days (S1) come to "
            + "8500.00 together, above the 5000.00 approval limit of m1 (一组经理), though none of them is above it alone"
        #expect(queue.map(\.flags) == [[sentence], [sentence]])
        // Outside the window, or another category: no flag.
        try F.importClaim(
            store, number: "S4", submitter: "rep1", amountCents: 450_000, category: "other", spentOn: "2026-03-20")
        try F.importClaim(
            store, number: "S5", submitter: "rep1", amountCents: 450_000, category: "training", spentOn: "2026-03-05")
        #expect(try F.desk(store, as: "m1").show("S5").flags.isEmpty)
        #expect(try F.desk(store, as: "m1").show("S4").flags.isEmpty)
    }
}

@Suite("sales-approve: identity, policy and stored rules")
struct ApprovalRulesTests {
    @Test(
        "$SALES_USER is refused unless the store was initialised with --trust-env; unknown and inactive people are refused"
    )
    func identity() throws {
        let store = try F.makeStore()
        let withVariable = ApprovalDesk(store: store, account: "m1", environment: ["SALES_USER": "boss"])
        let refused = approvalError { _ = try withVariable.identity() }
        #expect(refused?.kind == .refused)
        #expect(refused?.message.contains("init --trust-env") == true)
        #expect(
            approvalError { _ = try F.desk(store, as: "stranger").queue() }?.message
                .contains("not in the people directory") == true)
        #expect(approvalError { _ = try F.desk(store, as: "gone").queue() }?.message.contains("inactive") == true)
        #expect(try F.desk(store, as: "admin").initialise(trustEnvironment: true) == .trustEnvironment)
        #expect(try withVariable.identity().login == "boss")
        #expect(
            approvalError { _ = try F.desk(store, as: "admin").initialise(trustEnvironment: false) }?.kind == .invalid)
        let entries = try store.read { try AuditLog.entries($0) }
        #expect(entries.map(\.action) == ["policy.loaded", "store.initialised"])
    }

    @Test(
        "only admin or finance load policies; unknown approvers are refused; the same text adds no version; claims keep their route"
    )
    func policyVersions() throws {
        let store = try F.makeStore()
        #expect(
            approvalError {
                _ = try F.desk(store, as: "m1").loadPolicy(text: F.policy, fileName: "p.toml")
            }?.kind == .refused)
        #expect(try F.desk(store, as: "fin1").loadPolicy(text: F.policy, fileName: "p.toml").loaded == false)
        let unknown = F.policy.replacingOccurrences(of: "approver = \"mkt\"", with: "approver = \"nobody\"")
        #expect(
            approvalError {
                _ = try F.desk(store, as: "admin").loadPolicy(text: unknown, fileName: "p.toml")
            }?.message == "p.toml: [[category]] advertising approver nobody is not in the people directory")
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 2_500_000, category: "advertising")
        #expect(try F.desk(store, as: "m1").show("BX1").steps.count == 3)
        let stricter = F.policy.replacingOccurrences(of: "above = 20000", with: "above = 30000")
        let loaded = try F.desk(store, as: "admin").loadPolicy(text: stricter, fileName: "p2.toml")
        #expect(loaded.loaded && loaded.version.version == 2)
        #expect(try F.desk(store, as: "m1").show("BX1").steps.count == 3)
        #expect(try F.desk(store, as: "m1").show("BX1").policyVersion == 1)
        try F.importClaim(store, number: "BX2", submitter: "rep1", amountCents: 2_500_000, category: "advertising")
        let newer = try F.desk(store, as: "m1").show("BX2")
        #expect(newer.policyVersion == 2 && newer.steps.count == 2)
    }

    @Test("decided steps, decisions, policy versions and audit entries cannot be changed or deleted through SQL")
    func triggers() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 800_000)
        _ = try F.desk(store, as: "m1").approve("BX1")
        let statements = [
            "UPDATE approval_step SET state = 'rejected' WHERE position = 1",
            "UPDATE approval_step SET approver = 'boss' WHERE position = 2",
            "UPDATE approval_step SET state = 'approved' WHERE position = 2",  // pending, but no decision recorded
            "DELETE FROM approval_step",
            "UPDATE approval_decision SET actor = 'boss'",
            "DELETE FROM approval_decision",
            "UPDATE approval_policy SET name = 'x'",
            "DELETE FROM approval_policy",
            "UPDATE audit_log SET actor = 'boss' WHERE seq = 1",
            "DELETE FROM audit_log WHERE seq = 3",
        ]
        for sql in statements {
            #expect(throws: StoreError.self, "\(sql)") { try store.write { try $0.execute(sql) } }
        }
        #expect(try store.read { try AuditLog.verify($0) }.isIntact)
    }

    @Test("an import that writes another status leaves the approval's in place")
    func statusFollowsApproval() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 300_000)
        _ = try F.desk(store, as: "m1").approve("BX1")
        try store.write { try $0.execute("UPDATE expense SET status = 'submitted' WHERE expense_no = 'BX1'") }
        #expect(try state(store, "BX1") == ("approved", "approved"))
        try store.write { try $0.execute("UPDATE expense SET status = 'paid' WHERE expense_no = 'BX1'") }
        #expect(try state(store, "BX1") == ("approved", "paid"))
    }

    @Test("any single-byte change to a stored audit entry written by the desk is found by verify")
    func tamperDetected() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 2_500_000, category: "advertising")
        _ = try F.desk(store, as: "m1").approve("BX1", comment: "审批意见")
        _ = try F.desk(store, as: "rm").reject("BX1", reason: "发票缺失")
        let entries = try store.read { try AuditLog.entries($0) }
        #expect(entries.count == 4)
        try store.write { c in
            try c.execute("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_append_only;")
        }
        var rng = AuditRandom(seed: 0xA11CE)
        for entry in entries {
            for column in ["at", "actor", "action", "subject", "payload"] {
                let original = try store.read {
                    try $0.scalar(
                        "SELECT CAST(\(column) AS BLOB) FROM audit_log WHERE seq = ?",
                        [.integer(entry.seq)])
                }
                guard case .blob(var bytes)? = original, !bytes.isEmpty else { continue }
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                bytes[i] ^= UInt8.random(in: 1...255, using: &rng)
                // Stored as text, so the check constraints see what a hand edit of the file would leave.
                do {
                    try store.write {
                        try $0.execute(
                            "UPDATE audit_log SET \(column) = CAST(? AS TEXT) WHERE seq = ?",
                            [.blob(bytes), .integer(entry.seq)])
                    }
                } catch { continue }  // a CHECK refused the edit: nothing changed
                let result = try store.read { try AuditLog.verify($0) }
                #expect(
                    result
                        == .broken(seq: entry.seq, reason: "hash mismatch: the entry was changed after it was written"),
                    "seq \(entry.seq) \(column)")
                try store.write {
                    try $0.execute(
                        "UPDATE audit_log SET \(column) = CAST(? AS TEXT) WHERE seq = ?",
                        [original!, .integer(entry.seq)])
                }
            }
        }
        #expect(try store.read { try AuditLog.verify($0) }.isIntact)
    }
}

@Suite("sales-approve and sales-import together")
struct ApprovalImportTests {
    @Test("a batch whose claims came under approval cannot be undone, and says why")
    func undoRefused() throws {
        let dir = try temporaryDirectory()
        let store = try ApprovalFixture.makeStore(path: dir.appendingPathComponent("sales.db").path)
        let csv = dir.appendingPathComponent("expenses.csv")
        try "expense_no,submitted_by,spent_on,category,amount\nBX9,rep1,2026-03-03,other,300\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        let report = try Importer.run(path: csv.path, store: store, options: ImportOptions(user: "admin"))
        #expect(report.status == .committed)
        _ = try ApprovalFixture.desk(store, as: "m1").queue()
        let error = #expect(throws: ImportError.self) { try BatchHistory.undo(report.batch ?? 0, in: store) }
        #expect(error?.localizedDescription.contains("include claims under approval") == true)
    }

    @Test("re-importing the original sheet after a decision finds the claim unchanged and keeps the decision")
    func reimportKeepsDecision() throws {
        let dir = try temporaryDirectory()
        let store = try ApprovalFixture.makeStore(path: dir.appendingPathComponent("sales.db").path)
        let csv = dir.appendingPathComponent("expenses.csv")
        try "expense_no,submitted_by,spent_on,category,amount,status\nBX9,rep1,2026-03-03,other,300,submitted\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        _ = try Importer.run(path: csv.path, store: store, options: ImportOptions(user: "admin"))
        _ = try ApprovalFixture.desk(store, as: "m1").approve("BX9")
        let again = try Importer.run(path: csv.path, store: store, options: ImportOptions(user: "admin"))
        #expect(again.sheets.map(\.unchanged) == [1])
        #expect(again.sheets.map(\.updated) == [0])
        #expect(try ApprovalFixture.desk(store, as: "m1").show("BX9").status == "approved")
        // A changed amount is still an update, and sends the claim back for approval.
        try "expense_no,submitted_by,spent_on,category,amount,status\nBX9,rep1,2026-03-03,other,320,submitted\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        let changed = try Importer.run(path: csv.path, store: store, options: ImportOptions(user: "admin"))
        #expect(changed.sheets.map(\.updated) == [1])
        let shown = try ApprovalFixture.desk(store, as: "m1").show("BX9")
        #expect(shown.state == "pending" && shown.round == 2 && shown.status == "submitted")
    }
}

@Suite("sales-approve: routes that need care")
struct ApprovalEdgeTests {
    @Test(
        "the head's own claim goes to the policy's final approver; without one it waits, and is routed once the policy names one"
    )
    func finalApprover() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "TOP", submitter: "boss", amountCents: 300_000, category: "other")
        let stuck = try F.desk(store, as: "rm").show("TOP")
        #expect(stuck.state == "unroutable")
        #expect(stuck.flags.first == "no complete route: there is no manager to approve 3000.00")
        // Asking again records nothing new.
        _ = try F.desk(store, as: "rm").queue()
        #expect(try F.desk(store, as: "rm").show("TOP").history.count == 1)
        let withFinal = F.policy.replacingOccurrences(
            of: "use_person_limits = true",
            with: "use_person_limits = true\nfinal_approver = \"fin2\"")
        _ = try F.desk(store, as: "admin").loadPolicy(text: withFinal, fileName: "p2.toml")
        let routed = try F.desk(store, as: "fin2").show("TOP")
        #expect(routed.state == "pending" && routed.round == 2)
        #expect(routed.steps.map(\.approver) == ["fin2"])
        #expect(routed.steps.first?.reason == "final approver (beyond the manager chain)")
        #expect(routed.history.map(\.action) == ["claim.routed", "claim.rerouted"])
        #expect(try F.desk(store, as: "fin2").approve("TOP").claimState == "approved")
        #expect(try F.desk(store, as: "fin2").show("TOP").steps.first?.state == "approved")
    }

    @Test("after a rejection the steps nobody reached say so; a claim's state follows only its steps")
    func closedSteps() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 800_000, category: "other")
        _ = try F.desk(store, as: "m1").reject("BX1", reason: "duplicate")
        #expect(try F.desk(store, as: "m1").show("BX1").steps.map(\.state) == ["rejected", "not reached"])
        try F.importClaim(store, number: "BX2", submitter: "rep1", amountCents: 800_000, category: "other")
        _ = try F.desk(store, as: "m1").queue()
        #expect(throws: StoreError.self) {
            try store.write { try $0.execute("UPDATE approval_claim SET state = 'approved' WHERE state = 'pending'") }
        }
        #expect(throws: StoreError.self) { try store.write { try $0.execute("DELETE FROM approval_claim") } }
        #expect(throws: StoreError.self) {
            try store.write { try $0.execute("UPDATE approval_claim SET round = 0 WHERE state = 'pending'") }
        }
    }

    @Test("a store with claims under approval cannot be switched to training identities")
    func trustEnvAfterUse() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 100_000, category: "other")
        _ = try F.desk(store, as: "m1").queue()
        let refused = approvalError { _ = try F.desk(store, as: "admin").initialise(trustEnvironment: true) }
        #expect(refused?.kind == .refused)
        let key = try F.keyFile().file
        #expect(try F.desk(store, as: "admin", keyFile: key).initialise(trustEnvironment: false) == .operatingSystem)
    }

    @Test("the queue leaves out steps the person would be refused: a second step above dual control")
    func queueHidesRefusedSteps() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "BIG", submitter: "rep1", amountCents: 15_000_000, category: "other")
        _ = try F.desk(store, as: "boss").delegate(
            to: "rm", from: CivilDate(year: 2026, month: 3, day: 1)!,
            until: CivilDate(year: 2026, month: 3, day: 31)!)
        _ = try F.desk(store, as: "m1").approve("BIG")
        #expect(try F.desk(store, as: "rm").queue().map(\.id) == ["BIG"])
        _ = try F.desk(store, as: "rm").approve("BIG")
        #expect(try F.desk(store, as: "rm").queue().isEmpty)  // boss's step, delegated, but rm approved already
        #expect(try F.desk(store, as: "boss").queue().map(\.id) == ["BIG"])
    }

    @Test("--for-customer by a name several customers share is refused, naming their codes")
    func ambiguousCustomer() throws {
        let store = try F.makeStore()
        try store.write {
            try $0.execute("INSERT INTO customer (code, name) VALUES ('C1', '华为'), ('C2', '华为'), ('C3', '中兴')")
        }
        let submission = { (customer: String) in
            ApprovalDesk.Submission(
                amountCents: 10_000, category: "entertainment",
                spentOn: CivilDate(year: 2026, month: 3, day: 2)!, description: "dinner",
                customer: customer)
        }
        let error = approvalError { _ = try F.desk(store, as: "rep1").submit(submission("华为")) }
        #expect(error?.message == "--for-customer 华为: several customers have that name; give the code (C1, C2)")
        #expect(try F.desk(store, as: "rep1").submit(submission("C2")).customer == "C2 华为")
        #expect(try F.desk(store, as: "rep1").submit(submission("中兴")).customer == "C3 中兴")
    }
}
