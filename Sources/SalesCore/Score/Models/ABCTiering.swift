/// A customer's revenue tier.
public enum RevenueTier: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
    /// The top customers that make up the first part (by default 70%) of the window's revenue.
    case a = "A"
    /// The customers after them, up to the second cut-off (by default 90%).
    case b = "B"
    /// The rest of the customers with revenue.
    case c = "C"
    /// Customers without revenue in the window (no order, or a net amount of zero or less).
    case d = "D"

    public static func < (x: RevenueTier, y: RevenueTier) -> Bool { x.order < y.order }

    private var order: Int {
        switch self {
        case .a: 0
        case .b: 1
        case .c: 2
        case .d: 3
        }
    }
}

/// Tiers A/B/C by cumulative share of the window's revenue, D for customers without revenue.
///
/// The customers with a positive amount in the window are sorted by amount, largest first, equal amounts by
/// customer id ascending. Walking down that list, let *before* be the sum of the amounts of the customers
/// above the current one and *total* the sum of all positive amounts. The customer is
/// - **A** when `before < total · a` (their share *before* them is below the A cut-off),
/// - else **B** when `before < total · b`,
/// - else **C**.
///
/// So the top customer is always A, the customer whose amount crosses the cut-off belongs to the tier being
/// filled, and a customer who starts exactly at the cut-off starts the next tier. Cut-offs are held exactly in
/// basis points (1/100 of a percent) and the comparisons are exact integer arithmetic on cents. Customers with
/// an amount of zero or less are D.
public struct ABCTiering: Sendable, Hashable {
    /// The A cut-off in basis points of the total (7000 = 70%).
    public let aCutoffBasisPoints: Int
    /// The B cut-off in basis points of the total (9000 = 90%).
    public let bCutoffBasisPoints: Int

    /// The whole, 100%, in basis points.
    public static let wholeBasisPoints = 10_000

    /// Tiering with cut-offs in basis points; `0 < a < b ≤ 10000`.
    ///
    /// - Throws: ``ScoreModelError/invalidSetting(name:value:allowed:)`` when the cut-offs are out of order or range.
    public init(aCutoffBasisPoints: Int = 7_000, bCutoffBasisPoints: Int = 9_000) throws {
        guard aCutoffBasisPoints > 0, aCutoffBasisPoints < bCutoffBasisPoints,
            bCutoffBasisPoints <= Self.wholeBasisPoints
        else {
            throw ScoreModelError.invalidSetting(
                name: "tier cut-offs", value: "A \(aCutoffBasisPoints), B \(bCutoffBasisPoints) basis points",
                allowed: "0 < A < B ≤ 10000 basis points (0 < a < b ≤ 1)")
        }
        self.aCutoffBasisPoints = aCutoffBasisPoints
        self.bCutoffBasisPoints = bCutoffBasisPoints
    }

    /// Tiering with cut-offs as fractions of the total (0.70, 0.90), rounded to the nearest basis point;
    /// `0 < a < b ≤ 1`.
    ///
    /// - Throws: ``ScoreModelError/invalidSetting(name:value:allowed:)`` when the cut-offs are out of order or range.
    public init(aCutoff: Double, bCutoff: Double) throws {
        guard aCutoff.isFinite, bCutoff.isFinite, aCutoff > 0, aCutoff < bCutoff, bCutoff <= 1 else {
            throw ScoreModelError.invalidSetting(
                name: "tier cut-offs", value: "A \(aCutoff), B \(bCutoff)",
                allowed: "0 < a < b ≤ 1")
        }
        try self.init(
            aCutoffBasisPoints: Int((aCutoff * 10_000).rounded()),
            bCutoffBasisPoints: Int((bCutoff * 10_000).rounded()))
    }

    /// Every customer's tier, in input order.
    ///
    /// - Throws: ``ScoreModelError`` when a summary is invalid (see ``CustomerSummary``) or an id repeats.
    public func tiers(_ customers: [CustomerSummary]) throws -> [TierAssignment] {
        try CustomerSummary.validate(customers)
        let ranked = customers.indices
            .filter { customers[$0].monetaryCents > 0 }
            .sorted {
                let x = customers[$0]
                let y = customers[$1]
                return x.monetaryCents != y.monetaryCents
                    ? x.monetaryCents > y.monetaryCents
                    : x.customerID < y.customerID
            }
        var total = ExactSum.zero
        for i in ranked { total.add(customers[i].monetaryCents) }
        let aLimit = total.times(Int64(aCutoffBasisPoints))
        let bLimit = total.times(Int64(bCutoffBasisPoints))
        let totalValue = total.doubleValue

        var result = customers.map { TierAssignment(customerID: $0.customerID, tier: .d, rank: nil, shareBefore: nil) }
        var before = ExactSum.zero
        for (position, i) in ranked.enumerated() {
            let scaled = before.times(Int64(Self.wholeBasisPoints))
            let tier: RevenueTier = scaled < aLimit ? .a : scaled < bLimit ? .b : .c
            result[i] = TierAssignment(
                customerID: customers[i].customerID, tier: tier, rank: position + 1,
                shareBefore: before.doubleValue / totalValue)
            before.add(customers[i].monetaryCents)
        }
        return result
    }
}

/// One customer's revenue tier and place in the revenue ranking.
public struct TierAssignment: Sendable, Hashable {
    public var customerID: Int64
    public var tier: RevenueTier
    /// 1 for the largest amount; `nil` for tier D.
    public var rank: Int?
    /// The share of the window's revenue of the customers ranked above this one (0 for the top customer),
    /// rounded, for display; `nil` for tier D.
    public var shareBefore: Double?

    public init(customerID: Int64, tier: RevenueTier, rank: Int?, shareBefore: Double?) {
        self.customerID = customerID
        self.tier = tier
        self.rank = rank
        self.shareBefore = shareBefore
    }
}
