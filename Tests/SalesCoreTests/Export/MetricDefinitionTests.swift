import Foundation
import Testing

@testable import SalesCore

@Suite("sales-export metrics: the definition registry")
struct ExportMetricDefinitionTests {
    /// DESIGN §6's formulas, word for word.
    static let designFormulas: [MetricID: String] = [
        .targetCompletion: "completion = actual ÷ target",
        .growth: "growth = (this − comparison) ÷ comparison",
        .newCustomerShare:
            "new-customer share = revenue from customers whose first order falls in the period ÷ revenue",
        .repurchaseRate: "repurchase rate = customers with ≥2 orders in the period ÷ customers with ≥1",
        .churnRate: "churn rate = customers active in the comparison period with no order in this one ÷ "
            + "customers active in the comparison period",
        .averageOrderValue: "average order value = revenue ÷ orders",
        .perRepOutput: "per-rep output = revenue ÷ reps active in the period",
        .salesCycleDays: "sales cycle = mean(closed_on − created_on) over won opportunities",
        .leadConversion: "conversion = won ÷ opportunities created in the period",
        .winRate: "win rate = won ÷ (won + lost)",
        .dsoDays: "DSO = receivables outstanding ÷ credit sales × days in period",
        .budgetExecution: "budget execution = spent ÷ budget",
        .expenseROI: "expense ROI = (revenue attributed to the spend − spend) ÷ spend",
        .seasonalityIndex: "seasonality index = the quarter's share of the year ÷ 25%",
    ]

    @Test("every metric id has exactly one definition, in one registry")
    func oneDefinitionEach() {
        let ids = MetricDefinition.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(Set(ids) == Set(MetricID.allCases))
        for id in MetricID.allCases { #expect(id.definition.id == id) }
    }

    @Test("the formulas DESIGN §6 states are quoted exactly, and only those are marked as DESIGN's")
    func designFormulasQuoted() {
        for definition in MetricDefinition.all {
            if let formula = ExportMetricDefinitionTests.designFormulas[definition.id] {
                #expect(definition.formulaEn == formula, "\(definition.id.rawValue)")
                #expect(definition.isFromDesign, "\(definition.id.rawValue)")
            } else {
                #expect(!definition.isFromDesign, "\(definition.id.rawValue)")
            }
        }
    }

    @Test(
        "ids the brief names are stable",
        arguments: [
            "revenue", "target_completion", "growth", "new_customer_share", "repurchase_rate", "complaint_rate",
            "tier_a_retention", "seasonality_index", "per_rep_output", "sales_cycle_days", "lead_conversion",
            "win_rate",
            "average_order_value", "dso_days", "overdue_receivables", "channel_share", "churn_rate", "budget_execution",
            "expense_roi", "satisfaction", "complaint_closure_rate", "median_days_to_close",
        ])
    func stableIDs(id: String) {
        #expect(MetricID(rawValue: id) != nil)
    }

    @Test("names, formulas and rules are written in both languages; sections run 1 to 7")
    func complete() {
        for definition in MetricDefinition.all {
            for text in [
                definition.nameZh, definition.nameEn, definition.formulaZh, definition.formulaEn,
                definition.ruleZh, definition.ruleEn,
            ] {
                #expect(!text.trimmingCharacters(in: .whitespaces).isEmpty, "\(definition.id.rawValue)")
            }
            #expect(definition.formulaZh.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF })
            #expect((1...7).contains(definition.section.rawValue))
        }
    }

    @Test("units and sections of some metrics")
    func unitsAndSections() {
        #expect(MetricID.revenue.definition.unit == .cny && MetricID.revenue.definition.section == .coreGoals)
        #expect(MetricID.seasonalityIndex.definition.unit == .index)
        #expect(MetricID.seasonalityIndex.definition.section == .salesPerformance)
        #expect(MetricID.dsoDays.definition.unit == .days && MetricID.dsoDays.definition.section == .salesPerformance)
        #expect(MetricID.churnRate.definition.section == .marketAndCustomers)
        #expect(MetricID.churnRate.definition.higherIsBetter == false)
        #expect(MetricID.daysToCollect.definition.section == .team)
        #expect(MetricID.expenseROI.definition.section == .expensesAndBudget)
        #expect(MetricID.medianDaysToClose.definition.section == .customerFeedback)
        #expect(MetricID.orders.definition.unit == .count)
        #expect(MetricID.perRepOutput.definition.section == .team)
        #expect(ReportSection.allCases.map(\.rawValue) == Array(1...13))
        #expect(
            ReportSection.allCases.map(\.label) == ["1", "2", "3", "4", "5", "6", "7", "A", "B", "C", "D", "E", "F"])
        // Metrics belong to the seven sections of the outline, never to an appendix.
        #expect(MetricDefinition.all.allSatisfy { !$0.section.isAppendix })
        #expect(ReportSection.definitions.titleEn == "Definitions and provenance")
    }

    @Test("revenue's definition says how each kind of returned line counts, and that cancelled lines never count")
    func revenueRule() {
        let revenue = MetricID.revenue.definition
        #expect(revenue.formulaEn.contains("(negative) amounts of return reversal lines"))
        #expect(revenue.formulaZh.contains("退货冲销行"))
        #expect(
            revenue.ruleEn.contains("A returned line with a positive amount is a sale that was returned and counts 0"))
        #expect(revenue.ruleEn.contains("a returned line with a negative amount is a reversal"))
        #expect(revenue.ruleEn.contains("cancelled lines never count"))
        #expect(revenue.ruleZh.contains("计 0") && revenue.ruleZh.contains("负金额") && revenue.ruleZh.contains("已取消"))
    }
}

@Suite("sales-export metrics: values, ratios and directions")
struct ExportMetricValueTests {
    @Test("a ratio keeps its numerator and denominator unreduced; a zero denominator is missing")
    func ratios() {
        #expect(Ratio(3, 6)?.numerator == 3 && Ratio(3, 6)?.denominator == 6)
        #expect(Ratio(3, 6)?.value == 0.5)
        #expect(Ratio(1, 0) == nil && Ratio(1, -2) == nil)
        let noOrders = MissingReason(en: "no orders", zh: "无订单")
        #expect(MetricValue.fraction(1, 0, orMissing: noOrders) == .missing(noOrders))
        #expect(MetricValue.fraction(1, 0, orMissing: noOrders).missingReason == noOrders)
        #expect(MetricValue.fraction(1, 4, orMissing: noOrders).doubleValue == 0.25)
        #expect(MetricValue.fraction(1, 4, orMissing: noOrders).missingReason == nil)
    }

    @Test("directions compare money, counts and exact fractions")
    func directions() {
        #expect(Direction.of(.cents(5), against: .cents(3)) == .up)
        #expect(Direction.of(.count(2), against: .count(2)) == .flat)
        #expect(Direction.of(.ratio(Ratio(1, 3)!), against: .ratio(Ratio(2, 6)!)) == .flat)
        #expect(Direction.of(.ratio(Ratio(1, 3)!), against: .ratio(Ratio(1, 2)!)) == .down)
        // Large values whose products overflow 64 bits still compare exactly.
        let big = Int64.max / 2
        #expect(Direction.of(.ratio(Ratio(big, big - 1)!), against: .ratio(Ratio(big - 1, big - 2)!)) == .down)
        #expect(Direction.of(.missing(MissingReason(en: "x", zh: "甲")), against: .cents(1)) == nil)
        #expect(Direction.sign(of: .ratio(Ratio(-1, 5)!)) == .down)
        #expect(MetricResult(.revenue, .cents(2), comparison: .cents(2)).direction == .flat)
    }
}
