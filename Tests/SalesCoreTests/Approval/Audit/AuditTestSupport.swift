import Foundation
import SalesTestSupport

@testable import SalesCore

/// A temporary store, migrated, so it has the audit log (migration `0005_approval`).
func makeAuditStore() throws -> Store {
    try makeTempStore()
}

/// Appends `count` varied entries, one write transaction each, and returns them.
///
/// Subjects are NULL for every fifth entry; payloads mix money, flags, nulls, quotes, backslashes,
/// control characters and non-ASCII text, so every escaping rule is exercised.
@discardableResult
func appendSampleEntries(_ store: Store, count: Int, firstIndex: Int = 1) throws -> [AuditEntry] {
    let actions = ["policy.loaded", "claim.submitted", "step.approved", "step.rejected", "claim.returned"]
    var entries: [AuditEntry] = []
    for index in firstIndex..<(firstIndex + count) {
        let entry = try store.write { connection in
            try AuditLog.append(
                connection, actor: ["li.lei", "han.meimei", "zhou.min"][index % 3],
                action: actions[index % actions.count],
                subject: index % 5 == 0 ? nil : String(format: "expense:EX2025-%04d", index),
                payload: [
                    "amount": .cents(Int64(index) * 12_345),
                    "reason": "差旅 \(index): \"taxi\" \\ night\nshift",
                    "flagged": .bool(index % 2 == 0),
                    "note": nil,
                    "steps": ["manager", .object(["login": "zhou.min", "limit": 500_000])],
                ],
                at: String(format: "2026-03-%02dT09:%02d:%02dZ", index % 28 + 1, index % 60, (index * 7) % 60))
        }
        entries.append(entry)
    }
    return entries
}

/// Drops the audit log's triggers, as someone editing the file directly could.
func dropAuditTriggers(_ store: Store) throws {
    try store.write { connection in
        try connection.execute(
            """
            DROP TRIGGER audit_log_no_update;
            DROP TRIGGER audit_log_no_delete;
            DROP TRIGGER audit_log_append_only;
            """)
    }
}

/// Verifies the whole log in one read transaction.
func verifyAudit(_ store: Store, anchor: AuditAnchor? = nil) throws -> AuditVerification {
    try store.read { try AuditLog.verify($0, anchor: anchor) }
}

/// The seeded generator the audit tests replay failures with.
typealias AuditRandom = SeededRandom
