/// The store's money columns, to name the row behind a total that does not fit in 64 bits.
enum StoredAmounts {
    /// Each money column: its table, column, and an SQL expression naming the row for a person.
    static let columns: [(table: String, column: String, label: String)] = [
        ("order_line", "amount_cents", "order_no"),
        ("order_line", "discount_cents", "order_no"),
        ("receivable", "amount_cents", "invoice_no"),
        ("receivable", "paid_amount_cents", "invoice_no"),
        ("expense", "amount_cents", "expense_no"),
        ("budget", "amount_cents", "scope || ' ' || scope_key || ' ' || category || ' ' || period"),
        ("sales_target", "amount_cents", "scope || ' ' || scope_key || ' ' || period"),
        ("opportunity", "expected_amount_cents", "code"),
    ]

    /// One line for a sum that overflowed: the most a total can hold, and the stored amount of largest
    /// magnitude (`order_line row 12 (SO-1): amount_cents 9223372036854775000`), to correct or remove.
    static func overflowMessage(_ connection: Connection) throws -> String {
        var largest: (magnitude: Int64, text: String)?
        for (table, column, label) in columns {
            // The magnitude without abs(), which itself overflows on the smallest integer.
            let magnitude = "CASE WHEN \(column) < 0 THEN -(\(column) + 1) ELSE \(column) END"
            guard
                let row = try connection.query(
                    """
                    SELECT id, \(label), \(column), \(magnitude) FROM \(table)
                    WHERE \(column) IS NOT NULL ORDER BY \(magnitude) DESC, id LIMIT 1
                    """
                ).first, let size = row[3].int64
            else { continue }
            if largest == nil || size > largest!.magnitude {
                let name = row[1].text.map { " (\($0))" } ?? ""
                largest = (
                    size, "\(table) row \(row[0].int64 ?? 0)\(name): \(column) \(row[2].int64 ?? 0)"
                )
            }
        }
        return "the figures add up past \(ImportValue.moneyText(cents: Int64.max)), the most a total can hold; "
            + "the largest stored amount is \(largest?.text ?? "unknown"): correct or remove that row"
    }
}
