extension Migrations {
    /// Document kinds on the one approval engine (`sales-approve submit --kind contract|price`): an `expense`
    /// row is a document, and `expense.kind` says which. A contract (合同) adds its list value, term, payment
    /// terms and a non-standard-terms flag; a price exception (特价申请) its product, list price, requested
    /// unit price and quantity (its amount is the requested price times the quantity). Each kind's columns
    /// are empty on the others, a document's kind never changes, and an expense claim's category is the
    /// only category: contracts and price exceptions carry `other`, which the summary and the budgets never
    /// see (they read `kind = 'expense'` only). `approval_claim.terms` holds the terms a contract or price
    /// exception was routed on (JSON, `NULL` for an expense claim), so a change of terms is routed again
    /// and `verify` compares them with the log. The analyst view `v_expense` shows expense claims only;
    /// `v_contract` and `v_price_exception` show the other kinds.
    static let documentKinds = (
        id: "0011_document_kinds",
        sql: """
        ALTER TABLE expense ADD COLUMN kind TEXT NOT NULL DEFAULT 'expense'
            CHECK (kind IN ('expense', 'contract', 'price'));
        ALTER TABLE expense ADD COLUMN list_amount_cents INTEGER
            CHECK (list_amount_cents IS NULL OR (kind = 'contract' AND list_amount_cents > 0));
        ALTER TABLE expense ADD COLUMN term_months INTEGER
            CHECK (term_months IS NULL OR (kind = 'contract' AND term_months BETWEEN 1 AND 1200));
        ALTER TABLE expense ADD COLUMN payment_terms TEXT
            CHECK (payment_terms IS NULL OR (kind = 'contract' AND trim(payment_terms) <> ''));
        ALTER TABLE expense ADD COLUMN non_standard INTEGER
            CHECK (non_standard IS NULL OR (kind = 'contract' AND non_standard IN (0, 1)));
        ALTER TABLE expense ADD COLUMN product_id INTEGER REFERENCES product (id)
            CHECK (product_id IS NULL OR kind = 'price');
        ALTER TABLE expense ADD COLUMN list_price_cents INTEGER
            CHECK (list_price_cents IS NULL OR (kind = 'price' AND list_price_cents > 0));
        ALTER TABLE expense ADD COLUMN unit_price_cents INTEGER
            CHECK (unit_price_cents IS NULL OR (kind = 'price' AND unit_price_cents > 0));
        ALTER TABLE expense ADD COLUMN quantity INTEGER
            CHECK (quantity IS NULL OR (kind = 'price' AND quantity > 0));
        CREATE INDEX expense_kind ON expense (kind, spent_on);

        -- A document is filed as one kind and stays that kind; a contract or price exception is complete.
        CREATE TRIGGER expense_kind_fixed BEFORE UPDATE OF kind ON expense
        WHEN NEW.kind IS NOT OLD.kind
        BEGIN
            SELECT RAISE(ABORT, 'a document''s kind cannot be changed');
        END;
        CREATE TRIGGER expense_kind_complete_insert BEFORE INSERT ON expense
        WHEN (NEW.kind = 'contract' AND (NEW.list_amount_cents IS NULL OR NEW.term_months IS NULL
                                         OR NEW.non_standard IS NULL OR NEW.customer_id IS NULL
                                         OR NEW.category <> 'other'))
          OR (NEW.kind = 'price' AND (NEW.product_id IS NULL OR NEW.list_price_cents IS NULL
                                      OR NEW.unit_price_cents IS NULL OR NEW.quantity IS NULL
                                      OR NEW.customer_id IS NULL OR NEW.category <> 'other'
                                      OR NEW.amount_cents IS NOT NEW.unit_price_cents * NEW.quantity))
        BEGIN
            SELECT RAISE(ABORT, 'a contract or price exception needs all of its terms');
        END;
        CREATE TRIGGER expense_kind_complete_update BEFORE UPDATE ON expense
        WHEN (NEW.kind = 'contract' AND (NEW.list_amount_cents IS NULL OR NEW.term_months IS NULL
                                         OR NEW.non_standard IS NULL OR NEW.customer_id IS NULL
                                         OR NEW.category <> 'other'))
          OR (NEW.kind = 'price' AND (NEW.product_id IS NULL OR NEW.list_price_cents IS NULL
                                      OR NEW.unit_price_cents IS NULL OR NEW.quantity IS NULL
                                      OR NEW.customer_id IS NULL OR NEW.category <> 'other'
                                      OR NEW.amount_cents IS NOT NEW.unit_price_cents * NEW.quantity))
        BEGIN
            SELECT RAISE(ABORT, 'a contract or price exception needs all of its terms');
        END;

        ALTER TABLE approval_claim ADD COLUMN terms TEXT CHECK (terms IS NULL OR json_valid(terms));

        DROP VIEW v_expense;
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
        LEFT JOIN customer c ON c.id = e.customer_id
        WHERE e.kind = 'expense';

        CREATE VIEW v_contract AS
        SELECT e.id, e.expense_no AS contract_no,
               s.login AS submitted_by_login, s.name AS submitted_by_name,
               e.submitted_on, e.spent_on AS signed_on, c.code AS customer_code, c.name AS customer_name,
               e.amount_cents, e.amount_cents / 100.0 AS amount,
               e.list_amount_cents, e.list_amount_cents / 100.0 AS list_amount,
               round(100.0 * (e.list_amount_cents - e.amount_cents) / e.list_amount_cents, 2) AS discount_percent,
               e.term_months, e.payment_terms, e.non_standard, e.description, e.status, e.batch_id
        FROM expense e
        LEFT JOIN person s ON s.id = e.submitted_by_id
        LEFT JOIN customer c ON c.id = e.customer_id
        WHERE e.kind = 'contract';

        CREATE VIEW v_price_exception AS
        SELECT e.id, e.expense_no AS request_no,
               s.login AS submitted_by_login, s.name AS submitted_by_name,
               e.submitted_on, e.spent_on AS requested_on, c.code AS customer_code, c.name AS customer_name,
               p.sku, p.name AS product_name, p.product_line,
               e.list_price_cents, e.unit_price_cents, e.quantity, e.amount_cents,
               round(100.0 * (e.list_price_cents - e.unit_price_cents) / e.list_price_cents, 2) AS discount_percent,
               e.description, e.status, e.batch_id
        FROM expense e
        LEFT JOIN person s ON s.id = e.submitted_by_id
        LEFT JOIN customer c ON c.id = e.customer_id
        LEFT JOIN product p ON p.id = e.product_id
        WHERE e.kind = 'price';
        """
    )
}
