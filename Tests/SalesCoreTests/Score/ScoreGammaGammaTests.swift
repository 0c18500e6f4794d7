import Foundation
import Testing

@testable import SalesCore

@Suite("Gamma-Gamma spend model")
struct ScoreGammaGammaTests {
    @Test("the fit on CDNOW matches the published estimates")
    func cdnowFit() throws {
        let spend = try CDNOWSample.shared.get().spendHistories
        let fit = try GammaGamma.fit(spend)
        #expect(fit.customers == 946)
        // Published: p = 6.25, q = 3.74, γ = 15.44, within 1% each.
        #expect(isClose(fit.model.p, 6.25, relative: 0.01))
        #expect(isClose(fit.model.q, 3.74, relative: 0.01))
        #expect(isClose(fit.model.gamma, 15.44, relative: 0.01))
        // The data set's README gives p = 6.249, q = 3.745, γ = 15.448 (three decimals).
        #expect(abs(fit.model.p - 6.249) <= 0.0006)
        #expect(abs(fit.model.q - 3.745) <= 0.0006)
        #expect(abs(fit.model.gamma - 15.448) <= 0.0006)
        #expect(isClose(fit.model.logLikelihood(spend), fit.logLikelihood, relative: 1e-12))
        // Frequency and value are only weakly correlated in CDNOW, as the model assumes.
        #expect(abs(fit.frequencyValueCorrelation - 0.1139) < 0.0001)
    }

    @Test("customers without repeat purchases are left out, and the order of the customers changes nothing")
    func zeroesIgnored() throws {
        let spend = try CDNOWSample.shared.get().spendHistories
        let fit = try GammaGamma.fit(spend)
        #expect(try GammaGamma.fit(spend.filter { $0.repeatPurchases > 0 }) == fit)
        var r = ScoreRandom(seed: 3)
        #expect(try GammaGamma.fit(spend.shuffled(using: &r)) == fit)
    }

    @Test("the analytic gradient agrees with central differences")
    func gradient() throws {
        let likelihood = GammaGammaLikelihood(
            try CDNOWSample.shared.get().spendHistories.filter { $0.repeatPurchases > 0 })
        expectGradientMatchesCentralDifferences(at: [log(4.0), log(2.5), log(20.0)]) { theta, gradient in
            likelihood.negativeMeanLogLikelihood(at: theta, gradient: &gradient)
        }
    }

    @Test("conditional expected order value")
    func expectedValue() throws {
        let model = try GammaGamma(p: 6.25, q: 3.74, gamma: 15.44)
        // p(γ + x·mₓ)/(px + q − 1) = 6.25 · (15.44 + 2 · 22.35) / (12.5 + 2.74).
        let value = model.expectedOrderValue(SpendHistory(repeatPurchases: 2, meanValue: 22.35))
        #expect(isClose(value ?? 0, 24.663713910761155, relative: 1e-14))
        // Without repeat purchases: the population mean pγ/(q − 1).
        #expect(
            isClose(
                model.expectedOrderValue(SpendHistory(repeatPurchases: 0, meanValue: 0)) ?? 0,
                35.218978102189781, relative: 1e-14))
        #expect(model.populationMeanValue == model.expectedOrderValue(SpendHistory(repeatPurchases: 0, meanValue: 9)))
        // Many purchases: close to the customer's own mean.
        let loyal = model.expectedOrderValue(SpendHistory(repeatPurchases: 500, meanValue: 80)) ?? 0
        #expect(abs(loyal - 80) < 0.5)
        let heavyTailed = try GammaGamma(p: 1, q: 0.5, gamma: 10)
        #expect(heavyTailed.populationMeanValue == nil)
        #expect(heavyTailed.expectedOrderValue(SpendHistory(repeatPurchases: 0, meanValue: 0)) == nil)
        #expect(heavyTailed.expectedOrderValue(SpendHistory(repeatPurchases: 1, meanValue: 30)) == 80)
    }

    @Test("invalid or too few histories are refused")
    func refused() {
        #expect(throws: ScoreModelError.self) { try GammaGamma.fit([SpendHistory(repeatPurchases: 1, meanValue: 3)]) }
        #expect(throws: ScoreModelError.self) {
            try GammaGamma.fit([
                SpendHistory(repeatPurchases: 1, meanValue: 3), SpendHistory(repeatPurchases: 0, meanValue: 0),
            ])
        }
        #expect(throws: ScoreModelError.self) {
            try GammaGamma.fit([
                SpendHistory(repeatPurchases: 1, meanValue: 3), SpendHistory(repeatPurchases: 2, meanValue: 0),
            ])
        }
        // Everyone spends the same: q and γ grow without bound.
        let same = (1...50).map { SpendHistory(repeatPurchases: $0 % 5 + 1, meanValue: 20) }
        #expect {
            try GammaGamma.fit(same)
        } throws: { error in
            guard case ScoreModelError.notEnoughData = error else { return false }
            return true
        }
        #expect(throws: ScoreModelError.self) { try GammaGamma(p: 1, q: -1, gamma: 1) }
    }
}
