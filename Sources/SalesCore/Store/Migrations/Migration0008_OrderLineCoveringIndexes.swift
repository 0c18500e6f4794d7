extension Migrations {
    /// Two of `order_line`'s indexes become covering indexes for the period summary's largest scans, which
    /// then read them whole, in group order, with no sort and no table lookups (`SalesAggregates`):
    /// - (`customer_id`, `order_date`) becomes (`customer_id`, `rep_id`, `order_date`, `status`,
    ///   `amount_cents`, `order_no`): revenue, lines and orders per customer and rep;
    /// - (`product_id`) becomes (`product_id`, `channel`, `order_date`, `status`, `amount_cents`,
    ///   `customer_id`, `rep_id`): revenue per product line and channel, in any scope.
    /// Both keep their old leading column, so lookups by customer or product still use them.
    static let orderLineCoveringIndexes = (
        id: "0008_order_line_covering_indexes",
        sql: """
        DROP INDEX order_line_customer_id;
        DROP INDEX order_line_product_id;
        CREATE INDEX order_line_customer_rep
            ON order_line (customer_id, rep_id, order_date, status, amount_cents, order_no);
        CREATE INDEX order_line_product_channel
            ON order_line (product_id, channel, order_date, status, amount_cents, customer_id, rep_id);
        """
    )
}
