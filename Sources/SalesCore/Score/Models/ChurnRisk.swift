/// How likely a customer is to have stopped buying, from their silence against their own rhythm.
public enum ChurnRisk: String, CaseIterable, Sendable, Hashable, Codable {
    /// Silent for no longer than their usual gap allows (by default up to 1.5 gaps).
    case low
    /// Overdue (by default more than 1.5 and up to 3 gaps).
    case rising
    /// Long overdue (by default more than 3 gaps).
    case high
    /// Silent for longer than the lost threshold (by default more than 365 days), whatever the gap.
    case lost
}

/// One customer's distinct order dates, for the churn rule.
public struct OrderDays: Sendable, Hashable {
    public var customerID: Int64
    /// Order dates as days since 1970-01-01 (`CivilDate.daysSinceUnixEpoch`), in any order; repeats count once.
    public var days: [Int]

    public init(customerID: Int64, days: [Int]) {
        self.customerID = customerID
        self.days = days
    }
}

/// Where the gap a customer's silence was measured against came from.
public enum TypicalGapSource: String, Sendable, Hashable, Codable {
    /// The median of the customer's own gaps (two or more distinct order dates).
    case own
    /// The median over the customers with their own gap (for customers with a single order date).
    case population
    /// ``ChurnRule/fallbackGapDays``: no customer has two distinct order dates.
    case fallback
}

/// One customer's churn risk and the figures behind it.
public struct ChurnAssessment: Sendable, Hashable {
    public var customerID: Int64
    public var risk: ChurnRisk
    /// Days from the last order to the as-of date.
    public var recencyDays: Int
    /// The gap, in days, the silence was compared with.
    public var typicalGapDays: Double
    public var gapSource: TypicalGapSource
}

/// The churn rule: recency against the customer's typical gap between orders.
///
/// A customer's *typical gap* is the median of the day differences between consecutive distinct order dates
/// (the mean of the two middle gaps when their number is even). For a customer with a single order date it is
/// the *population gap*: the median, over the customers with two or more dates, of their own typical gaps
/// (each such customer counts once, however many orders they have). When no customer has two dates, it is
/// ``fallbackGapDays``. With recency `d` days since the last order and typical gap `g`, the risk is
/// - ``ChurnRisk/lost`` when `d > lostAfterDays`, whatever `g`;
/// - else ``ChurnRisk/low`` when `d ≤ lowMultiple · g`;
/// - else ``ChurnRisk/rising`` when `d ≤ risingMultiple · g`;
/// - else ``ChurnRisk/high``.
public struct ChurnRule: Sendable, Hashable {
    /// Silences up to this many typical gaps are low risk (default 1.5).
    public let lowMultiple: Double
    /// Silences up to this many typical gaps are rising risk (default 3).
    public let risingMultiple: Double
    /// Silences longer than this many days are lost (default 365).
    public let lostAfterDays: Int
    /// The typical gap used when no customer has two distinct order dates (default 30 days).
    public let fallbackGapDays: Double

    /// - Throws: ``ScoreModelError/invalidSetting(name:value:allowed:)`` unless
    ///   `0 < lowMultiple < risingMultiple`, `lostAfterDays > 0` and `fallbackGapDays > 0` (all finite).
    public init(
        lowMultiple: Double = 1.5, risingMultiple: Double = 3, lostAfterDays: Int = 365,
        fallbackGapDays: Double = 30
    ) throws {
        guard lowMultiple.isFinite, risingMultiple.isFinite, lowMultiple > 0, lowMultiple < risingMultiple else {
            throw ScoreModelError.invalidSetting(
                name: "churn multiples", value: "\(lowMultiple), \(risingMultiple)",
                allowed: "0 < low < rising")
        }
        guard lostAfterDays > 0 else {
            throw ScoreModelError.invalidSetting(
                name: "lost after days", value: "\(lostAfterDays)",
                allowed: "a positive number of days")
        }
        guard fallbackGapDays.isFinite, fallbackGapDays > 0 else {
            throw ScoreModelError.invalidSetting(
                name: "fallback gap days", value: "\(fallbackGapDays)",
                allowed: "a positive number of days")
        }
        self.init(checkedLow: lowMultiple, rising: risingMultiple, lost: lostAfterDays, fallback: fallbackGapDays)
    }

    private init(checkedLow low: Double, rising: Double, lost: Int, fallback: Double) {
        lowMultiple = low
        risingMultiple = rising
        lostAfterDays = lost
        fallbackGapDays = fallback
    }

    /// The rule with its defaults: 1.5 and 3 gaps, lost after 365 days, fallback gap 30 days.
    public static let standard = ChurnRule(checkedLow: 1.5, rising: 3, lost: 365, fallback: 30)

    /// The risk for a silence of `recencyDays` against a typical gap of `gapDays`, by the rule above.
    public func risk(recencyDays: Int, gapDays: Double) -> ChurnRisk {
        let d = Double(recencyDays)
        if recencyDays > lostAfterDays { return .lost }
        if d <= lowMultiple * gapDays { return .low }
        if d <= risingMultiple * gapDays { return .rising }
        return .high
    }

    /// Every customer's churn risk as of `asOfDay` (days since 1970-01-01), in input order.
    ///
    /// - Throws: ``ScoreModelError`` when a customer has no order date, an order after `asOfDay`, or an id repeats.
    public func assess(_ customers: [OrderDays], asOfDay: Int) throws -> [ChurnAssessment] {
        var seen = Set<Int64>(minimumCapacity: customers.count)
        var own: [Double?] = []
        var recency: [Int] = []
        own.reserveCapacity(customers.count)
        recency.reserveCapacity(customers.count)
        for c in customers {
            guard seen.insert(c.customerID).inserted else { throw ScoreModelError.duplicateCustomer(c.customerID) }
            guard let last = c.days.max() else {
                throw ScoreModelError.invalidInput(customerID: c.customerID, reason: "no order date")
            }
            guard last <= asOfDay else {
                throw ScoreModelError.invalidInput(
                    customerID: c.customerID,
                    reason: "an order \(last - asOfDay) days after the as-of date")
            }
            own.append(Self.medianGap(days: c.days))
            recency.append(asOfDay - last)
        }
        let population = Self.median(own.compactMap { $0 })
        return customers.indices.map { i in
            let (g, source): (Double, TypicalGapSource) =
                own[i].map { ($0, .own) }
                ?? population.map { ($0, .population) } ?? (fallbackGapDays, .fallback)
            return ChurnAssessment(
                customerID: customers[i].customerID,
                risk: risk(recencyDays: recency[i], gapDays: g),
                recencyDays: recency[i], typicalGapDays: g, gapSource: source)
        }
    }

    /// The median day difference between consecutive distinct order dates; `nil` with fewer than two dates.
    public static func medianGap(days: [Int]) -> Double? {
        // Days already strictly increasing (as a scoring run passes them) are their own distinct sorted list.
        let distinct = zip(days, days.dropFirst()).allSatisfy { $0 < $1 } ? days : Array(Set(days)).sorted()
        guard distinct.count >= 2 else { return nil }
        return median(zip(distinct.dropFirst(), distinct).map { Double($0 - $1) })
    }

    /// The median (mean of the two middle values for an even count); `nil` when empty.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let mid = s.count / 2
        return s.count % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2
    }
}
