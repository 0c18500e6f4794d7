/// The eight-cell customer segment of Chinese CRM practice: recency, frequency and monetary value each
/// above or below its mean.
///
/// The means are taken over the customers with orders in the window. A customer is
/// - *recent* when their days since the last order are strictly below the mean,
/// - *frequent* when their distinct orders are strictly above the mean,
/// - *high value* when their amount is strictly above the mean.
///
/// A value equal to its mean counts as the low side. Comparisons are exact (`value · n` against the sum, in
/// 128-bit integers), so no rounding of the mean can move a customer. Customers without orders in the window
/// are ``generalWinBack`` (一般挽留): they are neither recent, nor frequent, nor of high value in it.
public enum Segment: String, CaseIterable, Sendable, Hashable, Codable {
    /// 重要价值: recent, frequent, high value.
    case importantValue = "important_value"
    /// 重要发展: recent, not frequent, high value.
    case importantDevelopment = "important_development"
    /// 重要保持: not recent, frequent, high value.
    case importantRetention = "important_retention"
    /// 重要挽留: not recent, not frequent, high value.
    case importantWinBack = "important_win_back"
    /// 一般价值: recent, frequent, low value.
    case generalValue = "general_value"
    /// 一般发展: recent, not frequent, low value.
    case generalDevelopment = "general_development"
    /// 一般保持: not recent, frequent, low value.
    case generalRetention = "general_retention"
    /// 一般挽留: not recent, not frequent, low value.
    case generalWinBack = "general_win_back"

    /// The segment of a customer with the three comparisons given.
    public init(recent: Bool, frequent: Bool, highValue: Bool) {
        self =
            switch (recent, frequent, highValue) {
            case (true, true, true): .importantValue
            case (true, false, true): .importantDevelopment
            case (false, true, true): .importantRetention
            case (false, false, true): .importantWinBack
            case (true, true, false): .generalValue
            case (true, false, false): .generalDevelopment
            case (false, true, false): .generalRetention
            case (false, false, false): .generalWinBack
            }
    }

    /// The stable code stored with a run and used in CSV and JSON output: `important_value`.
    public var code: String { rawValue }

    /// The segment's name in Chinese: 重要价值.
    public var chineseName: String {
        switch self {
        case .importantValue: "重要价值"
        case .importantDevelopment: "重要发展"
        case .importantRetention: "重要保持"
        case .importantWinBack: "重要挽留"
        case .generalValue: "一般价值"
        case .generalDevelopment: "一般发展"
        case .generalRetention: "一般保持"
        case .generalWinBack: "一般挽留"
        }
    }

    /// The segment's name in English: "Important value".
    public var englishName: String {
        switch self {
        case .importantValue: "Important value"
        case .importantDevelopment: "Important development"
        case .importantRetention: "Important retention"
        case .importantWinBack: "Important win-back"
        case .generalValue: "General value"
        case .generalDevelopment: "General development"
        case .generalRetention: "General retention"
        case .generalWinBack: "General win-back"
        }
    }

    /// Whether the segment's customers ordered more recently than the mean.
    public var isRecent: Bool {
        [.importantValue, .importantDevelopment, .generalValue, .generalDevelopment].contains(self)
    }
    /// Whether the segment's customers have more orders than the mean.
    public var isFrequent: Bool {
        [.importantValue, .importantRetention, .generalValue, .generalRetention].contains(self)
    }
    /// Whether the segment's customers spent more than the mean.
    public var isHighValue: Bool {
        [.importantValue, .importantDevelopment, .importantRetention, .importantWinBack].contains(self)
    }

    /// Every customer's segment, in input order, and the means they were compared with.
    ///
    /// - Throws: ``ScoreModelError`` when a summary is invalid (see ``CustomerSummary``) or an id repeats.
    public static func classify(_ customers: [CustomerSummary]) throws -> SegmentClassification {
        try CustomerSummary.validate(customers)
        var n: Int64 = 0
        var recencySum = ExactSum.zero
        var frequencySum = ExactSum.zero
        var monetarySum = ExactSum.zero
        for c in customers where c.isActive {
            n += 1
            recencySum.add(Int64(c.recencyDays))
            frequencySum.add(Int64(c.frequency))
            monetarySum.add(c.monetaryCents)
        }
        let means =
            n == 0
            ? nil
            : SegmentMeans(
                activeCustomers: Int(n), recencyDays: recencySum.doubleValue / Double(n),
                frequency: frequencySum.doubleValue / Double(n), monetaryCents: monetarySum.doubleValue / Double(n))
        let assignments = customers.map { c in
            guard c.isActive else { return SegmentAssignment(customerID: c.customerID, segment: .generalWinBack) }
            let segment = Segment(
                recent: ExactSum.product(Int64(c.recencyDays), n) < recencySum,
                frequent: ExactSum.product(Int64(c.frequency), n) > frequencySum,
                highValue: ExactSum.product(c.monetaryCents, n) > monetarySum)
            return SegmentAssignment(customerID: c.customerID, segment: segment)
        }
        return SegmentClassification(assignments: assignments, means: means)
    }
}

/// One customer's segment.
public struct SegmentAssignment: Sendable, Hashable {
    public var customerID: Int64
    public var segment: Segment

    public init(customerID: Int64, segment: Segment) {
        self.customerID = customerID
        self.segment = segment
    }
}

/// The means of the customers with orders in the window, for the reasons shown beside a segment.
///
/// These are rounded for display; the classification itself compares exactly.
public struct SegmentMeans: Sendable, Hashable {
    /// How many customers ordered in the window.
    public var activeCustomers: Int
    public var recencyDays: Double
    public var frequency: Double
    public var monetaryCents: Double
}

/// The result of ``Segment/classify(_:)``.
public struct SegmentClassification: Sendable, Hashable {
    /// One per input customer, in input order.
    public var assignments: [SegmentAssignment]
    /// The means compared with; `nil` when no customer ordered in the window.
    public var means: SegmentMeans?
}
