import Foundation
import Testing

@testable import SalesCore

@Suite("BG/NBD model")
struct ScoreBGNBDTests {
    /// Fader, Hardie & Lee (2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426.
    static let published = try! BGNBD(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)

    @Test("the fit on CDNOW matches the published estimates")
    func cdnowFit() throws {
        let sample = try CDNOWSample.shared.get()
        #expect(sample.rows.count == 2_357)
        let fit = try BGNBD.fit(sample.purchaseHistories)
        #expect(fit.customers == 2_357)
        // Published: within 1% each, log-likelihood within 0.1%.
        #expect(isClose(fit.model.r, 0.243, relative: 0.01))
        #expect(isClose(fit.model.alpha, 4.414, relative: 0.01))
        #expect(isClose(fit.model.a, 0.793, relative: 0.01))
        #expect(isClose(fit.model.b, 2.426, relative: 0.01))
        #expect(isClose(fit.logLikelihood, -9582.4, relative: 0.001))
        // The data set's README gives one more digit: r 0.2426, α 4.4135, a 0.7929, b 2.4258, LL −9582.43.
        #expect(abs(fit.model.r - 0.2426) <= 0.00006)
        #expect(abs(fit.model.alpha - 4.4135) <= 0.00006)
        #expect(abs(fit.model.a - 0.7929) <= 0.00006)
        #expect(abs(fit.model.b - 2.4258) <= 0.00006)
        #expect(abs(fit.logLikelihood - -9582.43) <= 0.006)
        // The reported log-likelihood is the model's own, summed customer by customer.
        #expect(isClose(fit.model.logLikelihood(sample.purchaseHistories), fit.logLikelihood, relative: 1e-12))
    }

    @Test("the fit does not depend on the order of the customers")
    func cdnowOrder() throws {
        let histories = try CDNOWSample.shared.get().purchaseHistories
        var r = ScoreRandom(seed: 11)
        let first = try BGNBD.fit(histories)
        let shuffled = try BGNBD.fit(histories.shuffled(using: &r))
        #expect(first == shuffled)
    }

    @Test("the log-likelihood at the published estimates is the published one")
    func publishedLikelihood() throws {
        let histories = try CDNOWSample.shared.get().purchaseHistories
        #expect(isClose(Self.published.logLikelihood(histories), -9582.4, relative: 0.001))
    }

    @Test("the analytic gradient agrees with central differences")
    func gradient() throws {
        let likelihood = BGNBDLikelihood(try CDNOWSample.shared.get().purchaseHistories)
        expectGradientMatchesCentralDifferences(at: [log(0.3), log(5.0), log(0.7), log(2.0)]) { theta, gradient in
            likelihood.negativeMeanLogLikelihood(at: theta, gradient: &gradient)
        }
    }

    @Test("expected purchases agree with the hypergeometric formula evaluated at 40 digits")
    func expectedPurchases() throws {
        // (t, x, tₓ, T, r, α, a, b) and E[Y(t) | x, tₓ, T] from equation 10 with mpmath's hyp2f1 (40 digits).
        let cases: [(Double, Int, Double, Double, Double, Double, Double, Double, Double)] = [
            (39, 2, 30.43, 38.86, 0.243, 4.414, 0.793, 2.426, 1.2260281747671445),
            (1, 0, 0, 38.86, 0.243, 4.414, 0.793, 2.426, 0.0055956578894840522),
            (52, 10, 35, 38.86, 0.243, 4.414, 0.793, 2.426, 7.7388920022980716),
            (365, 3, 200, 400, 0.5, 30, 1.5, 3, 0.59327499532907154),
            (365, 0, 0, 10, 0.5, 30, 1.0000001, 3, 2.2026801311886542),
            (365, 40, 500, 700, 0.5, 30, 0.3, 0.7, 0.0058658818633840973),
            (1000, 1, 2, 5, 2.0, 3.0, 5.0, 1.2, 0.085792926487102758),
            (30, 7, 100, 120, 0.8, 12, 0.999, 4, 1.206034629349823),
            // a + b < 1: the third parameter of ₂F₁ is negative for x = 0.
            (365, 0, 0, 10, 0.25, 20, 0.1, 0.3, 2.0959102628941624),
            (3000, 5, 18, 30, 3, 20, 0.5, 0.3, 42.971608462768074),
        ]
        for c in cases {
            let model = try BGNBD(r: c.4, alpha: c.5, a: c.6, b: c.7)
            let value = model.expectedPurchases(
                within: c.0,
                after: PurchaseHistory(
                    repeatPurchases: c.1,
                    lastPurchaseTime: c.2, age: c.3))
            #expect(isClose(value, c.8, relative: 1e-12), "case \(c)")
        }
        // Large a and b (drop-out nearly the same for everyone), where the series is summed untransformed;
        // references from the series of equation 10 summed at 60 digits.
        let large: [(Double, Int, Double, Double, Double, Double, Double, Double, Double)] = [
            (3000, 60, 18, 30, 0.25, 20, 30, 30_000, 0.06575975432417998),
            (50, 1, 30, 50, 3, 20, 100_000, 100_000_000, 2.8411386601180286),
            (365, 0, 0, 10, 0.25, 20, 15, 15_000, 3.0187826102774498),
            (365, 60, 6, 10, 3, 20, 1_000, 1_000_000, 57.8072558426092),
        ]
        for c in large {
            let model = try BGNBD(r: c.4, alpha: c.5, a: c.6, b: c.7)
            let value = model.expectedPurchases(
                within: c.0,
                after: PurchaseHistory(
                    repeatPurchases: c.1,
                    lastPurchaseTime: c.2, age: c.3))
            #expect(isClose(value, c.8, relative: 1e-9), "case \(c)")
        }
    }

    @Test("the paper's example: 1.226 purchases in the next 39 weeks for x = 2, tₓ = 30.43, T = 38.86")
    func paperExample() {
        let h = PurchaseHistory(repeatPurchases: 2, lastPurchaseTime: 30.43, age: 38.86)
        #expect(abs(Self.published.expectedPurchases(within: 39, after: h) - 1.226) < 0.0005)
    }

    @Test("expected purchases grow with the horizon, start at 0 and are continuous through a = 1")
    func expectedShape() throws {
        let h = PurchaseHistory(repeatPurchases: 3, lastPurchaseTime: 20, age: 30)
        #expect(Self.published.expectedPurchases(within: 0, after: h) == 0)
        var previous = 0.0
        for t in stride(from: 1.0, through: 400, by: 13) {
            let value = Self.published.expectedPurchases(within: t, after: h)
            #expect(value > previous)
            previous = value
        }
        // The two ways of summing the series agree where the computation switches from one to the other.
        let switchPoint = try BGNBD(r: 0.5, alpha: 30, a: BGNBD.directFormAbove, b: 3)
        for x in [0.0, 1, 5, 60] {
            for z in [0.01, 0.5, 0.95] {
                #expect(
                    isClose(
                        switchPoint.directBracket(x: x, z: z), switchPoint.transformedBracket(x: x, z: z),
                        relative: 1e-12))
            }
        }
        let one = try BGNBD(r: 0.5, alpha: 30, a: 1, b: 3)
        let near = try BGNBD(r: 0.5, alpha: 30, a: 1 + 1e-9, b: 3)
        let young = PurchaseHistory(repeatPurchases: 0, lastPurchaseTime: 0, age: 10)
        #expect(
            isClose(
                one.expectedPurchases(within: 365, after: young),
                near.expectedPurchases(within: 365, after: young), relative: 1e-7))
    }

    @Test("probability alive")
    func probabilityAlive() {
        // 1 / (1 + a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)) at the published estimates, evaluated at 30 digits.
        let h = PurchaseHistory(repeatPurchases: 2, lastPurchaseTime: 30.43, age: 38.86)
        #expect(isClose(Self.published.probabilityAlive(h), 0.72657857008067291, relative: 1e-13))
        #expect(Self.published.probabilityAlive(PurchaseHistory(repeatPurchases: 0, lastPurchaseTime: 0, age: 38)) == 1)
        // Someone who bought often and then stopped long ago is probably gone.
        let gone = PurchaseHistory(repeatPurchases: 20, lastPurchaseTime: 5, age: 38)
        #expect(Self.published.probabilityAlive(gone) < 1e-6)
    }

    @Test("data that cannot identify the model are refused")
    func refused() {
        #expect(throws: ScoreModelError.self) { try BGNBD.fit([]) }
        #expect(throws: ScoreModelError.self) {
            try BGNBD.fit([PurchaseHistory(repeatPurchases: 0, lastPurchaseTime: 0, age: 10)])
        }
        #expect(throws: ScoreModelError.self) {
            try BGNBD.fit([PurchaseHistory(repeatPurchases: 2, lastPurchaseTime: 12, age: 10)])
        }
        #expect(throws: ScoreModelError.self) {
            try BGNBD.fit([PurchaseHistory(repeatPurchases: -1, lastPurchaseTime: 0, age: 10)])
        }
        // Nobody seems to drop out: the beta distribution of drop-out has no finite estimate.
        let loyal = (0..<500).map { i in
            PurchaseHistory(repeatPurchases: i % 7, lastPurchaseTime: i % 7 == 0 ? 0 : 50, age: 50)
        }
        #expect {
            try BGNBD.fit(loyal)
        } throws: { error in
            guard case ScoreModelError.notEnoughData(_, let reason) = error else { return false }
            return reason.contains("a, b run off")
        }
        #expect(throws: ScoreModelError.self) { try BGNBD(r: 0, alpha: 1, a: 1, b: 1) }
        #expect(throws: ScoreModelError.self) { try BGNBD(r: 1, alpha: .infinity, a: 1, b: 1) }
    }
}
