import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

/// A run sums each BG/NBD series once per distinct (x, T) and shares it between the customers who have that
/// history; these tests hold its predictions to the models' own per-customer functions, bit for bit.
@Suite("sales-score: a run's predictions are the models' own")
struct ScorePredictionTests {
    /// One generated customer: purchase days (distinct, ascending) and the amount of each, in cents.
    private struct Customer {
        var code: String
        var days: [Int]
        var cents: [Int64]
    }

    private static let asOfDay = CivilDate(stored: "2026-03-31")!.daysSinceUnixEpoch

    /// 400 customers whose first purchases fall on one of 30 Mondays, so that many share x and T but not tₓ.
    private static func customers() -> [Customer] {
        var random = SeededRandom(seed: 20_260_331)
        return (0..<400).map { i in
            var day = asOfDay - 700 + 7 * Int(random.next() % 30)
            var days: [Int] = []
            var cents: [Int64] = []
            for _ in 0..<(1 + Int(random.next() % 7)) where day <= asOfDay {
                days.append(day)
                cents.append(Int64(10_000 + random.next() % 900_000))
                day += 1 + Int(random.next() % 90)
            }
            return Customer(code: "C\(i)", days: days, cents: cents)
        }
    }

    private static func store(_ customers: [Customer]) throws -> Store {
        let store = try makeTempStore()
        try store.write { c in
            for customer in customers {
                try c.execute("INSERT INTO customer (code, name) VALUES (?, ?)", [.text(customer.code), .text("客户")])
                for (k, day) in customer.days.enumerated() {
                    try c.execute(
                        """
                        INSERT INTO order_line (order_no, order_date, customer_id, amount_cents, status)
                        VALUES (?, ?, (SELECT id FROM customer WHERE code = ?), ?, 'completed')
                        """,
                        [
                            .text("\(customer.code)-\(k)"), .text(CivilDate(daysSinceUnixEpoch: day).iso),
                            .text(customer.code), .integer(customer.cents[k]),
                        ])
                }
            }
        }
        return store
    }

    @Test("P(alive), expected orders and lifetime value equal the models' per-customer functions", arguments: [12, 3])
    func sharedSeries(horizonMonths: Int) throws {
        let customers = Self.customers()
        // The data share series: fewer distinct (x, T) than customers, and customers of one (x, T) differ in tₓ.
        let shared = Set(customers.map { "\($0.days.count) \($0.days[0])" })
        #expect(shared.count < customers.count / 2)
        #expect(Set(customers.map { "\($0.days.count) \($0.days[0]) \($0.days.last!)" }).count > shared.count)

        let store = try Self.store(customers)
        let settings = ScoreSettings(asOf: "2026-03-31", horizonMonths: horizonMonths)
        let run = try ScoreStore.run(store, settings: settings, user: "analyst", at: "2026-04-01T08:00:00Z")
        let p = try #require(run.fit.purchases, "BG/NBD fitted: \(run.fit.notes)")
        let s = try #require(run.fit.spend, "Gamma-Gamma fitted: \(run.fit.notes)")
        let purchaseModel = try BGNBD(r: p.r, alpha: p.alpha, a: p.a, b: p.b)
        let spendModel = try GammaGamma(p: s.p, q: s.q, gamma: s.gamma)
        let valueModel = try LifetimeValue(periodsPerMonth: LifetimeValue.weeksPerMonth, horizonMonths: horizonMonths)
        let scores = Dictionary(uniqueKeysWithValues: run.customers.map { ($0.code ?? "", $0) })
        #expect(scores.count == customers.count)

        var checked = 0
        for customer in customers {
            let score = try #require(scores[customer.code])
            let first = customer.days[0]
            let last = customer.days[customer.days.count - 1]
            let history = PurchaseHistory(
                repeatPurchases: customer.days.count - 1, lastPurchaseTime: Double(last - first) / 7,
                age: Double(Self.asOfDay - first) / 7)
            let repeats = customer.cents.count - 1
            let spend =
                repeats > 0
                ? SpendHistory(
                    repeatPurchases: repeats,
                    meanValue: Double(customer.cents.dropFirst().reduce(0, +)) / 100 / Double(repeats))
                : SpendHistory(repeatPurchases: 0, meanValue: 0)
            let estimate = try valueModel.estimate(
                purchases: history, spend: spend, transactions: purchaseModel, value: spendModel)
            #expect(score.probabilityAlive == purchaseModel.probabilityAlive(history), "\(customer.code)")
            #expect(
                score.expectedOrders
                    == purchaseModel.expectedPurchases(
                        within: Double(horizonMonths) * LifetimeValue.weeksPerMonth, after: history),
                "\(customer.code)")
            #expect(score.expectedOrders == estimate.expectedPurchases, "\(customer.code)")
            #expect(score.expectedOrderValueCents == ScoreEngine.cents(estimate.expectedOrderValue), "\(customer.code)")
            #expect(score.lifetimeValueCents == ScoreEngine.cents(estimate.discountedValue), "\(customer.code)")
            checked += 1
        }
        #expect(checked == customers.count)
    }
}
