import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

/// Every figure of the 2026Q1 summary of ``ExportTestStore`` (compared with 2025Q1), worked out by hand.
///
/// Lines in 2026Q1 (P): L10–L19 and L21, less the cancelled L17, with the return L18 at −500:
/// 5000 + 1000 + 2000 + 3000 + 4000 + 1500 + 800 − 500 + 200 + 1000 = 18,000 yuan. L20 (April) is outside.
/// Lines in 2025Q1 (C): L1–L4 = 1000 + 2000 + 3000 + 500 = 6,500 yuan.
@Suite("sales-export metrics: the 2026Q1 summary of a store worked out by hand")
struct ExportSummaryTests {
    let data: SummaryData

    init() throws {
        data = try ExportTestStore.summary(try ExportTestStore.make())
    }

    @Test("the periods and scope are the ones asked for")
    func periods() {
        #expect(data.period.text == "2026Q1")
        #expect(data.comparisonPeriod?.text == "2025Q1")
        #expect(data.comparisonMode == .yearOverYear)
        #expect(data.scope == .company)
    }

    // MARK: - 1. Core goals

    @Test("revenue counts completed and returned lines, never cancelled ones, and compares with 2025Q1")
    func revenue() {
        let core = data.coreGoals
        // 18,000 yuan against 6,500 yuan.
        #expect(cents(core.revenue.value) == 1_800_000)
        #expect(cents(core.revenue.comparison) == 650_000)
        #expect(core.revenue.direction == .up)
    }

    @Test("target and completion: the company target 16,000 (6,000 for 2025Q1)")
    func completion() {
        let core = data.coreGoals
        #expect(cents(core.target.value) == 1_600_000)
        #expect(cents(core.target.comparison) == 600_000)
        // 18,000 ÷ 16,000 = 112.5%; 6,500 ÷ 6,000 = 108.3%: up.
        #expect(fraction(core.targetCompletion.value) == [1_800_000, 1_600_000])
        #expect(fraction(core.targetCompletion.comparison) == [650_000, 600_000])
        #expect(core.targetCompletion.direction == .up)
    }

    @Test("growth = (18,000 − 6,500) ÷ 6,500; 2025Q1's own growth needs 2024Q1, which sold nothing: no change")
    func growth() {
        #expect(fraction(data.coreGoals.growth.value) == [1_150_000, 650_000])
        #expect(reason(data.coreGoals.growth.comparison) == "no revenue in 2024Q1 to compare with")
        #expect(data.coreGoals.growth.direction == nil)
        #expect(ReportFormat.changeText(data.coreGoals.growth, language: .en) == "")
    }

    @Test("growth on the previous quarter is compared with that quarter's own growth, in points")
    func growthAgainstEarlierGrowth() throws {
        let previous = try ExportTestStore.summary(try ExportTestStore.make(), compare: .previous)
        let growth = previous.coreGoals.growth
        // 2026Q1 18,000 on 2025Q4's 5,000 (L7 3,000 + L8 1,500 + L9 500): +260%; 2025Q4 on 2025Q3's 2,000
        // (L6): +150%. Growth sped up by 110 points.
        #expect(fraction(growth.value) == [1_300_000, 500_000])
        #expect(fraction(growth.comparison) == [300_000, 200_000])
        #expect(growth.direction == .up)
        #expect(ReportFormat.changeText(growth, language: .en) == "▲ +110.0 pp")
    }

    @Test("new-customer share: only C4's first order falls in 2026Q1; C5's recorded first order is 2024")
    func newCustomerShare() {
        // C4: L15 1,500 + L19 200 = 1,700 of 18,000. C1, C2, C3 ordered in 2025 or earlier; C5 has no earlier line
        // but customer.first_order_on = 2024-06-01.
        #expect(fraction(data.coreGoals.newCustomerShare.value) == [170_000, 1_800_000])
        // 2025Q1: C1 1,000, C2 2,000 and C6 500 first ordered then; C3 had ordered in 2024 (L0): 3,500 of 6,500.
        #expect(fraction(data.coreGoals.newCustomerShare.comparison) == [350_000, 650_000])
        #expect(data.coreGoals.newCustomerShare.direction == .down)
    }

    @Test("repurchase: C1 (3 orders) and C4 (2 orders) of five customers with orders")
    func repurchase() {
        // Orders per customer: C1 SO-2601 (two lines), SO-2602, SO-2610 = 3; C2 SO-2603 = 1 (SO-2607 is
        // cancelled, SO-2603R only a return); C3 SO-2604; C4 SO-2605, SO-2608 = 2; C5 SO-2606.
        #expect(fraction(data.coreGoals.repurchaseRate.value) == [2, 5])
        // 2025Q1: C1, C2, C3 and C6 one order each (SO-2501 … SO-2504): none of four ordered twice.
        #expect(fraction(data.coreGoals.repurchaseRate.comparison) == [0, 4])
        #expect(data.coreGoals.repurchaseRate.direction == .up)
    }

    @Test("complaint rate: four complaints received in 2026Q1 over eight orders")
    func complaintRate() {
        // K1, K2, K3, K5 were received in the period; orders 3 + 1 + 1 + 2 + 1 = 8.
        #expect(fraction(data.coreGoals.complaintRate.value) == [4, 8])
        // 2025Q1: K6 over the four orders SO-2501 … SO-2504.
        #expect(fraction(data.coreGoals.complaintRate.comparison) == [1, 4])
    }

    @Test("tier-A retention against the tiers as of 2025-12-31 (C1, C3), not run 2's (C1, C3, C6)")
    func tierARetention() {
        // 2025 (the 365 days to 2025-12-31): C1 8,000, C3 6,500, C2 2,500, C6 500 of 17,500. C1 starts at 0%
        // and C3 at 45.7%, under 70%: tier A; C2 starts at 82.9% (B), C6 at 97.1% (C). Both ordered in 2026Q1.
        // Run 2 (as of 2026-03-31, inside the period) also has C6 as tier A; it is not what retention reads.
        #expect(fraction(data.coreGoals.tierARetention.value) == [2, 2])
        // 2025Q1 against the tiers as of 2024-12-31: 2024 holds only L0 (C3), tier A; C3 ordered (L3).
        #expect(fraction(data.coreGoals.tierARetention.comparison) == [1, 1])
        #expect(data.marketAndCustomers.scoreRun?.id == 2)
        #expect(data.marketAndCustomers.scoreRun?.asOf == "2026-03-31")
    }

    // MARK: - 2. Sales performance

    @Test("regions: 华东 under target (months add up to 12,000), 华南 above, 西部 without targets")
    func regions() throws {
        let regions = data.salesPerformance.regions
        #expect(regions.map(\.name) == ["华东", "华南", "西部"])
        // 华东: C1 9,000 (L10, L11, L12, L21) + C2 2,500 (L13 − L18) + C4's L19 200 (C4 has no region;
        // li's region is 华东) = 11,700; 2025Q1: C1 1,000 + C2 2,000 = 3,000.
        let east = regions[0]
        #expect(cents(east.revenue.value) == 1_170_000 && cents(east.revenue.comparison) == 300_000)
        #expect(cents(east.target.value) == 1_200_000 && cents(east.target.comparison) == 250_000)
        #expect(fraction(east.completion.value) == [1_170_000, 1_200_000])
        #expect(fraction(east.completion.comparison) == [300_000, 250_000])
        #expect(fraction(east.growth.value) == [870_000, 300_000])
        #expect(east.isUnderTarget)
        // 华南: C3 4,000 + C4's L15 1,500 (zhao is in 华南) + C5 800 = 6,300; 2025Q1: C3 3,000.
        let south = regions[1]
        #expect(cents(south.revenue.value) == 630_000 && cents(south.revenue.comparison) == 300_000)
        #expect(fraction(south.completion.value) == [630_000, 600_000])
        #expect(reason(south.target.comparison) == "targets for region 华南 cover only part of 2025Q1 (2025-01, 2025-02)")
        #expect(south.completion.comparison?.missingReason == south.target.comparison?.missingReason)
        #expect(fraction(south.growth.value) == [330_000, 300_000])
        #expect(!south.isUnderTarget)
        // 西部: nothing in 2026Q1, C6's 500 in 2025Q1.
        let west = regions[2]
        #expect(cents(west.revenue.value) == 0 && cents(west.revenue.comparison) == 50_000)
        #expect(reason(west.target.value) == "no targets for region 西部 in 2026Q1")
        #expect(reason(west.completion.value) == "no targets for region 西部 in 2026Q1")
        #expect(fraction(west.growth.value) == [-50_000, 50_000])
        #expect(west.growth.direction == .down)
        #expect(!west.isUnderTarget)
    }

    @Test("product lines: shares of 18,000, growth against 2025Q1, 耗材 shrinking")
    func productLines() {
        let lines = data.salesPerformance.productLines
        #expect(lines.map(\.name) == ["传感器", "软件", nil, "耗材"])
        // 传感器 (P1, P2): L10 5,000 + L12 2,000 + L14 4,000 + L16 800 = 11,800; 2025Q1: L1 1,000 + L3 3,000.
        #expect(cents(lines[0].revenue.value) == 1_180_000 && cents(lines[0].revenue.comparison) == 400_000)
        #expect(fraction(lines[0].share.value) == [1_180_000, 1_800_000])
        #expect(fraction(lines[0].share.comparison) == [400_000, 650_000])
        #expect(fraction(lines[0].growth.value) == [780_000, 400_000])
        // 软件 (P3): L11 1,000 + L13 3,000 − L18 500 + L19 200 + L21 1,000 = 4,700; 2025Q1: L2 2,000.
        #expect(cents(lines[1].revenue.value) == 470_000)
        #expect(fraction(lines[1].growth.value) == [270_000, 200_000])
        // No line (P4): L15 1,500; nothing a year earlier, so no growth.
        #expect(cents(lines[2].revenue.value) == 150_000)
        #expect(reason(lines[2].growth.value) == "no revenue in 2025Q1 to compare with")
        #expect(!lines[2].isShrinking)
        // 耗材 (P5): only L4's 500 in 2025Q1.
        #expect(cents(lines[3].revenue.value) == 0 && cents(lines[3].revenue.comparison) == 50_000)
        #expect(fraction(lines[3].growth.value) == [-50_000, 50_000])
        #expect(lines[3].isShrinking && !lines[0].isShrinking)
    }

    @Test("months of 2026 against 2025; the months after the period are missing, April's L20 never counts")
    func months() {
        let months = data.salesPerformance.months
        #expect(months.count == 12)
        // January L10 + L11 = 6,000; February L12 + L13 + L14 = 9,000; March L15 + L16 − L18 + L19 + L21 = 3,000.
        #expect(months.prefix(3).map { cents($0.revenue.value) } == [600_000, 900_000, 300_000])
        // 2025: January 1,000, February 2,000, March 3,500, April 0, May 4,000, June, July 0, August 2,000,
        // September, October 0, November 3,000, December 2,000.
        #expect(
            months.map { cents($0.revenue.comparison) }
                == [100_000, 200_000, 350_000, 0, 400_000, 0, 0, 200_000, 0, 0, 300_000, 200_000])
        #expect(months[2].revenue.direction == .down)
        #expect(reason(months[3].revenue.value) == "after the period 2026Q1")
        #expect(months.map(\.isInPeriod) == [true, true, true] + Array(repeating: false, count: 9))
        #expect(months.last?.period.text == "2026-12")
    }

    @Test("quarters of 2026 against 2025")
    func quarters() {
        let quarters = data.salesPerformance.quarters
        #expect(quarters.map(\.period.text) == ["2026Q1", "2026Q2", "2026Q3", "2026Q4"])
        #expect(cents(quarters[0].revenue.value) == 1_800_000)
        #expect(quarters[1].revenue.value.isMissing)
        #expect(quarters.map { cents($0.revenue.comparison) } == [650_000, 400_000, 200_000, 500_000])
    }

    @Test("seasonality of 2025, the last complete year: each quarter's share of 17,500 ÷ 25%")
    func seasonality() {
        #expect(data.salesPerformance.seasonalityYear.text == "2025")
        // Q1 6,500; Q2 4,000 (L5); Q3 2,000 (L6); Q4 3,000 + 1,500 + 500 = 5,000. Index = 4 × quarter ÷ year.
        let quarters = data.salesPerformance.seasonality
        #expect(quarters.map { cents($0.revenue.value) } == [650_000, 400_000, 200_000, 500_000])
        #expect(
            quarters.map { fraction($0.index.value) } == [
                [2_600_000, 1_750_000], [1_600_000, 1_750_000], [800_000, 1_750_000], [2_000_000, 1_750_000],
            ])
    }

    // MARK: - 3. Key indicators

    @Test("per-rep output: li, han and zhao sold in 2026Q1")
    func perRepOutput() {
        #expect(data.keyIndicators.activeReps.value == .count(3))
        #expect(fraction(data.keyIndicators.perRepOutput.value) == [1_800_000, 3])
    }

    @Test("pipeline: cycle (30 + 30 + 75) ÷ 3, conversion 2 of 5 created, win rate 3 of 4 closed")
    func pipeline() {
        let key = data.keyIndicators
        // Won and closed in 2026Q1: O1 (30 days), O3 (30 days), O5 (75 days, created in 2025).
        #expect(fraction(key.salesCycleDays.value) == [135, 3])
        #expect(fraction(key.salesCycleDays.comparison) == [30, 1])
        // Created in 2026Q1: O1, O2, O3, O4, O6; won by 03-31: O1, O3 (O6 only on 04-05).
        #expect(fraction(key.leadConversion.value) == [2, 5])
        #expect(fraction(key.leadConversion.comparison) == [1, 2])
        // Closed in 2026Q1: won O1, O3, O5; lost O2.
        #expect(fraction(key.winRate.value) == [3, 4])
        #expect(fraction(key.winRate.comparison) == [1, 2])
        #expect(key.winRate.direction == .up)
    }

    @Test("average order value = 18,000 ÷ 8 orders")
    func averageOrderValue() {
        #expect(data.keyIndicators.orders.value == .count(8))
        #expect(fraction(data.keyIndicators.averageOrderValue.value) == [1_800_000, 8])
    }

    @Test("DSO = 10,500 outstanding ÷ 14,500 invoiced × 90 days; two invoices overdue")
    func receivables() {
        let key = data.keyIndicators
        // Invoiced in 2026Q1: INV-1 6,000 + INV-2 3,000 + INV-3 4,000 + INV-5 1,500 = 14,500.
        // Unpaid on 03-31: INV-2 3,000 + INV-3 3,000 + INV-4 3,000 (paid only on 04-10) + INV-5 1,500 = 10,500.
        #expect(fraction(key.dsoDays.value) == [1_050_000 * 90, 1_450_000])
        // Overdue (due before 03-31, unpaid then): INV-4 (due 2025-12-11, 110 days) and INV-2 (due 03-14, 17 days).
        // INV-5 is due on 03-31 itself, so not yet overdue.
        #expect(key.overdueReceivables.value == .cents(600_000))
        #expect(key.overdueInvoices.value == .count(2))
        #expect(key.overdueList.map(\.invoiceNo) == ["INV-4", "INV-2"])
        #expect(key.overdueList.map(\.daysOverdue) == [110, 17])
        #expect(key.overdueList.map(\.outstandingCents) == [300_000, 300_000])
        #expect(key.overdueList.first?.customerName == "甲" && key.overdueList.first?.dueOn == "2025-12-11")
    }

    // MARK: - 4. Market and customers

    @Test("channel shares and their change; the unknown channel 批发 and lines without one are kept")
    func channels() throws {
        let channels = data.marketAndCustomers.channels
        // ecommerce L10 + L11 + L19 = 6,200; direct L14 + L21 = 5,000; offline L13 − L18 = 2,500; social L12 2,000;
        // none L15 1,500; 批发 L16 800.
        #expect(channels.map(\.channel) == ["ecommerce", "direct", "offline", "social", nil, "批发"])
        #expect(channels.map { cents($0.revenue.value) } == [620_000, 500_000, 250_000, 200_000, 150_000, 80_000])
        // 2025Q1: ecommerce L1 + L4 = 1,500, direct L3 3,000, offline L2 2,000.
        #expect(channels.map { cents($0.revenue.comparison) } == [150_000, 300_000, 200_000, 0, 0, 0])
        #expect(fraction(channels[0].share.value) == [620_000, 1_800_000])
        #expect(fraction(channels[0].share.comparison) == [150_000, 650_000])
        let change = try #require(channels[0].shareChange)
        #expect(abs(change - (620_000.0 / 1_800_000 - 150_000.0 / 650_000)) < 1e-12)
        #expect(channels[1].share.direction == .down)  // 5,000/18,000 = 27.8% against 3,000/6,500 = 46.2%
    }

    @Test("tiers from run 2 with their revenue; high-value share; churn 1 of 4")
    func tiersAndChurn() {
        let market = data.marketAndCustomers
        #expect(market.tiers.map(\.tier) == ["A", "B", "C", "D"])
        #expect(market.tiers.map(\.customers.value) == [.count(3), .count(1), .count(1), .count(1)])
        // A: C1 9,000 + C3 4,000 + C6 0; B: C2 2,500; C: C5 800; D: C4 1,700.
        #expect(market.tiers.map { cents($0.revenue.value) } == [1_300_000, 250_000, 80_000, 170_000])
        #expect(fraction(market.highValueShare.value) == [1_300_000, 1_800_000])
        // Active in 2025Q1: C1, C2, C3, C6; C6 did not order in 2026Q1.
        #expect(fraction(market.churnRate.value) == [1, 4])
        #expect(market.activeCustomers.value == .count(5) && market.activeCustomers.comparison == .count(4))
    }

    // MARK: - 5. Team

    @Test("rep ranking: revenue credited to each rep, completion, conversion, days to collect")
    func repRanking() throws {
        let reps = data.team.reps
        // li: L10 + L11 + L12 + L19 = 8,200; zhao: L14 + L15 + L16 + L21 = 7,300; han: L13 − L18 = 2,500;
        // qian sold nothing but has a target; wang has neither and is not listed.
        #expect(reps.map(\.login) == ["li", "zhao", "han", "qian"])
        #expect(reps.map { cents($0.revenue.value) } == [820_000, 730_000, 250_000, 0])
        #expect(
            reps.map { fraction($0.completion.value) } == [
                [820_000, 700_000], [730_000, 500_000], [250_000, 400_000], [0, 100_000],
            ])
        // Created in 2026Q1: li O1 (won); zhao O3 (won), O4; han O2 (lost), O6 (won after the period).
        #expect(reps.map { fraction($0.conversion.value) } == [[1, 1], [1, 2], [0, 2], nil])
        #expect(reason(reps[3].conversion.value) == "no opportunities created by qian in 2026Q1")
        // INV-1 of li's C1 was paid in full on 02-01, 27 days after it was invoiced; INV-3 is only part paid.
        #expect(fraction(reps[0].daysToCollect.value) == [27, 1])
        #expect(reason(reps[1].daysToCollect.value) == "no invoice of zhao's customers was paid in full in 2026Q1")
        #expect(reps[0].team == "East-1" && reps[0].region == "华东")
    }

    @Test(
        "awards of 2026Q1: zhao the quarterly star (146%) before li (117%); no satisfaction award under three rated customers"
    )
    func awards() throws {
        #expect(data.team.awardQuarter?.text == "2026Q1")
        let awards = try #require(data.team.quarterAwards)
        #expect(awards.quarter == "2026Q1" && awards.criteria == .defaults)
        let star = try #require(awards.awards.first { $0.award == "quarterly_star" })
        #expect(star.winner?.key == "zhao" && star.runnerUp?.key == "li")
        #expect([star.winner?.revenueCents, star.winner?.targetCents] == [730_000, 500_000])
        #expect([star.runnerUp?.revenueCents, star.runnerUp?.targetCents] == [820_000, 700_000])
        // li's customers C1 and C6 and zhao's C3 and C4 gave survey scores: two each, under the default three.
        let satisfaction = try #require(awards.awards.first { $0.award == "customer_satisfaction" })
        #expect(satisfaction.winner == nil && satisfaction.qualified == 0)
    }

    @Test(
        "satisfaction counts rated customers: with two enough zhao wins alone; with one, han (15 over 3) before li (26 over 6)"
    )
    func satisfactionAward() throws {
        let store = try ExportTestStore.make()
        // li owns C1 (F1 5/4/5, F2 4/4/4): two surveys from one customer; zhao owns C3 (F3 3/2/4) and C4 (F4 4/–/3);
        // han owns C2 (F5 5/5/5).
        func award(_ customers: Int) throws -> QuarterAwards.Award? {
            var options = SummaryOptions()
            options.awardCriteria.satisfactionMinCustomers = customers
            let data = try ExportTestStore.summary(store, options: options)
            return data.team.quarterAwards?.awards.first { $0.award == "customer_satisfaction" }
        }
        let two = try #require(try award(2))
        #expect(two.winner?.key == "zhao" && two.runnerUp == nil)
        #expect(two.winner?.ratedCustomers == 2 && two.winner?.surveyScores == 5 && two.winner?.score == 16.0 / 5)
        let one = try #require(try award(1))
        #expect(one.winner?.key == "han" && one.runnerUp?.key == "li")
        #expect(one.winner?.ratedCustomers == 1 && one.winner?.surveyScores == 3 && one.winner?.score == 5)
        #expect(one.runnerUp?.ratedCustomers == 1 && one.runnerUp?.surveyScores == 6 && one.runnerUp?.score == 26.0 / 6)
        #expect(one.qualified == 3)
    }

    @Test("improvement plan: han under 80% in 2025Q4 (50%) and 2026Q1 (62.5%); qian has left")
    func improvementPlan() {
        #expect(data.team.improvementQuarters.map(\.text) == ["2025Q4", "2026Q1"])
        // li 2025Q4 3,000 of 5,000 = 60% but 117% in 2026Q1; zhao 75% then 146%; qian 0% twice but inactive.
        #expect(data.team.improvementCandidates.map(\.login) == ["han"])
        #expect(
            data.team.improvementCandidates.first?.completions.map { fraction($0.value) }
                == [[50_000, 100_000], [250_000, 400_000]])
    }

    @Test("the team's quarters inside a year's report, and outside a month's report")
    func teamQuartersOutsideAndInside() throws {
        let store = try ExportTestStore.make()
        try store.write { c in
            try c.execute(
                """
                INSERT INTO sales_target (scope, scope_key, period, amount_cents) VALUES
                    ('rep', 'li', '2025Q3', 100000), ('rep', 'han', '2025Q3', 10000), ('rep', 'zhao', '2025Q3', 200000)
                """)
        }
        // 2025Q3: li 0 of 1,000, han 0 of 100, zhao L6 2,000 of 2,000; 2025Q4: li 3,000 of 5,000, han 500 of
        // 1,000, zhao 1,500 of 2,000. Under 80% both times: li and han.
        for period in ["2025", "2026-02"] {
            let data = try ExportTestStore.summary(store, period)
            #expect(data.team.improvementQuarters.map(\.text) == ["2025Q3", "2025Q4"])
            #expect(data.team.improvementCandidates.map(\.login) == ["han", "li"], "\(period)")
            #expect(
                data.team.improvementCandidates.map { $0.completions.map { fraction($0.value) } } == [
                    [[0, 10_000], [50_000, 100_000]], [[0, 100_000], [300_000, 500_000]],
                ], "\(period)")
            // Nobody reached a 2025Q4 target: no quarterly star.
            #expect(data.team.quarterAwards?.awards.first?.winner == nil, "\(period)")
        }
    }

    // MARK: - 6. Expenses and budget

    @Test("budget execution of the company rows: (3,000 + 500) spent of (2,500 + 1,000)")
    func budgetExecution() {
        let expenses = data.expensesAndBudget
        // E1 2,000 + E2 500 + E3 1,000 approved or paid in 2026Q1; E4, E6 submitted, E5 rejected, E7 in April.
        #expect(expenses.spend.value == .cents(350_000))
        #expect(expenses.budget.value == .cents(350_000))
        #expect(fraction(expenses.budgetExecution.value) == [350_000, 350_000])
        #expect(expenses.byCategory.map(\.category) == ["advertising", "travel"])
        #expect(expenses.byCategory.map { fraction($0.execution.value) } == [[300_000, 250_000], [50_000, 100_000]])
    }

    @Test("every budget row inside 2026Q1 with its own spend; overruns flagged; the 2026 row left out")
    func budgetLines() {
        let lines = data.expensesAndBudget.budgetLines
        #expect(
            lines.map { "\($0.scope) \($0.scopeKey) \($0.category) \($0.period)" } == [
                "company  advertising 2026Q1", "company  travel 2026Q1", "region 华东 travel 2026-02",
                "region 华南 advertising 2026Q1", "team East-1 travel 2026Q1", "rep li advertising 2026Q1",
            ])
        // Company advertising E1 + E3 = 3,000; travel E2 500; 华东 travel in February E2 (li's region) 500;
        // 华南 advertising E3 1,000; East-1 travel E2 500; li's advertising E1 2,000.
        #expect(lines.map(\.spentCents) == [300_000, 50_000, 50_000, 100_000, 50_000, 200_000])
        #expect(lines.map(\.budgetCents) == [250_000, 100_000, 40_000, 150_000, 80_000, 100_000])
        #expect(lines.map(\.isOverrun) == [true, false, true, false, false, true])
        #expect(fraction(lines[2].execution.value) == [50_000, 40_000])
        #expect(lines[0].control == "stop")
    }

    @Test("expense ROI: E1 reaches C1 for 90 days; E3 (a region) and E2 (nothing) reach no one")
    func expenseROI() {
        let expenses = data.expensesAndBudget
        // Advertising: E1 (2,000, 2026-01-15) names C1: C1's lines from 01-15 to 04-14 are L12 2,000 and L21
        // 1,000 (L10, L11 are earlier) = 3,000, ROI (3,000 − 2,000) ÷ 2,000. E3 (1,000) names only a region and
        // no opportunity names its campaign: unattributed, and left out of the ROI.
        #expect(expenses.roiByCategory.map(\.name) == ["advertising", "travel"])
        #expect(expenses.roiByCategory.map { cents($0.spend.value) } == [300_000, 50_000])
        #expect(expenses.roiByCategory.map { cents($0.unattributedSpend.value) } == [100_000, 50_000])
        #expect(cents(expenses.roiByCategory[0].attributedRevenue.value) == 300_000)
        #expect(fraction(expenses.roiByCategory[0].roi.value) == [100_000, 200_000])
        // Travel: E2 names no customer and no campaign: missing with the reason, not −100%.
        #expect(reason(expenses.roiByCategory[1].roi.value)?.hasPrefix("no claim names a customer") == true)
        #expect(expenses.roiByCategory[1].attributedRevenue.value.isMissing)
        #expect(expenses.roiByCampaign.map(\.name) == ["春季推广"])
        #expect(fraction(expenses.roiByCampaign.first?.roi.value) == [100_000, 200_000])
    }

    @Test("expense ROI: a campaign reaches the customers of the opportunities whose source it is")
    func expenseROIByOpportunitySource() throws {
        let store = try ExportTestStore.make()
        try store.write { c in
            try c.execute(
                """
                INSERT INTO opportunity (code, customer_id, rep_id, stage, created_on, source)
                VALUES ('O-SPRING', (SELECT id FROM customer WHERE code = 'C3'), (SELECT id FROM person WHERE login = 'zhao'),
                        'lead', '2026-03-02', ' 春季推广 ')
                """)
        }
        let expenses = try ExportTestStore.summary(store).expensesAndBudget
        // E1 (01-15) reaches C1 and, through the campaign, C3; E3 (03-01) reaches C3. C1 from 01-15 to 04-14:
        // L12 2,000 + L21 1,000; C3 from 01-15 to 04-14: L14 4,000 + L20 9,999 (04-02); from 03-01 to 05-29 again
        // L20, counted once. 16,999 on 3,000, nothing unattributed.
        let advertising = try #require(expenses.roiByCategory.first)
        #expect(advertising.name == "advertising")
        #expect(cents(advertising.attributedRevenue.value) == 1_699_900)
        #expect(cents(advertising.unattributedSpend.value) == 0)
        #expect(fraction(advertising.roi.value) == [1_399_900, 300_000])
        #expect(fraction(expenses.roiByCampaign.first?.roi.value) == [1_399_900, 300_000])
    }

    @Test("claims pending approval read from expense.status while approval_claim is empty")
    func pendingFromStatus() {
        let expenses = data.expensesAndBudget
        // E4 300 and E6 100 are submitted.
        #expect(expenses.pendingSource == .expenseStatus)
        #expect(expenses.pendingClaims.value == .count(2))
        #expect(expenses.pendingClaimsAmount.value == .cents(40_000))
    }

    // MARK: - 7. Customer feedback

    @Test("satisfaction by dimension, blank scores left out")
    func satisfaction() {
        let feedback = data.customerFeedback
        // Quality 5 + 4 + 3 + 4 + 5 = 21 of 5; delivery 4 + 4 + 2 + 5 = 15 of 4 (F4 left it blank);
        // service 5 + 4 + 4 + 3 + 5 = 21 of 5; overall 57 of 14. 2025Q1: F6 3/3/3.
        #expect(feedback.byDimension.map(\.dimension) == [.quality, .delivery, .service])
        #expect(feedback.byDimension.map { fraction($0.satisfaction.value) } == [[21, 5], [15, 4], [21, 5]])
        #expect(fraction(feedback.satisfaction.value) == [57, 14])
        #expect(fraction(feedback.satisfaction.comparison) == [9, 3])
        #expect(feedback.satisfaction.direction == .up)
    }

    @Test("complaints: closure 1 of 4, median days to resolve of 5, 5, 70, two open over 30 days")
    func complaints() {
        let feedback = data.customerFeedback
        #expect(feedback.complaints.value == .count(4) && feedback.complaints.comparison == .count(1))
        // Of K1, K2, K3, K5 only K1 was closed by 03-31 (K3 is resolved, K5 closed in April).
        #expect(fraction(feedback.closureRate.value) == [1, 4])
        // Resolved in 2026Q1: K1 after 5 days (resolved 01-15, closed 01-20), K3 after 5 (resolved, not closed),
        // K4 (received in 2025, only a closing date) after 70; K5 settled in April. 2025Q1: K6 after 4.
        #expect(fraction(feedback.medianDaysToClose.value) == [5, 1])
        #expect(fraction(feedback.medianDaysToClose.comparison) == [4, 1])
        // Open on 03-31: K2 (58 days) and K5 (44 days; closed only in April).
        #expect(feedback.staleComplaints.value == .count(2))
        #expect(feedback.staleList.map(\.code) == ["K2", "K5"])
        #expect(feedback.staleList.map(\.daysOpen) == [58, 44])
        #expect(feedback.staleList.map(\.customerName) == ["丙", "丁"])
        // By kind: none of the complaints has a description; four in 2026Q1, one (K6) in 2025Q1.
        #expect(feedback.complaintKinds.count == 1 && feedback.complaintKinds[0].description == nil)
        #expect(feedback.complaintKinds[0].complaints.value == .count(4))
        #expect(feedback.complaintKinds[0].complaints.comparison == .count(1))
    }

    // MARK: - Counts and comparisons

    @Test("new and lost customers as counts, churn, per-rep output, order value and orders against 2025Q1")
    func countsAndComparisons() {
        let market = data.marketAndCustomers
        // New in 2026Q1: C4 (L15; no earlier line, no first_order_on); C5's first order is recorded in 2024.
        // New in 2025Q1: C1, C2, C6 (C3 ordered in 2024).
        #expect(market.newCustomers.value == .count(1) && market.newCustomers.comparison == .count(3))
        // Lost: C6, active in 2025Q1, did not order in 2026Q1. Nobody was active in 2024Q1: no count to compare.
        #expect(market.lostCustomers.value == .count(1))
        #expect(reason(market.lostCustomers.comparison) == "no customer ordered in 2024Q1")
        #expect(fraction(market.churnRate.value) == [1, 4])
        #expect(reason(market.churnRate.comparison) == "no customer ordered in 2024Q1")
        let key = data.keyIndicators
        // 2025Q1: 6,500 over li, han and zhao; over the four orders SO-2501 … SO-2504.
        #expect(fraction(key.perRepOutput.comparison) == [650_000, 3])
        #expect(key.activeReps.comparison == .count(3))
        #expect(fraction(key.averageOrderValue.comparison) == [650_000, 4])
        #expect(key.orders.value == .count(8) && key.orders.comparison == .count(4))
        // No invoice was dated by 2025-03-31: DSO missing, nothing overdue (a computed zero).
        #expect(reason(key.dsoDays.comparison) == "no invoices dated in 2025Q1")
        #expect(key.overdueReceivables.comparison == .cents(0) && key.overdueInvoices.comparison == .count(0))
    }

    @Test("--compare previous: churn of 2025Q4 against 2025Q3, DSO and overdue money at 2025-12-31")
    func previousComparisons() throws {
        let data = try ExportTestStore.summary(try ExportTestStore.make(), compare: .previous)
        // 2025Q3: C3 (L6), who ordered again in 2025Q4 (L8): churn 0 of 1.
        #expect(fraction(data.marketAndCustomers.churnRate.comparison) == [0, 1])
        #expect(data.marketAndCustomers.lostCustomers.comparison == .count(0))
        // 2025Q4: INV-4 (3,000, 2025-11-11, due 12-11, paid only in April) is unpaid and overdue on 12-31:
        // DSO 3,000 ÷ 3,000 × 92 days.
        let key = data.keyIndicators
        #expect(fraction(key.dsoDays.comparison) == [300_000 * 92, 300_000])
        #expect(key.overdueReceivables.comparison == .cents(300_000))
        #expect(key.overdueInvoices.comparison == .count(1))
    }

    @Test("product tiers: high P1, P2; mid P3; low P5; P4 without a tier")
    func productTiers() throws {
        let store = try ExportTestStore.make()
        try store.write { c in
            try c.execute(
                """
                UPDATE product SET tier = 'high' WHERE sku IN ('P1', 'P2');
                UPDATE product SET tier = 'mid' WHERE sku = 'P3';
                UPDATE product SET tier = 'low' WHERE sku = 'P5';
                """)
        }
        for scan in [LineScan.coveringIndexes, .dateRanges] {
            var options = SummaryOptions()
            options.lineScan = scan
            let tiers = try ExportTestStore.summary(store, options: options).salesPerformance.productTiers
            // 2026Q1: P1 L10 5,000 + L14 4,000, P2 L12 2,000 + L16 800 = 11,800; P3 L11 1,000 + L13 3,000 − L18 500
            // + L19 200 + L21 1,000 = 4,700; P4 L15 1,500. 2025Q1: P1 4,000; P3 2,000; P5 500.
            #expect(tiers.map(\.tier) == ["high", "mid", "low", nil], "\(scan)")
            #expect(tiers.map { cents($0.revenue.value) } == [1_180_000, 470_000, 0, 150_000], "\(scan)")
            #expect(tiers.map { cents($0.revenue.comparison) } == [400_000, 200_000, 50_000, 0], "\(scan)")
            #expect(fraction(tiers[0].share.value) == [1_180_000, 1_800_000])
            #expect(fraction(tiers[0].share.comparison) == [400_000, 650_000])
            #expect(fraction(tiers[2].growth.value) == [-50_000, 50_000])
            #expect(reason(tiers[3].growth.value) == "no revenue in 2025Q1 to compare with")
        }
    }

    // MARK: - Consistency

    @Test("the customer scan and the day scan agree: months, channels and product lines add up to revenue")
    func scansAgree() {
        let revenue = cents(data.coreGoals.revenue.value)
        let months = data.salesPerformance.months.filter(\.isInPeriod).compactMap { cents($0.revenue.value) }
        #expect(months.reduce(0, +) == revenue)
        #expect(data.marketAndCustomers.channels.compactMap { cents($0.revenue.value) }.reduce(0, +) == revenue)
        #expect(data.salesPerformance.productLines.compactMap { cents($0.revenue.value) }.reduce(0, +) == revenue)
        #expect(data.salesPerformance.regions.compactMap { cents($0.revenue.value) }.reduce(0, +) == revenue)
    }

    @Test("every figure names its metric, whose definition says how it is measured")
    func figuresCarryDefinitions() {
        #expect(data.coreGoals.revenue.definition.unit == .cny)
        #expect(data.coreGoals.targetCompletion.definition.unit == .percent)
        #expect(data.keyIndicators.dsoDays.definition.unit == .days)
        #expect(data.salesPerformance.seasonality[0].index.definition.unit == .index)
        #expect(data.customerFeedback.satisfaction.definition.unit == .score)
    }

    @Test("computing leaves no TEMP table behind and restores the connection's thread setting")
    func leavesConnectionClean() throws {
        let store = try ExportTestStore.make()
        try store.read { c in
            try c.execute("PRAGMA threads = 0")
            _ = try SummaryMetrics.compute(
                c, period: try ReportPeriod.parse("2026Q1"), compare: .previous, scope: .company)
            #expect(try c.scalar("SELECT count(*) FROM temp.sqlite_master")?.int64 == 0)
            #expect(try c.scalar("PRAGMA threads")?.int64 == 0)
        }
    }
}
