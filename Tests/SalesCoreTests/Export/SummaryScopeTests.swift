import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

@Suite("sales-export metrics: scopes")
struct ExportReportScopeTests {
    @Test(
        "company, region:NAME and team:NAME",
        arguments: [
            ("company", ReportScope.company), ("region:华东", .region("华东")), ("team:East-1", .team("East-1")),
            ("region:South China", .region("South China")),
        ])
    func parses(text: String, scope: ReportScope) throws {
        #expect(try ReportScope.parse(text) == scope)
        #expect(scope.text == text)
    }

    @Test(
        "anything else is refused naming the value",
        arguments: [
            "", "Company", "region", "region:", "region: ",
            "team:", "rep:li", "华东", "all",
        ])
    func refuses(text: String) {
        #expect(throws: MetricsError.invalidScope(text)) { try ReportScope.parse(text) }
        #expect(MetricsError.invalidScope(text).errorDescription?.contains("'\(text)'") == true)
    }

    @Test("phrases for reasons, in English and Chinese")
    func phrases() {
        #expect(ReportScope.company.phrase == "company" && ReportScope.company.phraseZh == "公司")
        #expect(ReportScope.region("华东").phrase == "region 华东" && ReportScope.region("华东").phraseZh == "华东 区域")
        #expect(
            ReportScope.team("East-1").phrase == "team East-1" && ReportScope.team("East-1").phraseZh == "East-1 团队")
        #expect(ReportScope.region("华东").phrase(.zh) == "华东 区域" && ReportScope.region("华东").phrase(.en) == "region 华东")
    }

    @Test("the target and budget rows a scope owns")
    func targetRows() {
        #expect(ReportScope.company.targetScope == "company" && ReportScope.company.scopeKey == "")
        #expect(ReportScope.region("华东").targetScope == "region" && ReportScope.region("华东").scopeKey == "华东")
        #expect(ReportScope.team("East-1").targetScope == "team")
    }

    @Test("a region or team the store does not know is refused, listing the known ones")
    func unknownNames() throws {
        let store = try ExportTestStore.make()
        #expect(throws: MetricsError.unknownRegion("北极", known: ["华东", "华南", "西部"])) {
            try ExportTestStore.summary(store, scope: .region("北极"))
        }
        #expect(throws: MetricsError.unknownTeam("Nobody", known: ["East-1", "HQ", "South-1"])) {
            try ExportTestStore.summary(store, scope: .team("Nobody"))
        }
        #expect(
            MetricsError.unknownRegion("北极", known: ["华东"]).errorDescription
                == "no region named '北极' in the store (known: 华东)")
    }
}

@Suite("sales-export metrics: figures filtered by scope")
struct ExportScopeFilterTests {
    let store: Store

    init() throws {
        store = try ExportTestStore.make()
    }

    @Test("region 华东: lines of its customers, and of customers without a region sold by its reps")
    func east() throws {
        let data = try ExportTestStore.summary(store, scope: .region("华东"))
        let core = data.coreGoals
        // C1 9,000 (including zhao's L21: the customer's region decides) + C2 2,500 + C4's L19 by li 200 = 11,700;
        // 2025Q1: C1 1,000 + C2 2,000 (C6 is in 西部).
        #expect(cents(core.revenue.value) == 1_170_000 && cents(core.revenue.comparison) == 300_000)
        #expect(cents(core.target.value) == 1_200_000)
        #expect(fraction(core.targetCompletion.value) == [1_170_000, 1_200_000])
        // Orders: C1 3, C2 1, C4 1 (SO-2608; SO-2605 was sold by zhao of 华南). Repeat: C1 only.
        #expect(data.keyIndicators.orders.value == .count(5))
        #expect(fraction(core.repurchaseRate.value) == [1, 3])
        // New: C4's 200 in the scope.
        #expect(fraction(core.newCustomerShare.value) == [20_000, 1_170_000])
        // li, han and zhao (L21) sold in the scope.
        #expect(fraction(data.keyIndicators.perRepOutput.value) == [1_170_000, 3])
        #expect(data.salesPerformance.regions.map(\.name) == ["华东"])
        // Active in 2025Q1 in 华东: C1, C2, both ordered again.
        #expect(fraction(data.marketAndCustomers.churnRate.value) == [0, 2])
        // Complaints of C1 and C2 (customer rule; C4 is zhao's, so 华南): K1, K3 over five orders.
        #expect(fraction(core.complaintRate.value) == [2, 5])
        // Tier A of run 2 in 华东: C1, which ordered.
        #expect(fraction(core.tierARetention.value) == [1, 1])
        #expect(data.marketAndCustomers.tiers.map(\.customers.value) == [.count(1), .count(1), .count(0), .count(0)])
        #expect(fraction(data.marketAndCustomers.highValueShare.value) == [900_000, 1_170_000])
    }

    @Test("region 华东: pipeline, receivables, feedback, reps and expenses follow their own rules")
    func eastOtherRecords() throws {
        let data = try ExportTestStore.summary(store, scope: .region("华东"))
        let key = data.keyIndicators
        // Opportunities of C1 and C2: created O1, O2, O6 (O1 won); closed O1, O5 won, O2 lost.
        #expect(fraction(key.leadConversion.value) == [1, 3])
        #expect(fraction(key.winRate.value) == [2, 3])
        #expect(fraction(key.salesCycleDays.value) == [105, 2])
        // Invoices of C1 and C2: invoiced INV-1 6,000 + INV-2 3,000; unpaid at the end INV-2 + INV-4 = 6,000.
        #expect(fraction(key.dsoDays.value) == [600_000 * 90, 900_000])
        #expect(key.overdueReceivables.value == .cents(600_000))
        // Surveys F1, F2, F5; complaints K1 (closed), K3; nothing open over 30 days.
        let feedback = data.customerFeedback
        #expect(fraction(feedback.byDimension[0].satisfaction.value) == [14, 3])
        #expect(fraction(feedback.closureRate.value) == [1, 2])
        // Resolved: K1 and K3 after 5 days each.
        #expect(fraction(feedback.medianDaysToClose.value) == [10, 2])
        #expect(feedback.staleComplaints.value == .count(0))
        // Reps whose region is 华东, with every line credited to them.
        #expect(data.team.reps.map(\.login) == ["li", "han"])
        #expect(cents(data.team.reps[0].revenue.value) == 820_000)
        // The quarterly star among the scope's reps: li (117%); zhao, of another region, is not considered.
        #expect(data.team.quarterAwards?.awards.first?.winner?.key == "li")
        #expect(data.team.quarterAwards?.awards.first?.runnerUp == nil)
        #expect(data.team.improvementCandidates.map(\.login) == ["han"])
        // Claims serving 华东 (E1, E2 by li); its only budget row is travel 2026-02, overrun.
        let expenses = data.expensesAndBudget
        #expect(expenses.spend.value == .cents(250_000))
        #expect(expenses.budgetLines.map(\.period) == ["2026-02"])
        #expect(fraction(expenses.budgetExecution.value) == [50_000, 40_000])
        // Advertising: E1 reaches C1, whose lines (all in 华东) from 01-15 to 04-14 are L12 and L21, 3,000 on
        // 2,000; travel (E2) reaches no one.
        #expect(expenses.roiByCategory.map { fraction($0.roi.value) } == [[100_000, 200_000], nil])
        // Pending: han's E6 (his region); zhao's E4 serves 华南.
        #expect(expenses.pendingClaims.value == .count(1))
    }

    @Test("region 华南: C3, C5, and C4's line sold by zhao")
    func south() throws {
        let data = try ExportTestStore.summary(store, scope: .region("华南"))
        // C3 L14 4,000 + C4 L15 1,500 + C5 L16 800 = 6,300; orders SO-2604, SO-2605, SO-2606; nobody repeats.
        #expect(cents(data.coreGoals.revenue.value) == 630_000)
        #expect(fraction(data.coreGoals.targetCompletion.value) == [630_000, 600_000])
        #expect(fraction(data.coreGoals.repurchaseRate.value) == [0, 3])
        #expect(
            reason(data.coreGoals.targetCompletion.comparison)
                == "targets for region 华南 cover only part of 2025Q1 (2025-01, 2025-02)")
        #expect(
            reasonZh(data.coreGoals.targetCompletion.comparison)
                == "华南 区域的目标只覆盖 2025Q1 的一部分（2025-01、2025-02）")
        // Customers by the customer rule: C3, C5, and C4 (owner zhao); K2 and K5 are open over 30 days.
        #expect(data.customerFeedback.staleComplaints.value == .count(2))
        // People of 华南: zhao and qian (who left; listed, but never a candidate).
        #expect(data.team.reps.map(\.login) == ["zhao", "qian"])
        #expect(data.team.improvementCandidates.isEmpty)
        #expect(data.expensesAndBudget.budgetLines.map(\.category) == ["advertising"])
        #expect(data.keyIndicators.salesCycleDays.value.ratioValue.map { [$0.numerator, $0.denominator] } == [30, 1])
    }

    @Test("team East-1: the lines credited to li and han, whatever the customer's region")
    func teamEast() throws {
        let data = try ExportTestStore.summary(store, scope: .team("East-1"))
        // li 8,200 + han 2,500 = 10,700; 2025Q1: li L1 1,000 + L4 500, han L2 2,000 = 3,500.
        #expect(cents(data.coreGoals.revenue.value) == 1_070_000 && cents(data.coreGoals.revenue.comparison) == 350_000)
        #expect(fraction(data.coreGoals.targetCompletion.value) == [1_070_000, 900_000])
        #expect(reason(data.coreGoals.target.comparison) == "no targets for team East-1 in 2025Q1")
        // Orders: C1 SO-2601, SO-2602 (SO-2610 is zhao's); C2 SO-2603; C4 SO-2608.
        #expect(data.keyIndicators.orders.value == .count(4))
        #expect(fraction(data.coreGoals.repurchaseRate.value) == [1, 3])
        // Regions are shown without region targets; 西部 appears for C6's 2025Q1 line by li.
        let regions = data.salesPerformance.regions
        #expect(regions.map(\.name) == ["华东", "西部"])
        #expect(reason(regions[0].target.value) == "a team summary does not set regions against region targets")
        #expect(!regions[0].isUnderTarget)
        #expect(data.team.reps.map(\.login) == ["li", "han"])
        #expect(data.expensesAndBudget.budgetLines.map(\.scopeKey) == ["East-1"])
    }

    @Test("team South-1: zhao's lines, including the one to 华东's C1")
    func teamSouth() throws {
        let data = try ExportTestStore.summary(store, scope: .team("South-1"))
        // L14 4,000 + L15 1,500 + L16 800 + L21 1,000.
        #expect(cents(data.coreGoals.revenue.value) == 730_000)
        #expect(data.keyIndicators.orders.value == .count(4))
        #expect(reason(data.coreGoals.target.value) == "no targets for team South-1 in 2026Q1")
        #expect(data.salesPerformance.regions.map(\.name) == ["华南", "华东"])
    }
}
