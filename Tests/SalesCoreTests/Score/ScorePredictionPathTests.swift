import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

/// A scoring run sums each BG/NBD prediction series once per distinct (x, T) and shares it between the
/// customers with that history (``ScoreEngine``); these tests hold every customer's predictions to the
/// models' own per-customer functions, bit for bit, on a store built from the CDNOW sample (on which both
/// models fit).
@Suite("sales-score: a run's shared prediction series give the per-customer functions' figures exactly")
struct ScorePredictionPathTests {
    /// One CDNOW customer as order lines: the first purchase T weeks before the as-of day, the last tₓ weeks
    /// after it, the repeats on the days between (one order each), each repeat worth zbar in whole cents.
    struct Customer {
        var code: String
        var days: [Int]
        var repeatCents: Int64
    }

    static let asOf = CivilDate(stored: "2026-03-31")!.daysSinceUnixEpoch

    /// The sample's customers whose repeats fit on distinct days between their first and last purchase.
    static func customers(_ sample: CDNOWSample) -> [Customer] {
        sample.rows.compactMap { row in
            let first = asOf - Int((row.age * 7).rounded())
            let last = first + Int((row.tx * 7).rounded())
            guard row.x == 0 || last - first >= row.x else { return nil }
            let days = row.x == 0 ? [first] : [first] + (1..<row.x).map { first + $0 } + [last]
            return Customer(code: "CD\(row.id)", days: days, repeatCents: Int64((row.meanValue * 100).rounded()))
        }
    }

    @Test("P(alive), expected orders, expected order value and lifetime value of every customer")
    func sharedSeriesMatchPerCustomerFunctions() throws {
        let sample = try CDNOWSample.shared.get()
        let customers = Self.customers(sample)
        #expect(customers.count > 2_000)
        let store = try makeTempStore()
        try store.write { c in
            let customer = try c.prepare("INSERT INTO customer (code, name) VALUES (?, ?)")
            let line = try c.prepare(
                """
                INSERT INTO order_line (order_no, order_date, customer_id, amount_cents, status)
                VALUES (?, ?, (SELECT id FROM customer WHERE code = ?), ?, 'completed')
                """)
            for each in customers {
                try customer.execute([.text(each.code), .text("客户 \(each.code)")])
                for (k, day) in each.days.enumerated() {
                    try line.execute([
                        .text("\(each.code)-\(k)"), .text(CivilDate(daysSinceUnixEpoch: day).iso), .text(each.code),
                        .integer(k == 0 ? 1_000 : each.repeatCents),
                    ])
                }
            }
        }
        let run = try ScoreStore.run(
            store, settings: ScoreSettings(asOf: "2026-03-31"), user: "analyst", at: "2026-04-01T08:00:00Z")
        let purchases = try #require(run.fit.purchases, "BG/NBD did not fit: \(run.fit.notes)")
        let spend = try #require(run.fit.spend, "Gamma-Gamma did not fit: \(run.fit.notes)")
        let bgnbd = try BGNBD(r: purchases.r, alpha: purchases.alpha, a: purchases.a, b: purchases.b)
        let gammaGamma = try GammaGamma(p: spend.p, q: spend.q, gamma: spend.gamma)
        let settings = ScoreSettings()
        let value = try LifetimeValue(
            periodsPerMonth: LifetimeValue.weeksPerMonth, horizonMonths: settings.horizonMonths,
            monthlyDiscountRate: settings.monthlyDiscountRate)
        let byCode = Dictionary(uniqueKeysWithValues: run.customers.map { ($0.code ?? "", $0) })
        #expect(byCode.count == customers.count)
        var mismatches = 0
        for each in customers {
            let score = try #require(byCode[each.code])
            let first = each.days[0]
            let last = each.days[each.days.count - 1]
            let history = PurchaseHistory(
                repeatPurchases: each.days.count - 1, lastPurchaseTime: Double(last - first) / 7,
                age: Double(Self.asOf - first) / 7)
            // The mean repeat order in yuan, as the run computes it from the stored cents.
            let repeats = each.days.count - 1
            let mean = repeats == 0 ? 0 : Double(each.repeatCents * Int64(repeats)) / 100 / Double(repeats)
            let spendHistory =
                mean > 0
                ? SpendHistory(repeatPurchases: repeats, meanValue: mean)
                : SpendHistory(repeatPurchases: 0, meanValue: 0)
            let orderValue = gammaGamma.expectedOrderValue(spendHistory)
            let estimate = try orderValue.map { _ in
                try value.estimate(purchases: history, spend: spendHistory, transactions: bgnbd, value: gammaGamma)
            }
            let expected: (Double?, Double?, Int64?, Int64?) = (
                bgnbd.probabilityAlive(history),
                bgnbd.expectedPurchases(
                    within: Double(settings.horizonMonths) * LifetimeValue.weeksPerMonth, after: history),
                orderValue.flatMap(ScoreEngine.cents), estimate.flatMap { ScoreEngine.cents($0.discountedValue) }
            )
            let got = (
                score.probabilityAlive, score.expectedOrders, score.expectedOrderValueCents, score.lifetimeValueCents
            )
            if got != expected {
                mismatches += 1
                if mismatches <= 5 { Issue.record("\(each.code): run \(got), per customer \(expected)") }
            }
            // The estimate's own P(alive) and horizon total are the same functions again.
            if let estimate {
                #expect(estimate.probabilityAlive == expected.0 && estimate.expectedPurchases == expected.1)
            }
        }
        #expect(mismatches == 0)
    }
}
