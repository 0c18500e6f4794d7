import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

/// Several processes' worth of connections appending to one log at once.
@Suite("Audit log: concurrent appenders")
struct AuditConcurrencyTests {
    @Test("8 connections × 50 appends give 400 entries, seqs 1…400, an intact chain and no busy error")
    func concurrentAppends() throws {
        let store = try makeAuditStore()
        let path = store.path
        let errors = runOnThreads(8) { thread in
            let own = try Store.open(path: path)
            defer { own.close() }
            for index in 0..<50 {
                _ = try own.write { connection in
                    try AuditLog.append(
                        connection, actor: "approver\(thread)", action: "step.approved",
                        subject: "expense:EX2025-\(thread)-\(index)",
                        payload: ["thread": .int(Int64(thread)), "index": .int(Int64(index))],
                        at: Clock.system.timestamp())
                }
            }
        }
        #expect(errors.isEmpty, "\(errors)")

        let entries = try store.read { try AuditLog.entries($0) }
        #expect(entries.map(\.seq) == Array(1...400))
        #expect(try verifyAudit(store) == .intact(count: 400, head: entries.last!.hash))
        for thread in 0..<8 {
            let own = entries.filter { $0.actor == "approver\(thread)" }
            // Each thread's entries are all there, in the order it wrote them
            #expect(own.map(\.subject) == (0..<50).map { "expense:EX2025-\(thread)-\($0)" })
        }
    }
}
