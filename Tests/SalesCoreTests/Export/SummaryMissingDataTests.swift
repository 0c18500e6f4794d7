import Foundation
@testable import SalesCore
import SalesTestSupport
import Testing

@Suite("sales-export metrics: missing data is reported as missing, with the reason, never as zero")
struct ExportMissingDataTests {
    @Test("a store with people and customers but no facts")
    func emptyStore() throws {
        let data = try ExportTestStore.summary(try ExportTestStore.makeDimensionsOnly())
        let core = data.coreGoals
        // Revenue is a computed zero; everything divided by it is missing.
        #expect(core.revenue.value == .cents(0) && core.revenue.comparison == .cents(0))
        #expect(core.target.value == .missing("no targets for the company in 2026Q1"))
        #expect(core.targetCompletion.value == .missing("no targets for the company in 2026Q1"))
        #expect(core.growth.value == .missing("no revenue in 2025Q1 to compare with"))
        #expect(core.growth.direction == nil)
        #expect(core.newCustomerShare.value == .missing("no revenue in 2026Q1"))
        #expect(core.repurchaseRate.value == .missing("no orders in 2026Q1"))
        #expect(core.complaintRate.value == .missing("no orders in 2026Q1"))
        #expect(core.tierARetention.value == .missing("no scoring run covers this period; run sales-score"))

        let key = data.keyIndicators
        #expect(key.perRepOutput.value == .missing("no rep sold anything in 2026Q1"))
        #expect(key.salesCycleDays.value == .missing("no opportunities imported"))
        #expect(key.leadConversion.value == .missing("no opportunities imported"))
        #expect(key.winRate.value == .missing("no opportunities imported"))
        #expect(key.averageOrderValue.value == .missing("no orders in 2026Q1"))
        #expect(key.dsoDays.value == .missing("no receivables imported"))
        #expect(key.overdueReceivables.value == .missing("no receivables imported"))

        let market = data.marketAndCustomers
        #expect(market.scoreRun == nil)
        #expect(market.tiers.allSatisfy { $0.customers.value == .missing("no scoring run covers this period; run sales-score") })
        #expect(market.highValueShare.value.isMissing)
        #expect(market.churnRate.value == .missing("no customer ordered in 2025Q1"))
        #expect(market.channels.isEmpty)

        #expect(data.salesPerformance.seasonality.allSatisfy { $0.index.value == .missing("no revenue in 2025") })
        #expect(data.salesPerformance.regions.map(\.name) == ["华东", "华南", "西部"])
        #expect(data.team.reps.isEmpty && data.team.topCompletion.isEmpty && data.team.improvementCandidates.isEmpty)

        let expenses = data.expensesAndBudget
        #expect(expenses.budget.value == .missing("no budgets for the company in 2026Q1"))
        #expect(expenses.budgetExecution.value == .missing("no budgets for the company in 2026Q1"))
        #expect(expenses.spend.value == .cents(0))
        #expect(expenses.roiByCategory.isEmpty && expenses.budgetLines.isEmpty)

        let feedback = data.customerFeedback
        #expect(feedback.satisfaction.value == .missing("no survey scores received in 2026Q1"))
        #expect(feedback.closureRate.value == .missing("no complaints received in 2026Q1"))
        #expect(feedback.medianDaysToClose.value == .missing("no complaint was closed in 2026Q1"))
        #expect(feedback.complaints.value == .count(0))
    }

    @Test("opportunities imported, but none in the period")
    func noOpportunitiesInPeriod() throws {
        let data = try ExportTestStore.summary(try ExportTestStore.make(), "2024Q1")
        #expect(data.keyIndicators.leadConversion.value == .missing("no opportunities created in 2024Q1"))
        #expect(data.keyIndicators.winRate.value == .missing("no opportunities won or lost in 2024Q1"))
        #expect(data.keyIndicators.salesCycleDays.value == .missing("no opportunities won in 2024Q1"))
    }

    @Test("--compare none: no comparison values, growth and churn missing with the reason")
    func noComparison() throws {
        let data = try ExportTestStore.summary(try ExportTestStore.make(), compare: .none)
        #expect(data.comparisonPeriod == nil)
        #expect(data.coreGoals.revenue.comparison == nil && data.coreGoals.revenue.direction == nil)
        #expect(data.coreGoals.growth.value == .missing("no comparison period (--compare none)"))
        #expect(data.marketAndCustomers.churnRate.value == .missing("no comparison period (--compare none)"))
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
        #expect(data.coreGoals.target.comparison == .missing("no targets for the company in 2025Q4"))
        // The monthly trend still compares each month with the same month a year earlier.
        #expect(cents(data.salesPerformance.months[0].revenue.comparison) == 100_000)
    }

    @Test("no scoring run in or after the period, and a run after it when none is inside")
    func scoringRunChoice() throws {
        let store = try ExportTestStore.make()
        let later = try ExportTestStore.summary(store, "2026Q3")
        #expect(later.marketAndCustomers.scoreRun == nil)
        #expect(later.coreGoals.tierARetention.value == .missing("no scoring run covers this period; run sales-score"))
        // 2025Q4 has no run inside; the earliest after it is run 2 (as of 2026-03-31), not run 1 (2026-06-30).
        let earlier = try ExportTestStore.summary(store, "2025Q4")
        #expect(earlier.marketAndCustomers.scoreRun?.id == 2)
        // Tier A of run 2: C1, C3, C6; in 2025Q4 C1 (L7) and C3 (L8) ordered.
        #expect(fraction(earlier.coreGoals.tierARetention.value) == [2, 3])
    }

    @Test("a whole year: targets covering only one quarter are not pieced together")
    func partialYearTarget() throws {
        let data = try ExportTestStore.summary(try ExportTestStore.make(), "2025", compare: .previous)
        // 2025: L1–L9 = 17,500; 2024: L0 600.
        #expect(cents(data.coreGoals.revenue.value) == 1_750_000)
        #expect(cents(data.coreGoals.revenue.comparison) == 60_000)
        #expect(data.coreGoals.target.value == .missing("targets for the company cover only part of 2025 (2025Q1)"))
        #expect(data.salesPerformance.seasonalityYear.text == "2025")
        #expect(data.salesPerformance.months.allSatisfy { $0.isInPeriod })
        #expect(cents(data.salesPerformance.months[8].revenue.comparison) == 60_000)  // September 2024: L0
        #expect(data.team.awardQuarter?.text == "2025Q4")
        #expect(data.team.improvementQuarters.map(\.text) == ["2025Q3", "2025Q4"])
        // Nobody reached a 2025Q4 target (li 60%, han 50%, zhao 75%); nobody had a 2025Q3 target.
        #expect(data.team.topCompletion.isEmpty && data.team.improvementCandidates.isEmpty)
        // A month report: 2026-02, whose award quarter is the last one completed, 2025Q4.
        let month = try ExportTestStore.summary(try ExportTestStore.make(), "2026-02")
        #expect(month.team.awardQuarter?.text == "2025Q4")
        #expect(cents(month.coreGoals.revenue.value) == 900_000)
        #expect(month.coreGoals.target.value == .missing("no targets for the company in 2026-02"))
    }

    @Test("claims pending approval read from approval_claim once it has rows")
    func pendingFromApprovalTables() throws {
        let store = try ExportTestStore.make()
        try store.write { c in
            try c.execute("""
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
            try c.execute("""
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
            #expect(try target("A", "2026Q4") == .missing("targets for region A cover only part of 2026Q4 (2026-10)"))
            #expect(try target("A", "2026") == .missing(
                "targets for region A cover only part of 2026 (2026Q1, 2026-04, 2026-05, 2026-06, 2026Q3, 2026-10)"))
            // An exact row wins over finer rows; a month is never derived from its quarter.
            #expect(try target("B", "2026") == .cents(5000))
            #expect(try target("B", "2026-01") == .missing("no targets for region B in 2026-01"))
            #expect(try target("C", "2026Q1") == .missing("no targets for region C in 2026Q1"))
        }
    }
}
