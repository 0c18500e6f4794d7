import Foundation

/// Customer lifetime value over a short horizon: BG/NBD purchases month by month, times the Gamma-Gamma
/// expected order value, discounted monthly.
///
/// For month m = 1 … H (H = ``horizonMonths``, default 12) the expected purchases in that month are the
/// BG/NBD increment `E[Y(m·k)] − E[Y((m−1)·k)]`, where k = ``periodsPerMonth`` converts months to the time
/// unit of the data. Each month's purchases are valued at the Gamma-Gamma expected order value and
/// discounted as if paid at the end of the month:
///
///     value = Σₘ (E[Y(m·k)] − E[Y((m−1)·k)]) · E[order value] / (1 + d)^m,   d = monthlyDiscountRate (default 1%).
///
/// P(alive) is reported beside the value; it is already inside the BG/NBD expectation and not applied again.
public struct LifetimeValue: Sendable, Hashable {
    /// How many units of the data's time unit make a month: 365.25/12 for days, 52.1775/12 for weeks.
    public let periodsPerMonth: Double
    /// The horizon in months (default 12).
    public let horizonMonths: Int
    /// The discount rate per month (default 0.01, 1%).
    public let monthlyDiscountRate: Double

    /// Days per month on average: 365.25 / 12.
    public static let daysPerMonth = 365.25 / 12
    /// Weeks per month on average: 365.25 / 7 / 12.
    public static let weeksPerMonth = 365.25 / 7 / 12

    /// - Throws: ``ScoreModelError/invalidSetting(name:value:allowed:)`` unless `periodsPerMonth > 0`,
    ///   `horizonMonths ≥ 1` and `0 ≤ monthlyDiscountRate < 1`.
    public init(periodsPerMonth: Double, horizonMonths: Int = 12, monthlyDiscountRate: Double = 0.01) throws {
        guard periodsPerMonth.isFinite, periodsPerMonth > 0 else {
            throw ScoreModelError.invalidSetting(
                name: "periods per month", value: "\(periodsPerMonth)",
                allowed: "a positive number")
        }
        guard horizonMonths >= 1 else {
            throw ScoreModelError.invalidSetting(
                name: "horizon months", value: "\(horizonMonths)",
                allowed: "at least 1")
        }
        guard monthlyDiscountRate.isFinite, monthlyDiscountRate >= 0, monthlyDiscountRate < 1 else {
            throw ScoreModelError.invalidSetting(
                name: "monthly discount rate", value: "\(monthlyDiscountRate)",
                allowed: "0 ≤ rate < 1")
        }
        self.periodsPerMonth = periodsPerMonth
        self.horizonMonths = horizonMonths
        self.monthlyDiscountRate = monthlyDiscountRate
    }

    /// One customer's lifetime value and the figures behind it.
    public struct Estimate: Sendable, Hashable {
        /// Expected purchases in each month of the horizon, month 1 first.
        public var monthlyPurchases: [Double]
        /// Expected purchases over the whole horizon (undiscounted).
        public var expectedPurchases: Double
        /// The Gamma-Gamma expected value of one purchase.
        public var expectedOrderValue: Double
        /// BG/NBD probability that the customer is still active.
        public var probabilityAlive: Double
        /// The discounted value of the horizon's expected purchases, in the money unit of the spend data.
        public var discountedValue: Double
    }

    /// The lifetime value of a customer with purchase history `purchases` and spend history `spend`.
    ///
    /// - Throws: ``ScoreModelError/invalidSetting(name:value:allowed:)`` when the spend model gives no finite
    ///   expected order value for the customer (q ≤ 1 and no repeat purchases).
    public func estimate(
        purchases: PurchaseHistory, spend: SpendHistory, transactions: BGNBD,
        value: GammaGamma
    ) throws -> Estimate {
        guard let orderValue = value.expectedOrderValue(spend) else {
            throw ScoreModelError.invalidSetting(
                name: "Gamma-Gamma q", value: "\(value.q)",
                allowed: "q > 1 for an expected order value without repeat purchases")
        }
        var monthly: [Double] = []
        monthly.reserveCapacity(horizonMonths)
        let odds = transactions.deathOdds(purchases)
        let (discounted, total) = discountedValue(
            orderValue: orderValue, month: { monthly.append($0) },
            cumulative: { transactions.expectedPurchases(within: Double($0) * periodsPerMonth, after: purchases) })
        return Estimate(
            monthlyPurchases: monthly, expectedPurchases: total, expectedOrderValue: orderValue,
            probabilityAlive: transactions.probabilityAlive(deathOdds: odds), discountedValue: discounted)
    }

    /// The discounted value of the horizon's purchases at `orderValue` each, where `cumulative(m)` is the
    /// expected number of purchases in the first m months (m = 1 … ``horizonMonths``); and the purchases over
    /// the whole horizon. `month` receives each month's expected purchases, month 1 first. The one definition
    /// of the sum, for ``estimate(purchases:spend:transactions:value:)`` and a scoring run (which computes
    /// `cumulative` from series shared by customers with the same history length and repeat purchases).
    @inline(__always)
    func discountedValue(
        orderValue: Double, month: (Double) -> Void = { _ in }, cumulative: (Int) -> Double
    ) -> (value: Double, purchases: Double) {
        var previous = 0.0
        var discounted = 0.0
        var factor = 1.0
        for m in 1...horizonMonths {
            let total = cumulative(m)
            let inMonth = max(total - previous, 0)
            factor /= 1 + monthlyDiscountRate
            discounted += inMonth * orderValue * factor
            month(inMonth)
            previous = total
        }
        return (discounted, previous)
    }
}
