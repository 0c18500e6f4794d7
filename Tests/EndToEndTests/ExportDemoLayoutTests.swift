import Foundation
import SalesCore
import SalesTestSupport
import Testing

@testable import XLSX

/// Why the demo store could not be made.
private struct DemoLayoutStoreFailed: Error, CustomStringConvertible {
    let description: String
}

/// `Fixtures/demo-company.xlsx` imported by the built `sales-import` and scored as of 2024-12-31 (the tiers the
/// tier-A checks read) and 2025-12-31, as docs/export.md says its page one was made; shared by the suite.
private let demoStore: Result<String, any Error> = Result(catching: {
    let dir = try temporaryDirectory(prefix: "sales-export-demo-layout")
    let db = dir.appendingPathComponent("sales.db").path
    let imported = try runTool("sales-import", [fixtureURL("demo-company.xlsx").path, "--db", db])
    guard imported.status == 0 else {
        throw DemoLayoutStoreFailed(description: "sales-import exited \(imported.status): \(imported.stderr)")
    }
    for asOf in ["2024-12-31", "2025-12-31"] {
        let scored = try runTool("sales-score", ["--db", db, "--as-of", asOf, "--format", "json"])
        guard scored.status == 0 else {
            throw DemoLayoutStoreFailed(description: "sales-score exited \(scored.status): \(scored.stderr)")
        }
    }
    return db
})

/// The demo company's 2025 report laid out as presented: page one, the outline's sections, the appendices, the
/// notes of the headline table and the print layout, checked on the built tool's output.
@Suite("sales-export summary on the demo company: layout")
struct ExportDemoLayoutTests {
    private func store() throws -> String { try demoStore.get() }

    private func export(_ arguments: [String]) throws -> String {
        let run = try runTool("sales-export", ["--period", "2025", "--db", try store()] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    private func json() throws -> [String: Any] {
        let text = try export(["--format", "json", "--lang", "en"])
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func file(_ name: String, _ language: String) throws -> String {
        let path = try temporaryDirectory().appendingPathComponent(name).path
        _ = try export(["--lang", language, "--out", path])
        return path
    }

    /// The text of Markdown section `heading` up to the next `## ` heading.
    private func markdownSection(_ markdown: String, _ heading: String) throws -> Substring {
        let start = try #require(markdown.range(of: "\n## \(heading)\n"), "no \(heading)")
        let rest = markdown[start.upperBound...]
        return rest.range(of: "\n## ").map { rest[..<$0.lowerBound] } ?? rest
    }

    /// The HTML of `<section id="section-X">`.
    private func htmlSection(_ html: String, _ label: String) throws -> Substring {
        let start = try #require(html.range(of: "<section id=\"section-\(label)\""), "no section \(label)")
        let end = try #require(html.range(of: "</section>", range: start.upperBound..<html.endIndex))
        return html[start.lowerBound..<end.upperBound]
    }

    private static let headingsEn = [
        "1. Work overview and core goals", "2. Sales performance", "3. Team", "4. Market and customers",
        "5. Expenses and budget", "6. Customer feedback", "7. Outlook", "Appendix A. Full rep ranking",
        "Appendix B. Every budget line", "Appendix C. Overdue receivables", "Appendix D. Complaints open too long",
        "Appendix E. Every point for attention", "Appendix F. Definitions and provenance",
    ]
    private static let headingsZh = [
        "1. 工作概述与核心目标", "2. 销售业绩", "3. 团队", "4. 市场与客户", "5. 费用与预算", "6. 客户反馈", "7. 展望",
        "附录 A 销售人员完整排名", "附录 B 全部预算明细", "附录 C 逾期应收款明细", "附录 D 超期未结投诉明细", "附录 E 全部关注事项",
        "附录 F 口径与数据来源",
    ]

    @Test("the sections follow the yearly summary's outline, then appendices A–F, in every format and language")
    func outlineOrder() throws {
        for (language, headings) in [("en", Self.headingsEn), ("zh", Self.headingsZh)] {
            let markdown = try export(["--lang", language])
            let found = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
            #expect(found == headings, "\(language)")

            let html = try String(contentsOfFile: try file("summary.html", language), encoding: .utf8)
            let labels = ["1", "2", "3", "4", "5", "6", "7", "A", "B", "C", "D", "E", "F"]
            let positions = try labels.map {
                try #require(html.range(of: "<section id=\"section-\($0)\"")?.lowerBound, "\($0)")
            }
            #expect(positions == positions.sorted())
            for heading in headings { #expect(html.contains("<h2>\(heading)</h2>"), "\(heading)") }

            let workbook = try Workbook(path: try file("summary.xlsx", language))
            #expect(
                workbook.sheets.map(\.name)
                    == headings.map {
                        // `附录 A 销售…` / `Appendix A. Full…` are the sheets `A 销售…` / `A Full…`.
                        $0.replacingOccurrences(of: "附录 ", with: "").replacingOccurrences(of: "Appendix ", with: "")
                            .replacingOccurrences(of: ". ", with: " ")
                    })
        }
        // JSON: the section objects in the outline's order; the long lists stay with their section for scripts.
        let text = try export(["--format", "json", "--lang", "en"])
        let keys = [
            "core_goals", "sales_performance", "team", "market_and_customers", "expenses_and_budget",
            "customer_feedback", "outlook",
        ]
        let positions = try keys.map { try #require(text.range(of: "\"\($0)\":{")?.lowerBound, "\($0)") }
        #expect(positions == positions.sorted())
    }

    @Test("docs/export.md shows page one as the tool prints it (all but the data SHA-256)")
    func pageOneInTheGuide() throws {
        let guide = try String(
            contentsOf: repositoryRoot().appendingPathComponent("docs/export.md"), encoding: .utf8)
        let marker = try #require(guide.range(of: "<!-- page one of the demo report -->\n```text\n"))
        let end = try #require(guide.range(of: "\n```\n", range: marker.upperBound..<guide.endIndex))
        let shown = String(guide[marker.upperBound..<end.lowerBound])
        let markdown = try export(["--lang", "en"])
        let two = try #require(markdown.range(of: "\n\n## 2. "))
        let printed = String(markdown[..<two.lowerBound])
        let hash = "[0-9a-f]{64}"
        let mask = { (text: String) in
            text.replacingOccurrences(of: hash, with: "<sha256>", options: .regularExpression)
        }
        #expect(mask(shown) == mask(printed))
        #expect(shown.contains("### Findings") && shown.contains("### Headline figures"))
    }

    @Test("page one: the findings, the headline figures with comparisons and the three key charts, nothing else")
    func pageOne() throws {
        let markdown = try export(["--lang", "en"])
        let one = try markdownSection(markdown, "1. Work overview and core goals")
        let tables = one.split(separator: "\n").filter { $0.hasPrefix("### ") }
        #expect(tables == ["### Findings", "### Headline figures"])
        // Every headline row has its comparison (2024) or says in the note why it has none.
        let headline = try #require(one.range(of: "### Headline figures\n"))
        let rows = one[headline.upperBound...].split(separator: "\n").filter { $0.hasPrefix("| ") }.dropFirst(2)
        #expect(rows.count == 8)
        for row in rows {
            let cells = row.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            #expect(cells[3] != "—" || !cells[5].isEmpty, "\(row)")
        }

        let html = try String(contentsOfFile: try file("summary.html", "en"), encoding: .utf8)
        let first = try htmlSection(html, "1")
        let charts = try #require(first.range(of: "<div class=\"key-charts\">"))
        let svgs = first[charts.upperBound...].components(separatedBy: "<svg").count - 1
        #expect(svgs == 3)
        for title in ["Revenue and target by region", "Monthly revenue", "Product-tier shift"] {
            #expect(first[charts.upperBound...].contains(title), "\(title)")
        }
        #expect(first.contains("id=\"table-findings\"") && first.contains("id=\"table-core-goals\""))
        #expect(html.components(separatedBy: "key-charts\"").count == 2)
        // Page one prints on its own page; every other section and appendix starts a page.
        let style = try Self.style(html)
        #expect(style.contains("h2 { break-before: page; }"))
        #expect(style.contains("section:first-of-type h2 { break-before: avoid; }"))
        for title in ["Product-tier shift", "Channel shift"] { #expect(html.contains(title), "\(title)") }
    }

    /// The page's style sheet.
    private static func style(_ html: String) throws -> Substring {
        let start = try #require(html.range(of: "<style>"))
        let end = try #require(html.range(of: "</style>"))
        return html[start.upperBound..<end.lowerBound]
    }

    @Test("the headline table's note says why a comparison is missing, in Markdown, HTML, XLSX and CSV")
    func missingComparisonNote() throws {
        // The demo's orders start in 2024: nobody was tier A as of 2023-12-31, so 2024's retention is missing.
        let noteEn = "2024: no tier-A customers as of 2023-12-31 (no orders in the 365 days before)"
        let noteZh = "2024年：截至 2023-12-31 没有 A 类客户（此前 365 天内无订单）"
        let nameEn = "Strategic (tier A) customers retained"
        let nameZh = "战略客户（A 类）留存率"
        for (language, name, note) in [("en", nameEn, noteEn), ("zh", nameZh, noteZh)] {
            let markdown = try export(["--lang", language])
            let row = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| \(name) |") })
            #expect(row.hasSuffix("| \(note) |"), "\(row)")

            let html = try String(contentsOfFile: try file("summary.html", language), encoding: .utf8)
            #expect(html.contains("<td>\(name)</td>") && html.contains("<td>\(note)</td>"))

            let workbook = try Workbook(path: try file("summary.xlsx", language))
            let cells = try workbook.cells(of: workbook.sheets[0])
            let rowIndex = try #require(cells.first { $0.key.column == 1 && $0.value == .text(name) }?.key.row)
            #expect(cells[CellReference(column: 5, row: rowIndex)] == .text(note))
            #expect(cells[CellReference(column: 3, row: rowIndex)] == .text("—"))
        }
        let folder = try temporaryDirectory().appendingPathComponent("csv").path
        _ = try export(["--lang", "en", "--format", "csv", "--out", folder])
        let csv = try String(
            contentsOfFile: folder + "/1-work-overview-core-goals.csv", encoding: .utf8)
        #expect(csv.contains(",\"\(noteEn)\"\r\n") || csv.contains(",\(noteEn)\r\n"))
        // JSON carried the reason already; it is the same sentence.
        let core = try #require((try json()["sections"] as? [String: Any])?["core_goals"] as? [String: Any])
        let comparison = try #require((core["tier_a_retention"] as? [String: Any])?["comparison"] as? [String: Any])
        #expect(noteEn.hasSuffix(comparison["missing"] as? String ?? "?"))
    }

    @Test("tier-A loss has a money figure: the lost tier-A customers' revenue in the 365 days before 2025")
    func tierAStake() throws {
        // sales-score's run as of 2024-12-31 (window 2024-01-02 – 2024-12-31) holds each tier-A customer's amount.
        let store = try Store.open(path: try store(), readOnly: true)
        let lost = try #require(
            try store.read {
                try $0.scalar(
                    """
                    SELECT sum(sr.amount_cents) FROM score_result sr
                    WHERE sr.tier = 'A' AND sr.run_id = (SELECT id FROM score_run WHERE as_of = '2024-12-31')
                      AND NOT EXISTS (SELECT 1 FROM order_line o WHERE o.customer_id = sr.customer_id
                                      AND o.status = 'completed'
                                      AND o.order_date BETWEEN '2025-01-01' AND '2025-12-31')
                    """)
            }?.int64)
        store.close()
        #expect(lost > 0)
        let findings = try #require(try json()["findings"] as? [[String: Any]])
        let finding = try #require(findings.first { ($0["metrics"] as? [String]) == ["tier_a_retention"] })
        let stake = try #require((finding["money_at_stake"] as? NSNumber)?.doubleValue)
        #expect(Int64((stake * 100).rounded()) == lost)
        let text = try #require(finding["text"] as? String)
        #expect(text.contains("17 did not; they had bought \(Self.yuan(lost)) in the 365 days before it"), "\(text)")
        // Ranked by that amount among the others, no longer last.
        #expect(findings.last?["metrics"] as? [String] != ["tier_a_retention"])
    }

    /// `¥1,234,567.89` from cents.
    private static func yuan(_ cents: Int64) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.usesGroupingSeparator = true
        formatter.groupingSeparator = ","
        formatter.groupingSize = 3
        let whole = formatter.string(from: NSNumber(value: cents / 100)) ?? ""
        return "¥\(whole)." + String(format: "%02lld", cents % 100)
    }

    @Test("points for attention: a section lists its material overruns and counts the rest, listed in appendix E")
    func pointsForAttention() throws {
        let document = try json()
        let flags = try #require(document["flags"] as? [[String: Any]])
        let lines = try #require(
            ((document["sections"] as? [String: Any])?["expenses_and_budget"] as? [String: Any])?["budget_lines"]
                as? [[String: Any]])
        // Worked from the budget lines: overrun = spent − budget, material above both ¥10,000 and 5% of the budget.
        var material = 0
        var smaller = 0
        for line in lines where line["overrun"] as? Bool == true {
            let budget = try #require((line["budget"] as? NSNumber)?.doubleValue)
            let spent = try #require((line["spent"] as? NSNumber)?.doubleValue)
            if spent - budget > 10_000 && spent - budget > budget * 0.05 { material += 1 } else { smaller += 1 }
        }
        #expect(material > 0 && smaller > 0, "the demo has both kinds: \(material), \(smaller)")
        let overruns = flags.filter { $0["kind"] as? String == "budget_overrun" }
        #expect(overruns.filter { $0["material"] as? Bool == true }.count == material)
        #expect(overruns.count == material + smaller)

        let markdown = try export(["--lang", "en"])
        let five = try markdownSection(markdown, "5. Expenses and budget")
        let listed = five.split(separator: "\n").filter { $0.hasPrefix("| Budget overrun:") }
        #expect(listed.count == material)
        #expect(
            five.contains(
                "> And \(smaller) smaller budget overruns (by no more than 5% of the budget or ¥10,000), listed in "
                    + "Appendix E"))
        #expect(!five.contains("### Budget lines"))
        let appendix = try markdownSection(markdown, "Appendix E. Every point for attention")
        #expect(appendix.split(separator: "\n").filter { $0.contains("| Budget overrun:") }.count == overruns.count)
        // The long lists are in their appendices only.
        let b = try markdownSection(markdown, "Appendix B. Every budget line")
        #expect(b.contains("### Budget lines"))
        #expect(b.split(separator: "\n").filter { $0.hasPrefix("| ") }.count == lines.count + 2)
        #expect(!(try markdownSection(markdown, "2. Sales performance")).contains("### Overdue receivables"))
        #expect(try markdownSection(markdown, "Appendix C. Overdue receivables").contains("### Overdue receivables"))
        let team = try markdownSection(markdown, "3. Team")
        let reps = try #require((document["sections"] as? [String: Any])?["team"] as? [String: Any])
        let ranked = (reps["reps"] as? [[String: Any]])?.count ?? 0
        #expect(ranked > 10)
        #expect(team.contains("### Rep ranking (top 10)") && team.contains("Appendix A"))
        let ranking = try markdownSection(markdown, "Appendix A. Full rep ranking")
        #expect(ranking.split(separator: "\n").filter { $0.hasPrefix("| ") }.count == ranked + 2)
    }

    @Test(
        "print layout: short tables kept whole; a long table starts a page and keeps its first and last three rows"
    )
    func printLayout() throws {
        let html = try String(contentsOfFile: try file("summary.html", "zh"), encoding: .utf8)
        let style = try Self.style(html)
        #expect(style.contains("tr, figure, .flags, .block.short, tbody.keep { break-inside: avoid; }"))
        #expect(style.contains("h2, h3 { break-after: avoid; }"))
        #expect(style.contains("thead { display: table-header-group; }"))
        #expect(style.contains(":not(h2) + .block.long { break-before: page; }"))
        #expect(style.contains("@page { size: A4;"))
        // Every table is in a block; a table of up to 15 rows is a short block, kept on one page with its heading.
        let blocks = html.components(separatedBy: "<div class=\"block").dropFirst()
        #expect(blocks.count > 20)
        for block in blocks {
            let table = block.components(separatedBy: "</table>").first ?? ""
            let rows = table.components(separatedBy: "<tr>").count - 2  // less the header row
            if block.hasPrefix(" short\">") {
                #expect(rows <= 15)
                #expect(!table.contains("<tbody class=\"keep\">"))
            } else {
                #expect(block.hasPrefix(" long\">"))
                #expect(rows > 15)
                // The first and the last body groups hold three rows each and are kept together.
                let groups = table.components(separatedBy: "<tbody").dropFirst()
                #expect(groups.count == 3)
                #expect(groups.first?.hasPrefix(" class=\"keep\">") == true)
                #expect(groups.last?.hasPrefix(" class=\"keep\">") == true)
                #expect((groups.first?.components(separatedBy: "<tr>").count ?? 0) - 1 == 3)
                #expect((groups.last?.components(separatedBy: "<tr>").count ?? 0) - 1 == 3)
            }
        }
        // The budget lines (appendix B) are a long table; the campaigns' ROI, a long table after others in
        // section 5, starts a page of its own in print.
        let b = try htmlSection(html, "B")
        #expect(b.contains("<div class=\"block long\">\n<h3 id=\"table-budget-lines\">"))
        let five = try htmlSection(html, "5")
        #expect(five.contains("</div>\n<div class=\"block long\">\n<h3 id=\"table-roi-campaigns\">"))
    }

    @Test("XLSX: a sheet of one table repeats its header row on every printed page, the others their title line")
    func workbookPrint() throws {
        let path = try file("summary.xlsx", "en")
        let workbook = try Workbook(path: path)
        let appendix = try workbook.cells(of: workbook.sheets[9])
        // Appendix C: the title line, then the header row at once.
        #expect(appendix[CellReference(column: 1, row: 2)] == .text("Invoice"))
        let workbookPart = try Self.part("xl/workbook.xml", of: path)
        let names = workbook.sheets.map(\.name)
        for (index, name) in names.enumerated() {
            // One table on the sheet (the outlook, appendices A–E): its header row is repeated too.
            let rows = (6...11).contains(index) ? "$1:$2" : "$1:$1"
            #expect(
                workbookPart.contains(
                    "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(index)\">'\(name)'!\(rows)</definedName>"
                ),
                "\(name)")
        }
    }

    /// One part of a zip package, inflated by our own reader.
    private static func part(_ name: String, of path: String) throws -> String {
        let archive = try ZipArchive(path: path, displayName: path, limits: .default)
        let entry = try #require(archive.entries.first { $0.name == name })
        let stream = try ZipEntryStream(archive: archive, entry: entry)
        let capacity = 1 << 16
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var bytes: [UInt8] = []
        while true {
            let count = try stream.read(into: buffer, capacity: capacity)
            if count == 0 { break }
            bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: count))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
