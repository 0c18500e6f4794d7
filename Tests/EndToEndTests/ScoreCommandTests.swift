import Foundation
import SalesCore
import SalesTestSupport
import Testing
import XLSX

/// The built `sales-score`, run as an analyst runs it, on the sample workbook imported by `sales-import`.
@Suite("sales-score, end to end")
struct ScoreCommandTests {
    private func importedStore() throws -> (db: String, dir: URL) {
        let dir = try temporaryDirectory()
        let db = dir.appendingPathComponent("sales.db").path
        let imported = try runTool("sales-import", [fixtureURL("sample-english.xlsx").path, "--db", db])
        #expect(imported.status == 0, "\(imported.stderr)")
        return (db, dir)
    }

    @Test("run prints a summary and a table that fit 100 columns; csv, json and xlsx carry every customer")
    func formats() throws {
        let (db, dir) = try importedStore()
        let table = try runTool("sales-score", ["--db", db, "--lang", "en", "--top", "5"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.hasPrefix("Scoring run #1: as of "))
        #expect(table.stdout.contains("BG/NBD (weeks): r ") || table.stdout.contains("BG/NBD not fitted"))
        #expect(table.stdout.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 100 })

        let json = try runTool("sales-score", ["run", "--db", db, "--format", "json", "--lang", "zh"])
        let document = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        #expect(document["run"] as? Int == 2)
        let customers = try #require(document["customers"] as? [[String: Any]])
        #expect(!customers.isEmpty)
        #expect(customers.allSatisfy { ["A", "B", "C", "D"].contains($0["tier"] as? String) })
        #expect(customers.allSatisfy { ($0["reasons"] as? String)?.contains("→") == true })

        let csv = try runTool("sales-score", ["run", "--db", db, "--format", "csv", "--lang", "en"])
        let lines = csv.stdout.split(separator: "\r\n")
        #expect(lines.first?.hasPrefix("\u{FEFF}customer_id,code,name,tier,segment,") == true)
        #expect(lines.count == customers.count + 1)

        let xlsx = dir.appendingPathComponent("tiers.xlsx").path
        let written = try runTool(
            "sales-score", ["run", "--db", db, "--format", "xlsx", "--out", xlsx, "--lang", "en"])
        #expect(written.status == 0, "\(written.stderr)")
        let workbook = try Workbook(path: xlsx)
        #expect(workbook.sheets.map(\.name) == ["客户分层 Customer tiers", "模型 Models"])
        var rows = 0
        try workbook.readSheet(workbook.sheets[0]) { _ in rows += 1 }
        #expect(rows == customers.count + 1)

        // Two runs on the same data agree: the same CSV.
        let again = try runTool("sales-score", ["run", "--db", db, "--format", "csv", "--lang", "en"])
        #expect(again.stdout == csv.stdout)
    }

    @Test("runs, show, changes; bad arguments are one line and exit 64; unknown names exit 65")
    func commands() throws {
        let (db, _) = try importedStore()
        #expect(try runTool("sales-score", ["changes", "--db", db]).status == 65)  // no runs yet
        let early = try runTool("sales-score", ["run", "--db", db, "--as-of", "2026-01-31", "--format", "json"])
        #expect(early.status == 0, "\(early.stderr)")
        #expect(try runTool("sales-score", ["--db", db, "--lang", "en"]).status == 0)
        let runs = try runTool("sales-score", ["runs", "--db", db, "--json"])
        let list = try #require(try JSONSerialization.jsonObject(with: runs.stdoutData) as? [[String: Any]])
        #expect(list.map { $0["id"] as? Int } == [2, 1])
        let changes = try runTool("sales-score", ["changes", "--db", db, "--json"])
        #expect(changes.status == 0, "\(changes.stderr)")
        let moved = try #require(try JSONSerialization.jsonObject(with: changes.stdoutData) as? [[String: Any]])
        let largest = moved.map { max($0["amount_after_cents"] as? Int ?? 0, $0["amount_before_cents"] as? Int ?? 0) }
        #expect(largest == largest.sorted(by: >))

        let document = try #require(try JSONSerialization.jsonObject(with: early.stdoutData) as? [String: Any])
        let first = try #require((document["customers"] as? [[String: Any]])?.first)
        let code = try #require(first["code"] as? String ?? first["name"] as? String)
        let show = try runTool("sales-score", ["show", code, "--db", db, "--lang", "en"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("(run #2, as of "))
        #expect(show.stdout.contains("runs\n"))

        let badDate = try runTool("sales-score", ["run", "--db", db, "--as-of", "2026-02-30"])
        #expect(badDate.status == 64)
        #expect(badDate.stderr.split(separator: "\n").count == 1)
        #expect(try runTool("sales-score", ["run", "--db", db, "--format", "xlsx"]).status == 64)
        #expect(try runTool("sales-score", ["run", "--db", db, "--tier-a", "95", "--tier-b", "90"]).status == 64)
        #expect(try runTool("sales-score", ["show", "no such customer", "--db", db]).status == 65)
        #expect(try runTool("sales-score", ["runs", "--db", db + ".typo"]).status == 66)
        #expect(!FileManager.default.fileExists(atPath: db + ".typo"))
        let unwritable = try runTool(
            "sales-score", ["run", "--db", db, "--format", "csv", "--out", "/nonexistent/dir/x.csv"])
        #expect(unwritable.status == 74)
        let after = try #require(
            try JSONSerialization.jsonObject(
                with: try runTool("sales-score", ["runs", "--db", db, "--json"]).stdoutData) as? [[String: Any]])
        #expect(after.count == 2)  // the failed run was not stored
    }
}
