import Foundation
import SalesCore
import SalesTestSupport
import Testing
import XLSX

/// Why the scored demo store could not be made.
private struct DemoStoreFailed: Error, CustomStringConvertible {
    let description: String
}

/// `Fixtures/demo-company.xlsx` imported by the built `sales-import` and scored by the built `sales-score` as
/// of 2024-12-31 and as of 2025-12-31 (the two runs `make demo` users make), shared by the suite.
private let scoredDemoStore: Result<String, any Error> = Result(catching: {
    let dir = try temporaryDirectory(prefix: "sales-export-demo-summary")
    let db = dir.appendingPathComponent("sales.db").path
    let imported = try runTool("sales-import", [fixtureURL("demo-company.xlsx").path, "--db", db])
    guard imported.status == 0 else {
        throw DemoStoreFailed(description: "sales-import exited \(imported.status): \(imported.stderr)")
    }
    for asOf in ["2024-12-31", "2025-12-31"] {
        let scored = try runTool("sales-score", ["--db", db, "--as-of", asOf, "--format", "json"])
        guard scored.status == 0 else {
            throw DemoStoreFailed(description: "sales-score exited \(scored.status): \(scored.stderr)")
        }
    }
    return db
})

/// One SQL figure of the demo store, read independently of the summary's code.
private func scalar(_ db: String, _ sql: String, _ arguments: [SQLValue] = []) throws -> SQLValue? {
    let store = try Store.open(path: db, readOnly: true)
    return try store.read { try $0.scalar(sql, arguments) }
}

/// The demo company's 2025 summary, checked against figures worked out from the store by other means (the
/// stored scoring runs, plain SQL over the rows).
@Suite("sales-export summary on the demo company")
struct ExportDemoSummaryTests {
    private func store() throws -> String { try scoredDemoStore.get() }

    private func json(_ arguments: [String] = []) throws -> [String: Any] {
        let run = try runTool(
            "sales-export", ["--period", "2025", "--format", "json", "--db", try store(), "--lang", "en"] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
    }

    private func section(_ document: [String: Any], _ name: String) throws -> [String: Any] {
        let sections = try #require(document["sections"] as? [String: Any])
        return try #require(sections[name] as? [String: Any], "no section \(name)")
    }

    private func metric(_ object: [String: Any], _ name: String) throws -> [String: Any] {
        try #require(object[name] as? [String: Any], "no metric \(name)")
    }

    private func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

    @Test("repurchase and complaint rates are compared with 2024's (63.5%, 2.86%)")
    func headlineComparisons() throws {
        let core = try section(try json(), "core_goals")
        // 2024 by hand: customers with two or more distinct order numbers ÷ customers with one; complaints ÷ orders.
        let db = try store()
        let repeat2024 = try #require(
            try scalar(
                db,
                """
                SELECT CAST(sum(n >= 2) AS REAL) / count(*) FROM (
                    SELECT count(DISTINCT order_no) AS n FROM order_line
                    WHERE status = 'completed' AND order_date BETWEEN '2024-01-01' AND '2024-12-31' GROUP BY customer_id)
                """)?.double)
        let complaints2024 = try #require(
            try scalar(
                db,
                """
                SELECT CAST((SELECT count(*) FROM feedback WHERE kind = 'complaint'
                             AND received_on BETWEEN '2024-01-01' AND '2024-12-31') AS REAL)
                       / (SELECT sum(n) FROM (SELECT count(DISTINCT order_no) AS n FROM order_line
                                              WHERE status = 'completed' AND order_date BETWEEN '2024-01-01' AND '2024-12-31'
                                              GROUP BY customer_id))
                """)?.double)
        #expect(abs(repeat2024 - 0.635) < 0.0005)
        #expect(abs(complaints2024 - 0.0286) < 0.00005)
        for (name, expected) in [("repurchase_rate", repeat2024), ("complaint_rate", complaints2024)] {
            let comparison = try #require(try metric(core, name)["comparison"] as? [String: Any], "\(name)")
            #expect(comparison["period"] as? String == "2024")
            let value = try #require(number(comparison["value"]), "\(name)")
            #expect(abs(value - expected) < 0.000001, "\(name): \(value) vs \(expected)")
            #expect(comparison["direction"] as? String == "up")
        }
        // Tier-A retention is compared too: 2024 began with no history, so its comparison is missing, with why.
        let retention = try #require(try metric(core, "tier_a_retention")["comparison"] as? [String: Any])
        #expect(retention["value"] is NSNull)
        #expect((retention["missing"] as? String)?.contains("2023-12-31") == true)
    }

    @Test("the headline table shows the comparisons in both languages")
    func headlineTable() throws {
        let db = try store()
        for (language, label, comparison) in [("en", "Repurchase rate", "63.5%"), ("zh", "复购率", "63.5%")] {
            let run = try runTool("sales-export", ["--period", "2025", "--db", db, "--lang", language])
            #expect(run.status == 0, "\(run.stderr)")
            let row = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("| \(label) |") })
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(cells.count >= 4 && cells[2] == comparison, "\(language): \(row)")
        }
    }

    @Test("tier-A retention counts the customers tier A when 2025 began: 231 of 248")
    func tierARetention() throws {
        let db = try store()
        // sales-score's own run as of 2024-12-31 says who was tier A then.
        let counted = try #require(
            try scalar(
                db,
                """
                SELECT count(*) || '/' || sum(EXISTS (SELECT 1 FROM order_line o WHERE o.customer_id = sr.customer_id
                                                      AND o.status = 'completed'
                                                      AND o.order_date BETWEEN '2025-01-01' AND '2025-12-31'))
                FROM score_result sr
                WHERE sr.tier = 'A' AND sr.run_id = (SELECT id FROM score_run WHERE as_of = '2024-12-31')
                """)?.text)
        #expect(counted == "248/231")
        let core = try section(try json(), "core_goals")
        let retention = try metric(core, "tier_a_retention")
        #expect(number(retention["value"]) == 0.931452)  // 231 ÷ 248
        #expect((retention["definition"] as? String)?.contains("when the period began") == true)
        // The run covering 2025 (as of 2025-12-31) would say 100%: not what the report prints.
        #expect(number(retention["value"]) != 1)
    }

    @Test("median days to resolve complaints: 13 in 2025, 12 in 2024, from resolved_on")
    func resolutionTime() throws {
        let db = try store()
        let resolved = try #require(
            try scalar(db, "SELECT count(*) FROM feedback WHERE kind = 'complaint' AND resolved_on IS NOT NULL")?
                .int64)
        #expect(resolved == 325)
        let feedback = try section(try json(), "customer_feedback")
        let median = try metric(feedback, "median_days_to_close")
        #expect(median["missing"] is NSNull, "\(median["missing"] ?? "")")
        #expect(number(median["value"]) == 13)
        let comparison = try #require(median["comparison"] as? [String: Any])
        #expect(number(comparison["value"]) == 12)
    }

    @Test("expense ROI: bounded in time and reach, never −100% for spend that cannot be attributed")
    func expenseROI() throws {
        let db = try store()
        let expenses = try section(try json(), "expenses_and_budget")
        let categories = try #require(expenses["roi_by_category"] as? [[String: Any]])
        let campaigns = try #require(expenses["roi_by_campaign"] as? [[String: Any]])
        #expect(!categories.isEmpty && !campaigns.isEmpty)
        for item in categories + campaigns {
            let roi = try metric(item, "roi")
            if let value = number(roi["value"]) {
                #expect(value > -1, "\(item["name"] ?? ""): \(value)")
            } else {
                #expect((roi["missing"] as? String)?.contains("nothing to attribute") == true)
            }
        }
        let byName = Dictionary(uniqueKeysWithValues: categories.map { ($0["name"] as? String ?? "", $0) })
        // Training and events name no customer and no opportunity names their campaigns: missing, not −100%.
        for name in ["training", "events", "advertising"] {
            let item = try #require(byName[name], "\(name)")
            #expect(try metric(item, "roi")["value"] is NSNull, "\(name)")
            #expect(
                number(try metric(item, "unattributed_spend")["value"]) == number(try metric(item, "spend")["value"]))
        }
        // Entertainment names its customers: their revenue within 90 days of each claim, each line once,
        // worked out here with a plain join.
        let expected = try #require(
            try scalar(
                db,
                """
                SELECT CAST(sum(amount) AS REAL) / 100 FROM (
                    SELECT DISTINCT o.id, CASE WHEN o.status = 'returned' THEN min(o.amount_cents, 0)
                                               ELSE o.amount_cents END AS amount
                    FROM expense e JOIN order_line o ON o.customer_id = e.customer_id
                    WHERE e.category = 'entertainment' AND e.status IN ('approved', 'paid')
                      AND e.spent_on BETWEEN '2025-01-01' AND '2025-12-31' AND o.status <> 'cancelled'
                      AND julianday(o.order_date) - julianday(e.spent_on) BETWEEN 0 AND 89)
                """)?.double)
        let entertainment = try #require(byName["entertainment"])
        let attributed = try #require(number(try metric(entertainment, "attributed_revenue")["value"]))
        #expect(abs(attributed - expected) < 0.005, "\(attributed) vs \(expected)")
        let revenue = try #require(number(try metric(try section(try json(), "core_goals"), "revenue")["value"]))
        #expect(attributed < revenue)
    }

    /// Codes a Chinese reader must never see: channels, expense categories, budget scope and control, claim and
    /// complaint statuses, product tiers, the comparison mode.
    static let codes = [
        "ecommerce", "social", "offline", "direct", "distributor", "other", "advertising", "travel", "entertainment",
        "training", "events", "company", "region", "team", "rep", "stop", "warn", "ignore", "submitted", "approved",
        "rejected", "paid", "open", "resolved", "closed", "high", "mid", "low", "yoy", "previous",
    ]

    /// The codes found in `text` as words of their own (not inside identifiers such as `resolved_on` or
    /// `sales-score`, also as Markdown escapes them, `resolved\_on`; `--compare yoy`, the option a rule names, is
    /// an option, not a label).
    static func rawCodes(in text: String) throws -> Set<String> {
        let cleaned = text.replacingOccurrences(of: "--compare [a-z]+", with: "", options: .regularExpression)
        var found: Set<String> = []
        for code in codes {
            let regex = try NSRegularExpression(pattern: "(?<![A-Za-z0-9_.\\\\\\-])\(code)(?![A-Za-z0-9_\\\\\\-])")
            if regex.firstMatch(in: cleaned, range: NSRange(cleaned.startIndex..., in: cleaned)) != nil {
                found.insert(code)
            }
        }
        return found
    }

    @Test("the Chinese report shows labels, never raw codes: HTML, Markdown and XLSX")
    func noRawCodesInChinese() throws {
        let db = try store()
        let dir = try temporaryDirectory()
        let html = dir.appendingPathComponent("summary.html").path
        let xlsx = dir.appendingPathComponent("summary.xlsx").path
        for path in [html, xlsx] {
            let run = try runTool("sales-export", ["--period", "2025", "--db", db, "--lang", "zh", "--out", path])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let markdown = try runTool("sales-export", ["--period", "2025", "--db", db, "--lang", "zh"])
        #expect(markdown.status == 0)
        let inMarkdown = try Self.rawCodes(in: markdown.stdout)
        #expect(inMarkdown.isEmpty, "Markdown: \(inMarkdown)")
        // The channels read as the workbook wrote them.
        for label in ["| 线下 |", "| 直销 |", "| 电商 |", "| 社群 |", "| 经销 |"] {
            #expect(markdown.stdout.contains(label), "\(label)")
        }
        #expect(!markdown.stdout.contains("| 姓名 | 单位 |"))

        // HTML: the text a reader sees (tags, attributes and the style sheet removed; SVG labels kept).
        var page = try String(contentsOfFile: html, encoding: .utf8)
        page = page.replacingOccurrences(of: "<style>[\\s\\S]*?</style>", with: " ", options: .regularExpression)
        page = page.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        let inHTML = try Self.rawCodes(in: page)
        #expect(inHTML.isEmpty, "HTML: \(inHTML)")

        let workbook = try Workbook(path: xlsx)
        var cellTexts: [String] = []
        for sheet in workbook.sheets {
            for (_, value) in try workbook.cells(of: sheet) {
                if case .text(let text) = value { cellTexts.append(text) }
            }
        }
        let joined = cellTexts.joined(separator: "\n")
        let inXLSX = try Self.rawCodes(in: joined)
        #expect(inXLSX.isEmpty, "XLSX: \(inXLSX)")
        #expect(cellTexts.contains("广告") && cellTexts.contains("禁止超支") && cellTexts.contains("全公司"))
    }

    @Test("the budget is the company rows (8,230,000), not every row (14,897,000)")
    func companyBudget() throws {
        let db = try store()
        let all = try #require(try scalar(db, "SELECT sum(amount_cents) FROM budget WHERE period LIKE '2025%'")?.int64)
        let company = try #require(
            try scalar(db, "SELECT sum(amount_cents) FROM budget WHERE scope = 'company' AND period LIKE '2025%'")?
                .int64)
        #expect(all == 1_489_700_000 && company == 823_000_000)
        let expenses = try section(try json(), "expenses_and_budget")
        let budget = try metric(expenses, "budget")
        #expect(number(budget["value"]) == 8_230_000)
        #expect((budget["definition"] as? String)?.contains("rows of scope company") == true)
        let document = try json()
        let definitions = try #require(document["definitions"] as? [[String: Any]])
        let rule = definitions.first { $0["metric"] as? String == "budget" }?["rule"] as? String
        #expect(rule?.contains("count the same money twice") == true)
    }

    @Test("reps who have left are ranked, named in a note, and win no award")
    func inactiveReps() throws {
        let db = try store()
        let left = try #require(try scalar(db, "SELECT group_concat(login, ',') FROM person WHERE active = 0")?.text)
            .split(separator: ",").map(String.init)
        #expect(left.count == 3)
        let team = try section(try json(), "team")
        let reps = try #require(team["reps"] as? [[String: Any]])
        let ranked = reps.filter { ($0["active"] as? Bool) == false }.compactMap { $0["login"] as? String }
        #expect(!ranked.isEmpty && Set(ranked).isSubset(of: Set(left)))
        let awards = try #require((team["quarter_awards"] as? [String: Any])?["awards"] as? [[String: Any]])
        let named = awards.flatMap { award in
            ["winner", "runner_up"].compactMap { (award[$0] as? [String: Any])?["key"] as? String }
        }
        #expect(!named.isEmpty && named.allSatisfy { !left.contains($0) })
        let markdown = try runTool("sales-export", ["--period", "2025", "--db", db, "--lang", "zh"]).stdout
        let note = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("> 已离职") })
        for login in ranked { #expect(note.contains("(\(login))"), "\(login)") }
    }

    @Test("2025Q4's company target is the sum of the regions' Q4 targets")
    func quarterCompanyTarget() throws {
        let db = try store()
        let regions = try #require(
            try scalar(db, "SELECT sum(amount_cents) FROM sales_target WHERE scope = 'region' AND period = '2025Q4'")?
                .int64)
        #expect(regions == 11_871_000_000)
        let run = try runTool(
            "sales-export", ["--period", "2025Q4", "--format", "json", "--db", db, "--lang", "en"])
        let document = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        let target = try metric(try section(document, "core_goals"), "target")
        #expect(number(target["value"]) == 118_710_000)
        #expect(number(try metric(try section(document, "core_goals"), "target_completion")["value"]) != nil)
    }

    @Test("product tiers of 2025: high-end 62.7%, mid-range 28.0%, low-end 9.3%, each against 2024")
    func productTiers() throws {
        let db = try store()
        let shares = try #require(
            try scalar(
                db,
                """
                SELECT group_concat(printf('%s %.3f', tier, share), ', ') FROM (
                    SELECT p.tier AS tier, CAST(sum(CASE WHEN o.status = 'returned' THEN min(o.amount_cents, 0)
                                                         ELSE o.amount_cents END) AS REAL)
                           / (SELECT sum(CASE WHEN status = 'returned' THEN min(amount_cents, 0) ELSE amount_cents END)
                              FROM order_line WHERE status <> 'cancelled' AND order_date LIKE '2025%') AS share
                    FROM order_line o JOIN product p ON p.id = o.product_id
                    WHERE o.status <> 'cancelled' AND o.order_date LIKE '2025%'
                    GROUP BY p.tier ORDER BY share DESC)
                """)?.text)
        #expect(shares == "high 0.627, mid 0.280, low 0.093")
        let sales = try section(try json(), "sales_performance")
        let tiers = try #require(sales["product_tiers"] as? [[String: Any]])
        #expect(tiers.map { $0["tier"] as? String } == ["high", "mid", "low"])
        let values = try tiers.map { try #require(number(try metric($0, "share")["value"])) }
        #expect(values.map { ($0 * 1000).rounded() / 1000 } == [0.627, 0.28, 0.093])
        for tier in tiers {
            #expect(number((try metric(tier, "share")["comparison"] as? [String: Any])?["value"]) != nil)
            #expect(number(try metric(tier, "growth")["value"]) != nil)
        }
        let html = try runTool("sales-export", ["--period", "2025", "--db", db, "--lang", "zh", "--format", "html"])
        #expect(html.stdout.contains("产品档次结构变化"))
        #expect(html.stdout.contains("高端") && html.stdout.contains("中端") && html.stdout.contains("低端"))
    }

    @Test("findings: at least eight, ranked by money at stake, shown first in HTML, Markdown and XLSX")
    func findings() throws {
        let db = try store()
        let document = try json()
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.count >= 8)
        let stakes = findings.compactMap { number($0["money_at_stake"]) }
        #expect(stakes.count == findings.count && stakes == stakes.sorted(by: >))
        // The tier-A sentence cites the retention worked out above.
        #expect(
            findings.contains {
                ($0["text"] as? String)?.contains("231 of the 248 customers who were tier A when 2025 began") == true
            })
        let first = try #require(findings.first?["text"] as? String)
        let dir = try temporaryDirectory()
        let html = dir.appendingPathComponent("summary.html").path
        let xlsx = dir.appendingPathComponent("summary.xlsx").path
        for path in [html, xlsx] {
            #expect(
                try runTool("sales-export", ["--period", "2025", "--db", db, "--lang", "en", "--out", path]).status == 0
            )
        }
        let page = try String(contentsOfFile: html, encoding: .utf8)
        let findingAt = try #require(page.range(of: first.replacingOccurrences(of: "'", with: "&#39;")))
        let headline = try #require(page.range(of: "Headline figures"))
        #expect(findingAt.lowerBound < headline.lowerBound)
        let markdown = try runTool("sales-export", ["--period", "2025", "--db", db, "--lang", "en"]).stdout
        #expect(markdown.contains("## 1. Work overview and core goals\n\n### Findings\n"))
        let workbook = try Workbook(path: xlsx)
        let cells = try workbook.cells(of: workbook.sheets[0])
        #expect(cells[CellReference(column: 1, row: 3)] == .text("Findings"))
        #expect(cells.values.contains(.text(first)))
    }

    @Test("complaints by kind: the seven descriptions of the demo, adding up to the complaints")
    func complaintKinds() throws {
        let feedback = try section(try json(), "customer_feedback")
        let kinds = try #require(feedback["complaints_by_kind"] as? [[String: Any]])
        #expect(kinds.count == 7)
        let counts = try kinds.map { try #require(number(try metric($0, "complaints")["value"])) }
        #expect(counts == counts.sorted(by: >))
        #expect(counts.reduce(0, +) == number(try metric(feedback, "complaints")["value"]))
        #expect(kinds.allSatisfy { ($0["kind"] as? String)?.isEmpty == false })
    }
}
