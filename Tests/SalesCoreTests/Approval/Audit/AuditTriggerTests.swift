import SalesTestSupport
import Testing

@testable import SalesCore

/// The triggers that refuse changes to the audit log through ordinary SQL.
@Suite("Audit log: triggers")
struct AuditTriggerTests {
    /// The message of the StoreError `body` throws, or "no error".
    func refusal(_ store: Store, _ body: (Connection) throws -> Void) -> String {
        do {
            try store.write(body)
            return "no error"
        } catch let error as StoreError {
            return error.kind == .constraint ? error.message : "\(error.kind): \(error.message)"
        } catch {
            return "\(error)"
        }
    }

    @Test("UPDATE and DELETE are refused")
    func updateAndDelete() throws {
        let store = try makeAuditStore()
        let entries = try appendSampleEntries(store, count: 3)
        let message = "audit_log entries cannot be changed or deleted"
        #expect(refusal(store) { try $0.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2") } == message)
        #expect(refusal(store) { try $0.execute("UPDATE audit_log SET seq = seq") } == message)
        #expect(refusal(store) { try $0.execute("DELETE FROM audit_log WHERE seq = 3") } == message)
        #expect(refusal(store) { try $0.execute("DELETE FROM audit_log") } == message)
        #expect(try store.read { try AuditLog.entries($0) } == entries)
    }

    @Test("an INSERT that does not continue the chain is refused")
    func insertOutOfChain() throws {
        let store = try makeAuditStore()
        let entries = try appendSampleEntries(store, count: 3)
        let head = entries[2].hash
        let other = String(repeating: "1", count: 64)
        func insert(_ seq: SQLValue, prev: String) -> String {
            refusal(store) {
                try $0.execute(
                    """
                    INSERT INTO audit_log (seq, at, actor, action, subject, payload, prev_hash, hash)
                    VALUES (?, '2026-03-01T09:30:00Z', 'mallory', 'x', NULL, '{}', ?, ?)
                    """, [seq, .text(prev), .text(other)])
            }
        }
        let wrongSeq = "audit_log seq must be exactly one more than the last entry's"
        #expect(insert(5, prev: head) == wrongSeq)
        #expect(insert(3, prev: head) == wrongSeq)
        #expect(insert(0, prev: head) == wrongSeq)
        #expect(insert(.null, prev: head) == wrongSeq)
        #expect(insert(4, prev: entries[1].hash) == "audit_log prev_hash must be the last entry's hash")
        #expect(try verifyAudit(store) == .intact(count: 3, head: head))
    }

    @Test("the first entry must be seq 1 after 64 zeros")
    func firstEntry() throws {
        let store = try makeAuditStore()
        func insert(_ seq: Int64, prev: String) -> String {
            refusal(store) {
                try $0.execute(
                    """
                    INSERT INTO audit_log (seq, at, actor, action, subject, payload, prev_hash, hash)
                    VALUES (?, '2026-03-01T09:30:00Z', 'mallory', 'x', NULL, '{}', ?, ?)
                    """, [.integer(seq), .text(prev), .text(String(repeating: "2", count: 64))])
            }
        }
        #expect(insert(2, prev: AuditLog.genesisHash) == "audit_log seq must be exactly one more than the last entry's")
        #expect(
            insert(1, prev: String(repeating: "1", count: 64)) == "audit_log prev_hash must be the last entry's hash")
    }
}
