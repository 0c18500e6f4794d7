extension Migrations {
    /// Batches, metadata, every entity of DESIGN §2 and the undo journal.
    ///
    /// Conventions: money is INTEGER minor units (分) in `*_cents` columns; dates are TEXT `YYYY-MM-DD`
    /// checked for shape and calendar validity; periods are TEXT `2026`, `2026Q3` or `2026-07`;
    /// enumerations store English codes; tables are STRICT, so a REAL cannot land in a money column.
    /// Natural keys: a plain UNIQUE key, or for "code, else name" keys UNIQUE(code) plus a partial
    /// UNIQUE index on the name among rows without a code.
    static let coreSchema = (
        id: "0001_core_schema",
        sql: """
        CREATE TABLE import_batch (
            id                INTEGER PRIMARY KEY,
            file_name         TEXT NOT NULL,
            file_sha256       TEXT CHECK (length(file_sha256) = 64 AND NOT file_sha256 GLOB '*[^0-9a-f]*'),
            started_at        TEXT NOT NULL
                CHECK (started_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]*'),
            finished_at       TEXT
                CHECK (finished_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]*'),
            user_name         TEXT NOT NULL,
            status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'committed', 'undone')),
            sheet_counts_json TEXT CHECK (sheet_counts_json IS NULL OR json_valid(sheet_counts_json)),
            note              TEXT
        ) STRICT;
        CREATE INDEX import_batch_file_sha256 ON import_batch (file_sha256);

        CREATE TABLE store_meta (
            key   TEXT PRIMARY KEY,
            value TEXT
        ) STRICT;
        INSERT INTO store_meta (key, value) VALUES ('currency', 'CNY'), ('money_minor_units', '100');

        CREATE TABLE region (
            id       INTEGER PRIMARY KEY,
            name     TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
            batch_id INTEGER REFERENCES import_batch (id)
        ) STRICT;

        CREATE TABLE person (
            id                   INTEGER PRIMARY KEY,
            login                TEXT NOT NULL UNIQUE CHECK (trim(login) <> ''),
            name                 TEXT NOT NULL,
            role                 TEXT NOT NULL DEFAULT 'rep'
                CHECK (role IN ('rep', 'manager', 'finance', 'admin', 'analyst')),
            team                 TEXT,
            region_id            INTEGER REFERENCES region (id),
            reports_to_id        INTEGER REFERENCES person (id) DEFERRABLE INITIALLY DEFERRED,
            approval_limit_cents INTEGER NOT NULL DEFAULT 0 CHECK (approval_limit_cents >= 0),
            hired_on             TEXT
                CHECK (hired_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(hired_on, '+0 days') IS hired_on),
            active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            batch_id             INTEGER REFERENCES import_batch (id),
            CHECK (reports_to_id <> id)
        ) STRICT;
        CREATE INDEX person_region_id ON person (region_id);
        CREATE INDEX person_reports_to_id ON person (reports_to_id);

        CREATE TABLE customer (
            id             INTEGER PRIMARY KEY,
            code           TEXT UNIQUE CHECK (trim(code) <> ''),
            name           TEXT NOT NULL CHECK (trim(name) <> ''),
            industry       TEXT,
            region_id      INTEGER REFERENCES region (id),
            channel        TEXT,
            owner_id       INTEGER REFERENCES person (id),
            first_order_on TEXT
                CHECK (first_order_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                       AND date(first_order_on, '+0 days') IS first_order_on),
            batch_id       INTEGER REFERENCES import_batch (id)
        ) STRICT;
        CREATE UNIQUE INDEX customer_name_without_code ON customer (name) WHERE code IS NULL;
        CREATE INDEX customer_name ON customer (name);
        CREATE INDEX customer_region_id ON customer (region_id);
        CREATE INDEX customer_owner_id ON customer (owner_id);

        CREATE TABLE product (
            id               INTEGER PRIMARY KEY,
            sku              TEXT UNIQUE CHECK (trim(sku) <> ''),
            name             TEXT NOT NULL CHECK (trim(name) <> ''),
            product_line     TEXT,
            tier             TEXT CHECK (tier IN ('high', 'mid', 'low')),
            list_price_cents INTEGER CHECK (list_price_cents >= 0),
            unit_cost_cents  INTEGER CHECK (unit_cost_cents >= 0),
            batch_id         INTEGER REFERENCES import_batch (id)
        ) STRICT;
        CREATE UNIQUE INDEX product_name_without_sku ON product (name) WHERE sku IS NULL;
        CREATE INDEX product_name ON product (name);

        CREATE TABLE order_line (
            id               INTEGER PRIMARY KEY,
            order_no         TEXT NOT NULL CHECK (trim(order_no) <> ''),
            order_date       TEXT NOT NULL
                CHECK (order_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                       AND date(order_date, '+0 days') IS order_date),
            customer_id      INTEGER NOT NULL REFERENCES customer (id),
            rep_id           INTEGER REFERENCES person (id),
            product_id       INTEGER REFERENCES product (id),
            quantity         REAL CHECK (quantity >= 0 OR status = 'returned'),
            unit_price_cents INTEGER CHECK (unit_price_cents >= 0),
            amount_cents     INTEGER NOT NULL CHECK (amount_cents >= 0 OR status = 'returned'),
            discount_cents   INTEGER NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
            channel          TEXT,
            status           TEXT NOT NULL DEFAULT 'completed'
                CHECK (status IN ('completed', 'cancelled', 'returned')),
            batch_id         INTEGER REFERENCES import_batch (id),
            UNIQUE (order_no, product_id)
        ) STRICT;
        CREATE UNIQUE INDEX order_line_order_no_without_product ON order_line (order_no) WHERE product_id IS NULL;
        CREATE INDEX order_line_order_date ON order_line (order_date);
        CREATE INDEX order_line_customer_id ON order_line (customer_id, order_date);
        CREATE INDEX order_line_rep_id ON order_line (rep_id, order_date);
        CREATE INDEX order_line_product_id ON order_line (product_id);

        CREATE TABLE sales_target (
            id           INTEGER PRIMARY KEY,
            scope        TEXT NOT NULL CHECK (scope IN ('rep', 'team', 'region', 'company')),
            scope_key    TEXT NOT NULL CHECK ((scope = 'company') = (trim(scope_key) = '')),
        \(periodColumns)
            amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
            batch_id     INTEGER REFERENCES import_batch (id),
            UNIQUE (scope, scope_key, period)
        ) STRICT;

        CREATE TABLE opportunity (
            id                    INTEGER PRIMARY KEY,
            code                  TEXT NOT NULL UNIQUE CHECK (trim(code) <> ''),
            customer_id           INTEGER REFERENCES customer (id),
            rep_id                INTEGER REFERENCES person (id),
            stage                 TEXT NOT NULL DEFAULT 'lead'
                CHECK (stage IN ('lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost')),
            created_on            TEXT NOT NULL
                CHECK (created_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                       AND date(created_on, '+0 days') IS created_on),
            closed_on             TEXT
                CHECK (closed_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                       AND date(closed_on, '+0 days') IS closed_on),
            expected_amount_cents INTEGER CHECK (expected_amount_cents >= 0),
            source                TEXT,
            lost_reason           TEXT,
            batch_id              INTEGER REFERENCES import_batch (id),
            CHECK (closed_on >= created_on)
        ) STRICT;
        CREATE INDEX opportunity_created_on ON opportunity (created_on);
        CREATE INDEX opportunity_customer_id ON opportunity (customer_id);
        CREATE INDEX opportunity_rep_id ON opportunity (rep_id);

        CREATE TABLE receivable (
            id                INTEGER PRIMARY KEY,
            invoice_no        TEXT NOT NULL UNIQUE CHECK (trim(invoice_no) <> ''),
            order_no          TEXT,
            customer_id       INTEGER REFERENCES customer (id),
            invoiced_on       TEXT NOT NULL
                CHECK (invoiced_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                       AND date(invoiced_on, '+0 days') IS invoiced_on),
            due_on            TEXT
                CHECK (due_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(due_on, '+0 days') IS due_on),
            amount_cents      INTEGER NOT NULL CHECK (amount_cents >= 0),
            paid_on           TEXT
                CHECK (paid_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(paid_on, '+0 days') IS paid_on),
            paid_amount_cents INTEGER NOT NULL DEFAULT 0 CHECK (paid_amount_cents >= 0),
            batch_id          INTEGER REFERENCES import_batch (id)
        ) STRICT;
        CREATE INDEX receivable_due_on ON receivable (due_on);
        CREATE INDEX receivable_customer_id ON receivable (customer_id);
        CREATE INDEX receivable_order_no ON receivable (order_no);

        CREATE TABLE expense (
            id              INTEGER PRIMARY KEY,
            expense_no      TEXT NOT NULL UNIQUE CHECK (trim(expense_no) <> ''),
            submitted_by_id INTEGER REFERENCES person (id),
            payee_id        INTEGER REFERENCES person (id),
            submitted_on    TEXT
                CHECK (submitted_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                       AND date(submitted_on, '+0 days') IS submitted_on),
            spent_on        TEXT NOT NULL
                CHECK (spent_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(spent_on, '+0 days') IS spent_on),
            category        TEXT NOT NULL
                CHECK (category IN ('advertising', 'travel', 'entertainment', 'training', 'events', 'other')),
            amount_cents    INTEGER NOT NULL CHECK (amount_cents > 0),
            description     TEXT,
            region_id       INTEGER REFERENCES region (id),
            customer_id     INTEGER REFERENCES customer (id),
            campaign        TEXT,
            status          TEXT NOT NULL DEFAULT 'submitted'
                CHECK (status IN ('submitted', 'approved', 'rejected', 'withdrawn', 'paid')),
            batch_id        INTEGER REFERENCES import_batch (id)
        ) STRICT;
        CREATE INDEX expense_spent_on ON expense (spent_on);
        CREATE INDEX expense_category ON expense (category, spent_on);
        CREATE INDEX expense_submitted_by_id ON expense (submitted_by_id);
        CREATE INDEX expense_status ON expense (status);

        CREATE TABLE budget (
            id           INTEGER PRIMARY KEY,
            scope        TEXT NOT NULL CHECK (scope IN ('rep', 'team', 'region', 'company')),
            scope_key    TEXT NOT NULL CHECK ((scope = 'company') = (trim(scope_key) = '')),
            category     TEXT NOT NULL
                CHECK (category IN ('advertising', 'travel', 'entertainment', 'training', 'events', 'other')),
        \(periodColumns)
            amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
            control      TEXT NOT NULL DEFAULT 'warn' CHECK (control IN ('stop', 'warn', 'ignore')),
            batch_id     INTEGER REFERENCES import_batch (id),
            UNIQUE (scope, scope_key, category, period)
        ) STRICT;

        CREATE TABLE feedback (
            id             INTEGER PRIMARY KEY,
            code           TEXT UNIQUE CHECK (trim(code) <> ''),
            customer_id    INTEGER NOT NULL REFERENCES customer (id),
            received_on    TEXT NOT NULL
                CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                       AND date(received_on, '+0 days') IS received_on),
            kind           TEXT NOT NULL CHECK (kind IN ('survey', 'complaint')),
            quality_score  INTEGER CHECK (quality_score BETWEEN 1 AND 5),
            delivery_score INTEGER CHECK (delivery_score BETWEEN 1 AND 5),
            service_score  INTEGER CHECK (service_score BETWEEN 1 AND 5),
            status         TEXT CHECK (status IN ('open', 'resolved', 'closed')),
            resolved_on    TEXT
                CHECK (resolved_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                       AND date(resolved_on, '+0 days') IS resolved_on),
            closed_on      TEXT
                CHECK (closed_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                       AND date(closed_on, '+0 days') IS closed_on),
            comment        TEXT,
            batch_id       INTEGER REFERENCES import_batch (id),
            CHECK ((kind = 'complaint') = (status IS NOT NULL)),
            CHECK (resolved_on >= received_on),
            CHECK (closed_on >= received_on)
        ) STRICT;
        CREATE UNIQUE INDEX feedback_customer_date_kind_without_code
            ON feedback (customer_id, received_on, kind) WHERE code IS NULL;
        CREATE INDEX feedback_received_on ON feedback (received_on);

        CREATE TABLE import_row_change (
            id          INTEGER PRIMARY KEY,
            batch_id    INTEGER NOT NULL REFERENCES import_batch (id),
            table_name  TEXT NOT NULL,
            row_id      INTEGER NOT NULL,
            action      TEXT NOT NULL CHECK (action IN ('insert', 'update')),
            before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
            UNIQUE (batch_id, table_name, row_id),
            CHECK ((action = 'insert') = (before_json IS NULL))
        ) STRICT;
        CREATE INDEX import_row_change_row ON import_row_change (table_name, row_id);
        """
    )

    /// The `period` column of `sales_target` and `budget`, and the three columns generated from it.
    ///
    /// Written once for both tables. It is part of the shipped migration's SQL, so it must never change by a
    /// byte (`MigrationsTests` pins every migration's SQL). Its lines carry the indentation they have inside
    /// the `CREATE TABLE`s, so it is interpolated at the start of a line.
    private static let periodColumns = """
            period       TEXT NOT NULL
                CHECK (period GLOB '[0-9][0-9][0-9][0-9]'
                       OR period GLOB '[0-9][0-9][0-9][0-9]Q[1-4]'
                       OR (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(period, 6, 2) BETWEEN '01' AND '12')),
            period_kind  TEXT GENERATED ALWAYS AS
                (CASE length(period) WHEN 4 THEN 'year' WHEN 6 THEN 'quarter' ELSE 'month' END) VIRTUAL,
            starts_on    TEXT GENERATED ALWAYS AS
                (CASE length(period)
                    WHEN 4 THEN period || '-01-01'
                    WHEN 6 THEN printf('%s-%02d-01', substr(period, 1, 4),
                                       (CAST(substr(period, 6, 1) AS INTEGER) - 1) * 3 + 1)
                    ELSE period || '-01' END) VIRTUAL,
            ends_on      TEXT GENERATED ALWAYS AS
                (date(starts_on, CASE length(period) WHEN 4 THEN '+12 months' WHEN 6 THEN '+3 months'
                                 ELSE '+1 month' END, '-1 day')) VIRTUAL,
        """
}
