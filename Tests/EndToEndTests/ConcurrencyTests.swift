import Foundation
import SalesCore
import SalesTestSupport
import Testing

/// Several tools on one store file at once (DESIGN §7), as a department uses it at month end.
@Suite("Concurrency: approvals, an import and exports on one store at once", .serialized)
struct ConcurrencyTests {
    @Test(
        "8 approvers on contested claims while a 100,000-line import and exports run: the approvals wait for the import's lock and succeed, one decision per step, never 'locked', exports see one snapshot"
    )
    func approversImportAndExport() throws {
        let directory = try temporaryDirectory()
        let workbook = directory.appendingPathComponent("orders-100000.xlsx").path
        #expect(try runTool("fixture-gen", ["orders", "--lines", "100000", "--out", workbook]).status == 0)

        let db = directory.appendingPathComponent("sales.db").path
        let store = try ApprovalFixture.makeStore(path: db)
        _ = try ApprovalFixture.desk(store, as: "admin").initialise(trustEnvironment: true)
        let actors = ["m1", "rm", "m2", "fin1", "fin2", "admin", "mkt", "boss"]
        let today = ApprovalFixture.desk(store, as: "m1", now: Date()).today()
        let until = CivilDate(daysSinceUnixEpoch: today.daysSinceUnixEpoch + 30)
        let claims = (0..<80).map { "Q\($0)" }
        for claim in claims {
            try ApprovalFixture.importClaim(
                store, number: claim, submitter: "rep1", amountCents: 300_000,
                category: "other")
        }
        for manager in ["m1", "rm"] {
            for delegate in actors where delegate != manager {
                _ = try ApprovalDesk(store: store, account: manager, environment: [:])
                    .delegate(to: delegate, from: today, until: until)
            }
        }
        let linesBefore = try store.read { try $0.scalar("SELECT count(*) FROM order_line")?.int64 ?? -1 }
        store.close()

        let importDone = Collected<Bool>()
        let importWindow = Collected<(start: Date, end: Date, run: ToolRun)>()
        /// When a write transaction was first refused because the import held the store's write lock.
        let lockSeen = Collected<Date>()
        let approvals = Collected<(start: Date, end: Date, run: ToolRun)>()
        let exports = Collected<ToolRun>()
        let probe = try Store.open(path: db, options: Store.Options(busyTimeout: .zero, maxLockWait: .zero))
        defer { probe.close() }
        let errors = runOnThreads(actors.count + 3) { index in
            switch index {
            case actors.count:
                let start = Date()
                let run = try runTool("sales-import", [workbook, "--db", db])
                importWindow.append((start, Date(), run))
                importDone.append(true)
            case actors.count + 1:
                repeat {
                    exports.append(try runTool("sales-export", ["--db", db, "--period", "2025", "--format", "json"]))
                    Thread.sleep(forTimeInterval: 0.2)
                } while importDone.values.isEmpty
            case actors.count + 2:
                // An empty write transaction that may not wait: refused (busy) only while another connection,
                // the import, holds the write lock.
                while importDone.values.isEmpty && lockSeen.values.isEmpty {
                    do {
                        try probe.write { _ in }
                    } catch let error as StoreError where error.kind == .busy {
                        lockSeen.append(Date())
                    }
                    Thread.sleep(forTimeInterval: 0.02)
                }
            default:
                // The approvers start once the import writes, so that every decision has to wait for it.
                while importDone.values.isEmpty && lockSeen.values.isEmpty { Thread.sleep(forTimeInterval: 0.02) }
                var random = SeededRandom(seed: UInt64(index) + 7)
                var attempts = 0
                repeat {
                    let claim = claims[Int(random.next() % UInt64(claims.count))]
                    let start = Date()
                    let run = try runTool(
                        "sales-approve", ["approve", claim, "--db", db, "--lang", "en"],
                        environment: ["SALES_USER": actors[index]])
                    approvals.append((start, Date(), run))
                    attempts += 1
                    Thread.sleep(forTimeInterval: 0.1)
                } while importDone.values.isEmpty || attempts < 10
            }
        }
        #expect(errors.isEmpty, "\(errors)")

        let window = try #require(importWindow.values.first)
        #expect(window.run.status == 0, "\(window.run.stderr)")
        for approval in approvals.values {
            #expect(approval.run.status == 0 || approval.run.status == 77, "\(approval.run.stderr)")
            #expect(
                !approval.run.stderr.lowercased().contains("locked")
                    && !approval.run.stderr.lowercased().contains("busy"), "\(approval.run.stderr)")
        }
        // The import holds the write lock while it reads and writes the workbook: approvals started meanwhile
        // wait for it (busy timeout, then retries) and are decided once it commits.
        let locked = try #require(lockSeen.values.first, "the import was never seen holding the write lock")
        let duringImport = approvals.values.filter {
            $0.run.status == 0 && $0.start > locked && $0.start < window.end
        }
        #expect(!duringImport.isEmpty, "no approval started during the import was decided")
        let longestWait = duringImport.map { $0.end.timeIntervalSince($0.start) }.max() ?? 0

        // Every export saw the store before the batch or after it, never part of it.
        let linesAfter = linesBefore + 100_000
        var seen: [Int64: Int] = [:]
        for export in exports.values {
            #expect(export.status == 0, "\(export.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: export.stdoutData) as? [String: Any])
            let provenance = try #require(json["provenance"] as? [String: Any])
            let tables = try #require(provenance["tables"] as? [[String: Any]])
            let lines = (tables.first { $0["table"] as? String == "order_line" }?["rows"] as? NSNumber)?.int64Value
            let batches = (provenance["batches"] as? [Any])?.count ?? -1
            #expect(lines == linesBefore || lines == linesAfter, "an export saw \(lines ?? -1) order lines")
            #expect((lines == linesAfter) == (batches == 1), "\(lines ?? -1) lines with \(batches) batches")
            seen[lines ?? -1, default: 0] += 1
        }

        let check = try Store.open(path: db)
        defer { check.close() }
        try check.read { c in
            let decisions = try c.scalar("SELECT count(*) FROM approval_decision")?.int64 ?? -1
            let audited = try c.scalar("SELECT count(*) FROM audit_log WHERE action = 'step.approved'")?.int64 ?? -2
            #expect(decisions == audited)
            #expect(decisions == Int64(approvals.values.filter { $0.run.status == 0 }.count))
            let perStep =
                try c.scalar(
                    """
                    SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM approval_decision GROUP BY step_id)
                    """)?.int64 ?? -1
            #expect(perStep == 1)
            #expect(try c.scalar("SELECT count(*) FROM order_line")?.int64 == linesAfter)
            print(
                "concurrency: \(approvals.values.count) approve runs by 8 processes (\(decisions) decided, "
                    + "\(duringImport.count) of them started while the 100,000-line import held the write lock, "
                    + "the longest waiting \(String(format: "%.1f", longestWait)) s), \(exports.values.count) exports "
                    + "(\(seen[linesBefore] ?? 0) before the batch, \(seen[linesAfter] ?? 0) after, none between)")
        }
        #expect(try runTool("sales-approve", ["verify", "--db", db]).status == 0)
    }

    @Test("ten tools starting at once on a new file: the migrations run exactly once, every tool succeeds")
    func tenToolsOnANewFile() throws {
        let directory = try temporaryDirectory()
        let workbook = directory.appendingPathComponent("orders-50.xlsx").path
        #expect(try runTool("fixture-gen", ["orders", "--lines", "50", "--out", workbook]).status == 0)
        let db = directory.appendingPathComponent("new.db").path
        let runs = Collected<ToolRun>()
        let errors = runOnThreads(10) { _ in runs.append(try runTool("sales-import", [workbook, "--db", db])) }
        #expect(errors.isEmpty)
        for run in runs.values { #expect(run.status == 0, "\(run.stderr)") }
        let store = try Store.open(path: db)
        defer { store.close() }
        try store.read { c throws -> Void in
            #expect(try c.scalar("SELECT count(*) FROM schema_migrations")?.int64 == Int64(Migrations.all.count))
            #expect(try c.scalar("SELECT count(*) FROM import_batch WHERE status = 'committed'")?.int64 == 10)
            #expect(try c.scalar("SELECT count(*) FROM order_line")?.int64 == 50)
        }
    }
}
