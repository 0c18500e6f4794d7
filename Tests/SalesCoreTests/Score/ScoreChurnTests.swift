import Testing

@testable import SalesCore

@Suite("Churn risk")
struct ScoreChurnTests {
    @Test("the median gap between distinct order dates")
    func medianGap() {
        #expect(ChurnRule.medianGap(days: [0, 10, 30]) == 15)
        #expect(ChurnRule.medianGap(days: [30, 0, 10, 10]) == 15)
        #expect(ChurnRule.medianGap(days: [0, 5, 6, 20]) == 5)
        #expect(ChurnRule.medianGap(days: [7, 7]) == nil)
        #expect(ChurnRule.medianGap(days: [7]) == nil)
    }

    @Test("recency against 1.5 and 3 typical gaps, lost after 365 days")
    func thresholds() throws {
        let days = [0, 10, 20, 30]  // Typical gap 10 days.
        let expectations: [(Int, ChurnRisk)] = [
            (0, .low), (15, .low), (16, .rising), (30, .rising), (31, .high),
            (365, .high), (366, .lost),
        ]
        for (recency, risk) in expectations {
            let result = try ChurnRule.standard.assess([OrderDays(customerID: 1, days: days)], asOfDay: 30 + recency)
            #expect(
                result == [
                    ChurnAssessment(
                        customerID: 1, risk: risk, recencyDays: recency, typicalGapDays: 10,
                        gapSource: .own)
                ], "recency \(recency)")
        }
    }

    @Test("a customer with one order date is measured against the population's median gap")
    func oneOrder() throws {
        // Own gaps 10, 30 and 50 days: the population gap is 30, so 45 days is 1.5 gaps.
        let customers = [
            OrderDays(customerID: 1, days: [0, 10]), OrderDays(customerID: 2, days: [0, 30, 60, 61, 100]),
            OrderDays(customerID: 3, days: [50, 100]), OrderDays(customerID: 4, days: [55, 55]),
            OrderDays(customerID: 5, days: [54]),
        ]
        let result = try ChurnRule.standard.assess(customers, asOfDay: 100)
        // Customer 2's gaps are 30, 30, 1, 39: its own median is 30.
        #expect(result.map(\.typicalGapDays) == [10, 30, 50, 30, 30])
        #expect(result.map(\.gapSource) == [.own, .own, .own, .population, .population])
        #expect(result.map(\.recencyDays) == [90, 0, 0, 45, 46])
        #expect(result.map(\.risk) == [.high, .low, .low, .low, .rising])
    }

    @Test("without any repeat customer the fallback gap applies")
    func fallback() throws {
        let rule = try ChurnRule(fallbackGapDays: 20)
        let result = try rule.assess(
            [OrderDays(customerID: 1, days: [0]), OrderDays(customerID: 2, days: [10])],
            asOfDay: 40)
        #expect(result.map(\.gapSource) == [.fallback, .fallback])
        #expect(result.map(\.risk) == [.rising, .low])
    }

    @Test("the thresholds are configurable")
    func configurable() throws {
        let rule = try ChurnRule(lowMultiple: 1, risingMultiple: 2, lostAfterDays: 90)
        #expect(rule.risk(recencyDays: 10, gapDays: 10) == .low)
        #expect(rule.risk(recencyDays: 11, gapDays: 10) == .rising)
        #expect(rule.risk(recencyDays: 21, gapDays: 10) == .high)
        #expect(rule.risk(recencyDays: 91, gapDays: 200) == .lost)
        #expect(rule.risk(recencyDays: 90, gapDays: 200) == .low)
    }

    @Test("invalid rules and histories are refused")
    func invalid() {
        #expect(throws: ScoreModelError.self) { try ChurnRule(lowMultiple: 3, risingMultiple: 3) }
        #expect(throws: ScoreModelError.self) { try ChurnRule(lowMultiple: 0) }
        #expect(throws: ScoreModelError.self) { try ChurnRule(lostAfterDays: 0) }
        #expect(throws: ScoreModelError.self) { try ChurnRule(fallbackGapDays: .nan) }
        let rule = ChurnRule.standard
        #expect(throws: ScoreModelError.self) { try rule.assess([OrderDays(customerID: 1, days: [])], asOfDay: 0) }
        #expect(throws: ScoreModelError.self) { try rule.assess([OrderDays(customerID: 1, days: [5])], asOfDay: 4) }
        #expect(throws: ScoreModelError.duplicateCustomer(1)) {
            try rule.assess([OrderDays(customerID: 1, days: [1]), OrderDays(customerID: 1, days: [2])], asOfDay: 9)
        }
    }
}
