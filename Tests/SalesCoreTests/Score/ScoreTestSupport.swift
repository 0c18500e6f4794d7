import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

/// The seeded generator the random customers are drawn from.
typealias ScoreRandom = SeededRandom

/// The CDNOW sample of Fader, Hardie & Lee: 2,357 customers, times in weeks, values in dollars.
struct CDNOWSample {
    /// One customer: ID, x (repeat purchases), tₓ, T (weeks), zbar (mean repeat value, dollars).
    struct Row {
        var id: Int
        var x: Int
        var tx: Double
        var age: Double
        var meanValue: Double
    }

    var rows: [Row]

    /// `<repository>/../shared/datasets/cdnow/cdnow_customers_summary_with_transactions.csv`.
    static let url = repositoryRoot()
        .appendingPathComponent("../shared/datasets/cdnow/cdnow_customers_summary_with_transactions.csv")
        .standardizedFileURL

    /// The sample, read once.
    static let shared: Result<CDNOWSample, any Error> = Result { try CDNOWSample(contentsOf: url) }

    init(contentsOf url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.first == "ID,x,t_x,T,zbar" else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        lines.removeFirst()
        rows = try lines.filter { !$0.isEmpty }.map { line in
            let f = line.split(separator: ",").map(String.init)
            guard f.count == 5, let id = Int(f[0]), let x = Int(f[1]), let tx = Double(f[2]), let age = Double(f[3]),
                let mean = Double(f[4])
            else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path]) }
            return Row(id: id, x: x, tx: tx, age: age, meanValue: mean)
        }
    }

    var purchaseHistories: [PurchaseHistory] {
        rows.map { PurchaseHistory(repeatPurchases: $0.x, lastPurchaseTime: $0.tx, age: $0.age) }
    }

    var spendHistories: [SpendHistory] {
        rows.map { SpendHistory(repeatPurchases: $0.x, meanValue: $0.meanValue) }
    }
}

/// Whether `value` is within `relative` of `expected`, relative to `expected`.
func isClose(_ value: Double, _ expected: Double, relative: Double) -> Bool {
    abs(value - expected) <= relative * abs(expected)
}

/// A customer summary with the figures in order: id, recency days, frequency, cents.
func summary(_ id: Int64, _ recency: Int, _ frequency: Int, _ cents: Int64) -> CustomerSummary {
    CustomerSummary(customerID: id, recencyDays: recency, frequency: frequency, monetaryCents: cents)
}

/// Checks an analytic gradient against central differences at `theta`, component by component.
func expectGradientMatchesCentralDifferences(
    at theta: [Double],
    _ f: (_ theta: [Double], _ gradient: inout [Double]) -> Double
) {
    var g = [Double](repeating: 0, count: theta.count)
    var scratch = g
    _ = f(theta, &g)
    for i in theta.indices {
        var up = theta
        var down = theta
        up[i] += 1e-5
        down[i] -= 1e-5
        let numeric = (f(up, &scratch) - f(down, &scratch)) / 2e-5
        #expect(abs(numeric - g[i]) <= 1e-7 + 1e-5 * abs(g[i]), "component \(i)")
    }
}
