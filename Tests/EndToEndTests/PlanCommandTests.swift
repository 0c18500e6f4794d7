import Foundation
import SalesCore
import SalesTestSupport
import Testing
import XLSX

/// Why the demo store could not be made.
private struct PlanDemoFailed: Error, CustomStringConvertible {
    let description: String
}

/// `Fixtures/demo-company.xlsx` imported by the built `sales-import`, shared by the suite (read only).
private let planDemoStore: Result<String, any Error> = Result(catching: {
    let dir = try temporaryDirectory(prefix: "sales-plan-demo")
    let db = dir.appendingPathComponent("sales.db").path
    let imported = try runTool("sales-import", [fixtureURL("demo-company.xlsx").path, "--db", db])
    guard imported.status == 0 else {
        throw PlanDemoFailed(description: "sales-import exited \(imported.status): \(imported.stderr)")
    }
    return db
})

/// One SQL figure of a store, read independently of the plan's code.
private func scalar(_ db: String, _ sql: String) throws -> SQLValue? {
    let store = try Store.open(path: db, readOnly: true)
    defer { store.close() }
    return try store.read { try $0.scalar(sql) }
}

/// The built `sales-plan`, run on the demo company as a head of sales runs it.
@Suite("sales-plan, end to end")
struct PlanCommandTests {
    private func store() throws -> String { try planDemoStore.get() }

    private func forecastJSON(_ arguments: [String]) throws -> [String: Any] {
        let run = try runTool("sales-plan", ["forecast", "--db", try store(), "--json"] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
    }

    @Test("forecast 2026Q1: three months after a 24-month history, the backtest's choice, the pipeline")
    func demoForecast() throws {
        let db = try store()
        let document = try forecastJSON(["--horizon", "2026Q1"])
        #expect(document["horizon"] as? String == "2026Q1")
        let company = try #require(document["company"] as? [String: Any])
        #expect(company["history_first"] as? String == "2024-01")
        #expect(company["history_last"] as? String == "2025-12")
        #expect(company["history_months"] as? Int == 24)
        let months = try #require(company["months"] as? [[String: Any]])
        #expect(months.map { $0["month"] as? String } == ["2026-01", "2026-02", "2026-03"])
        let points = months.map { Int64(($0["forecast_cents"] as? Int) ?? -1) }
        #expect((company["total_cents"] as? Int).map(Int64.init) == points.reduce(0, +))
        for m in months {
            let low95 = try #require(m["low95_cents"] as? Int)
            let low80 = try #require(m["low80_cents"] as? Int)
            let point = try #require(m["forecast_cents"] as? Int)
            let high80 = try #require(m["high80_cents"] as? Int)
            let high95 = try #require(m["high95_cents"] as? Int)
            #expect(low95 < low80 && low80 < point && point < high80 && high80 < high95)
        }
        // Origins on the first 15 … 21 months, three months each.
        let backtest = try #require(company["backtest"] as? [String: Any])
        #expect(backtest["origins"] as? Int == 7)
        #expect(backtest["points"] as? Int == 21)
        let model = try #require(backtest["model"] as? [String: Any])
        let baseline = try #require(backtest["baseline"] as? [String: Any])
        let modelMASE = try #require(model["mase"] as? Double)
        let baselineMASE = try #require(baseline["mase"] as? Double)
        #expect(backtest["model_beats_baseline"] as? Bool == (modelMASE < baselineMASE))
        let method = company["method"] as? String
        #expect(method == (modelMASE < baselineMASE ? "holt_winters" : "seasonal_naive"))
        if method == "seasonal_naive" {
            // The baseline is last year's same months, summed from the store by plain SQL.
            for (index, month) in ["2025-01", "2025-02", "2025-03"].enumerated() {
                let revenue = try scalar(
                    db,
                    """
                    SELECT sum(CASE WHEN status = 'returned' THEN min(amount_cents, 0) ELSE amount_cents END)
                    FROM order_line WHERE status IN ('completed', 'returned') AND substr(order_date, 1, 7) = '\(month)'
                    """)?.int64
                #expect(points[index] == revenue)
            }
        }
        // The open pipeline: every opportunity not won or lost; one import, so every stage uses the overall rate.
        let pipeline = try #require(document["pipeline"] as? [String: Any])
        let open = try scalar(db, "SELECT count(*) FROM opportunity WHERE stage NOT IN ('won', 'lost')")?.int64
        #expect((pipeline["open_count"] as? Int).map(Int64.init) == open)
        let won = try scalar(db, "SELECT count(*) FROM opportunity WHERE stage = 'won'")?.int64 ?? 0
        let lost = try scalar(db, "SELECT count(*) FROM opportunity WHERE stage = 'lost'")?.int64 ?? 0
        #expect(abs((pipeline["overall_win_rate"] as? Double ?? -1) - Double(won) / Double(won + lost)) < 1e-12)
        let stages = try #require(pipeline["stages"] as? [[String: Any]])
        #expect(stages.allSatisfy { $0["rate_source"] as? String == "overall" })
        let weighted = stages.reduce(0) { $0 + (($1["weighted_cents"] as? Int) ?? 0) }
        #expect(pipeline["weighted_cents"] as? Int == weighted)
        #expect((pipeline["horizon_cents"] as? Int ?? -1) <= weighted)
        // The demo's peak quarters are Q2 and Q4 (DESIGN.md's seasonality), from the two years of history.
        let shares = try #require(document["quarter_shares"] as? [[String: Any]])
        #expect(
            shares.filter { $0["is_peak"] as? Bool == true }.compactMap { $0["quarter"] as? Int }.sorted() == [2, 4])
        #expect(document["quarter_shares_from"] as? String == "history 2024–2025")
    }

    @Test("the table names the method and the backtest, fits 100 columns, and is the same on every run")
    func table() throws {
        let db = try store()
        for lang in ["en", "zh"] {
            let run = try runTool("sales-plan", ["forecast", "--db", db, "--lang", lang])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 100 })
            #expect(run.stdout.contains("MAPE") && run.stdout.contains("MASE"))
            let again = try runTool("sales-plan", ["forecast", "--db", db, "--lang", lang])
            #expect(again.stdout == run.stdout)
        }
        // The other commands' tables too, with --by rep's longest names.
        let plan = fixtureURL("demo-commission.toml").path
        for arguments in [
            ["forecast", "--by", "rep"], ["targets", "--year", "2026", "--growth", "12%"],
            ["commission", "--period", "2025Q4", "--plan", plan],
            ["awards", "--period", "2025Q4", "--plan", plan],
        ] {
            for lang in ["en", "zh"] {
                let run = try runTool("sales-plan", arguments + ["--db", db, "--lang", lang])
                #expect(run.status == 0, "\(run.stderr)")
                let wide = run.stdout.split(separator: "\n").filter { DisplayWidth.of(String($0)) > 100 }
                #expect(wide.isEmpty, "\(arguments[0]) --lang \(lang): \(wide.first ?? "")")
            }
        }
        let en = try runTool("sales-plan", ["forecast", "--db", db, "--lang", "en"])
        #expect(en.stdout.hasPrefix("Revenue forecast for 2026Q1\n"))
        #expect(en.stdout.contains("Seasonal naive (baseline)"))
        #expect(en.stdout.contains("Peak quarters (of history 2024–2025): Q"))
    }

    @Test("--by region forecasts every region with orders; a year horizon names its peak quarters from itself")
    func byRegion() throws {
        let db = try store()
        let document = try forecastJSON(["--horizon", "2026", "--by", "region"])
        let groups = try #require(document["groups"] as? [[String: Any]])
        let regions = try scalar(
            db,
            """
            SELECT count(DISTINCT coalesce(rc.name, rp.name, '')) FROM order_line o
            LEFT JOIN customer c ON c.id = o.customer_id LEFT JOIN region rc ON rc.id = c.region_id
            LEFT JOIN person p ON p.id = o.rep_id LEFT JOIN region rp ON rp.id = p.region_id
            WHERE o.status IN ('completed', 'returned')
            """)?.int64
        #expect(Int64(groups.count) == regions)
        for group in groups {
            let forecast = try #require(group["forecast"] as? [String: Any])
            #expect((forecast["months"] as? [Any])?.count == 12)
        }
        #expect(document["quarter_shares_from"] as? String == "forecast 2026")
        let shares = try #require(document["quarter_shares"] as? [[String: Any]])
        let total = shares.reduce(0.0) { $0 + (($1["share"] as? Double) ?? 0) }
        #expect(abs(total - 1) < 1e-9)
    }

    @Test("--series backtests and forecasts a CSV series; an exact line plus season is continued exactly")
    func seriesFile() throws {
        let dir = try temporaryDirectory()
        let season: [Double] = [-30, -40, -10, 20, 35, 15, -25, -20, 5, 10, 15, 25]
        var csv = "month,passengers\n"
        for t in 0..<30 {
            let month = PlanMonth(year: 2019, month: 1).advanced(by: t)
            csv += "\(month.text),\(String(format: "%.2f", 300 + 2.5 * Double(t) + season[t % 12]))\n"
        }
        let path = dir.appendingPathComponent("series.csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try runTool("sales-plan", ["forecast", "--series", path, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        #expect(document["method"] as? String == "holt_winters")
        let months = try #require(document["months"] as? [[String: Any]])
        // The series ends 2021-06: the default horizon is 2021Q3.
        #expect(months.map { $0["month"] as? String } == ["2021-07", "2021-08", "2021-09"])
        for (h, month) in months.enumerated() {
            let t = 30 + h
            #expect(abs((month["forecast"] as? Double ?? 0) - (300 + 2.5 * Double(t) + season[t % 12])) < 0.006)
        }
        let text = try runTool("sales-plan", ["forecast", "--series", path, "--lang", "en"])
        #expect(text.stdout.contains("The model's errors are smaller than the seasonal-naive baseline's"))

        // A missing month is named with its row.
        let gap = dir.appendingPathComponent("gap.csv").path
        try "month,value\n2020-01,5\n2020-02,6\n2020-04,7\n".write(toFile: gap, atomically: true, encoding: .utf8)
        let refused = try runTool("sales-plan", ["forecast", "--series", gap])
        #expect(refused.status == 65)
        #expect(
            refused.stderr == "sales-plan: \(gap) row 4: month 2020-04 where 2020-03 was expected "
                + "(months must follow one another, without gaps or repeats)\n")
        let notNumber = dir.appendingPathComponent("text.csv").path
        try "2020-01,5\n2020-02,abc\n".write(toFile: notNumber, atomically: true, encoding: .utf8)
        let bad = try runTool("sales-plan", ["forecast", "--series", notNumber])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("row 2 column 2: \"abc\" is not a number"))
    }

    @Test("a horizon inside the history, a month, no store, or too little history: one line and its exit code")
    func refusals() throws {
        let db = try store()
        let inside = try runTool("sales-plan", ["forecast", "--db", db, "--horizon", "2025Q4"])
        #expect(inside.status == 64)
        #expect(inside.stderr.hasPrefix("sales-plan: --horizon 2025Q4 does not lie after the store's history"))
        let month = try runTool("sales-plan", ["forecast", "--db", db, "--horizon", "2026-01"])
        #expect(month.status == 64)
        #expect(month.stderr.split(separator: "\n").count == 1)
        let missing = try runTool("sales-plan", ["forecast", "--db", try temporaryDatabasePath()])
        #expect(missing.status == 66)
        let empty = try temporaryDatabasePath()
        try Store.open(path: empty).close()
        let nothing = try runTool("sales-plan", ["forecast", "--db", empty])
        #expect(nothing.status == 65)
        #expect(nothing.stderr.contains("no completed order lines"))
    }

    /// A copy of the demo store this test may change.
    private func storeCopy() throws -> String {
        let source = try store()
        let dir = try temporaryDirectory(prefix: "sales-plan-copy")
        let copy = dir.appendingPathComponent("sales.db").path
        // No tool has the store open: the main file and any write-ahead log make the copy.
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: source + suffix) {
            try FileManager.default.copyItem(atPath: source + suffix, toPath: copy + suffix)
        }
        return copy
    }

    @Test("targets 2026: +12% on 2025, written as a workbook that sales-import loads and the summary measures against")
    func targetsRoundTrip() throws {
        let db = try storeCopy()
        let dir = try temporaryDirectory()
        let workbook = dir.appendingPathComponent("targets-2026.xlsx").path
        let run = try runTool(
            "sales-plan", ["targets", "--db", db, "--year", "2026", "--growth", "12%", "--out", workbook, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let plan = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        let revenue2025 = try #require(
            try scalar(
                db,
                """
                SELECT sum(CASE WHEN status = 'returned' THEN min(amount_cents, 0) ELSE amount_cents END) FROM order_line
                WHERE status IN ('completed', 'returned') AND order_date BETWEEN '2025-01-01' AND '2025-12-31'
                """)?.int64)
        let total = try #require(plan["total_cents"] as? Int)
        // 2025's revenue × 1.12 to the cent, in integers: (r × 112 + 50) ÷ 100.
        #expect(Int64(total) == (revenue2025 * 112 + 50) / 100)
        let quarters = try #require(plan["quarter_cents"] as? [Int])
        #expect(quarters.reduce(0, +) == total)
        let regions = try #require(plan["regions"] as? [[String: Any]])
        #expect(regions.reduce(0) { $0 + (($1["year_cents"] as? Int) ?? 0) } == total)

        let imported = try runTool("sales-import", [workbook, "--db", db])
        #expect(imported.status == 0, "\(imported.stderr)")
        let stored = try #require(
            try scalar(db, "SELECT amount_cents FROM sales_target WHERE scope = 'company' AND period = '2026'")?.int64)
        #expect(stored == Int64(total))
        let storedRegions = try scalar(
            db, "SELECT sum(amount_cents) FROM sales_target WHERE scope = 'region' AND period = '2026'")?.int64
        #expect(storedRegions == Int64(total))
        let rows = try scalar(db, "SELECT count(*) FROM sales_target WHERE period LIKE '2026%'")?.int64 ?? 0
        #expect(rows > 5)

        // The summary of 2026 measures against it: the company's, and a region's Q2.
        func target(_ arguments: [String]) throws -> Double? {
            let summary = try runTool("sales-export", ["--format", "json", "--db", db, "--lang", "en"] + arguments)
            #expect(summary.status == 0, "\(summary.stderr)")
            let document = try #require(try JSONSerialization.jsonObject(with: summary.stdoutData) as? [String: Any])
            let sections = try #require(document["sections"] as? [String: Any])
            let core = try #require(sections["core_goals"] as? [String: Any])
            return ((core["target"] as? [String: Any])?["value"] as? NSNumber)?.doubleValue
        }
        #expect(try target(["--period", "2026"]) == Double(total) / 100)
        let first = try #require(regions.first)
        let name = try #require(first["key"] as? String)
        let q2 = try #require((first["quarter_cents"] as? [Int])?[1])
        #expect(try target(["--period", "2026Q2", "--scope", "region:\(name)"]) == Double(q2) / 100)

        // Loading it again changes nothing.
        let again = try runTool("sales-import", [workbook, "--db", db])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try scalar(db, "SELECT count(*) FROM sales_target WHERE period LIKE '2026%'")?.int64 == rows)
    }

    @Test("targets: one of --total or --growth, a year after the history, an .xlsx --out")
    func targetRefusals() throws {
        let db = try store()
        #expect(try runTool("sales-plan", ["targets", "--db", db, "--year", "2026"]).status == 64)
        #expect(
            try runTool("sales-plan", ["targets", "--db", db, "--year", "2026", "--total", "1", "--growth", "1%"])
                .status
                == 64)
        let early = try runTool("sales-plan", ["targets", "--db", db, "--year", "2025", "--total", "1000"])
        #expect(early.status == 64)
        #expect(early.stderr.hasPrefix("sales-plan: --year 2025 does not follow the store's history"))
        #expect(
            try runTool("sales-plan", ["targets", "--db", db, "--year", "2026", "--total", "abc"]).status == 64)
        #expect(
            try runTool("sales-plan", ["targets", "--db", db, "--year", "2026", "--total", "1", "--out", "t.csv"])
                .status == 64)
        // An awkward total: ¥12,345,678.91 splits to the cent.
        let run = try runTool(
            "sales-plan", ["targets", "--db", db, "--year", "2026", "--total", "12,345,678.91", "--json"])
        let plan = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        #expect(plan["total_cents"] as? Int == 1_234_567_891)
        let reps = try #require(plan["reps"] as? [[String: Any]])
        let regions = try #require(plan["regions"] as? [[String: Any]])
        for region in regions {
            let key = region["key"] as? String
            let own = reps.filter { $0["region"] as? String == key }
            guard !own.isEmpty else { continue }
            #expect(own.reduce(0) { $0 + (($1["year_cents"] as? Int) ?? 0) } == region["year_cents"] as? Int)
        }
    }

    @Test("commission 2025Q4: statements in XLSX and HTML, every line an order line of the rep, totals that add up")
    func commission() throws {
        let db = try storeCopy()  // writing statements records the plan's version in the store
        let dir = try temporaryDirectory()
        let xlsx = dir.appendingPathComponent("q4.xlsx").path
        let html = dir.appendingPathComponent("q4.html").path
        let plan = fixtureURL("demo-commission.toml").path
        let arguments = ["commission", "--db", db, "--period", "2025Q4", "--plan", plan, "--json", "--lang", "en"]
        let run = try runTool("sales-plan", arguments + ["--out", xlsx, "--html", html])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        #expect(document["plan_version"] as? String == "2025.3")
        #expect((document["plan_sha256"] as? String)?.count == 64)
        let statements = try #require(document["statements"] as? [[String: Any]])
        let reps = try scalar(
            db,
            """
            SELECT count(DISTINCT rep_id) FROM order_line WHERE status IN ('completed', 'returned')
            AND order_date BETWEEN '2025-10-01' AND '2025-12-31'
            """)?.int64
        #expect(Int64(statements.count) == reps)
        var all = 0
        let store = try Store.open(path: db, readOnly: true)
        defer { store.close() }
        for statement in statements {
            let lines = try #require(statement["lines"] as? [[String: Any]])
            let sum = lines.reduce(0) { $0 + (($1["commission_cents"] as? Int) ?? 0) }
            #expect(statement["lines_cents"] as? Int == sum)
            let total = (statement["total_cents"] as? Int) ?? -1
            let capped = (statement["capped_cents"] as? Int) ?? -1
            let bonus = (statement["bonus_cents"] as? Int) ?? -1
            #expect(total == sum - capped + bonus)
            #expect(sum - capped <= 15_000_000)  // the plan's cap, ¥150,000
            #expect(bonus == ((statement["new_customers"] as? [Any])?.count ?? -1) * 30_000)
            all += total
            // Every line is an order line of this rep in the period, with its amount.
            let login = try #require(statement["login"] as? String)
            for line in lines.prefix(5) {
                let id = try #require(line["line_id"] as? Int)
                let row = try store.read {
                    try $0.query(
                        """
                        SELECT o.amount_cents, p.login, o.order_date FROM order_line o JOIN person p ON p.id = o.rep_id
                        WHERE o.id = ?
                        """, [.integer(Int64(id))])
                }
                #expect(row.first?[0].int64 == (line["amount_cents"] as? Int).map(Int64.init))
                #expect(row.first?[1].text == login)
                #expect(row.first?[2].text?.hasPrefix("2025-1") == true)
            }
        }
        #expect(document["total_cents"] as? Int == all)
        let teams = try #require(document["teams"] as? [[String: Any]])
        #expect(teams.reduce(0) { $0 + (($1["total_cents"] as? Int) ?? 0) } == all)

        // The files: a workbook that opens, a page that names every rep; the same again byte for byte.
        let page = try String(contentsOfFile: html, encoding: .utf8)
        for statement in statements { #expect(page.contains("(\(statement["login"] as? String ?? "?"))")) }
        let workbook = try Workbook(path: xlsx)
        #expect(workbook.sheets.map(\.name) == ["Statements", "Teams", "Lines", "Plan"])
        var lineRows = 0
        try workbook.readSheet(workbook.sheets[2]) { _ in lineRows += 1 }
        #expect(lineRows == 1 + statements.reduce(0) { $0 + (($1["lines"] as? [Any])?.count ?? 0) })
        let first = try Data(contentsOf: URL(fileURLWithPath: xlsx))
        let again = try runTool("sales-plan", arguments + ["--out", xlsx, "--html", html])
        #expect(again.stdout == run.stdout)
        #expect(try Data(contentsOf: URL(fileURLWithPath: xlsx)) == first)
        #expect(try String(contentsOfFile: html, encoding: .utf8) == page)

        let missing = try runTool(
            "sales-plan", ["commission", "--db", db, "--period", "2025Q4", "--plan", "nope.toml"])
        #expect(missing.status == 66)
    }

    @Test("a plan version is its terms: the same version with changed contents is refused; a raised one is recorded")
    func planVersions() throws {
        let db = try storeCopy()
        let dir = try temporaryDirectory()
        let original = try String(contentsOf: fixtureURL("demo-commission.toml"), encoding: .utf8)
        let plan = dir.appendingPathComponent("plan.toml").path
        let out = dir.appendingPathComponent("q4.xlsx").path
        try original.write(toFile: plan, atomically: true, encoding: .utf8)
        let arguments = ["commission", "--db", db, "--period", "2025Q4", "--plan", plan, "--out", out]
        #expect(try runTool("sales-plan", arguments).status == 0)
        #expect(try runTool("sales-plan", arguments).status == 0)  // the same terms again: fine
        #expect(try scalar(db, "SELECT count(*) FROM commission_plan_version")?.int64 == 1)
        let sha = try scalar(db, "SELECT file_sha256 FROM commission_plan_version")?.text
        #expect(sha?.count == 64)
        #expect(try scalar(db, "SELECT version FROM commission_plan_version")?.text == "2025.3")

        // The cap changed, the version did not: refused in one line, with or without --out, nothing written.
        let changed = original.replacingOccurrences(of: "cap = 150000", with: "cap = 200000")
        #expect(changed != original)
        try changed.write(toFile: plan, atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: out)
        for extra in [[], ["--json"]] {
            let refused = try runTool("sales-plan", arguments + extra)
            #expect(refused.status == 65)
            #expect(
                refused.stderr.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(
                    "plan 2025 销售提成方案 version 2025.3 was already used with different terms; raise its version"),
                "\(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").count == 1)
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try scalar(db, "SELECT count(*) FROM commission_plan_version")?.int64 == 1)

        // Raised: recorded beside the first.
        try changed.replacingOccurrences(of: "version = \"2025.3\"", with: "version = \"2025.4\"")
            .write(toFile: plan, atomically: true, encoding: .utf8)
        let raised = try runTool("sales-plan", arguments)
        #expect(raised.status == 0, "\(raised.stderr)")
        #expect(
            try scalar(
                db,
                "SELECT group_concat(version, ' ') FROM (SELECT version FROM commission_plan_version ORDER BY version)")?
                .text == "2025.3 2025.4")
    }

    @Test("awards 2025Q4 on the demo under its plan: criteria, winners checked against the store, the candidates")
    func awards() throws {
        let db = try store()
        let plan = fixtureURL("demo-commission.toml").path
        let run = try runTool("sales-plan", ["awards", "--db", db, "--period", "2025Q4", "--plan", plan, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        #expect(document["quarter"] as? String == "2025Q4")
        #expect(document["previous_quarter"] as? String == "2025Q3")
        let criteria = try #require(document["criteria"] as? [String: Any])
        #expect(criteria["source"] as? String == plan)
        let awards = try #require(document["awards"] as? [[String: Any]])
        #expect(
            awards.map { $0["award"] as? String } == ["quarterly_star", "customer_satisfaction", "team_collaboration"])

        // The star, recomputed from the store in SQL: the best completion among active reps with a 2025Q4
        // target and at least the plan's minimum revenue and completion.
        let minimum = try #require(criteria["star_min_revenue_cents"] as? Int)
        let minCompletion = try #require(criteria["star_min_completion_basis_points"] as? Int)
        let best = try scalar(
            db,
            """
            WITH rev AS (
              SELECT p.login, coalesce(sum(CASE WHEN o.status = 'returned' THEN min(o.amount_cents, 0)
                                               ELSE o.amount_cents END), 0) AS cents
              FROM person p LEFT JOIN order_line o ON o.rep_id = p.id AND o.status <> 'cancelled'
                AND o.order_date BETWEEN '2025-10-01' AND '2025-12-31'
              WHERE p.active = 1 GROUP BY p.login),
            tgt AS (
              SELECT scope_key AS login, sum(amount_cents) AS cents FROM sales_target
              WHERE scope = 'rep' AND period IN ('2025-10', '2025-11', '2025-12') GROUP BY scope_key
              UNION ALL SELECT scope_key, amount_cents FROM sales_target WHERE scope = 'rep' AND period = '2025Q4')
            SELECT rev.login FROM rev JOIN tgt USING (login)
            WHERE tgt.cents > 0 AND rev.cents >= \(minimum) AND rev.cents * 10000 >= \(minCompletion) * tgt.cents
            ORDER BY rev.cents * 1.0 / tgt.cents DESC, rev.cents DESC, rev.login LIMIT 1
            """)?.text
        let star = try #require(awards[0]["winner"] as? [String: Any])
        #expect(star["key"] as? String == best)
        for award in awards {
            // Never a blank: a winner, or the reason there is none.
            #expect((award["winner"] as? [String: Any]) != nil || award["no_winner_reason"] as? String != nil)
        }
        // Improvement-plan candidates: under 80% both quarters, with both quarters' figures.
        let candidates = try #require(document["improvement_candidates"] as? [[String: Any]])
        for candidate in candidates {
            let quarters = try #require(candidate["quarters"] as? [[String: Any]])
            #expect(quarters.map { $0["quarter"] as? String } == ["2025Q3", "2025Q4"])
            for q in quarters {
                let revenue = try #require(q["revenue_cents"] as? Int)
                let target = try #require(q["target_cents"] as? Int)
                #expect(target > 0 && revenue * 100 < 80 * target)
            }
        }

        // The table: every criterion named, the same on every run, in both languages.
        let table = try runTool(
            "sales-plan", ["awards", "--db", db, "--period", "2025Q4", "--plan", plan, "--lang", "en"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("Quarterly star\n  quarter revenue ≥ ¥2,500,000.00, completion ≥ 100%\n"))
        #expect(
            table.stdout.contains("Improvement-plan candidates\n  completion under 80% in both 2025Q3 and 2025Q4\n"))
        #expect(
            try runTool("sales-plan", ["awards", "--db", db, "--period", "2025Q4", "--plan", plan, "--lang", "en"])
                .stdout == table.stdout)
        let zh = try runTool("sales-plan", ["awards", "--db", db, "--period", "2025Q4", "--lang", "zh"])
        #expect(zh.stdout.contains("季度之星") && zh.stdout.contains("默认条件"))
        // A month, and a plan that does not exist.
        #expect(try runTool("sales-plan", ["awards", "--db", db, "--period", "2025-12"]).status == 64)
        #expect(
            try runTool("sales-plan", ["awards", "--db", db, "--period", "2025Q4", "--plan", "nope.toml"]).status == 66)
    }

    @Test("the 2025 summary: section 3's awards are sales-plan awards', section 7's forecast is sales-plan forecast's")
    func summaryAwardsAndOutlook() throws {
        let db = try store()
        let summary = try runTool("sales-export", ["--db", db, "--period", "2025", "--format", "json", "--lang", "en"])
        #expect(summary.status == 0, "\(summary.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: summary.stdoutData) as? [String: Any])
        let sections = try #require(document["sections"] as? [String: Any])
        // The team section's awards: the last completed quarter, the defaults, the same document as the tool's.
        let team = try #require(sections["team"] as? [String: Any])
        let fromSummary = try #require(team["quarter_awards"] as? NSDictionary)
        let awards = try runTool("sales-plan", ["awards", "--db", db, "--period", "2025Q4", "--json"])
        let fromTool = try #require(try JSONSerialization.jsonObject(with: awards.stdoutData) as? NSDictionary)
        #expect(fromSummary == fromTool)
        // The outlook's forecast: 2026Q1 as sales-plan forecast --horizon 2026Q1 forecasts it, with its method
        // and the MAPE of that method in the backtest.
        let outlook = try #require(sections["outlook"] as? [String: Any])
        let forecast = try #require(outlook["forecast"] as? [String: Any])
        let company = try #require(forecastJSON(["--horizon", "2026Q1"])["company"] as? [String: Any])
        #expect(forecast["quarter"] as? String == "2026Q1")
        let cents = try #require(company["total_cents"] as? Int)
        // Money is a JSON number in yuan with two decimals: both sides are the double nearest to it.
        #expect(forecast["revenue"] as? Double == Double(cents) / 100)
        #expect(forecast["method"] as? String == company["method"] as? String)
        let backtest = try #require(company["backtest"] as? [String: Any])
        let used = try #require(
            backtest[company["method"] as? String == "holt_winters" ? "model" : "baseline"] as? [String: Any])
        #expect(forecast["backtest_mape"] as? Double == used["mape"] as? Double)
        #expect(forecast["history_months"] as? Int == 24)
        // The demo store holds no 2026 target until the targets workbook is imported.
        #expect(outlook["next_year_target"] is NSNull)
    }

    @Test("forged amounts that no 64-bit total holds: every command refuses in one line, naming the largest line")
    func forgedAmounts() throws {
        let db = try storeCopy()
        let store = try Store.open(path: db)
        try store.write {
            try $0.execute(
                """
                INSERT INTO order_line (order_no, order_date, customer_id, rep_id, product_id, amount_cents, status)
                SELECT 'X' || n, '2025-11-0' || n, 1, (SELECT min(rep_id) FROM order_line), 1, 4611686018427387903,
                       'completed'
                FROM (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3)
                """)
        }
        store.close()
        let plan = fixtureURL("demo-commission.toml").path
        for arguments in [
            ["forecast"], ["targets", "--year", "2026", "--growth", "5%"],
            ["commission", "--period", "2025Q4", "--plan", plan],
        ] {
            let run = try runTool("sales-plan", arguments + ["--db", db])
            #expect(run.status == 65, "\(arguments[0]): \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1)
            #expect(run.stdout.isEmpty)
        }
        let forecast = try runTool("sales-plan", ["forecast", "--db", db])
        #expect(forecast.stderr.contains("order X1: ¥46,116,860,184,273,879.03"))
    }
}
