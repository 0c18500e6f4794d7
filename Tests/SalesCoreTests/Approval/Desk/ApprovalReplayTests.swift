import Crypto
import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

private typealias F = ApprovalFixture

/// The reason `verify` gives, or `nil` when it passes.
private func problem(_ store: Store) throws -> AuditVerification {
    try F.desk(store, as: "admin").verify()
}

/// A store worked through every command the desk has, by the people the fixture names:
///
/// - policy version 1, then version 2 naming a final approver (so boss's claim TOP, without a route under
///   version 1, is routed again: `claim.rerouted`);
/// - BX1 approved by m1, then its amount changed by an import (`claim.changed`, round 2) and approved
///   again by m1 and rm; then paid (`pay`, batch B1);
/// - BX2 rejected by m1; BX3 approved by m2 on behalf of m1 (a delegation); a second delegation cancelled;
/// - S1 and S2, a split (S1's note set when S2 is routed), S2 withdrawn by its submitter;
/// - SA-2026-00001 submitted by rep2, approved with a budget warning.
private func workedStore() throws -> Store {
    let store = try F.makeStore()
    let march = (CivilDate(year: 2026, month: 3, day: 1)!, CivilDate(year: 2026, month: 3, day: 31)!)
    try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 300_000)
    try F.importClaim(store, number: "BX2", submitter: "rep1", amountCents: 200_000, category: "other")
    try F.importClaim(store, number: "BX3", submitter: "rep2", amountCents: 150_000, category: "training")
    try F.importClaim(store, number: "TOP", submitter: "boss", amountCents: 300_000, category: "other")
    _ = try F.desk(store, as: "m1").approve("BX1", comment: "ok")
    _ = try F.desk(store, as: "m1").reject("BX2", reason: "no receipt")
    _ = try F.desk(store, as: "m1").delegate(to: "m2", from: march.0, until: march.1)
    _ = try F.desk(store, as: "m2").approve("BX3")
    _ = try F.desk(store, as: "rm").delegate(to: "m2", from: march.0, until: march.1)
    _ = try F.desk(store, as: "rm").cancelDelegations()
    try store.write { try $0.execute("UPDATE expense SET amount_cents = 800000 WHERE expense_no = 'BX1'") }
    _ = try F.desk(store, as: "m1").approve("BX1")
    _ = try F.desk(store, as: "rm").approve("BX1")
    _ = try F.desk(store, as: "fin1").pay(["BX1"], batch: "B1")
    let withFinal = F.policy.replacingOccurrences(
        of: "use_person_limits = true", with: "use_person_limits = true\nfinal_approver = \"fin1\"")
    _ = try F.desk(store, as: "admin").loadPolicy(text: withFinal, fileName: "v2.toml")
    try F.importClaim(
        store, number: "S1", submitter: "rep1", amountCents: 400_000, category: "other", spentOn: "2026-03-02")
    _ = try F.desk(store, as: "m1").queue()
    try F.importClaim(
        store, number: "S2", submitter: "rep1", amountCents: 450_000, category: "other", spentOn: "2026-03-05")
    _ = try F.desk(store, as: "m1").queue()
    _ = try F.desk(store, as: "rep1").withdraw("S2")
    _ = try F.desk(store, as: "rep2").submit(
        .init(
            amountCents: 100_000, category: "advertising", spentOn: CivilDate(year: 2026, month: 3, day: 2)!,
            description: "展会广告"))
    _ = try F.desk(store, as: "m1").approve("SA-2026-00001")
    return store
}

@Suite("sales-approve: verify replays the log against the tables")
struct ApprovalReplayTests {
    @Test("a store worked through every command verifies: every row is explained by the log, every entry shown")
    func workedStoreVerifies() throws {
        let store = try workedStore()
        let result = try problem(store)
        #expect(result.isIntact, "\(result)")
        // The store holds what the test meant to make.
        let actions = try store.read { try AuditLog.entries($0) }.map(\.action)
        for action in [
            "policy.loaded", "claim.routed", "claim.rerouted", "claim.changed", "claim.submitted", "step.approved",
            "step.rejected", "delegation.created", "delegation.cancelled",
        ] {
            #expect(actions.contains(action), "\(action)")
        }
        let notes = try store.read { try $0.scalar("SELECT count(split_note) FROM approval_claim")?.int64 }
        #expect(notes == 2)
        #expect(try F.desk(store, as: "m1").show("TOP").state == "pending")
    }

    /// Statements someone who can write the file might run, each on a fresh worked store, and the line
    /// `verify` must answer with (its start).
    static let tampering: [(sql: String, reason: String)] = [
        (
            "INSERT INTO approval_decision (step_id, decision, actor, decided_at, audit_seq) SELECT s.id, 'approved', "
                + "'m1', '2026-03-15T12:00:00Z', 1 FROM approval_step s JOIN expense e ON e.id = s.expense_id "
                + "WHERE e.expense_no = 'S1'",
            "approval_decision of claim S1 round 1 step 1: no entry decides the step"
        ),
        (
            "DROP TRIGGER approval_decision_no_update; UPDATE approval_decision SET actor = 'boss' "
                + "WHERE step_id = (SELECT min(id) FROM approval_step)",
            "approval_decision of claim BX1 round 1 step 1: the table says actor boss, the log says m1 (step.approved"
        ),
        (
            "DROP TRIGGER approval_decision_no_update; UPDATE approval_decision SET comment = 'fine'",
            "approval_decision of claim BX1 round 1 step 1: the table says comment fine, the log says ok"
        ),
        (
            "DROP TRIGGER approval_step_decided_once; UPDATE approval_step SET approver = 'boss' WHERE state = 'pending'",
            "approval_step of claim TOP round 2 step 1: the table says approver boss, the log says fin1"
        ),
        (
            "UPDATE approval_claim SET category = 'travel' "
                + "WHERE expense_id = (SELECT id FROM expense WHERE expense_no = 'S1')",
            "approval_claim of claim S1: the table says category travel, the log says other"
        ),
        (
            "UPDATE approval_claim SET policy_version = 2 "
                + "WHERE expense_id = (SELECT id FROM expense WHERE expense_no = 'BX2')",
            "approval_claim of claim BX2: the table says policy_version 2, the log says 1"
        ),
        (
            "INSERT INTO expense (expense_no, submitted_by_id, spent_on, category, amount_cents, status) "
                + "VALUES ('X9', (SELECT id FROM person WHERE login = 'rep1'), '2026-03-01', 'other', 100, 'submitted');"
                + "INSERT INTO approval_claim (expense_id, policy_version, round, state, amount_cents, category, "
                + "routed_at) SELECT id, 1, 1, 'pending', 100, 'other', '2026-03-15T12:00:00Z' FROM expense "
                + "WHERE expense_no = 'X9'",
            "approval_claim of claim X9: no entry routes it (a row the log does not explain)"
        ),
        (
            "DROP TRIGGER expense_status_follows_approval; UPDATE expense SET status = 'approved' WHERE expense_no = 'BX2'",
            "expense.status of claim BX2 is approved, but the log says the claim is rejected"
        ),
        (
            "DROP TRIGGER approval_delegation_cancel_only; UPDATE approval_delegation SET ends_on = '2026-12-31' "
                + "WHERE id = 1",
            "approval_delegation 1: the table says ends_on 2026-12-31, the log says 2026-03-31"
        ),
        (
            "DROP TRIGGER approval_delegation_cancel_only; UPDATE approval_delegation SET cancelled_at = NULL",
            "approval_delegation 2: the table says cancelled_at NULL, the log says 2026-03-15T12:00:00Z"
        ),
        (
            "DROP TRIGGER approval_delegation_no_delete; DELETE FROM approval_delegation WHERE id = 2",
            "approval_delegation has no row 2, which delegation.created (entry"
        ),
        (
            "DROP TRIGGER approval_policy_no_update; UPDATE approval_policy SET loaded_by = 'rm' WHERE version = 2",
            "approval_policy version 2: the table says loaded_by rm, the log says admin"
        ),
        (
            "INSERT INTO approval_policy (version, name, policy_toml, file_name, file_sha256, loaded_at, loaded_by) "
                + "VALUES (3, 'x', 'name = \"x\"', 'x.toml', '" + String(repeating: "0", count: 64)
                + "', '2026-03-15T12:00:00Z', 'admin')",
            "approval_policy version 3: no policy.loaded entry records it"
        ),
    ]

    @Test("a row changed, added or removed with SQL fails verify with one line naming it", arguments: tampering.indices)
    func tampered(_ index: Int) throws {
        let (sql, reason) = Self.tampering[index]
        let store = try workedStore()
        try store.write { try $0.execute(sql) }
        let result = try problem(store)
        guard case .broken(let seq, let line) = result else {
            Issue.record("verify passed after: \(sql)")
            return
        }
        #expect(seq == 0)
        #expect(line.hasPrefix(reason), "\(sql)\n\(line)")
        #expect(!line.contains("\n"))
    }

    @Test("an entry that contradicts the log before it is named at that entry, though its chain holds")
    func inconsistentEntries() throws {
        let cases: [(action: String, subject: String, payload: [String: AuditValue], reason: String)] = [
            (
                "step.approved", "expense:BX2",
                ["round": 1, "step": 1, "claim_state": "approved", "approver": "m1"],
                "step.approved of claim BX2, which was rejected (entry"
            ),
            (
                "step.approved", "expense:NOPE", ["round": 1, "step": 1, "claim_state": "approved"],
                "step.approved of claim NOPE, which no entry before it routed"
            ),
            (
                "claim.routed", "expense:BX3",
                [
                    "round": 1, "state": "pending", "policy_version": 1, "amount_cents": 1, "category": "other",
                    "route": [],
                ],
                "claim.routed of claim BX3, which entry"
            ),
            (
                "delegation.cancelled", "delegation:2",
                ["from": "rm", "to": "m2", "starts_on": "2026-03-01", "ends_on": "2026-03-31"],
                "delegation.cancelled of delegation 2, which entry"
            ),
            (
                "policy.loaded", "policy:7", ["version": 7, "name": "x", "file": "x", "sha256": "x"],
                "policy.loaded records version 7, but the next is 3"
            ),
            ("claim.approved", "expense:BX1", [:], "unknown action claim.approved"),
            ("store.initialised", "", ["identity": "trust-env"], "a second store.initialised entry"),
        ]
        for c in cases {
            let store = try workedStore()
            if c.action == "store.initialised" {
                // The first one, as init writes it (with store_meta's copy), then the second.
                try store.write { conn in
                    try conn.execute("INSERT INTO store_meta (key, value) VALUES ('approval_identity', 'trust-env')")
                    try AuditLog.append(
                        conn, actor: "admin", action: c.action, subject: nil, payload: c.payload,
                        at: "2026-03-15T12:00:00Z")
                }
            }
            let seq = try store.write { conn in
                try AuditLog.append(
                    conn, actor: c.action.hasPrefix("delegation") ? "rm" : "m1", action: c.action,
                    subject: c.subject.isEmpty ? nil : c.subject, payload: c.payload, at: "2026-03-15T12:00:00Z"
                ).seq
            }
            let result = try problem(store)
            guard case .broken(let at, let line) = result else {
                Issue.record("verify passed after a \(c.action) entry")
                continue
            }
            #expect(at == seq, "\(c.action)")
            #expect(line.hasPrefix(c.reason), "\(c.action): \(line)")
        }
    }

    @Test("a key enrolled by someone who is neither the init account nor admin or finance fails verify there")
    func enrolmentAuthority() throws {
        let store = try F.makeStore()
        let root = try F.keyFile()
        let rep1 = try F.keyFile()
        let admin = try F.keyFile()
        let m2 = try F.keyFile()
        _ = try F.desk(store, as: "root", keyFile: root.file).initialise(trustEnvironment: false)
        _ = try F.desk(store, as: "root", keyFile: root.file).enrollKey(login: "rep1", key: "\(rep1.publicKey)")
        _ = try F.desk(store, as: "root", keyFile: root.file).enrollKey(login: "admin", key: "\(admin.publicKey)")
        // An admin enrols and revokes keys with their own signature: valid.
        _ = try F.desk(store, as: "admin", keyFile: admin.file).enrollKey(login: "m2", key: "\(m2.publicKey)")
        _ = try F.desk(store, as: "admin", keyFile: admin.file).revokeKey(login: "m2")
        #expect(try problem(store).isIntact)
        // rep1 signs an enrolment the tool would refuse them.
        let seq = try store.write { c in
            try AuditLog.append(
                c, actor: "rep1", action: KeyRing.enrolledAction, subject: "person:m2",
                payload: ["login": "m2", "key": .string("\(m2.publicKey)")], at: "2026-03-15T12:00:00Z",
                signer: try rep1.file.load())
        }.seq
        #expect(
            try problem(store)
                == .broken(
                    seq: seq,
                    reason: "rep1 enrolled a key for m2 but may not: rep1 is rep in the people directory (admin or "
                        + "finance needed) and is not the account that ran init (root)"))
    }

    @Test("a training store signs the entries of people whose key is enrolled and checks those signatures")
    func trainingSignatures() throws {
        let store = try F.makeStore()
        _ = try F.desk(store, as: "admin").initialise(trustEnvironment: true)
        try F.importClaim(store, number: "BX1", submitter: "rep1", amountCents: 100_000)
        try F.importClaim(store, number: "BX2", submitter: "rep1", amountCents: 100_000)
        let m1 = try F.keyFile()
        _ = try F.desk(store, as: "admin").enrollKey(login: "m1", key: "\(m1.publicKey)")
        _ = try F.desk(store, as: "rm").queue()  // routes BX1 and BX2, unsigned: rm has no key
        let signed = try F.desk(store, as: "m1", keyFile: m1.file).approve("BX1").auditSeq
        let other = try F.keyFile()
        let unsigned = try F.desk(store, as: "m1", keyFile: other.file).approve("BX2").auditSeq
        let entries = try store.read { try AuditLog.entries($0) }
        #expect(entries.first { $0.seq == signed }?.signature?.hasPrefix("ed25519:") == true)
        #expect(entries.first { $0.seq == unsigned }?.signature == nil)
        #expect(try problem(store).isIntact)
        let coverage = try F.desk(store, as: "m1").unsignedEntries()
        #expect(coverage.entries == Int64(entries.count))
        #expect(coverage.unsigned == [1...(signed - 1), unsigned...unsigned])
        #expect(
            ApprovalReport.trainingVerifyText(entries: coverage.entries, unsigned: coverage.unsigned, lang: .en)
                == "sales-approve: training/demo store (identities from $SALES_USER): signed entries: 1 of "
                + "\(entries.count), each signature checked; unsigned: 1–\(signed - 1), \(unsigned)\n")

        // A signature replaced by one of another key is found.
        let forged = try AuditSignature.sign(
            hash: entries.first { $0.seq == signed }!.hash, with: try other.file.load()!)
        try store.write { c in
            try c.execute("DROP TRIGGER audit_log_no_update")
            try c.execute("UPDATE audit_log SET signature = ? WHERE seq = ?", [.text(forged), .integer(signed)])
        }
        #expect(
            try problem(store)
                == .broken(seq: signed, reason: "bad signature: it does not verify with the key enrolled for m1"))
    }
}
