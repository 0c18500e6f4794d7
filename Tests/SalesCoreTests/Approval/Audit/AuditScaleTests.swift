import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

/// A long log verifies in one streaming pass (100,000 entries: about 2.6 s in a debug build).
@Suite("Audit log: scale")
struct AuditScaleTests {
    @Test("20,000 entries append and verify intact in one streaming pass")
    func longLog() throws {
        let store = try makeAuditStore()
        let last = try store.write { connection in
            var last: AuditEntry?
            for index in 1...20_000 {
                last = try AuditLog.append(
                    connection, actor: "li.lei", action: "step.approved",
                    subject: "expense:EX2025-\(index)",
                    payload: ["amount": .cents(Int64(index)), "step": 2], at: "2026-03-01T09:30:00Z")
            }
            return last!
        }
        #expect(try verifyAudit(store) == .intact(count: 20_000, head: last.hash))
    }
}
