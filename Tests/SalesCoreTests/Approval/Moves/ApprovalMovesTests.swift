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

/// `approval_claim.state`, `expense.status` and the round of claim `number`.
private func state(_ store: Store, _ number: String) throws -> (claim: String?, status: String?, round: Int64?) {
    try store.read { c in
        let r = try c.query(
            """
            SELECT c.state, e.status, c.round FROM expense e LEFT JOIN approval_claim c ON c.expense_id = e.id
            WHERE expense_no = ?
            """, [.text(number)])
        return (r.first?[0].text, r.first?[1].text, r.first?[2].int64)
    }
}

private func expectVerifies(_ store: Store, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let result = try F.desk(store, as: "admin").verify()
    #expect(result.isIntact, "\(result)", sourceLocation: sourceLocation)
}

/// A day after the fixture's "now" (2026-03-15 12:00 UTC).
private func later(days: Double) -> Date { F.now.addingTimeInterval(days * 86_400) }

@Suite("sales-approve: withdraw, send back and resubmit, reopen, comment, mine, several approvals")
struct ApprovalMovesTests {
    @Test("the submitter withdraws a pending claim; nobody decides it after; a second withdrawal is refused")
    func withdraw() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 100_000, category: "other")
        // Not the submitter: refused, whoever it is.
        #expect(approvalError { _ = try F.desk(store, as: "m1").withdraw("BX1") }?.kind == .refused)
        let outcome = try F.desk(store, as: "rep1").withdraw("BX1", reason: "重复提交")
        #expect(outcome.status == "withdrawn")
        #expect(try state(store, "BX1").status == "withdrawn")
        #expect(try F.desk(store, as: "m1").queue().isEmpty)
        let refused = approvalError { _ = try F.desk(store, as: "m1").approve("BX1") }
        #expect(refused?.kind == .refused)
        #expect(refused?.message == "claim BX1 was withdrawn by its submitter")
        #expect(approvalError { _ = try F.desk(store, as: "rep1").withdraw("BX1") }?.kind == .alreadyDecided)
        let shown = try F.desk(store, as: "rep1").show("BX1")
        #expect(shown.history.map(\.action) == ["claim.routed", "claim.withdrawn"])
        #expect(shown.moves.map(\.move) == ["withdrawn"])
        #expect(shown.moves.first?.text == "重复提交")
        try expectVerifies(store)
    }

    @Test("withdrawing after a decision that finished the claim is refused, naming the decision")
    func withdrawAfterDecision() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 100_000, category: "other")
        try F.importClaim(store, number: "BX2", submitter: "rep1", amountCents: 100_000, category: "other")
        _ = try F.desk(store, as: "m1").approve("BX1")
        _ = try F.desk(store, as: "m1").reject("BX2", reason: "no")
        for (id, word) in [("BX1", "approved"), ("BX2", "rejected")] {
            let error = approvalError { _ = try F.desk(store, as: "rep1").withdraw(id) }
            #expect(error?.kind == .alreadyDecided)
            #expect(
                error?.message
                    == "claim \(id) was already \(word) by m1 (一组经理) at 2026-03-15T12:00:00Z; only a pending claim "
                    + "can be withdrawn")
        }
        #expect(try state(store, "BX1").status == "approved")
        try expectVerifies(store)
    }

    @Test("send back at your step, resubmit corrected: a new round, the earlier decisions kept")
    func sendBackRounds() throws {
        let store = try F.makeStore()
        // 10,000.00 of other: m1 (5,000) then rm (30,000).
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 1_000_000, category: "other")
        _ = try F.desk(store, as: "m1").approve("BX1", comment: "ok")
        // Not rm's step for m2; m1's step is decided: only rm may send it back now.
        #expect(approvalError { _ = try F.desk(store, as: "m2").sendBack("BX1", reason: "x") }?.kind == .refused)
        #expect(approvalError { _ = try F.desk(store, as: "rm").sendBack("BX1", reason: "  ") }?.kind == .invalid)
        let back = try F.desk(store, as: "rm").sendBack("BX1", reason: "缺少行程单")
        #expect(back.step == 2 && back.round == 1 && back.claimState == "pending")
        // While it waits for rep1, nobody decides it and it leaves rm's queue.
        #expect(try F.desk(store, as: "rm").queue().isEmpty)
        let refused = approvalError { _ = try F.desk(store, as: "rm").approve("BX1") }
        #expect(refused?.kind == .refused)
        #expect(refused?.message.hasPrefix("claim BX1 was sent back to its submitter by rm") == true)
        #expect(approvalError { _ = try F.desk(store, as: "rm").sendBack("BX1", reason: "again") }?.kind == .refused)
        #expect(try F.desk(store, as: "rep1").show("BX1").sentBack?.text == "缺少行程单")
        // Only the submitter resubmits, and only a claim sent back.
        #expect(approvalError { _ = try F.desk(store, as: "rep2").resubmit("BX1") }?.kind == .refused)
        let again = try F.desk(store, as: "rep1").resubmit(
            "BX1", .init(amountCents: 400_000, description: "补充行程单后重新提交"))
        #expect(again.round == 2)
        #expect(again.amountCents == 400_000)
        // 4,000.00 is within m1's 5,000: the new round is m1 alone, pending.
        #expect(again.steps.map(\.approver) == ["m1"])
        #expect(again.steps.map(\.state) == ["pending"])
        #expect(again.earlierSteps.map(\.state) == ["approved", "superseded"])
        #expect(again.sentBack == nil)
        #expect(again.description == "补充行程单后重新提交")
        #expect(
            again.history.map(\.action) == ["claim.routed", "step.approved", "claim.sent_back", "claim.resubmitted"])
        #expect(again.moves.map(\.move) == ["sent_back", "resubmitted"])
        #expect(again.moves.last?.text == "amount, description")
        #expect(approvalError { _ = try F.desk(store, as: "rep1").resubmit("BX1") }?.kind == .refused)
        #expect(try F.desk(store, as: "m1").queue().map(\.id) == ["BX1"])
        _ = try F.desk(store, as: "m1").approve("BX1")
        #expect(try state(store, "BX1") == ("approved", "approved", 2))
        try expectVerifies(store)
    }

    @Test("reopen an approved claim by its approver or finance, with a reason; paid is final")
    func reopenAndPaidIsFinal() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 100_000, category: "other")
        _ = try F.desk(store, as: "m1").approve("BX1")
        #expect(approvalError { _ = try F.desk(store, as: "rep1").reopen("BX1", reason: "x") }?.kind == .refused)
        #expect(approvalError { _ = try F.desk(store, as: "m1").reopen("BX1", reason: "") }?.kind == .invalid)
        let reopened = try F.desk(store, as: "m1").reopen("BX1", reason: "发票金额不符")
        #expect(reopened.state == "pending" && reopened.status == "submitted" && reopened.round == 2)
        #expect(reopened.history.last?.action == "claim.reopened")
        _ = try F.desk(store, as: "m1").approve("BX1")
        // Finance may reopen what they did not approve.
        _ = try F.desk(store, as: "fin2").reopen("BX1", reason: "复核")
        _ = try F.desk(store, as: "m1").approve("BX1")
        // Only approved claims are paid, by finance, all or nothing.
        try F.importClaim(store, number: "BX2", submitter: "rep1", amountCents: 100_000, category: "other")
        #expect(approvalError { _ = try F.desk(store, as: "m1").pay(["BX1"], batch: "B1") }?.kind == .refused)
        let notApproved = approvalError { _ = try F.desk(store, as: "fin1").pay(["BX1", "BX2"], batch: "B1") }
        #expect(notApproved?.message == "claim BX2 is pending; only approved claims can be paid")
        #expect(try state(store, "BX1").status == "approved")
        let batch = try F.desk(store, as: "fin1").pay(["BX1"], batch: "B1")
        #expect(batch.totalCents == 100_000 && batch.claims.map(\.id) == ["BX1"])
        #expect(try state(store, "BX1").status == "paid")
        let reopen = approvalError { _ = try F.desk(store, as: "m1").reopen("BX1", reason: "x") }
        #expect(reopen?.kind == .alreadyDecided)
        #expect(reopen?.message.contains("paid is final") == true)
        #expect(approvalError { _ = try F.desk(store, as: "rep1").withdraw("BX1") }?.kind == .alreadyDecided)
        #expect(approvalError { _ = try F.desk(store, as: "fin2").pay(["BX1"], batch: "B2") }?.kind == .alreadyDecided)
        _ = try F.desk(store, as: "m1").approve("BX2")
        // A batch reference is used once.
        #expect(approvalError { _ = try F.desk(store, as: "fin1").pay(["BX2"], batch: "B1") }?.kind == .invalid)
        _ = try F.desk(store, as: "fin1").pay(["BX2"], batch: "B2")
        #expect(try F.desk(store, as: "rep1").payments().map(\.batch) == ["B1", "B2"])
        // The store refuses to undo a payment through SQL.
        #expect(throws: (any Error).self) {
            try store.write { try $0.execute("UPDATE expense SET status = 'approved' WHERE expense_no = 'BX1'") }
        }
        #expect(throws: (any Error).self) {
            try store.write {
                try $0.execute(
                    "UPDATE approval_claim SET state = 'pending' WHERE expense_id = (SELECT id FROM expense WHERE expense_no = 'BX1')"
                )
            }
        }
        // A paid claim whose amount an import changes is not routed again.
        try store.write { try $0.execute("UPDATE expense SET amount_cents = 200000 WHERE expense_no = 'BX1'") }
        #expect(try F.desk(store, as: "m1").show("BX1").state == "approved")
        #expect(try F.desk(store, as: "m1").show("BX1").payment?.batch == "B1")
        try expectVerifies(store)
    }

    @Test("comments are kept in the history; mine says where each claim is")
    func commentsAndMine() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 1_000_000, category: "other")
        try F.importClaim(store, number: "BX2", submitter: "rep1", amountCents: 100_000, category: "other")
        try F.importClaim(store, number: "BX3", submitter: "rep2", amountCents: 100_000, category: "other")
        _ = try F.desk(store, as: "fin1").comment("BX1", text: "请补充发票")
        #expect(approvalError { _ = try F.desk(store, as: "fin1").comment("BX1", text: " ") }?.kind == .invalid)
        #expect(approvalError { _ = try F.desk(store, as: "fin1").comment("BX1", text: "a\u{1B}b") }?.kind == .invalid)
        _ = try F.desk(store, as: "m1").approve("BX1")
        _ = try F.desk(store, as: "m1").sendBack("BX2", reason: "金额有误")
        let shown = try F.desk(store, as: "rep1").show("BX1")
        #expect(shown.moves.map(\.text) == ["请补充发票"])
        #expect(shown.history.map(\.action).contains("claim.commented"))
        let mine = try F.desk(store, as: "rep1").mine()
        #expect(Set(mine.map(\.id)) == ["BX1", "BX2"])
        let one = mine.first { $0.id == "BX1" }
        #expect(one?.waitingFor == "rm" && one?.step == 2 && one?.steps == 2)
        #expect(one?.whereItIs == "waiting for rm (区域经理) (step 2 of 2)")
        let two = mine.first { $0.id == "BX2" }
        #expect(two?.sentBackBy == "m1" && two?.sentBackReason == "金额有误")
        try expectVerifies(store)
    }

    @Test("approving several claims decides each on its own: a refused one does not undo the others")
    func approveSeveral() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 100_000, category: "other")
        try F.importClaim(store, number: "BX2", submitter: "m1", amountCents: 100_000, category: "other")
        try F.importClaim(store, number: "BX3", submitter: "rep2", amountCents: 100_000, category: "other")
        let desk = F.desk(store, as: "m1")
        var results: [String: Bool] = [:]
        for id in ["BX1", "BX2", "BX3"] {
            results[id] = (try? desk.approve(id)) != nil
        }
        #expect(results == ["BX1": true, "BX2": false, "BX3": true])
        #expect(try state(store, "BX1").claim == "approved")
        #expect(try state(store, "BX2").claim == "pending")
        #expect(try state(store, "BX3").claim == "approved")
        try expectVerifies(store)
    }
}

@Suite("sales-approve: receipts, invoice numbers, reminders and escalation")
struct ApprovalReceiptsRemindersTests {
    static let policy =
        F.policy + """

            [receipts]
            required_above = 500
            folder = "receipts"
            [reminders]
            after_days = 3
            escalate_after_days = 4
            """

    private func store() throws -> (Store, URL) {
        let folder = try temporaryDirectory()
        let store = try F.makeStore(path: folder.appendingPathComponent("sales.db").path)
        _ = try F.desk(store, as: "admin").loadPolicy(text: Self.policy, fileName: "moves.toml")
        return (store, folder)
    }

    @Test("above required_above nobody approves until a receipt is attached; the file is kept by its SHA-256")
    func receiptRequired() throws {
        let (store, folder) = try store()
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 60_000, category: "other")
        try F.importClaim(store, number: "BX2", submitter: "rep1", amountCents: 50_000, category: "other")
        let refused = approvalError { _ = try F.desk(store, as: "m1").approve("BX1") }
        #expect(refused?.kind == .refused)
        #expect(refused?.message.contains("has no receipt attached") == true)
        #expect(try F.desk(store, as: "m1").show("BX1").flags.contains { $0.hasPrefix("receipt missing:") })
        // Exactly 500.00 is not above 500: no receipt needed.
        _ = try F.desk(store, as: "m1").approve("BX2")
        // Rejecting needs no receipt (a rejection is not an approval).
        let scan = folder.appendingPathComponent("发票 0001.pdf")
        let bytes = Data("%PDF-1.4 receipt 0001".utf8)
        try bytes.write(to: scan)
        #expect(approvalError { _ = try F.desk(store, as: "rep2").attach("BX1", file: scan.path) }?.kind == .refused)
        #expect(
            approvalError { _ = try F.desk(store, as: "rep1").attach("BX1", file: scan.path + ".missing") }?.kind
                == .cannotOpen)
        #expect(approvalError { _ = try F.desk(store, as: "rep1").attach("BX1", file: "/dev/zero") }?.kind == .invalid)
        let receipt = try F.desk(store, as: "rep1").attach("BX1", file: scan.path)
        #expect(receipt.sizeBytes == Int64(bytes.count))
        #expect(receipt.fileName == "发票 0001.pdf")
        #expect(receipt.storedAs == "receipts/\(receipt.sha256).pdf")
        let copy = folder.appendingPathComponent(receipt.storedAs!)
        #expect(try Data(contentsOf: copy) == bytes)
        #expect(receipt.sha256.count == 64)
        _ = try F.desk(store, as: "m1").approve("BX1")
        // The same file on another claim is flagged on both.
        try F.importClaim(store, number: "BX3", submitter: "rep1", amountCents: 70_000, category: "other")
        _ = try F.desk(store, as: "rep1").attach("BX3", file: scan.path)
        #expect(try F.desk(store, as: "m1").show("BX3").flags.contains { $0.hasPrefix("duplicate receipt:") })
        #expect(try F.desk(store, as: "m1").show("BX1").flags.contains { $0.contains("also attached to claim BX3") })
        let history = try F.desk(store, as: "m1").show("BX1").history.map(\.action)
        #expect(history.contains("receipt.attached"))
        try expectVerifies(store)
    }

    @Test("the same invoice number on two claims is flagged on both, not once one is rejected")
    func duplicateInvoice() throws {
        let (store, _) = try store()
        let day = CivilDate(year: 2026, month: 3, day: 2)!
        let first = try F.desk(store, as: "rep1").submit(
            .init(amountCents: 30_000, category: "other", spentOn: day, description: "打车", invoice: "04403190"))
        #expect(first.invoiceNo == "04403190")
        #expect(!first.flags.contains { $0.hasPrefix("duplicate invoice") })
        let second = try F.desk(store, as: "rep2").submit(
            .init(amountCents: 30_000, category: "other", spentOn: day, description: "打车", invoice: " 04403190 "))
        #expect(second.flags.contains("duplicate invoice: 发票号 04403190 is also on claim \(first.id)"))
        #expect(try F.desk(store, as: "m1").show(first.id).flags.contains { $0.contains("also on claim \(second.id)") })
        _ = try F.desk(store, as: "m1").reject(second.id, reason: "重复报销")
        #expect(!(try F.desk(store, as: "m1").show(first.id).flags.contains { $0.hasPrefix("duplicate invoice") }))
        let control = approvalError {
            _ = try F.desk(store, as: "rep1").submit(
                .init(amountCents: 100, category: "other", spentOn: day, description: "x", invoice: "A\nB"))
        }
        #expect(control?.kind == .invalid)
        try expectVerifies(store)
    }

    @Test("remind lists steps waiting past after_days; after escalate_after_days more the manager may act")
    func escalationAfterDays() throws {
        let (store, _) = try store()
        // Routed at the fixture's now (2026-03-15 12:00 UTC): m1's step waits from then.
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 40_000, category: "other")
        _ = try F.desk(store, as: "m1").queue()
        let early = try F.desk(store, as: "fin1", now: later(days: 3.5)).remind()
        #expect(early.afterDays == 3 && early.people.isEmpty)
        let due = try F.desk(store, as: "fin1", now: later(days: 4)).remind()
        #expect(due.people.map(\.login) == ["m1"])
        #expect(due.people.first?.steps.first?.waitingDays == 4)
        #expect(due.escalated.isEmpty)
        // 3 + 4 days is not yet beyond: 8 whole days is.
        #expect(try F.desk(store, as: "fin1", now: later(days: 7.9)).remind().escalated.isEmpty)
        #expect(approvalError { _ = try F.desk(store, as: "rm", now: later(days: 8)).approve("BX1") }?.kind == .refused)
        let run = try F.desk(store, as: "fin1", now: later(days: 8)).remind()
        #expect(run.escalated.map(\.id) == ["BX1"])
        #expect(run.escalated.first?.escalatedTo == "rm")
        #expect(run.people.map(\.login) == ["m1", "rm"])
        #expect(run.people.last?.steps.first?.onBehalfOf == "m1")
        // Once only.
        #expect(try F.desk(store, as: "fin1", now: later(days: 9)).remind().escalated.isEmpty)
        let queue = try F.desk(store, as: "rm", now: later(days: 9)).queue()
        #expect(queue.map(\.id) == ["BX1"] && queue.first?.onBehalfOf == "m1")
        let outcome = try F.desk(store, as: "rm", now: later(days: 9)).approve("BX1")
        #expect(outcome.onBehalfOf == "m1" && outcome.claimState == "approved")
        let shown = try F.desk(store, as: "rep1").show("BX1")
        #expect(shown.moves.map(\.move) == ["escalated"])
        #expect(shown.history.map(\.action) == ["claim.routed", "step.escalated", "step.approved"])
        try expectVerifies(store)
    }

    @Test("a policy with a bad [receipts] or [reminders] is refused, naming the key")
    func policyKeys() throws {
        for (text, key) in [
            ("[receipts]\nfolder = \"../x\"", "receipts.folder"), ("[receipts]\nfolder = \"/tmp\"", "receipts.folder"),
            ("[reminders]\nescalate_after_days = 2", "reminders.after_days"),
            ("[reminders]\nafter_days = 0", "reminders.after_days"), ("[reminders]\nafter_day = 3", "after_day"),
        ] {
            #expect(throws: PolicyError.self) { _ = try ApprovalPolicy.parse("name = \"p\"\n" + text) }
            do { _ = try ApprovalPolicy.parse("name = \"p\"\n" + text) } catch {
                #expect("\(error.localizedDescription)".contains(key), "\(text): \(error)")
            }
        }
        let policy = try ApprovalPolicy.parse(Self.policy)
        #expect(policy.receipts == .init(requiredAboveCents: 50_000, folder: "receipts"))
        #expect(policy.reminders == .init(afterDays: 3, escalateAfterDays: 4))
        #expect(try ApprovalPolicy.parse(try policy.tomlText()) == policy)
    }
}

@Suite("sales-approve and sales-export: a paid claim is spent")
struct ApprovalPaidSpendTests {
    private func spend(_ store: Store) throws -> Int64? {
        let data = try store.read {
            try SummaryMetrics.compute(
                $0, period: try ReportPeriod.parse("2026Q1"), compare: .yearOverYear, scope: .company,
                options: SummaryOptions())
        }
        return data.expensesAndBudget.spend.value.centsValue
    }

    @Test("the summary's spend counts a claim once approved, and the same once it is paid; pending does not count")
    func paidCountsAsSpent() throws {
        let store = try F.makeStore()
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 120_000, category: "other")
        try F.importClaim(store, number: "BX2", submitter: "rep1", amountCents: 30_000, category: "other")
        _ = try F.desk(store, as: "m1").queue()
        #expect(try spend(store) == 0)
        _ = try F.desk(store, as: "m1").approve("BX1")
        #expect(try spend(store) == 120_000)
        _ = try F.desk(store, as: "fin1").pay(["BX1"], batch: "B1")
        #expect(try F.desk(store, as: "m1").show("BX1").status == "paid")
        #expect(try spend(store) == 120_000)
    }
}

@Suite("sales-import and sales-approve: the expense sheet's invoice number")
struct ApprovalImportedInvoiceTests {
    @Test("a 发票号 column is imported into expense.invoice_no, and a number on two claims is flagged on both")
    func importedInvoiceNumbers() throws {
        let store = try F.makeStore()
        let path = try temporaryDirectory().appendingPathComponent("费用.csv").path
        try """
        报销单号,报销人,费用日期,费用类别,金额,发票号
        BX1,rep1,2026-03-10,其他,300,04403190
        BX2,rep2,2026-03-11,其他,200,04403190
        BX3,rep2,2026-03-11,其他,100,
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let report = try Importer.run(path: path, store: store, options: ImportOptions(user: "tester"))
        #expect(report.status == .committed, "\(report.errors)")
        #expect(report.sheets.first?.entity == .expenses)
        let stored = try store.read {
            try $0.query("SELECT expense_no, invoice_no FROM expense ORDER BY expense_no").map {
                "\($0[0].text ?? "")=\($0[1].text ?? "NULL")"
            }
        }
        #expect(stored == ["BX1=04403190", "BX2=04403190", "BX3=NULL"])
        let desk = F.desk(store, as: "m1")
        #expect(try desk.show("BX1").flags.contains("duplicate invoice: 发票号 04403190 is also on claim BX2"))
        #expect(try desk.show("BX2").flags.contains("duplicate invoice: 发票号 04403190 is also on claim BX1"))
        #expect(!(try desk.show("BX3").flags.contains { $0.hasPrefix("duplicate invoice") }))
        #expect(try desk.queue().first { $0.id == "BX2" }?.flags.contains { $0.hasPrefix("duplicate invoice") } == true)
    }
}
