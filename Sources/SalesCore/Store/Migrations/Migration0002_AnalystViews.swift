extension Migrations {
    /// Read-only views that join names onto the fact tables and show money in yuan, for display only.
    static let analystViews = (
        id: "0002_analyst_views",
        sql: """
        CREATE VIEW v_order_line AS
        SELECT o.id, o.order_no, o.order_date,
               substr(o.order_date, 1, 7) AS month,
               substr(o.order_date, 1, 4) || 'Q' || ((CAST(substr(o.order_date, 6, 2) AS INTEGER) + 2) / 3) AS quarter,
               c.code AS customer_code, c.name AS customer_name,
               r.name AS region_name,
               rep.login AS rep_login, rep.name AS rep_name, rep.team AS team,
               p.sku, p.name AS product_name, p.product_line, p.tier,
               o.quantity,
               o.unit_price_cents / 100.0 AS unit_price,
               o.amount_cents, o.amount_cents / 100.0 AS amount,
               o.discount_cents / 100.0 AS discount,
               o.channel, o.status, o.batch_id
        FROM order_line o
        JOIN customer c ON c.id = o.customer_id
        LEFT JOIN region r ON r.id = c.region_id
        LEFT JOIN person rep ON rep.id = o.rep_id
        LEFT JOIN product p ON p.id = o.product_id;

        CREATE VIEW v_receivable AS
        SELECT rc.id, rc.invoice_no, rc.order_no,
               c.code AS customer_code, c.name AS customer_name,
               rc.invoiced_on, rc.due_on, rc.paid_on,
               rc.amount_cents, rc.amount_cents / 100.0 AS amount,
               rc.paid_amount_cents, rc.paid_amount_cents / 100.0 AS paid_amount,
               rc.amount_cents - rc.paid_amount_cents AS outstanding_cents,
               (rc.amount_cents - rc.paid_amount_cents) / 100.0 AS outstanding,
               rc.batch_id
        FROM receivable rc
        LEFT JOIN customer c ON c.id = rc.customer_id;

        CREATE VIEW v_expense AS
        SELECT e.id, e.expense_no,
               s.login AS submitted_by_login, s.name AS submitted_by_name,
               e.submitted_on, e.spent_on, substr(e.spent_on, 1, 7) AS month,
               e.category, e.amount_cents, e.amount_cents / 100.0 AS amount,
               e.description, r.name AS region_name, c.name AS customer_name,
               e.campaign, e.status, e.batch_id
        FROM expense e
        LEFT JOIN person s ON s.id = e.submitted_by_id
        LEFT JOIN region r ON r.id = e.region_id
        LEFT JOIN customer c ON c.id = e.customer_id;
        """
    )
}
