import Foundation
import SalesTestSupport
import Testing

/// The built `sales-import`, run as an admin runs it.
@Suite("sales-import, end to end")
struct ImportCommandTests {
    private func object(_ line: Substring) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test("import, re-import, history and undo through the command line, with --json")
    func lifecycle() throws {
        let dir = try temporaryDirectory()
        let db = dir.appendingPathComponent("sales.db").path
        let file = fixtureURL("sample-english.xlsx").path

        let first = try runTool("sales-import", [file, "--db", db, "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let report = try object(try #require(first.stdout.split(separator: "\n").first))
        #expect(report["status"] as? String == "committed")
        #expect(report["batch"] as? Int == 1)
        #expect((report["sha256"] as? String)?.count == 64)
        let sheets = try #require(report["sheets"] as? [[String: Any]])
        #expect(Set(sheets.compactMap { $0["entity"] as? String }) == ["orders", "customers", "products", "people"])
        #expect(sheets.allSatisfy { ($0["inserted"] as? Int) == ($0["rows"] as? Int) })
        #expect((report["errors"] as? [Any])?.isEmpty == true)

        let second = try runTool("sales-import", [file, "--db", db, "--json"])
        let again = try object(try #require(second.stdout.split(separator: "\n").first))
        let againSheets = try #require(again["sheets"] as? [[String: Any]])
        #expect(againSheets.allSatisfy { ($0["unchanged"] as? Int) == ($0["rows"] as? Int) })

        let history = try runTool("sales-import", ["history", "--db", db, "--json"])
        let batches = try #require(try JSONSerialization.jsonObject(with: history.stdoutData) as? [[String: Any]])
        #expect(batches.map { $0["status"] as? String } == ["committed", "committed"])
        #expect(batches.first?["user"] as? String != nil)

        let undo = try runTool("sales-import", ["undo", "2", "--db", db])
        #expect(undo.status == 0, "\(undo.stderr)")
        let undoFirst = try runTool("sales-import", ["undo", "1", "--db", db])
        #expect(undoFirst.status == 0, "\(undoFirst.stderr)")
        #expect(undoFirst.stdout.contains("rows removed"))
        let missing = try runTool("sales-import", ["undo", "9", "--db", db])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no batch 9"))
    }

    @Test("a workbook whose largest sheet's part is missing is refused by name and leaves the store as it was")
    func missingSheetPart() throws {
        let dir = try temporaryDirectory()
        let db = dir.appendingPathComponent("sales.db").path
        let before = try runTool("sales-import", [fixtureURL("sample-traditional.xlsx").path, "--db", db])
        #expect(before.status == 0, "\(before.stderr)")
        let stored = try Data(contentsOf: URL(fileURLWithPath: db))

        let damaged = try workbookWithPartRenamed(
            fixtureURL("sample-english.xlsx"), part: "xl/worksheets/sheet1.xml",
            to: "xl/worksheets/sheetX.xml", in: dir)
        for extra in [[], ["--dry-run"], ["--skip-invalid"]] {
            let run = try runTool("sales-import", [damaged.path, "--db", db] + extra)
            #expect(run.status == 65, "\(extra): \(run.stderr)")
            #expect(run.stdout.isEmpty, "\(extra): \(run.stdout)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
            #expect(
                run.stderr.contains("sheet 'Orders'") && run.stderr.contains("xl/worksheets/sheet1.xml"),
                "\(run.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == stored, "the store changed")
        let history = try runTool("sales-import", ["history", "--db", db, "--json"])
        #expect((try JSONSerialization.jsonObject(with: history.stdoutData) as? [Any])?.count == 1)
    }

    @Test("a dry run creates no store and writes nothing")
    func dryRun() throws {
        let dir = try temporaryDirectory()
        let db = dir.appendingPathComponent("sales.db").path
        let run = try runTool("sales-import", [fixtureURL("sample-traditional.xlsx").path, "--db", db, "--dry-run"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Dry run"))
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test("invalid rows: exit 65 with every error, nothing written; --skip-invalid saves them beside the file")
    func invalidRows() throws {
        let dir = try temporaryDirectory()
        let csv = dir.appendingPathComponent("orders.csv")
        try Data(
            """
            订单号,订单日期,客户名称,金额
            SO1,2025-03-05,甲公司,100.50
            SO2,2025-02-30,乙公司,200
            SO3,2025-03-07,丙公司,12.345

            """.utf8
        ).write(to: csv)
        let db = dir.appendingPathComponent("sales.db").path
        let rejected = try runTool("sales-import", [csv.path, "--db", db, "--json"])
        #expect(rejected.status == 65)
        let report = try object(try #require(rejected.stdout.split(separator: "\n").first))
        #expect(report["status"] as? String == "rejected")
        let errors = try #require(report["errors"] as? [[String: Any]])
        #expect(errors.count == 2)
        #expect(errors.first?["row"] as? Int == 3)
        #expect(errors.first?["value"] as? String == "2025-02-30")

        let skipped = try runTool("sales-import", [csv.path, "--db", db, "--skip-invalid"])
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.stdout.contains("orders.rejected.xlsx"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("orders.rejected.xlsx").path))
    }
}
