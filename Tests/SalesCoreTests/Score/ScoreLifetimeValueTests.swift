import Foundation
import Testing

@testable import SalesCore

@Suite("Lifetime value")
struct ScoreLifetimeValueTests {
    static let transactions = try! BGNBD(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
    static let spend = try! GammaGamma(p: 6.25, q: 3.74, gamma: 15.44)
    static let purchases = PurchaseHistory(repeatPurchases: 2, lastPurchaseTime: 30.43, age: 38.86)
    static let spending = SpendHistory(repeatPurchases: 2, meanValue: 22.35)

    @Test("monthly BG/NBD increments, valued and discounted at the end of each month")
    func discounting() throws {
        let ltv = try LifetimeValue(periodsPerMonth: LifetimeValue.weeksPerMonth)
        let estimate = try ltv.estimate(
            purchases: Self.purchases, spend: Self.spending,
            transactions: Self.transactions, value: Self.spend)
        #expect(estimate.monthlyPurchases.count == 12)
        #expect(estimate.monthlyPurchases.allSatisfy { $0 > 0 })
        let year = Self.transactions.expectedPurchases(within: 12 * LifetimeValue.weeksPerMonth, after: Self.purchases)
        #expect(isClose(estimate.expectedPurchases, year, relative: 1e-12))
        #expect(isClose(estimate.monthlyPurchases.reduce(0, +), year, relative: 1e-12))
        #expect(isClose(estimate.expectedOrderValue, 24.663713910761155, relative: 1e-12))
        #expect(estimate.probabilityAlive == Self.transactions.probabilityAlive(Self.purchases))
        var expected = 0.0
        for (i, n) in estimate.monthlyPurchases.enumerated() {
            expected += n * estimate.expectedOrderValue / pow(1.01, Double(i + 1))
        }
        #expect(isClose(estimate.discountedValue, expected, relative: 1e-12))
        // A month of 1% costs less than 12 months of 1% at the far end: value within those bounds.
        let undiscounted = year * estimate.expectedOrderValue
        #expect(
            estimate.discountedValue < undiscounted / 1.01 && estimate.discountedValue > undiscounted / pow(1.01, 12))
    }

    @Test("no discount: orders times order value; a higher rate lowers the value")
    func rates() throws {
        let plain = try LifetimeValue(periodsPerMonth: LifetimeValue.weeksPerMonth, monthlyDiscountRate: 0)
            .estimate(
                purchases: Self.purchases, spend: Self.spending, transactions: Self.transactions, value: Self.spend)
        #expect(isClose(plain.discountedValue, plain.expectedPurchases * plain.expectedOrderValue, relative: 1e-12))
        let steep = try LifetimeValue(periodsPerMonth: LifetimeValue.weeksPerMonth, monthlyDiscountRate: 0.05)
            .estimate(
                purchases: Self.purchases, spend: Self.spending, transactions: Self.transactions, value: Self.spend)
        #expect(steep.discountedValue < plain.discountedValue)
        let days = try LifetimeValue(periodsPerMonth: LifetimeValue.daysPerMonth, horizonMonths: 3)
        #expect(days.periodsPerMonth == 365.25 / 12)
        let short = try days.estimate(
            purchases: Self.purchases, spend: Self.spending,
            transactions: Self.transactions, value: Self.spend)
        #expect(short.monthlyPurchases.count == 3)
    }

    @Test("invalid settings are refused")
    func invalid() throws {
        #expect(throws: ScoreModelError.self) { try LifetimeValue(periodsPerMonth: 0) }
        #expect(throws: ScoreModelError.self) { try LifetimeValue(periodsPerMonth: 30, horizonMonths: 0) }
        #expect(throws: ScoreModelError.self) { try LifetimeValue(periodsPerMonth: 30, monthlyDiscountRate: -0.01) }
        #expect(throws: ScoreModelError.self) { try LifetimeValue(periodsPerMonth: 30, monthlyDiscountRate: 1) }
        let heavyTailed = try GammaGamma(p: 1, q: 0.5, gamma: 10)
        #expect(throws: ScoreModelError.self) {
            try LifetimeValue(periodsPerMonth: 30).estimate(
                purchases: PurchaseHistory(repeatPurchases: 0, lastPurchaseTime: 0, age: 5),
                spend: SpendHistory(repeatPurchases: 0, meanValue: 0), transactions: Self.transactions,
                value: heavyTailed)
        }
    }
}
