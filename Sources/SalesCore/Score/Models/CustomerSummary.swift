/// One customer's orders over the scoring window, the input of the rule-based scores
/// (``RFMScoring``, ``Segment``, ``ABCTiering``).
public struct CustomerSummary: Sendable, Hashable {
    /// The customer's id in the store.
    public var customerID: Int64
    /// Days from the customer's last order to the as-of date (0 when the last order is on the as-of date).
    ///
    /// For a customer without orders in the window this is the time since their last order before it.
    public var recencyDays: Int
    /// Distinct orders in the window; 0 when the customer has none there.
    public var frequency: Int
    /// Net amount of the customer's orders in the window, in cents (0 when `frequency` is 0).
    public var monetaryCents: Int64

    public init(customerID: Int64, recencyDays: Int, frequency: Int, monetaryCents: Int64) {
        self.customerID = customerID
        self.recencyDays = recencyDays
        self.frequency = frequency
        self.monetaryCents = monetaryCents
    }

    /// Whether the customer ordered in the window.
    public var isActive: Bool { frequency > 0 }

    /// Checks every summary: ids unique, recency and frequency not negative, no amount without an order.
    ///
    /// - Throws: ``ScoreModelError/duplicateCustomer(_:)`` or ``ScoreModelError/invalidInput(customerID:reason:)``
    ///   for the first offending summary, in input order.
    static func validate(_ summaries: [CustomerSummary]) throws {
        var seen = Set<Int64>(minimumCapacity: summaries.count)
        for s in summaries {
            guard seen.insert(s.customerID).inserted else { throw ScoreModelError.duplicateCustomer(s.customerID) }
            if s.recencyDays < 0 {
                throw ScoreModelError.invalidInput(
                    customerID: s.customerID,
                    reason: "recency of \(s.recencyDays) days (an order after the as-of date)")
            }
            if s.frequency < 0 {
                throw ScoreModelError.invalidInput(
                    customerID: s.customerID,
                    reason: "negative frequency \(s.frequency)")
            }
            if s.frequency == 0 && s.monetaryCents != 0 {
                throw ScoreModelError.invalidInput(
                    customerID: s.customerID,
                    reason: "an amount of \(s.monetaryCents) cents without any order in the window")
            }
        }
    }
}
