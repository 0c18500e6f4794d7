import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

@Suite("sales-export metrics: missing data is reported as missing, with the reason, never as zero")
struct ExportMissingDataTests {
    @Test("a store with people and customers but no facts")
    func emptyStore() throws {
        let data = try ExportTestStore.summary(try ExportTestStore.makeDimensionsOnly())
        let core = data.coreGoals
        // Revenue is a computed zero; everything divided by it is missing.
        #expect(core.revenue.value == .cents(0) && core.revenue.comparison == .cents(0))
        #expect(reason(core.target.value) == "no targets for the company in 2026Q1")
        #expect(reason(core.targetCompletion.value) == "no targets for the company in 2026Q1")
        #expect(reason(core.growth.value) == "no revenue in 2025Q1 to compare with")
        #expect(core.growth.direction == nil)
        #expect(reason(core.newCustomerShare.value) == "no revenue in 2026Q1")
        #expect(reason(core.repurchaseRate.value) == "no orders in 2026Q1")
        #expect(reason(core.complaintRate.value) == "no orders in 2026Q1")
        #expect(
            reason(core.tierARetention.value)
                == "no tier-A customers as of 2025-12-31 (no orders in the 365 days before)")

        let key = data.keyIndicators
        #expect(reason(key.perRepOutput.value) == "no rep sold anything in 2026Q1")
        #expect(reason(key.salesCycleDays.value) == "no opportunities imported")
        #expect(reason(key.leadConversion.value) == "no opportunities imported")
        #expect(reason(key.winRate.value) == "no opportunities imported")
        #expect(reason(key.averageOrderValue.value) == "no orders in 2026Q1")
        #expect(reason(key.dsoDays.value) == "no receivables imported")
        #expect(reason(key.overdueReceivables.value) == "no receivables imported")

        let market = data.marketAndCustomers
        #expect(market.scoreRun == nil)
        #expect(
            market.tiers.allSatisfy {
                reason($0.customers.value) == "no scoring run covers this period; run sales-score"
            })
        #expect(market.highValueShare.value.isMissing)
        #expect(reason(market.churnRate.value) == "no customer ordered in 2025Q1")
        #expect(market.channels.isEmpty)

        #expect(data.salesPerformance.seasonality.allSatisfy { reason($0.index.value) == "no revenue in 2025" })
        #expect(data.salesPerformance.regions.map(\.name) == ["华东", "华南", "西部"])
        #expect(data.team.reps.isEmpty && data.team.improvementCandidates.isEmpty)
        #expect(data.team.quarterAwards?.awards.allSatisfy { $0.winner == nil } ?? true)

        let expenses = data.expensesAndBudget
        #expect(reason(expenses.budget.value) == "no budgets for the company in 2026Q1")
        #expect(reason(expenses.budgetExecution.value) == "no budgets for the company in 2026Q1")
        #expect(expenses.spend.value == .cents(0))
        #expect(expenses.roiByCategory.isEmpty && expenses.budgetLines.isEmpty)

        let feedback = data.customerFeedback
        #expect(reason(feedback.satisfaction.value) == "no survey scores received in 2026Q1")
        #expect(reason(feedback.closureRate.value) == "no complaints received in 2026Q1")
        #expect(reason(feedback.medianDaysToClose.value) == "no complaint has a resolution date in 2026Q1")
        #expect(feedback.complaints.value == .count(0))
    }

    @Test("the reasons read in Chinese too; a region's or team's reasons name it in both languages")
    func chineseReasons() throws {
        let data = try ExportTestStore.summary(try ExportTestStore.makeDimensionsOnly())
        let core = data.coreGoals
        #expect(reasonZh(core.target.value) == "2026Q1 无公司目标")
        #expect(reasonZh(core.growth.value) == "对比期 2025Q1 无销售额，无法比较")
        #expect(reasonZh(core.newCustomerShare.value) == "2026Q1 无销售额")
        #expect(reasonZh(core.repurchaseRate.value) == "2026Q1 无订单")
        #expect(core.tierARetention.value.missingReason?.text(.zh) == "截至 2025-12-31 没有 A 类客户（此前 365 天内无订单）")
        #expect(
            core.tierARetention.value.missingReason?.text(.en)
                == "no tier-A customers as of 2025-12-31 (no orders in the 365 days before)")
        #expect(reasonZh(data.keyIndicators.perRepOutput.value) == "2026Q1 没有销售人员成交")
        #expect(reasonZh(data.keyIndicators.leadConversion.value) == "未导入商机")
        #expect(reasonZh(data.keyIndicators.dsoDays.value) == "未导入应收账款")
        #expect(reasonZh(data.marketAndCustomers.churnRate.value) == "2025Q1 没有客户下单")
        #expect(reasonZh(data.expensesAndBudget.budget.value) == "2026Q1 无公司预算")
        #expect(reasonZh(data.customerFeedback.satisfaction.value) == "2026Q1 未收到调查评分")
        #expect(reasonZh(data.customerFeedback.closureRate.value) == "2026Q1 未收到投诉")
        #expect(reasonZh(data.customerFeedback.medianDaysToClose.value) == "2026Q1 没有记有解决日期的投诉")
        #expect(reasonZh(data.salesPerformance.months[3].revenue.value) == "晚于报告期 2026Q1")
        #expect(reasonZh(data.salesPerformance.regions[0].target.value) == "2026Q1 无 华东 区域的目标")

        let east = try ExportTestStore.summary(try ExportTestStore.makeDimensionsOnly(), scope: .region("华东"))
        #expect(reason(east.coreGoals.repurchaseRate.value) == "no orders in 2026Q1 for region 华东")
        #expect(reasonZh(east.coreGoals.repurchaseRate.value) == "华东 区域：2026Q1 无订单")
        #expect(reason(east.coreGoals.target.value) == "no targets for region 华东 in 2026Q1")
        #expect(reasonZh(east.coreGoals.target.value) == "2026Q1 无 华东 区域的目标")
        #expect(reason(east.expensesAndBudget.budget.value) == "no budgets for region 华东 in 2026Q1")
        #expect(reasonZh(east.expensesAndBudget.budget.value) == "2026Q1 无 华东 区域的预算")
        let team = try ExportTestStore.summary(
            try ExportTestStore.makeDimensionsOnly(), scope: .team("East-1"),
            options: SummaryOptions())
        #expect(reason(team.marketAndCustomers.churnRate.value) == "no customer ordered in 2025Q1 for team East-1")
        #expect(reasonZh(team.marketAndCustomers.churnRate.value) == "East-1 团队：2025Q1 没有客户下单")

        let none = try ExportTestStore.summary(try ExportTestStore.make(), compare: .none)
        #expect(reasonZh(none.coreGoals.growth.value) == "未设对比期（--compare none）")
        let hand = try ExportTestStore.summary(try ExportTestStore.make())
        #expect(reasonZh(hand.team.reps[3].conversion.value) == "qian 在 2026Q1 没有新建商机")
        #expect(reasonZh(hand.team.reps[1].daysToCollect.value) == "zhao 负责的客户在 2026Q1 没有全额回款的发票")
    }

    @Test(
        "every missing figure of every summary has a reason in both languages, the Chinese one in Chinese",
        arguments: [
            ("2026Q1", ComparisonMode.yearOverYear, ReportScope.company), ("2024Q1", .previous, .company),
            ("2026Q3", .none, .region("华南")), ("2026-02", .yearOverYear, .team("East-1")),
            ("2025", .previous, .company),
        ])
    func everyReasonBilingual(period: String, compare: ComparisonMode, scope: ReportScope) throws {
        for store in [try ExportTestStore.make(), try ExportTestStore.makeDimensionsOnly()] {
            let data = try ExportTestStore.summary(store, period, compare: compare, scope: scope)
            let reasons = metricValues(in: data).compactMap(\.missingReason)
            #expect(!reasons.isEmpty)
            for reason in reasons {
                #expect(!reason.en.isEmpty && reason.zh != reason.en, "\(reason)")
                #expect(reason.zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(reason.zh)")
                // No English left in the Chinese text but the tool's own words.
                let english = reason.zh.replacingOccurrences(of: "sales-score", with: "")
                    .replacingOccurrences(of: "--compare none", with: "")
                    .split(whereSeparator: { !$0.isASCII || !$0.isLetter }).filter { $0.count > 1 }
                let names: Set<String> = ["East", "South", "HQ", "li", "han", "zhao", "qian", "wang"]
                #expect(english.allSatisfy { names.contains(String($0)) }, "\(reason.zh)")
            }
        }
    }

    @Test("opportunities imported, but none in the period")
    func noOpportunitiesInPeriod() throws {
        let data = try ExportTestStore.summary(try ExportTestStore.make(), "2024Q1")
        #expect(reason(data.keyIndicators.leadConversion.value) == "no opportunities created in 2024Q1")
        #expect(reason(data.keyIndicators.winRate.value) == "no opportunities won or lost in 2024Q1")
        #expect(reason(data.keyIndicators.salesCycleDays.value) == "no opportunities won in 2024Q1")
    }

    @Test("--compare none: no comparison values, growth and churn missing with the reason")
    func noComparison() throws {
        let data = try ExportTestStore.summary(try ExportTestStore.make(), compare: .none)
        #expect(data.comparisonPeriod == nil)
        #expect(data.coreGoals.revenue.comparison == nil && data.coreGoals.revenue.direction == nil)
        #expect(reason(data.coreGoals.growth.value) == "no comparison period (--compare none)")
        #expect(reason(data.marketAndCustomers.churnRate.value) == "no comparison period (--compare none)")
        #expect(data.salesPerformance.regions.allSatisfy { $0.revenue.comparison == nil })
        #expect(data.salesPerformance.months.allSatisfy { $0.revenue.comparison == nil })
        #expect(data.marketAndCustomers.channels.allSatisfy { $0.shareChange == nil })
        #expect(data.salesPerformance.productLines.allSatisfy { !$0.isShrinking })
        // The figures themselves do not change.
        #expect(cents(data.coreGoals.revenue.value) == 1_800_000)
    }

    @Test("--compare previous: 2026Q1 against 2025Q4")
    func previousComparison() throws {
        let data = try ExportTestStore.summary(try ExportTestStore.make(), compare: .previous)
        #expect(data.comparisonPeriod?.text == "2025Q4")
        // 2025Q4: L7 3,000 + L8 1,500 + L9 500 = 5,000.
        #expect(cents(data.coreGoals.revenue.comparison) == 500_000)
        #expect(fraction(data.coreGoals.growth.value) == [1_300_000, 500_000])
        // Active in 2025Q4: C1, C3, C2; all ordered again in 2026Q1.
        #expect(fraction(data.marketAndCustomers.churnRate.value) == [0, 3])
        // The company has no 2025Q4 target.
        #expect(reason(data.coreGoals.target.comparison) == "no targets for the company in 2025Q4")
        // The monthly trend still compares each month with the same month a year earlier.
        #expect(cents(data.salesPerformance.months[0].revenue.comparison) == 100_000)
    }

    @Test("no scoring run in or after the period, and a run after it when none is inside")
    func scoringRunChoice() throws {
        let store = try ExportTestStore.make()
        let later = try ExportTestStore.summary(store, "2026Q3")
        #expect(later.marketAndCustomers.scoreRun == nil)
        #expect(
            reason(later.marketAndCustomers.tiers[0].customers.value)
                == "no scoring run covers this period; run sales-score")
        // Retention needs no run: tiers as of 2026-06-30 (2025-07-01 to 2026-06-30) are C3 17,499 and C1 12,000
        // of 34,999 (C2 3,000 starts at 84.3%); neither ordered in 2026Q3.
        #expect(fraction(later.coreGoals.tierARetention.value) == [0, 2])
        // 2025Q4 has no run inside; the earliest after it is run 2 (as of 2026-03-31), not run 1 (2026-06-30).
        let earlier = try ExportTestStore.summary(store, "2025Q4")
        #expect(earlier.marketAndCustomers.scoreRun?.id == 2)
        // Tiers as of 2025-09-30 (from 2024-10-01): C1 5,000 and C3 5,000 (tied: the lower id first, then C3
        // starts at 40%), C2 2,000 from 80% (B), C6 C; in 2025Q4 C1 (L7) and C3 (L8) ordered.
        #expect(fraction(earlier.coreGoals.tierARetention.value) == [2, 2])
    }

    @Test("a whole year: targets covering only one quarter are not pieced together")
    func partialYearTarget() throws {
        let data = try ExportTestStore.summary(try ExportTestStore.make(), "2025", compare: .previous)
        // 2025: L1–L9 = 17,500; 2024: L0 600.
        #expect(cents(data.coreGoals.revenue.value) == 1_750_000)
        #expect(cents(data.coreGoals.revenue.comparison) == 60_000)
        #expect(reason(data.coreGoals.target.value) == "targets for the company cover only part of 2025 (2025Q1)")
        #expect(data.salesPerformance.seasonalityYear.text == "2025")
        #expect(data.salesPerformance.months.allSatisfy { $0.isInPeriod })
        #expect(cents(data.salesPerformance.months[8].revenue.comparison) == 60_000)  // September 2024: L0
        #expect(data.team.awardQuarter?.text == "2025Q4")
        #expect(data.team.improvementQuarters.map(\.text) == ["2025Q3", "2025Q4"])
        // Nobody reached a 2025Q4 target (li 60%, han 50%, zhao 75%); nobody had a 2025Q3 target.
        #expect(data.team.improvementCandidates.isEmpty)
        #expect(data.team.quarterAwards?.awards.first?.winner == nil)
        #expect(data.team.quarterAwards?.awards.first?.award == "quarterly_star")
        // A month report: 2026-02, whose award quarter is the last one completed, 2025Q4.
        let month = try ExportTestStore.summary(try ExportTestStore.make(), "2026-02")
        #expect(month.team.awardQuarter?.text == "2025Q4")
        #expect(cents(month.coreGoals.revenue.value) == 900_000)
        // No company row for 2026-02 and no sum of regions: only 华东 has a February target.
        #expect(
            reason(month.coreGoals.target.value)
                == "no company target for 2026-02, and regions 华南, 西部 have no target to sum")
    }

    @Test("claims pending approval read from approval_claim once it has rows")
    func pendingFromApprovalTables() throws {
        let store = try ExportTestStore.make()
        try store.write { c in
            try c.execute(
                """
                INSERT INTO approval_policy (version, name, policy_toml, file_name, file_sha256, loaded_at, loaded_by)
                VALUES (1, 'test', '', 'p.toml', '\(String(repeating: "0", count: 64))', '2026-01-01T00:00:00Z', 'admin');
                INSERT INTO approval_claim (expense_id, policy_version, state, amount_cents, category, routed_at, problem)
                SELECT id, 1, 'pending', amount_cents, category, '2026-03-06T00:00:00Z', NULL FROM expense
                WHERE expense_no = 'E4';
                INSERT INTO approval_claim (expense_id, policy_version, state, amount_cents, category, routed_at, problem)
                SELECT id, 1, 'unroutable', amount_cents, category, '2026-03-06T00:00:00Z', 'no approver' FROM expense
                WHERE expense_no = 'E3';
                """)
        }
        let data = try ExportTestStore.summary(store)
        // E4 pending, E3 unroutable (its imported status says approved, but the approval decides),
        // E6 submitted and not yet routed: 300 + 1,000 + 100.
        #expect(data.expensesAndBudget.pendingSource == .approvalTables)
        #expect(data.expensesAndBudget.pendingClaims.value == .count(3))
        #expect(data.expensesAndBudget.pendingClaimsAmount.value == .cents(140_000))
    }
}

@Suite("sales-export metrics: targets assembled from finer periods")
struct ExportTargetBookTests {
    @Test("a quarter from its three months, a year from quarters or months, and what is refused")
    func assembly() throws {
        let store = try makeTempStore()
        try store.write { c in
            try c.execute(
                """
                INSERT INTO sales_target (scope, scope_key, period, amount_cents) VALUES
                    ('region', 'A', '2026Q1', 100), ('region', 'A', '2026-04', 10), ('region', 'A', '2026-05', 20),
                    ('region', 'A', '2026-06', 30), ('region', 'A', '2026Q3', 300), ('region', 'A', '2026-10', 1),
                    ('region', 'B', '2026', 5000), ('region', 'B', '2026Q1', 7);
                """)
        }
        try store.read { c in
            let book = try TargetBook(c, from: "2026-01-01", to: "2026-12-31")
            func target(_ key: String, _ period: String) throws -> MetricValue {
                book.target(scope: "region", key: key, period: try ReportPeriod.parse(period))
            }
            #expect(try target("A", "2026Q2") == .cents(60))
            #expect(try target("A", "2026-05") == .cents(20))
            #expect(
                try target("A", "2026Q4")
                    == .missing(
                        MissingReason(
                            en: "targets for region A cover only part of 2026Q4 (2026-10)",
                            zh: "A 区域的目标只覆盖 2026Q4 的一部分（2026-10）")))
            #expect(
                try target("A", "2026")
                    == .missing(
                        MissingReason(
                            en:
                                "targets for region A cover only part of 2026 (2026Q1, 2026-04, 2026-05, 2026-06, 2026Q3, 2026-10)",
                            zh: "A 区域的目标只覆盖 2026 的一部分（2026Q1、2026-04、2026-05、2026-06、2026Q3、2026-10）")))
            // An exact row wins over finer rows; a month is never derived from its quarter.
            #expect(try target("B", "2026") == .cents(5000))
            #expect(reason(try target("B", "2026-01")) == "no targets for region B in 2026-01")
            #expect(
                try target("C", "2026Q1")
                    == .missing(
                        MissingReason(
                            en: "no targets for region C in 2026Q1", zh: "2026Q1 无 C 区域的目标")))
            // The other owners: the company, a team, a rep.
            let company = book.target(scope: "company", key: "", period: try ReportPeriod.parse("2026Q1"))
            #expect(reasonZh(company) == "2026Q1 无公司目标")
            let team = book.target(scope: "team", key: "华东一组", period: try ReportPeriod.parse("2026Q1"))
            #expect(reason(team) == "no targets for team 华东一组 in 2026Q1" && reasonZh(team) == "2026Q1 无 华东一组 团队的目标")
            let rep = book.target(scope: "rep", key: "li.lei", period: try ReportPeriod.parse("2026-03"))
            #expect(reason(rep) == "no targets for rep li.lei in 2026-03" && reasonZh(rep) == "2026-03 无 销售 li.lei 的目标")
        }
    }
}
