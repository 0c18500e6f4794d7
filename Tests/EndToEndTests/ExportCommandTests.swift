import Foundation
import SalesCore
import SalesTestSupport
import Testing
import XLSX

/// Why the shared store could not be made.
private struct ImportFailed: Error, CustomStringConvertible {
    let description: String
}

/// One store with `Fixtures/demo-company.xlsx` imported by the built `sales-import`, shared by the suite
/// (the import takes seconds): made on first use, only read afterwards.
private let demoStore: Result<String, any Error> = Result(catching: {
    let dir = try temporaryDirectory(prefix: "sales-export-e2e")
    let db = dir.appendingPathComponent("sales.db").path
    let imported = try runTool("sales-import", [fixtureURL("demo-company.xlsx").path, "--db", db])
    guard imported.status == 0 else {
        throw ImportFailed(description: "sales-import exited \(imported.status): \(imported.stderr)")
    }
    return db
})

/// The built `sales-export`, run as an analyst runs it, on the demo company.
@Suite("sales-export, end to end")
struct ExportCommandTests {
    private func store() throws -> String { try demoStore.get() }

    private func export(_ arguments: [String]) throws -> ToolRun {
        try runTool("sales-export", arguments)
    }

    /// The lines of standard error, without empty ones.
    private func errorLines(_ run: ToolRun) -> [Substring] {
        run.stderr.split(separator: "\n")
    }

    @Test("--help names the summary's options")
    func help() throws {
        let summary = try export(["summary", "--help"])
        #expect(summary.status == 0)
        for option in ["--period", "--compare", "--scope", "--format", "--out", "--lang", "--stamp", "--db"] {
            #expect(summary.stdout.contains(option), "summary --help: \(option)")
        }
        let root = try export(["--help"])
        #expect(root.status == 0)
        #expect(root.stdout.contains("summary") && root.stdout.contains("metrics"))
        // `sales-export --help` is what a user types first, and summary is the default command; but
        // ArgumentParser prints only the root's usage (`sales-export <subcommand>`) and the subcommand list.
        for option in ["--period", "--compare", "--scope", "--format", "--out"] {
            #expect(root.stdout.contains(option), "sales-export --help: \(option)")
        }
    }

    @Test("--period 2025 --out X.xlsx writes a workbook our reader opens, with the JSON's revenue")
    func xlsx() throws {
        let db = try store()
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("summary-2025.xlsx").path
        let run = try export(["--period", "2025", "--out", path, "--db", db, "--lang", "en"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains(path))
        let workbook = try Workbook(path: path)
        #expect(
            workbook.sheets.map(\.name) == [
                "1 Work overview and core goals", "2 Sales performance", "3 Team", "4 Market and customers",
                "5 Expenses and budget", "6 Customer feedback", "7 Outlook", "A Full rep ranking",
                "B Every budget line", "C Overdue receivables", "D Complaints open too long",
                "E Every point for attention", "F Definitions and provenance",
            ])
        let cells = try workbook.cells(of: workbook.sheets[0])
        let revenueRow = try #require(cells.first { $0.key.column == 1 && $0.value == .text("Revenue") }?.key.row)
        let revenueCell = cells[CellReference(column: 2, row: revenueRow)]

        let json = try export(["--period", "2025", "--format", "json", "--db", db, "--lang", "en"])
        #expect(json.status == 0, "\(json.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        let sections = try #require(document["sections"] as? [String: Any])
        let core = try #require(sections["core_goals"] as? [String: Any])
        let revenue = try #require((core["revenue"] as? [String: Any])?["value"] as? NSNumber)
        #expect(revenue.doubleValue > 0)
        #expect(revenueCell == .number(revenue.doubleValue))
        #expect((document["period"] as? [String: Any])?["id"] as? String == "2025")

        // The same arguments again: the same bytes.
        let again = dir.appendingPathComponent("again.xlsx").path
        #expect(try export(["--period", "2025", "--out", again, "--db", db, "--lang", "en"]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(contentsOf: URL(fileURLWithPath: again)))
    }

    @Test("--format csv --out DIR writes a file per section and appendix")
    func csv() throws {
        let db = try store()
        let dir = try temporaryDirectory().appendingPathComponent("summary-csv")
        let run = try export(["--period", "2025", "--format", "csv", "--out", dir.path, "--db", db, "--lang", "en"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("13 files"))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(
            names == [
                "1-work-overview-core-goals.csv", "2-sales-performance.csv", "3-team.csv",
                "4-market-customers.csv", "5-expenses-budget.csv", "6-customer-feedback.csv", "7-outlook.csv",
                "A-full-rep-ranking.csv", "B-every-budget-line.csv", "C-overdue-receivables.csv",
                "D-complaints-open-too-long.csv", "E-every-point-for-attention.csv", "F-definitions-provenance.csv",
            ])
        for name in names {
            let bytes = try Data(contentsOf: dir.appendingPathComponent(name))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(name)")
        }
    }

    @Test("without --out the Markdown goes to standard output")
    func markdownToStdout() throws {
        let db = try store()
        let run = try export(["--period", "2025", "--db", db, "--lang", "en"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("# Sales summary · 2025 · Company\n"))
        for heading in [
            "## 1. Work overview and core goals", "## 2. Sales performance", "## 7. Outlook",
            "## Appendix F. Definitions and provenance",
        ] {
            #expect(run.stdout.contains("\n" + heading + "\n"), "\(heading)")
        }
        let zh = try export(["summary", "--period", "2025", "--db", db, "--lang", "zh"])
        #expect(zh.status == 0, "\(zh.stderr)")
        #expect(zh.stdout.hasPrefix("# 销售工作总结 · 2025年 · 全公司\n"))
        // The data hash is the same whatever the language.
        let hash = { (text: String) in
            text.split(separator: "\n").first { $0.contains("SHA-256") }.map { String($0.suffix(64)) }
        }
        #expect(hash(run.stdout) != nil && hash(run.stdout) == hash(zh.stdout))
    }

    @Test("a period that does not exist: exit 64, one line naming it")
    func badPeriod() throws {
        let run = try export(["--period", "2025Q5", "--db", try store()])
        #expect(run.status == 64)
        #expect(errorLines(run).count == 1 && run.stderr.contains("2025Q5"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test("a region the store does not know: exit 65, one line naming it")
    func unknownRegion() throws {
        let run = try export(["--period", "2025", "--scope", "region:火星", "--db", try store()])
        #expect(run.status == 65)
        #expect(errorLines(run).count == 1 && run.stderr.contains("火星"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test("no store at --db: exit 66, and none is created")
    func noStore() throws {
        let db = try temporaryDirectory().appendingPathComponent("missing.db").path
        let run = try export(["--period", "2025", "--db", db])
        #expect(run.status == 66)
        #expect(errorLines(run).count == 1, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test("--format xlsx or csv without --out: exit 64")
    func binaryFormatNeedsOut() throws {
        let db = try store()
        for format in ["xlsx", "csv"] {
            let run = try export(["--period", "2025", "--format", format, "--db", db])
            #expect(run.status == 64, "\(format): \(run.stderr)")
            #expect(errorLines(run).count == 1 && run.stderr.contains("--out"), "\(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test("--out into a missing folder: exit 74 and nothing left behind")
    func unwritable() throws {
        let db = try store()
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("no-such-folder").appendingPathComponent("summary.xlsx").path
        let run = try export(["--period", "2025", "--out", path, "--db", db])
        #expect(run.status == 74, "\(run.stderr)")
        #expect(errorLines(run).count == 1 && run.stderr.contains(path), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)

        // A file format over a folder is a bad --out (64), and the folder is left as it was.
        let folder = try export(["--period", "2025", "--format", "md", "--out", dir.path, "--db", db])
        #expect(folder.status == 64, "\(folder.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test("metrics --json lists every metric with both languages")
    func metricsJSON() throws {
        let run = try export(["metrics", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [[String: Any]])
        let ids = list.compactMap { $0["metric"] as? String }
        #expect(ids.count == MetricID.allCases.count)
        #expect(Set(ids) == Set(MetricID.allCases.map(\.rawValue)))
        let keys: Set<String> = [
            "metric", "section", "name_zh", "name_en", "unit", "formula_zh", "formula_en",
            "rule_zh", "rule_en", "from_design",
        ]
        #expect(list.allSatisfy { Set($0.keys) == keys })
        #expect(list.allSatisfy { ($0["formula_en"] as? String)?.isEmpty == false })
        #expect(try export(["metrics", "--json", "--markdown"]).status == 64)
    }

    @Test("metrics --markdown is the committed docs/metrics.md")
    func metricsMarkdown() throws {
        let committed = repositoryRoot().appendingPathComponent("docs/metrics.md")
        guard let expected = try? String(contentsOf: committed, encoding: .utf8) else { return }
        let run = try export(["metrics", "--markdown"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == expected, "docs/metrics.md is out of date: run make docs")
    }
}
