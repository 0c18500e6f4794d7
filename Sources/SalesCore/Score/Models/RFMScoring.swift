/// A customer's recency, frequency and monetary scores, each from 1 (worst) to 5 (best).
public struct RFMScore: Sendable, Hashable {
    /// The customer's id in the store.
    public var customerID: Int64
    /// 5 for the most recent buyers, 1 for the longest silent.
    public var recency: Int
    /// 5 for the customers with the most distinct orders.
    public var frequency: Int
    /// 5 for the customers with the largest amounts.
    public var monetary: Int
    /// Whether the customer ordered in the window (scores of customers without orders are all 1).
    public var isActive: Bool

    public init(customerID: Int64, recency: Int, frequency: Int, monetary: Int, isActive: Bool) {
        self.customerID = customerID
        self.recency = recency
        self.frequency = frequency
        self.monetary = monetary
        self.isActive = isActive
    }

    /// The three scores as one code, recency first: `"543"`.
    public var code: String { "\(recency)\(frequency)\(monetary)" }
}

/// Recency, frequency and monetary scores by quintile of rank.
///
/// Only customers with orders in the window (frequency > 0) are ranked; there are `n` of them. For each
/// measure a customer's score is
///
///     score = 1 + ⌊5 · k / n⌋
///
/// where `k` is the number of ranked customers whose value is strictly worse than the customer's own (the
/// 0-based position of the value's first occurrence in the ranking, "minimum rank"). "Worse" means more days
/// since the last order for recency (fewer days score higher), fewer orders for frequency, and a smaller
/// amount for monetary. So equal values always get equal scores, the best value scores 5 whenever at least a
/// fifth of the customers are strictly below it, the worst value scores 1, and the result depends neither on
/// the order of the input nor on customer ids: ties need no further breaking. With a single ranked customer,
/// or when everyone has the same value, every score of that measure is 1.
///
/// Customers with no order in the window are not ranked and score R = 1, F = 1, M = 1.
public enum RFMScoring {
    /// The range of every score.
    public static let scores = 1...5

    /// The scores of every customer, in input order.
    ///
    /// - Throws: ``ScoreModelError`` when a summary is invalid (see ``CustomerSummary``) or an id repeats.
    public static func score(_ customers: [CustomerSummary]) throws -> [RFMScore] {
        try CustomerSummary.validate(customers)
        let active = customers.filter(\.isActive)
        // Higher is better for every key: recency is negated (validated ≥ 0, so negation cannot overflow).
        let recency = QuintileRanker(active.map { -Int64($0.recencyDays) })
        let frequency = QuintileRanker(active.map { Int64($0.frequency) })
        let monetary = QuintileRanker(active.map(\.monetaryCents))
        return customers.map { c in
            guard c.isActive else {
                return RFMScore(customerID: c.customerID, recency: 1, frequency: 1, monetary: 1, isActive: false)
            }
            return RFMScore(
                customerID: c.customerID,
                recency: recency.score(-Int64(c.recencyDays)),
                frequency: frequency.score(Int64(c.frequency)),
                monetary: monetary.score(c.monetaryCents),
                isActive: true)
        }
    }

    /// The quintile score of each value (higher values score higher), in input order, by the rule above.
    public static func quintileScores(_ values: [Int64]) -> [Int] {
        let ranker = QuintileRanker(values)
        return values.map { ranker.score($0) }
    }
}

/// The sorted values of one measure, and the quintile score of a value among them.
struct QuintileRanker {
    private let sorted: [Int64]

    init(_ values: [Int64]) {
        sorted = values.sorted()
    }

    /// `1 + ⌊5k/n⌋`, with `k` the number of values strictly below `value`.
    func score(_ value: Int64) -> Int {
        var lo = 0
        var hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return sorted.isEmpty ? 1 : 1 + (5 * lo) / sorted.count
    }
}
