import Foundation
import SalesCore
import SalesTestSupport
import Testing

private typealias F = ApprovalFixture

/// The built `sales-approve` running the everyday moves on a training store made by the fixture at its "now"
/// (2026-03-15), while the tool runs at the machine's date: the steps it routed there have waited since then.
@Suite("sales-approve, end to end: moves, payments, receipts, reminders")
struct ApproveMovesTests {
    /// A training store with the fixture's people, the test policy plus `extra` loaded as version 2, and
    /// claims `numbers` of rep1 (1,000.00 of other each: one step, m1), routed at the fixture's now.
    private func store(_ numbers: [String], extra: String = "") throws -> String {
        let db = try F.trainingStore()
        let store = try Store.open(path: db)
        if !extra.isEmpty {
            _ = try F.desk(store, as: "admin").loadPolicy(text: F.policy + "\n" + extra, fileName: "moves.toml")
        }
        for number in numbers {
            try F.importClaim(store, number: number, submitter: "rep1", amountCents: 100_000, category: "other")
        }
        _ = try F.desk(store, as: "m1").queue()
        store.close()
        return db
    }

    private func run(_ db: String, as user: String, _ arguments: [String]) throws -> ToolRun {
        try F.run(db, as: user, arguments)
    }

    @Test("approve A B C: each decided on its own, each result printed, exit 77 when one was refused")
    func approveSeveral() throws {
        let db = try store(["BX1", "BX2", "BX3"])
        #expect(try run(db, as: "rep1", ["withdraw", "BX2"]).status == 0)
        let several = try run(db, as: "m1", ["approve", "BX1", "BX2", "BX3", "--comment", "ok"])
        #expect(several.status == ExitStatus.noPermission, "\(several.stderr)")
        let unbudgeted = "  ! unbudgeted: no other budget covers 2026-03-10 for this claim\n"
        #expect(
            several.stdout
                == "Approved step 1 of 1 of BX1: the claim is approved.\n" + unbudgeted
                + "Approved step 1 of 1 of BX3: the claim is approved.\n" + unbudgeted)
        #expect(several.stderr.contains("sales-approve: claim BX2 was withdrawn by its submitter\n"))
        let json = try run(db, as: "m1", ["approve", "BX1", "NOPE", "--json"])
        #expect(json.status == ExitStatus.noPermission)
        let array = try JSONSerialization.jsonObject(with: json.stdoutData) as? [[String: Any]]
        #expect(array?.count == 2)
        #expect(array?.first?["exit_status"] as? Int == 77)
        #expect(array?.last?["exit_status"] as? Int == 65)
        #expect(try run(db, as: "m1", ["verify"]).status == 0)
    }

    @Test("send back, resubmit, withdraw after a decision, reopen, pay, payments, mine, comment; verify holds")
    func everydayMoves() throws {
        let db = try store(["BX1", "BX2", "BX3"])
        let missing = try run(db, as: "m1", ["send-back", "BX1"])
        #expect(missing.status == ExitStatus.usage && missing.stderr.contains("needs a reason"))
        #expect(try run(db, as: "m1", ["send-back", "BX1", "--reason", "缺少发票"]).status == 0)
        #expect(try run(db, as: "m1", ["approve", "BX1"]).status == ExitStatus.noPermission)
        let mine = try run(db, as: "rep1", ["mine", "--json"])
        let items = try JSONSerialization.jsonObject(with: mine.stdoutData) as? [[String: Any]]
        #expect(items?.first { $0["id"] as? String == "BX1" }?["sent_back_reason"] as? String == "缺少发票")
        let again = try run(db, as: "rep1", ["resubmit", "BX1", "--amount", "900", "--invoice", "INV-7"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("Resubmitted BX1: 900.00, round 2, first: m1"), "\(again.stdout)")
        #expect(try run(db, as: "m1", ["approve", "BX1", "BX2"]).status == 0)
        let late = try run(db, as: "rep1", ["withdraw", "BX2"])
        #expect(late.status == ExitStatus.noPermission)
        #expect(late.stderr.contains("only a pending claim can be withdrawn"), "\(late.stderr)")
        #expect(try run(db, as: "m1", ["reopen", "BX2", "--reason", "金额有误"]).status == 0)
        #expect(try run(db, as: "m1", ["approve", "BX2"]).status == 0)
        #expect(try run(db, as: "m1", ["comment", "BX2", "已复核"]).status == 0)
        let refused = try run(db, as: "m1", ["pay", "BX1", "--batch", "B-1"])
        #expect(refused.status == ExitStatus.noPermission)
        let paid = try run(db, as: "fin1", ["pay", "BX1", "BX2", "--batch", "B-1"])
        #expect(paid.status == 0, "\(paid.stderr)")
        #expect(paid.stdout.hasPrefix("Batch B-1: 2 claims, 1,900.00 in all, paid by fin1"), "\(paid.stdout)")
        let final = try run(db, as: "m1", ["reopen", "BX2", "--reason", "x"])
        #expect(final.status == ExitStatus.noPermission && final.stderr.contains("paid is final"))
        let batches = try run(db, as: "rep1", ["payments", "--json"])
        let list = try JSONSerialization.jsonObject(with: batches.stdoutData) as? [[String: Any]]
        #expect(list?.first?["batch"] as? String == "B-1")
        #expect(list?.first?["total_cents"] as? Int == 190_000)
        let shown = try run(db, as: "rep1", ["show", "BX2"])
        #expect(shown.stdout.contains("Payment\n  batch B-1"), "\(shown.stdout)")
        #expect(shown.stdout.contains("comment — “已复核”"), "\(shown.stdout)")
        let verify = try run(db, as: "m1", ["verify"])
        #expect(verify.status == 0 && verify.stdout.hasPrefix("OK: "), "\(verify.stdout)\(verify.stderr)")
        // Someone marks BX3 paid with sqlite3: verify names it.
        let store = try Store.open(path: db)
        _ = try F.desk(store, as: "m1", now: Date()).approve("BX3")
        try store.write { try $0.execute("UPDATE expense SET status = 'paid' WHERE expense_no = 'BX3'") }
        store.close()
        let broken = try run(db, as: "m1", ["verify"])
        #expect(broken.status == ExitStatus.dataError)
        #expect(broken.stdout.hasPrefix("BROKEN: expense.status of claim BX3 is paid"), "\(broken.stdout)")
    }

    @Test("attach records name, size and SHA-256 and copies into the receipts folder; a receipt is required above")
    func attachReceipt() throws {
        let db = try store(["BX1"], extra: "[receipts]\nrequired_above = 500\nfolder = \"receipts\"")
        let refused = try run(db, as: "m1", ["approve", "BX1"])
        #expect(refused.status == ExitStatus.noPermission && refused.stderr.contains("no receipt attached"))
        let file = try temporaryDirectory().appendingPathComponent("taxi.jpg")
        try Data(repeating: 0xFF, count: 1000).write(to: file)
        #expect(try run(db, as: "rep1", ["attach", "BX1", file.path + "x"]).status == ExitStatus.noInput)
        let attached = try run(db, as: "rep1", ["attach", "BX1", file.path, "--json"])
        #expect(attached.status == 0, "\(attached.stderr)")
        let receipt = try JSONSerialization.jsonObject(with: attached.stdoutData) as? [String: Any]
        // SHA-256 of 1,000 bytes of 0xFF, computed independently (python3 hashlib).
        let digest = "b4f73dff046400b76728ab32619e3d89e00132653725f660c62ab9fca975b372"
        #expect(receipt?["sha256"] as? String == digest)
        #expect(receipt?["size_bytes"] as? Int == 1000)
        #expect(receipt?["stored_as"] as? String == "receipts/\(digest).jpg")
        let copy = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("receipts/\(digest).jpg")
        #expect(FileManager.default.contents(atPath: copy.path) == Data(repeating: 0xFF, count: 1000))
        #expect(try run(db, as: "m1", ["approve", "BX1"]).status == 0)
        #expect(try run(db, as: "m1", ["verify"]).status == 0)
    }

    @Test("remind --json lists the steps waiting past after_days and escalates them to the manager, once")
    func remindEscalates() throws {
        let db = try store(["BX1"], extra: "[reminders]\nafter_days = 3\nescalate_after_days = 4")
        let first = try run(db, as: "fin1", ["remind", "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let object = try JSONSerialization.jsonObject(with: first.stdoutData) as? [String: Any]
        let people = object?["people"] as? [[String: Any]] ?? []
        #expect(people.compactMap { $0["login"] as? String } == ["m1", "rm"])
        let escalated = object?["escalated"] as? [[String: Any]] ?? []
        #expect(escalated.first?["escalated_to"] as? String == "rm")
        #expect((escalated.first?["waiting_days"] as? Int ?? 0) > 7)
        let text = try run(db, as: "fin1", ["remind"])
        #expect(text.stdout.contains("(escalated to rm)") && !text.stdout.contains("Escalated:"), "\(text.stdout)")
        let queue = try run(db, as: "rm", ["queue", "--json"])
        #expect(String(decoding: queue.stdoutData, as: UTF8.self).contains("\"on_behalf_of\":\"m1\""))
        #expect(try run(db, as: "rm", ["approve", "BX1"]).status == 0)
        #expect(try run(db, as: "m1", ["verify"]).status == 0)
    }
}
