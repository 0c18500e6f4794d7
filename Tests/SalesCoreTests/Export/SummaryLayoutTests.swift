import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

private func layoutReport(_ store: Store) throws -> SummaryReport {
    try SummaryReport.build(
        store: store, period: try ReportPeriod.parse("2026Q1"), compare: .yearOverYear, scope: .company)
}

private func table(
    _ report: SummaryReport, _ section: ReportSection, _ key: String, _ language: OutputLanguage = .en
)
    -> ReportTable?
{
    report.tables(language).first { $0.section == section }?.tables.first { $0.key == key }
}

@Suite("sales-export layout: points for attention, appendices")
struct SummaryLayoutTests {
    @Test("an improvement table nobody qualified for says none; one nobody could be assessed for, no data")
    func emptyImprovementTable() throws {
        let store = try ExportTestStore.make()
        // 2026Q1 at 80%: han (50%, then 62.5%) is a candidate. At 40% nobody is, though li, han and zhao have
        // targets for both quarters.
        let low = try SummaryReport.build(
            store: store, period: try ReportPeriod.parse("2026Q1"), compare: .yearOverYear, scope: .company,
            options: SummaryOptions(improvementThreshold: try #require(Ratio(40, 100))))
        #expect(low.data.team.quarterAwards?.improvementConsidered == 3)
        let none = try #require(table(low, .team, "improvement"))
        #expect(none.rows.isEmpty && none.emptyText == "None")
        #expect(SummaryMarkdown.render(low, language: .en).contains("### Improvement-plan candidates\n\n_None_\n"))
        #expect(SummaryHTML.render(low, language: .zh).contains("绩效改进计划候选人</h3>\n<p class=\"empty\">无</p>"))
        // 2025: nobody has a 2025Q3 target, so nobody was assessed: no data, not "none".
        let year = try SummaryReport.build(
            store: store, period: try ReportPeriod.parse("2025"), compare: .previous, scope: .company)
        #expect(year.data.team.quarterAwards?.improvementConsidered == 0)
        let unassessed = try #require(table(year, .team, "improvement"))
        #expect(unassessed.rows.isEmpty && unassessed.emptyText == nil)
        #expect(
            SummaryMarkdown.render(year, language: .en).contains("### Improvement-plan candidates\n\n_No data_\n"))
    }

    @Test("an overrun is material above both 5% of its budget and ¥10,000")
    func materialOverrun() {
        // ¥1,000,000 budget: ¥50,000 over is exactly 5%, not above it; a cent more is.
        #expect(!ReportFlag.isMaterialOverrun(budgetCents: 100_000_000, spentCents: 105_000_000))
        #expect(ReportFlag.isMaterialOverrun(budgetCents: 100_000_000, spentCents: 105_000_001))
        // ¥100,000 budget: ¥10,000 over is 10% but not above ¥10,000; a cent more is.
        #expect(!ReportFlag.isMaterialOverrun(budgetCents: 10_000_000, spentCents: 11_000_000))
        #expect(ReportFlag.isMaterialOverrun(budgetCents: 10_000_000, spentCents: 11_000_001))
        // A small line far over (¥400 of ¥500 is 80%) is still small in money.
        #expect(!ReportFlag.isMaterialOverrun(budgetCents: 50_000, spentCents: 90_000))
        // 5% of an odd number of cents: 20,000,001 × 5% = 1,000,000.05, so 1,000,001 is above both.
        #expect(ReportFlag.isMaterialOverrun(budgetCents: 20_000_001, spentCents: 21_000_002))
        #expect(!ReportFlag.isMaterialOverrun(budgetCents: 40_000_000, spentCents: 42_000_000))
        // No budget: material once ¥10,000 is spent; within budget never; forged extremes do not wrap.
        #expect(ReportFlag.isMaterialOverrun(budgetCents: 0, spentCents: 1_000_001))
        #expect(!ReportFlag.isMaterialOverrun(budgetCents: 100_000_000, spentCents: 100_000_000))
        #expect(ReportFlag.isMaterialOverrun(budgetCents: Int64.min, spentCents: Int64.max))
    }

    @Test("the hand-worked overruns (¥500, ¥100, ¥1,000) are small: counted in section 5, listed in appendix E")
    func smallOverrunsCounted() throws {
        let report = try layoutReport(try ExportTestStore.make())
        let attention = try #require(table(report, .expensesAndBudget, "attention"))
        #expect(attention.rows.isEmpty)
        #expect(
            attention.notes == [
                "3 smaller budget overruns (by no more than 5% of the budget or ¥10,000), listed in Appendix E"
            ])
        let zh = try #require(table(report, .expensesAndBudget, "attention", .zh))
        #expect(zh.notes == ["3 项较小的预算超支（超出不到预算的 5% 或不到 ¥10,000），列于附录 E"])
        // Section 2 lists its points: 华东 under target, 耗材 shrinking, the overdue invoices.
        let sales = try #require(table(report, .salesPerformance, "attention"))
        #expect(
            sales.rows == [
                [.text("Region 华东 is under target: 97.5% completion")],
                [.text("Product line 耗材 is shrinking: -100.0% growth")],
                [.text("2 overdue invoices, ¥6,000.00 in all")],
            ])
        #expect(sales.notes.isEmpty)
        // Appendix E: all ten flags, the three overruns not marked as listed in their section.
        let all = try #require(table(report, .pointsForAttention, "points"))
        #expect(all.rows.count == 10 && all.rows.count == report.flags.count)
        #expect(all.rows.filter { $0.last == .mark(false) }.count == 3)
        #expect(all.rows.filter { $0.last == .mark(false) }.allSatisfy { $0[0] == .text("5. Expenses and budget") })
        // The Markdown prints the note alone, without a "no data" line.
        let markdown = SummaryMarkdown.render(report, language: .en)
        #expect(
            markdown.contains(
                "## 5. Expenses and budget\n\n### Points for attention\n\n> 3 smaller budget overruns"))
    }

    @Test("the long lists are in the appendices, not in the sections")
    func appendices() throws {
        let report = try layoutReport(try ExportTestStore.make())
        let sections = report.tables(.en)
        func keys(_ section: ReportSection) -> [String] {
            sections.first { $0.section == section }?.tables.map(\.key) ?? []
        }
        #expect(keys(.coreGoals) == ["findings", "core-goals"])
        #expect(keys(.salesPerformance).last == "indicators" && !keys(.salesPerformance).contains("overdue"))
        #expect(keys(.team) == ["attention", "team-indicators", "reps-top", "quarter-awards", "improvement"])
        #expect(!keys(.expensesAndBudget).contains("budget-lines"))
        #expect(!keys(.customerFeedback).contains("stale-complaints"))
        #expect(keys(.outlook) == ["outlook"])
        #expect(keys(.repRanking) == ["reps"] && keys(.budgetLines) == ["budget-lines"])
        #expect(keys(.overdueReceivables) == ["overdue"] && keys(.staleComplaints) == ["stale-complaints"])
        #expect(keys(.pointsForAttention) == ["points"] && keys(.definitions) == ["data", "batches", "definitions"])
        // The outlook: what the figures leave open, nothing forecast.
        let outlook = try #require(table(report, .outlook, "outlook"))
        let items = outlook.rows.compactMap { row -> String? in
            if case .text(let text) = row[0] { return text }
            return nil
        }
        #expect(
            items == [
                "Regions under target", "Shrinking product lines", "Overdue receivables to collect",
                "Improvement-plan candidates", "Claims awaiting approval", "Complaints open too long",
            ])
        // SummaryMetricsTests: two claims of ¥400.00 in all await approval; two complaints are open past 30 days.
        #expect(outlook.rows[4][1] == .value(.cents(40_000), .cny) && outlook.rows[4][2] == .text("2 claims"))
        #expect(outlook.rows[5][1] == .value(.count(2), .count))
        #expect(outlook.rows[2][1] == .value(.cents(600_000), .cny))
        #expect(outlook.rows[2][2] == .text("2 invoices; Listed in full in Appendix C, “Overdue receivables”"))
    }
}

@Suite("sales-export output: control characters in names")
struct SummaryControlCharacterTests {
    /// ESC sequences (recolour, clear the screen), a C1 CSI, DEL, a bidi override, a bell.
    static let name = "\u{1B}[31m红\u{1B}[0m\u{9B}2J\u{7F}\u{202E}甲\u{07}"

    /// ``ExportTestStore`` plus a customer so named, with an overdue invoice and a complaint open since January.
    static func store() throws -> Store {
        let store = try ExportTestStore.make()
        try store.write { c in
            try c.execute("INSERT INTO customer (code, name) VALUES ('ESC', ?)", [.text(name)])
            try c.execute(
                """
                INSERT INTO receivable (invoice_no, customer_id, invoiced_on, due_on, amount_cents, paid_amount_cents)
                VALUES ('INV-ESC', (SELECT id FROM customer WHERE code = 'ESC'), '2026-01-10', '2026-02-10', 10000, 0)
                """)
            try c.execute(
                """
                INSERT INTO feedback (code, customer_id, received_on, kind, status)
                VALUES ('K-ESC', (SELECT id FROM customer WHERE code = 'ESC'), '2026-01-05', 'complaint', 'open')
                """)
        }
        return store
    }

    private func controls(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { TerminalText.isControl($0) && $0 != "\n" }
    }

    @Test(
        "Markdown and HTML write them visibly, as a terminal shows them; JSON escapes them",
        arguments: OutputLanguage.allCases)
    func visible(language: OutputLanguage) throws {
        let report = try layoutReport(try Self.store())
        let visible = "\\u{1B}[31m红\\u{1B}[0m\\u{9B}2J\\u{7F}\\u{202E}甲\\u{7}"
        let markdown = SummaryMarkdown.render(report, language: language)
        #expect(controls(markdown).isEmpty, "\(controls(markdown))")
        // The name is in appendices C and D, its brackets escaped for Markdown too.
        #expect(markdown.contains("\\u{1B}\\[31m红\\u{1B}\\[0m\\u{9B}2J\\u{7F}\\u{202E}甲\\u{7}"))
        // What `sales-export` prints on standard output is the same text.
        #expect(SummaryOutput.text(report, format: .md, language: language) == markdown)

        let html = SummaryHTML.render(report, language: language)
        #expect(controls(html).isEmpty, "\(controls(html))")
        #expect(html.contains(visible))

        let json = SummaryJSON.render(report, language: language)
        #expect(controls(json).isEmpty, "\(controls(json))")
        #expect(json.contains("\\u001b[31m红\\u001b[0m\\u009b2J\\u007f\\u202e甲\\u0007"))
        // Parsed back, the name is exactly as stored.
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let sales = try #require((document["sections"] as? [String: Any])?["sales_performance"] as? [String: Any])
        let overdue = try #require(sales["overdue_list"] as? [[String: Any]])
        #expect(overdue.contains { $0["customer_name"] as? String == Self.name })
    }
}
