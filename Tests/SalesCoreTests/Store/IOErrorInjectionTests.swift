import CFaultVFS
import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

/// SQLite's own way of testing itself, applied to an import: a VFS that fails the n-th write or sync,
/// for every n across one whole import (DESIGN §7).
@Suite("I/O errors: an import failing at every write and sync", .serialized)
struct IOErrorInjectionTests {
    /// Orders as a department's CSV export has them.
    private func ordersCSV(_ url: URL, lines: Int, seed: Int) throws {
        var text = "订单号,订单日期,客户名称,销售代表,产品名称,数量,单价,金额,渠道\n"
        for i in 0..<lines {
            let customer = "客户\((i * 7 + seed) % 40)"
            let rep = "rep\((i + seed) % 6)"
            let product = "产品\(i % 9)"
            let quantity = 1 + i % 5
            let price = 100 + (i * 13) % 900
            text +=
                "SO\(seed)-\(i),2025-\(1 + i % 12)-\(10 + i % 18),\(customer),\(rep),\(product),\(quantity),"
                + "\(price).50,\(Double(quantity) * (Double(price) + 0.5)),电商\n"
        }
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Integrity, no half-open batch, and the rows the import writes.
    private func contents(_ path: String) throws -> [String] {
        let store = try Store.open(path: path)
        defer { store.close() }
        return try store.read { c in
            #expect(try c.query("PRAGMA integrity_check").map { $0.first?.text ?? "" } == ["ok"])
            #expect(try c.query("PRAGMA foreign_key_check").isEmpty)
            #expect(try c.scalar("SELECT count(*) FROM import_batch WHERE status = 'open'")?.int64 == 0)
            return try ["order_line", "customer", "product", "person", "import_batch"].map { table in
                let rows = try c.query("SELECT * FROM \(table) ORDER BY rowid").map { row in
                    row.map { "\($0)" }.joined(separator: "|")
                }
                return "\(table):"
                    + rows.joined(separator: "\n").replacingOccurrences(
                        of: #"\d{4}-\d\d-\d\dT[0-9:.]+Z?"#, with: "T", options: .regularExpression)
            }
        }
    }

    private func copy(_ from: String, _ to: String) throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: to + suffix) }
        try FileManager.default.copyItem(atPath: from, toPath: to)
    }

    @Test("every write and sync of an import failed in turn: an error or the whole batch, the store never damaged")
    func everyOperationFails() throws {
        let directory = try temporaryDirectory()
        let first = directory.appendingPathComponent("orders-a.csv")
        let second = directory.appendingPathComponent("orders-b.csv")
        try ordersCSV(first, lines: 200, seed: 1)
        try ordersCSV(second, lines: 400, seed: 2)
        let base = directory.appendingPathComponent("base.db").path
        do {
            let store = try Store.open(path: base)
            _ = try Importer.run(path: first.path, store: store, options: ImportOptions(user: "admin"))
            store.close()
        }
        let before = try contents(base)

        // Installed for good (other suites run in this process at the same time and open connections
        // through it), but counting and failing only the files of this test's store.
        #expect(faultvfs_install() == 0)
        let watched = directory.appendingPathComponent("watched")
        try FileManager.default.createDirectory(at: watched, withIntermediateDirectories: true)
        faultvfs_watch(watched.path + "/")
        defer { faultvfs_watch("") }
        // A clean run counts the store's writes and syncs (database, WAL, shared memory).
        let reference = watched.appendingPathComponent("reference.db").path
        try copy(base, reference)
        faultvfs_arm(0)
        do {
            let store = try Store.open(path: reference)
            let report = try Importer.run(path: second.path, store: store, options: ImportOptions(user: "admin"))
            #expect(report.status == .committed)
            store.close()
        }
        let operations = faultvfs_operations()
        #expect(operations > 5)
        let after = try contents(reference)

        var outcomes = (refused: 0, committed: 0, messages: Set<String>())
        let victim = watched.appendingPathComponent("victim.db").path
        for n in 1...operations {
            faultvfs_arm(0)
            try copy(base, victim)
            faultvfs_arm(n)
            var failed = false
            do {
                let store = try Store.open(path: victim)
                defer { store.close() }
                _ = try Importer.run(path: second.path, store: store, options: ImportOptions(user: "admin"))
            } catch {
                failed = true
                let message = ExitStatus.message(for: error)
                #expect(!message.contains("\n"))
                #expect(ExitStatus.code(for: error) != 0)
                outcomes.messages.insert(String(message.prefix(60)))
            }
            #expect(faultvfs_fired() == 1, "operation \(n) of \(operations) was never reached")
            faultvfs_arm(0)
            let now = try contents(victim)
            if failed {
                #expect(now == before, "operation \(n) failed: the store changed")
                outcomes.refused += 1
            } else {
                // A failure SQLite absorbs (after the commit, or in a step it retries) must leave the whole batch.
                #expect(now == after, "operation \(n) failed silently and the store holds part of the batch")
                outcomes.committed += 1
            }
        }
        print(
            "io-errors: \(operations) writes and syncs of the store in one 400-line import, each failed in turn: "
                + "\(outcomes.refused) runs ended with an error and the store unchanged, "
                + "\(outcomes.committed) absorbed by SQLite with the whole batch committed, none damaged")
        #expect(outcomes.refused > 0)
    }
}
