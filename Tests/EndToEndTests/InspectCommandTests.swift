import Foundation
import SalesTestSupport
import Testing

/// The built `sales-import inspect`, run as a user runs it.
@Suite("sales-import inspect, end to end")
struct InspectCommandTests {
    private func json(_ run: ToolRun) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: run.stdoutData)
        return try #require(object as? [String: Any])
    }

    @Test("--json describes every sheet of the demo workbook with its entity and rows")
    func demoJSON() throws {
        let file = fixtureURL("demo-company.xlsx").path
        let run = try runTool("sales-import", ["inspect", file, "--json", "--rows", "3"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let top = try json(run)
        #expect(top["file"] as? String == file)
        let sheets = try #require(top["sheets"] as? [[String: Any]])
        let entities = Set(sheets.compactMap { $0["entity"] as? String })
        for entity in [
            "orders", "customers", "products", "people", "regions", "targets", "opportunities",
            "receivables", "expenses", "budgets", "feedback",
        ] {
            #expect(entities.contains(entity), "no sheet maps to \(entity)")
        }
        for sheet in sheets {
            let rows = try #require(sheet["rows"] as? [[Any]])
            #expect(rows.count <= 3)
            let columns = try #require(sheet["columns"] as? [[String: Any]])
            #expect(!columns.isEmpty)
            #expect(["visible", "hidden", "veryHidden"].contains(sheet["state"] as? String ?? ""))
        }
    }

    @Test("--rows all lists every row; cells use the corpus's shapes; rows[i] is sheet row i+1")
    func cellShapes() throws {
        guard let corpus = corpusURL() else {
            Issue.record("corpus not found")
            return
        }
        // A LibreOffice file with dates, numbers and text.
        let file = corpus.appendingPathComponent("ClosedXML/inputfile.xlsx").path
        let run = try runTool("sales-import", ["inspect", file, "--json", "--rows", "all", "--sheet", "Sheet1"])
        #expect(run.status == 0, "\(run.stderr)")
        let sheets = try #require(try json(run)["sheets"] as? [[String: Any]])
        #expect(sheets.count == 1)
        let rows = try #require(sheets[0]["rows"] as? [[Any]])
        #expect((rows[0][0] as? String) == "Date")
        #expect((rows[1][0] as? [String: Any])?["date"] as? String == "2018-01-15T00:00:00")
        #expect(rows.count == 8)
    }

    @Test("an unreadable file is one line on stderr with the data-error exit code, nothing on stdout")
    func errors() throws {
        let dir = try temporaryDirectory()
        let csv = dir.appendingPathComponent("orders.xlsx")
        try Data("订单号,金额\nSO1,100\n".utf8).write(to: csv)
        let run = try runTool("sales-import", ["inspect", csv.path])
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("sales-import: \(csv.path): "))
        #expect(run.stderr.contains("text file"))
        #expect(run.stderr.split(separator: "\n").count == 1)

        let missing = try runTool("sales-import", ["inspect", dir.appendingPathComponent("none.xlsx").path])
        #expect(missing.status == 66)

        let badSheet = try runTool("sales-import", ["inspect", fixtureURL("demo-company.xlsx").path, "--sheet", "不存在"])
        #expect(badSheet.status == 64)
        #expect(badSheet.stderr.contains("不存在"))

        let badRows = try runTool("sales-import", ["inspect", fixtureURL("demo-company.xlsx").path, "--rows", "many"])
        #expect(badRows.status == 64)
    }

    @Test("a sheet whose part is missing from the package is refused by name, as text and as JSON")
    func missingSheetPart() throws {
        let dir = try temporaryDirectory()
        let damaged = try workbookWithPartRenamed(
            fixtureURL("sample-english.xlsx"), part: "xl/worksheets/sheet1.xml",
            to: "xl/worksheets/sheetX.xml", in: dir)
        for json in [false, true] {
            let run = try runTool("sales-import", ["inspect", damaged.path] + (json ? ["--json"] : []))
            #expect(run.status == 65, "\(run.stderr)")
            #expect(run.stdout.isEmpty, "\(run.stdout)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
            #expect(run.stderr.hasPrefix("sales-import: \(damaged.path), sheet 'Orders': "), "\(run.stderr)")
            #expect(run.stderr.contains("xl/worksheets/sheet1.xml is not in the package"), "\(run.stderr)")
        }
    }

    @Test("--json on a workbook refused while its sheets are read leaves standard output empty")
    func jsonIsWholeOrNothing() throws {
        guard let corpus = corpusURL() else {
            Issue.record("corpus not found")
            return
        }
        // One shared string of 1,048,583 characters: refused when the first sheet is read.
        let file = corpus.appendingPathComponent("poi/poc-shared-strings.xlsx").path
        let run = try runTool("sales-import", ["inspect", file, "--json"])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stdout.isEmpty, "standard output holds \(run.stdout.prefix(200).debugDescription)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.contains(file))
    }

    @Test("the text view fits 100 columns and names each sheet's entity")
    func textView() throws {
        let run = try runTool(
            "sales-import", ["inspect", fixtureURL("demo-company.xlsx").path, "--rows", "5"],
            environment: ["COLUMNS": "100"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("entity:  orders"))
        for line in run.stdout.split(separator: "\n") {
            let width = line.unicodeScalars.reduce(0) { $0 + (($1.value >= 0x2E80 && $1.value <= 0xFFEF) ? 2 : 1) }
            #expect(width <= 100, "line too wide: \(line)")
        }
    }
}
