import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

private typealias F = ApprovalFixture

/// A store worked through every move, with reminders and receipts in its policy (version 2):
///
/// - W1 withdrawn by rep1; C1 commented on by fin1;
/// - R1 (10,000.00, m1 then rm) approved by m1, sent back by rm, resubmitted by rep1 at 4,000.00 (round 2),
///   approved by m1 (R1 is then approved, not paid);
/// - P1 approved, reopened by m1 (round 2), approved again, paid in batch PAY-1 by fin1;
/// - A1 (25,000.00, above the 20,000.00 that needs a receipt) with a receipt attached by rep1, pending;
/// - E1 waiting 8 days: escalated to rm by fin1's `remind`, approved by rm on behalf of m1.
private func workedStore() throws -> Store {
    let folder = try temporaryDirectory()
    let store = try F.makeStore(path: folder.appendingPathComponent("sales.db").path)
    _ = try F.desk(store, as: "admin").loadPolicy(
        text: F.policy + "\n[receipts]\nrequired_above = 20000\n[reminders]\nafter_days = 3\nescalate_after_days = 4\n",
        fileName: "v2.toml")
    for (number, cents) in [("W1", 100_000), ("C1", 100_000), ("R1", 1_000_000), ("P1", 40_000), ("A1", 2_500_000)] {
        try F.importClaim(store, number: number, submitter: "rep1", amountCents: Int64(cents), category: "other")
    }
    try F.importClaim(store, number: "E1", submitter: "rep2", amountCents: 30_000, category: "other")
    _ = try F.desk(store, as: "rep1").withdraw("W1", reason: "重复")
    _ = try F.desk(store, as: "fin1").comment("C1", text: "请补充发票")
    _ = try F.desk(store, as: "m1").approve("R1")
    _ = try F.desk(store, as: "rm").sendBack("R1", reason: "缺少行程单")
    _ = try F.desk(store, as: "rep1").resubmit("R1", .init(amountCents: 400_000))
    _ = try F.desk(store, as: "m1").approve("P1")
    _ = try F.desk(store, as: "m1").reopen("P1", reason: "发票金额不符")
    _ = try F.desk(store, as: "m1").approve("P1")
    _ = try F.desk(store, as: "fin1").pay(["P1"], batch: "PAY-1")
    let scan = folder.appendingPathComponent("receipt.png")
    try Data("PNG receipt".utf8).write(to: scan)
    _ = try F.desk(store, as: "rep1").attach("A1", file: scan.path)
    _ = try F.desk(store, as: "m1").approve("R1")
    let later = F.now.addingTimeInterval(8 * 86_400)
    _ = try F.desk(store, as: "fin1", now: later).remind()
    _ = try F.desk(store, as: "rm", now: later).approve("E1")
    return store
}

private func verify(_ store: Store) throws -> AuditVerification { try F.desk(store, as: "admin").verify() }

@Suite("sales-approve: verify replays the moves, receipts and payments")
struct ApprovalMovesReplayTests {
    @Test("a store worked through every move verifies, and holds every new kind of entry")
    func workedStoreVerifies() throws {
        let store = try workedStore()
        let result = try verify(store)
        #expect(result.isIntact, "\(result)")
        let actions = Set(try store.read { try AuditLog.entries($0) }.map(\.action))
        for action in [
            "claim.withdrawn", "claim.commented", "claim.sent_back", "claim.resubmitted", "claim.reopened",
            "claim.paid", "receipt.attached", "step.escalated",
        ] {
            #expect(actions.contains(action), "\(action)")
        }
    }

    static let claimID = "(SELECT id FROM expense WHERE expense_no = "

    /// Statements someone who can write the file might run, and the start of the line `verify` answers with.
    static let tampering: [(sql: String, reason: String)] = [
        (
            "UPDATE expense SET status = 'withdrawn' WHERE expense_no = 'A1'",
            "expense.status of claim A1 is withdrawn, but the log says the claim is pending"
        ),
        (
            "DROP TRIGGER expense_paid_is_final; DROP TRIGGER expense_status_follows_approval; "
                + "UPDATE expense SET status = 'approved' WHERE expense_no = 'P1'",
            "expense.status of claim P1 is approved, but the log says the claim is approved and paid"
        ),
        (
            "UPDATE expense SET status = 'paid' WHERE expense_no = 'E1'",
            "expense.status of claim E1 is paid, but the log says the claim is approved"
        ),
        (
            "INSERT INTO payment (expense_id, batch, amount_cents, paid_at, paid_by, audit_seq) "
                + "SELECT id, 'X', 30000, '2026-03-15T12:00:00Z', 'fin1', 1 FROM expense WHERE expense_no = 'E1'",
            "payment of claim E1 (batch X): no claim.paid entry records it"
        ),
        (
            "DROP TRIGGER payment_no_update; UPDATE payment SET amount_cents = 1",
            "payment of claim P1: the table says amount_cents 1, the log says 40000"
        ),
        (
            "DROP TRIGGER payment_no_delete; DELETE FROM payment",
            "payment has no row for claim P1"
        ),
        (
            "DROP TRIGGER approval_move_no_update; UPDATE approval_move SET text = '没问题' WHERE move = 'sent_back'",
            "approval_move of entry"
        ),
        (
            "DROP TRIGGER approval_move_no_delete; DELETE FROM approval_move WHERE move = 'commented'",
            "approval_move has no row for entry"
        ),
        (
            "INSERT INTO approval_move (audit_seq, expense_id, round, move, actor, at, step, to_login) "
                + "SELECT 1, id, 1, 'escalated', 'fin1', '2026-03-15T12:00:00Z', 1, 'boss' FROM expense "
                + "WHERE expense_no = 'A1'",
            "approval_move of entry 1 (escalated of claim A1): no entry records it"
        ),
        (
            "DROP TRIGGER approval_receipt_no_update; UPDATE approval_receipt SET sha256 = '"
                + String(repeating: "0", count: 64) + "'",
            "approval_receipt of entry"
        ),
        (
            "INSERT INTO approval_receipt (audit_seq, expense_id, file_name, sha256, size_bytes, attached_at, "
                + "attached_by) SELECT 2, id, 'x.pdf', '" + String(repeating: "a", count: 64)
                + "', 1, '2026-03-15T12:00:00Z', 'rep1' FROM expense WHERE expense_no = 'E1'",
            "approval_receipt of entry 2 (claim E1): no receipt.attached entry records it"
        ),
    ]

    @Test("a move, receipt or payment changed, added or removed with SQL fails verify", arguments: tampering.indices)
    func tampered(_ index: Int) throws {
        let (sql, reason) = Self.tampering[index]
        let store = try workedStore()
        try store.write { try $0.execute(sql) }
        guard case .broken(let seq, let line) = try verify(store) else {
            Issue.record("verify passed after: \(sql)")
            return
        }
        #expect(seq == 0)
        #expect(line.hasPrefix(reason), "\(sql)\n\(line)")
    }

    @Test("an entry of a move the claim's state does not allow is named at that entry")
    func inconsistentEntries() throws {
        let cases: [(actor: String, action: String, subject: String, payload: [String: AuditValue], reason: String)] = [
            (
                "m1", "step.approved", "expense:W1", ["round": 1, "step": 1, "claim_state": "approved"],
                "step.approved of claim W1, which was withdrawn"
            ),
            (
                "m1", "claim.paid", "expense:A1", ["round": 1, "batch": "X", "amount_cents": 2_500_000],
                "claim.paid of claim A1, which was pending"
            ),
            (
                "fin1", "claim.paid", "expense:P1", ["round": 2, "batch": "X", "amount_cents": 40_000],
                "claim.paid of claim P1, which was paid"
            ),
            (
                "rep1", "claim.withdrawn", "expense:P1", ["round": 2],
                "claim.withdrawn of claim P1, which was approved"
            ),
            (
                "rep2", "claim.withdrawn", "expense:A1", ["round": 1],
                "claim.withdrawn of claim A1 by rep2, who did not submit it (rep1)"
            ),
            (
                "rm", "claim.sent_back", "expense:A1", ["round": 1, "step": 1, "approver": "m1", "reason": "x"],
                "claim.sent_back of claim A1 step 1 by rm, but the step is routed to m1"
            ),
            (
                "m1", "claim.reopened", "expense:P1",
                [
                    "round": 3, "state": "pending", "policy_version": 2, "amount_cents": 40_000, "category": "other",
                    "route": [], "reason": "x",
                ],
                "claim.reopened of claim P1, which was paid"
            ),
            (
                "rep1", "claim.resubmitted", "expense:A1",
                [
                    "round": 2, "state": "pending", "policy_version": 2, "amount_cents": 2_500_000, "category": "other",
                    "route": [],
                ],
                "claim.resubmitted of claim A1, which was not sent back"
            ),
            (
                "fin1", "step.escalated", "expense:E1", ["round": 1, "step": 1, "approver": "m1", "to": "rm"],
                "step.escalated of claim E1, which was approved"
            ),
        ]
        for c in cases {
            let store = try workedStore()
            let seq = try store.write { conn in
                try AuditLog.append(
                    conn, actor: c.actor, action: c.action, subject: c.subject, payload: c.payload,
                    at: "2026-03-15T12:00:00Z"
                ).seq
            }
            guard case .broken(let at, let line) = try verify(store) else {
                Issue.record("verify passed after a \(c.action) entry")
                continue
            }
            #expect(at == seq, "\(c.action): \(line)")
            #expect(line.hasPrefix(c.reason), "\(c.action): \(line)")
        }
    }
}
