import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

@Suite("Plan: awards and improvement plans worked by hand")
struct PlanAwardsTests {
    /// 2025Q4 against 2025Q3, by hand:
    ///
    /// | rep | team | Q3 target | Q3 revenue | Q4 target | Q4 revenue | Q4 completion |
    /// |---|---|---:|---:|---:|---:|---:|
    /// | a.li | 东一 | 100,000 | 100,000 | 100,000 | 120,000 (+ a cancelled 500,000 and a sale marked returned) | 120% |
    /// | b.wang | 东一 | 100,000 | 90,000 | 50,000 | 60,000 | 120% (tie with a.li, less revenue) |
    /// | c.zhao | 北一 | 100,000 | 70,000 | 200,000 | 150,000 | 75% (70% before: a candidate) |
    /// | d.gone | 北一 (left) | – | – | 10,000 | 50,000 | 500%, but has left |
    /// | e.sun | 北一 | none | 10,000 | 100,000 | 70,000 | 70%, no Q3 target: left out |
    /// | f.qian | 东一 | 100,000 | 90,000 | 100,000 | 79,999 | 79.999% (only one quarter under 80%) |
    ///
    /// Team targets for Q4: 东一 250,000 (revenue 259,999: 103.9996%, 3 reps), 北一 300,000 (270,000: 90%).
    /// Surveys in Q4 of the owners' customers: a.li's C1 (5, 5, 5) and C2 (4, –, 4): 23 ÷ 5 = 4.6 from 2
    /// customers; b.wang's C3 (5, 4, 5), C4 (4, 4, 4), C5 (5, 5, –): 36 ÷ 8 = 4.5 from 3 customers; c.zhao's C6
    /// (5, 5, 5) from 1. A complaint and a Q3 survey do not count.
    static func store(targets: Bool = true, surveys: Bool = true) throws -> Store {
        let store = try makeTempStore()
        try store.write { c in
            try c.execute(
                """
                INSERT INTO region (id, name) VALUES (1, '华东');
                INSERT INTO person (id, login, name, team, region_id, active) VALUES
                    (1, 'a.li', '李安', '东一', 1, 1), (2, 'b.wang', '王博', '东一', 1, 1),
                    (3, 'c.zhao', '赵成', '北一', 1, 1), (4, 'd.gone', '钱多', '北一', 1, 0),
                    (5, 'e.sun', '孙一', '北一', 1, 1), (6, 'f.qian', '钱六', '东一', 1, 1);
                INSERT INTO customer (id, code, name, region_id, owner_id) VALUES
                    (1, 'C1', '甲', 1, 1), (2, 'C2', '乙', 1, 1), (3, 'C3', '丙', 1, 2), (4, 'C4', '丁', 1, 2),
                    (5, 'C5', '戊', 1, 2), (6, 'C6', '己', 1, 3);
                INSERT INTO order_line (order_no, order_date, customer_id, rep_id, amount_cents, status) VALUES
                    ('A3', '2025-08-01', 1, 1, 100000, 'completed'),
                    ('A4', '2025-11-01', 1, 1, 120000, 'completed'),
                    ('A4X', '2025-11-02', 1, 1, 500000, 'cancelled'),
                    ('A4R', '2025-11-03', 1, 1, 30000, 'returned'),
                    ('B3', '2025-08-01', 3, 2, 90000, 'completed'),
                    ('B4', '2025-11-01', 3, 2, 60000, 'completed'),
                    ('C3', '2025-08-01', 6, 3, 70000, 'completed'),
                    ('C4', '2025-11-01', 6, 3, 150000, 'completed'),
                    ('D4', '2025-11-01', 6, 4, 50000, 'completed'),
                    ('E3', '2025-09-30', 6, 5, 10000, 'completed'),
                    ('E4', '2025-10-01', 6, 5, 70000, 'completed'),
                    ('F3', '2025-07-01', 2, 6, 90000, 'completed'),
                    ('F4', '2025-12-31', 2, 6, 79999, 'completed');
                """)
            if targets {
                try c.execute(
                    """
                    INSERT INTO sales_target (scope, scope_key, period, amount_cents) VALUES
                        ('rep', 'a.li', '2025Q3', 100000), ('rep', 'b.wang', '2025Q3', 100000),
                        ('rep', 'c.zhao', '2025Q3', 100000), ('rep', 'f.qian', '2025Q3', 100000),
                        ('rep', 'a.li', '2025Q4', 100000), ('rep', 'b.wang', '2025Q4', 50000),
                        ('rep', 'c.zhao', '2025Q4', 200000), ('rep', 'd.gone', '2025Q4', 10000),
                        ('rep', 'e.sun', '2025Q4', 100000), ('rep', 'f.qian', '2025Q4', 100000),
                        ('team', '东一', '2025Q4', 250000), ('team', '北一', '2025Q4', 300000);
                    """)
            }
            if surveys {
                try c.execute(
                    """
                    INSERT INTO feedback (customer_id, received_on, kind, quality_score, delivery_score, service_score,
                                          status) VALUES
                        (1, '2025-10-05', 'survey', 5, 5, 5, NULL), (2, '2025-10-06', 'survey', 4, NULL, 4, NULL),
                        (3, '2025-10-05', 'survey', 5, 4, 5, NULL), (4, '2025-11-05', 'survey', 4, 4, 4, NULL),
                        (5, '2025-12-05', 'survey', 5, 5, NULL, NULL), (6, '2025-12-06', 'survey', 5, 5, 5, NULL),
                        (6, '2025-09-06', 'survey', 1, 1, 1, NULL), (2, '2025-11-06', 'complaint', NULL, NULL, NULL, 'open');
                    """)
            }
        }
        return store
    }

    static let q4 = try! ReportPeriod.parse("2025Q4")

    static func awards(_ store: Store, _ table: String = "") throws -> QuarterAwards {
        let plan = try CommissionPlan.parse(
            """
            name = "测试"
            version = "1"
            [rates]
            bands = [{ from = 0, rate = 2 }]
            \(table.isEmpty ? "" : "[awards]\n" + table)
            """, sha256: String(repeating: "0", count: 64), file: "plan.toml")
        return try QuarterAwards.build(store, quarter: q4, criteria: plan.awards)
    }

    @Test("the default criteria: a tie on completion goes to the higher revenue; a rep who left is no candidate")
    func defaults() throws {
        let store = try Self.store()
        defer { store.close() }
        let a = try Self.awards(store)
        #expect(a.criteria.starMinCompletionBasisPoints == 10_000 && a.criteria.satisfactionMinCustomers == 3)
        let star = a.awards[0]
        #expect(star.award == "quarterly_star")
        // a.li 120,000 ÷ 100,000 and b.wang 60,000 ÷ 50,000 are both exactly 120%: a.li has more revenue.
        // d.gone's 500% does not count (left); the cancelled line and the sale marked returned count 0.
        #expect(star.winner?.key == "a.li")
        #expect(star.winner?.revenueCents == 120_000)
        #expect(star.winner?.completion == 1.2)
        #expect(star.runnerUp?.key == "b.wang")
        #expect(star.considered == 5)  // the active reps with a Q4 target
        #expect(star.qualified == 2)
        // Satisfaction: only b.wang has 3 rated customers; 36 ÷ 8.
        let satisfaction = a.awards[1]
        #expect(satisfaction.winner?.key == "b.wang")
        #expect(satisfaction.winner?.score == 4.5)
        #expect(satisfaction.winner?.ratedCustomers == 3)
        #expect(satisfaction.winner?.surveyScores == 8)
        #expect(satisfaction.runnerUp == nil)
        #expect(satisfaction.considered == 3)
        // Team: 东一 259,999 of 250,000 with 3 reps; 北一 at 90% does not qualify.
        let team = a.awards[2]
        #expect(team.winner?.key == "东一")
        #expect(team.winner?.revenueCents == 259_999)
        #expect(team.winner?.reps == 3)
        #expect(team.runnerUp == nil)
        #expect(team.considered == 2 && team.qualified == 1)
        // Improvement: c.zhao under 80% in both; f.qian only in Q4; e.sun has no Q3 target and is left out.
        #expect(a.improvementCandidates.map(\.login) == ["c.zhao"])
        #expect(
            a.improvementCandidates[0].quarters == [
                QuarterAwards.QuarterFigure(
                    quarter: "2025Q3", revenueCents: 70_000, targetCents: 100_000, completion: 0.7),
                QuarterAwards.QuarterFigure(
                    quarter: "2025Q4", revenueCents: 150_000, targetCents: 200_000, completion: 0.75),
            ])
        #expect(a.leftOutWithoutTarget == 1)
        #expect(a.improvementConsidered == 4)  // a.li, b.wang, c.zhao, f.qian
        // The same store gives the same JSON.
        #expect(try JSONOutput.encode(Self.awards(store)) == JSONOutput.encode(a))
    }

    @Test("the minimum revenue exactly met qualifies; one cent more and nobody does, with the reason")
    func minimumRevenue() throws {
        let store = try Self.store()
        defer { store.close() }
        let met = try Self.awards(store, "star_min_revenue = 1200")
        #expect(
            AwardsText.criterion("quarterly_star", met.criteria, .en).hasPrefix(
                "quarter revenue ≥ ¥1,200.00, completion ≥ 100%;"))
        // No revenue floor (the default): no clause about one.
        #expect(AwardsText.criterion("quarterly_star", .defaults, .en).hasPrefix("completion ≥ 100%;"))
        #expect(AwardsText.criterion("quarterly_star", .defaults, .zh).hasPrefix("完成率 ≥ 100%；"))
        #expect(met.awards[0].winner?.key == "a.li")
        #expect(met.awards[0].runnerUp == nil)  // b.wang's 60,000 is under ¥1,200
        let missed = try Self.awards(store, "star_min_revenue = 1200.01")
        #expect(missed.awards[0].winner == nil)
        #expect(missed.awards[0].noWinnerReason == "none_qualified")
        #expect(AwardsText.noWinner(missed.awards[0], missed, .en).hasPrefix("no winner: none of the 5"))
        let threshold = try Self.awards(store, "improvement_threshold = 75")
        #expect(threshold.improvementCandidates.isEmpty)  // c.zhao's 75% is not under 75%
        #expect(AwardsText.text(threshold, planName: nil, lang: .en).contains("  none (4 reps assessed)\n"))
    }

    @Test("satisfaction: a lower minimum lets the higher mean win; a higher one leaves no winner")
    func satisfactionMinimum() throws {
        let store = try Self.store()
        defer { store.close() }
        let two = try Self.awards(store, "satisfaction_min_customers = 2")
        #expect(two.awards[1].winner?.key == "a.li")  // 4.6 from 2 customers
        #expect(two.awards[1].runnerUp?.key == "b.wang")
        let four = try Self.awards(store, "satisfaction_min_customers = 4")
        #expect(four.awards[1].winner == nil)
        #expect(four.awards[1].noWinnerReason == "none_qualified")
    }

    @Test("no targets and no surveys: every award says why nobody won, and every rep is left out")
    func noQualifier() throws {
        let store = try Self.store(targets: false, surveys: false)
        defer { store.close() }
        let a = try Self.awards(store)
        #expect(a.awards.map(\.noWinnerReason) == ["no_targets", "no_surveys", "no_team_targets"])
        #expect(a.awards.allSatisfy { $0.winner == nil && $0.runnerUp == nil })
        #expect(a.improvementCandidates.isEmpty)
        #expect(a.leftOutWithoutTarget == 5)  // the active reps with revenue in Q3 or Q4
        #expect(a.improvementConsidered == 0)
        let text = AwardsText.text(a, planName: nil, lang: .en)
        #expect(text.contains("no winner: no rep has a target for 2025Q4"))
        #expect(text.contains("  nobody to assess (no rep has a target for both quarters)\n"))
        #expect(text.contains("Active reps left out, without a target for one of the two quarters: 5"))
    }

    @Test("ties on every figure go to the login in code-point order")
    func tieOnLogin() throws {
        let half = try #require(Ratio(1, 2))
        let same = try #require(Ratio(2, 4))
        #expect(QuarterAwards.precedes(half, same, 10, 10, "a.b", "b.a"))
        #expect(!QuarterAwards.precedes(half, same, 10, 10, "b.a", "a.b"))
        #expect(QuarterAwards.precedes(half, same, 11, 10, "z", "a"))
        #expect(QuarterAwards.precedes(try #require(Ratio(3, 5)), half, 0, 100, "z", "a"))
        // Exact at the limit: no overflow in the cross products.
        #expect(QuarterAwards.reaches(Int64.max, Int64.max, 10_000))
        #expect(!QuarterAwards.reaches(Int64.max - 1, Int64.max, 10_000))
    }

    @Test("the [awards] table: unknown keys and values out of range are refused by name")
    func refusals() {
        func message(_ table: String) -> String? {
            do {
                _ = try CommissionPlan.parse(
                    "name = \"x\"\nversion = \"1\"\n[rates]\nbands = [{ from = 0, rate = 2 }]\n[awards]\n" + table,
                    sha256: "", file: "p.toml")
                return nil
            } catch let error as PlanError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        #expect(message("star_minimum = 5") == "p.toml: unknown key awards.star_minimum")
        #expect(message("satisfaction_min_customers = 0")?.contains("awards.satisfaction_min_customers") == true)
        #expect(message("star_min_revenue = -1")?.contains("awards.star_min_revenue") == true)
        #expect(message("improvement_threshold = \"80%\"")?.contains("awards.improvement_threshold") == true)
        #expect(message("team_min_reps = 2") == nil)
    }

    @Test("the summary's team section shows the same awards, from the same code")
    func summaryUsesTheSameAwards() throws {
        let store = try Self.store()
        defer { store.close() }
        let report = try SummaryReport.build(
            store: store, period: Self.q4, compare: .none, scope: .company)
        let team = report.data.team
        #expect(team.quarterAwards == (try Self.awards(store, "")).withSource(nil))
        #expect(team.improvementCandidates.map(\.login) == ["c.zhao"])
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(SummaryJSON.render(report, language: .en).utf8))
                as? [String: Any])
        let sections = try #require(json["sections"] as? [String: Any])
        let teamJSON = try #require(sections["team"] as? [String: Any])
        let awards = try #require(teamJSON["quarter_awards"] as? [String: Any])
        #expect(awards["quarter"] as? String == "2025Q4")
        let list = try #require(awards["awards"] as? [[String: Any]])
        #expect(list.map { ($0["winner"] as? [String: Any])?["key"] as? String } == ["a.li", "b.wang", "东一"])
        #expect(awards["left_out_without_target"] as? Int == 1)
        let markdown = try #require(SummaryOutput.text(report, format: .md, language: .en))
        #expect(markdown.contains("### Awards for 2025 Q4"))
        #expect(markdown.contains("Active reps left out, without a target for one of the two quarters: 1."))
    }
}

extension QuarterAwards {
    fileprivate func withSource(_ source: String?) -> QuarterAwards {
        var copy = self
        copy.criteria.source = source
        return copy
    }
}
