/// What an order line counts for: the one definition of revenue and of an order shared by `sales-score`,
/// `sales-export` and `docs/metrics.md`.
///
/// Revenue:
/// - A completed line is a sale and counts its amount.
/// - A returned line with a positive amount is a sale that was later returned (the admin marked the
///   original line 退货): it counts 0, the sale and its return cancelling out.
/// - A returned line with a negative amount is a reversal recorded as a line of its own, beside the
///   original sale (still completed): it counts its amount, which takes the sale back.
/// - A cancelled line never counts.
///
/// An order is a distinct order number with at least one completed line; how many dates its lines carry
/// does not matter.
enum OrderLineRules {
    /// Whether the `order_line` row `line` (`nil`: unqualified columns) is a purchase: a completed line.
    static func isPurchase(_ line: String? = "o") -> String {
        "\(qualifier(line))status = 'completed'"
    }

    /// The revenue of the `order_line` row `line` (`nil`: unqualified columns), as an SQL expression.
    /// Callers exclude cancelled lines (which would count their amount here).
    static func revenue(_ line: String? = "o") -> String {
        let p = qualifier(line)
        return "(CASE WHEN \(p)status = 'returned' THEN min(\(p)amount_cents, 0) ELSE \(p)amount_cents END)"
    }

    /// The distinct orders among the rows aggregated, as an SQL expression (an aggregate).
    static func orderCount(_ line: String? = "o") -> String {
        "count(DISTINCT CASE WHEN \(isPurchase(line)) THEN \(qualifier(line))order_no END)"
    }

    /// The revenue of one completed or returned line read from the store: ``revenue(_:)`` in Swift, for a
    /// caller that reads the lines themselves rather than SQL's sums.
    static func revenue(isReturned: Bool, amountCents: Int64) -> Int64 {
        isReturned ? min(amountCents, 0) : amountCents
    }

    private static func qualifier(_ line: String?) -> String { line.map { $0 + "." } ?? "" }
}
