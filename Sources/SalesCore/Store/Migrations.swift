import CSQLite
import Foundation

/// The schema's history: ordered, append-only steps, each an id and the SQL that applies it.
///
/// Rules (see `docs/schema.md` and `docs/development.md`):
/// - Add new steps at the END. Never edit, reorder or remove a step once it has shipped: databases in
///   the field have applied it, and a changed step would give two databases with the same id and
///   different schemas.
/// - Write plain SQL strings, never code derived from app types, so a step means the same forever.
/// - A step runs inside the `BEGIN IMMEDIATE` transaction that records it, with `foreign_keys=ON`
///   (the pragma cannot change inside a transaction), so a table rebuild must keep references valid.
public enum Migrations {
    /// Every migration, oldest first.
    public static let all: [(id: String, sql: String)] = [
        (id: "0001_core_schema", sql: coreSchema),
        (id: "0002_analyst_views", sql: analystViews),
        (id: "0003_opportunity_name", sql: opportunityName),
        (id: "0004_import_insert_runs", sql: importInsertRuns),
        (id: "0005_approval", sql: approval),
        (id: "0006_score_runs", sql: scoreRuns),
        (id: "0007_order_status_check", sql: orderStatusCheck),
        (id: "0008_order_line_covering_indexes", sql: orderLineCoveringIndexes),
    ]

    // MARK: - 0008_order_line_covering_indexes

    /// Two of `order_line`'s indexes become covering indexes for the period summary's largest scans, which
    /// then read them whole, in group order, with no sort and no table lookups (`SalesAggregates`):
    /// - (`customer_id`, `order_date`) becomes (`customer_id`, `rep_id`, `order_date`, `status`,
    ///   `amount_cents`, `order_no`): revenue, lines and orders per customer and rep;
    /// - (`product_id`) becomes (`product_id`, `channel`, `order_date`, `status`, `amount_cents`,
    ///   `customer_id`, `rep_id`): revenue per product line and channel, in any scope.
    /// Both keep their old leading column, so lookups by customer or product still use them.
    private static let orderLineCoveringIndexes = """
        DROP INDEX order_line_customer_id;
        DROP INDEX order_line_product_id;
        CREATE INDEX order_line_customer_rep
            ON order_line (customer_id, rep_id, order_date, status, amount_cents, order_no);
        CREATE INDEX order_line_product_channel
            ON order_line (product_id, channel, order_date, status, amount_cents, customer_id, rep_id);
        """

    // MARK: - 0007_order_status_check

    /// `order_line.status` is checked with `=` comparisons instead of an `IN` list: SQLite builds an
    /// ephemeral table for an `IN` list of three or more values each time the CHECK runs, which cost about
    /// a quarter of an order line's insert. The two checks accept exactly the same values.
    ///
    /// A CHECK constraint does not change how rows are stored, so the table's stored definition is edited
    /// in place (SQLite's documented procedure for changing constraints: `writable_schema`, then the schema
    /// reloaded and its version raised, here by creating and dropping a table) instead of rebuilding a
    /// table of perhaps millions of rows.
    private static let orderStatusCheck = """
        PRAGMA writable_schema = ON;
        UPDATE sqlite_schema
        SET sql = replace(sql, 'CHECK (status IN (''completed'', ''cancelled'', ''returned''))',
                          'CHECK (status = ''completed'' OR status = ''cancelled'' OR status = ''returned'')')
        WHERE type = 'table' AND name = 'order_line';
        PRAGMA writable_schema = RESET;
        CREATE TABLE schema_reload_0007 (x);
        DROP TABLE schema_reload_0007;
        """

    // MARK: - 0006_score_runs

    /// Customer scoring runs (`sales-score`): each run's settings and fitted models, and every customer's
    /// result. Results keep the customer's code and name as they were, so a run reads the same later;
    /// `customer_id` is not a foreign key, so removing a customer (an undone import) leaves old runs whole.
    private static let scoreRuns = """
        CREATE TABLE score_run (
            id          INTEGER PRIMARY KEY,
            started_at  TEXT NOT NULL,
            user_name   TEXT NOT NULL,
            as_of       TEXT NOT NULL
                CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(as_of, '+0 days') IS as_of),
            window_days INTEGER NOT NULL CHECK (window_days >= 1),
            settings    TEXT NOT NULL CHECK (json_valid(settings)),
            model_fit   TEXT NOT NULL CHECK (json_valid(model_fit)),
            customers   INTEGER NOT NULL CHECK (customers >= 0)
        ) STRICT;

        CREATE TABLE score_result (
            run_id                     INTEGER NOT NULL REFERENCES score_run (id),
            customer_id                INTEGER NOT NULL,
            customer_code              TEXT,
            customer_name              TEXT NOT NULL,
            recency_days               INTEGER NOT NULL CHECK (recency_days >= 0),
            last_order_on              TEXT NOT NULL,
            orders                     INTEGER NOT NULL CHECK (orders >= 0),
            amount_cents               INTEGER NOT NULL,
            r_score                    INTEGER NOT NULL CHECK (r_score BETWEEN 1 AND 5),
            f_score                    INTEGER NOT NULL CHECK (f_score BETWEEN 1 AND 5),
            m_score                    INTEGER NOT NULL CHECK (m_score BETWEEN 1 AND 5),
            segment                    TEXT NOT NULL,
            tier                       TEXT NOT NULL CHECK (tier IN ('A', 'B', 'C', 'D')),
            revenue_rank               INTEGER,
            top_percent                INTEGER,
            churn_risk                 TEXT NOT NULL CHECK (churn_risk IN ('low', 'rising', 'high', 'lost')),
            typical_gap_days           REAL NOT NULL,
            gap_source                 TEXT NOT NULL,
            p_alive                    REAL,
            expected_orders            REAL,
            expected_order_value_cents INTEGER,
            lifetime_value_cents       INTEGER,
            days_to_pay                REAL,
            complaints                 INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (run_id, customer_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX score_result_customer ON score_result (customer_id, run_id);
        """

    // MARK: - 0005_approval

    /// Expense approval (`sales-approve`): the hash-chained audit log, policy versions, each claim's
    /// route and decisions, and delegations. Written once rows are refused changes by triggers: audit
    /// entries, policy versions, decided steps and decisions. The triggers make tampering through SQL
    /// fail loudly; the audit chain makes tampering that goes around them visible to `verify`.
    private static let approval = """
        CREATE TABLE audit_log (
            seq       INTEGER PRIMARY KEY,
            at        TEXT NOT NULL
                CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]*Z'),
            actor     TEXT NOT NULL CHECK (actor <> ''),
            action    TEXT NOT NULL CHECK (action <> ''),
            subject   TEXT,
            payload   TEXT NOT NULL CHECK (json_valid(payload)),
            prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64 AND NOT prev_hash GLOB '*[^0-9a-f]*'),
            hash      TEXT NOT NULL UNIQUE CHECK (length(hash) = 64 AND NOT hash GLOB '*[^0-9a-f]*')
        ) STRICT;
        CREATE INDEX audit_log_subject ON audit_log (subject, seq);

        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN
            SELECT RAISE(ABORT, 'audit_log entries cannot be changed or deleted');
        END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN
            SELECT RAISE(ABORT, 'audit_log entries cannot be changed or deleted');
        END;
        -- A new entry continues the chain: seq is exactly max(seq) + 1 and prev_hash the last hash.
        CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
        BEGIN
            SELECT RAISE(ABORT, 'audit_log seq must be exactly one more than the last entry''s')
            WHERE NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM audit_log);
            SELECT RAISE(ABORT, 'audit_log prev_hash must be the last entry''s hash')
            WHERE NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1),
                                                '0000000000000000000000000000000000000000000000000000000000000000');
        END;

        CREATE TABLE approval_policy (
            version     INTEGER PRIMARY KEY,
            name        TEXT NOT NULL,
            policy_toml TEXT NOT NULL,
            file_name   TEXT NOT NULL,
            file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64 AND NOT file_sha256 GLOB '*[^0-9a-f]*'),
            loaded_at   TEXT NOT NULL,
            loaded_by   TEXT NOT NULL
        ) STRICT;
        CREATE TRIGGER approval_policy_no_update BEFORE UPDATE ON approval_policy
        BEGIN
            SELECT RAISE(ABORT, 'approval policy versions cannot be changed or deleted; load a new version');
        END;
        CREATE TRIGGER approval_policy_no_delete BEFORE DELETE ON approval_policy
        BEGIN
            SELECT RAISE(ABORT, 'approval policy versions cannot be changed or deleted; load a new version');
        END;

        CREATE TABLE approval_claim (
            expense_id     INTEGER PRIMARY KEY REFERENCES expense (id),
            policy_version INTEGER NOT NULL REFERENCES approval_policy (version),
            round          INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1),
            state          TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'unroutable')),
            amount_cents   INTEGER NOT NULL,
            category       TEXT NOT NULL,
            routed_at      TEXT NOT NULL,
            problem        TEXT,
            split_note     TEXT,
            CHECK ((state = 'unroutable') = (problem IS NOT NULL))
        ) STRICT;
        CREATE INDEX approval_claim_state ON approval_claim (state);
        -- A claim enters approval pending (or unroutable), is approved only when every step of its round is,
        -- rejected only when a step of its round is, never goes back a round, and is never deleted.
        CREATE TRIGGER approval_claim_starts_pending BEFORE INSERT ON approval_claim
        WHEN NEW.state NOT IN ('pending', 'unroutable')
        BEGIN
            SELECT RAISE(ABORT, 'a claim enters approval pending');
        END;
        CREATE TRIGGER approval_claim_state_follows_steps BEFORE UPDATE ON approval_claim
        WHEN NEW.round < OLD.round
          OR (NEW.state = 'approved' AND (
                NOT EXISTS (SELECT 1 FROM approval_step s WHERE s.expense_id = NEW.expense_id AND s.round = NEW.round)
                OR EXISTS (SELECT 1 FROM approval_step s
                           WHERE s.expense_id = NEW.expense_id AND s.round = NEW.round AND s.state <> 'approved')))
          OR (NEW.state = 'rejected' AND NOT EXISTS (
                SELECT 1 FROM approval_step s
                WHERE s.expense_id = NEW.expense_id AND s.round = NEW.round AND s.state = 'rejected'))
        BEGIN
            SELECT RAISE(ABORT, 'a claim is approved or rejected only by the decisions on its steps');
        END;
        CREATE TRIGGER approval_claim_no_delete BEFORE DELETE ON approval_claim
        BEGIN
            SELECT RAISE(ABORT, 'claims under approval cannot be deleted');
        END;

        CREATE TABLE approval_step (
            id            INTEGER PRIMARY KEY,
            expense_id    INTEGER NOT NULL REFERENCES approval_claim (expense_id),
            round         INTEGER NOT NULL,
            position      INTEGER NOT NULL CHECK (position >= 1),
            approver      TEXT NOT NULL,
            reason        TEXT NOT NULL CHECK (reason IN ('manager', 'final', 'category', 'finance', 'dual_control')),
            reason_detail TEXT NOT NULL CHECK (json_valid(reason_detail)),
            in_place_of   TEXT,
            state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
            UNIQUE (expense_id, round, position)
        ) STRICT;
        CREATE INDEX approval_step_pending ON approval_step (approver) WHERE state = 'pending';
        -- A step is decided once: only pending -> approved/rejected, and nothing else about it changes.
        CREATE TRIGGER approval_step_decided_once BEFORE UPDATE ON approval_step
        WHEN OLD.state <> 'pending' OR NEW.state = 'pending'
             OR NEW.expense_id IS NOT OLD.expense_id OR NEW.round IS NOT OLD.round
             OR NEW.position IS NOT OLD.position OR NEW.approver IS NOT OLD.approver
             OR NEW.reason IS NOT OLD.reason OR NEW.reason_detail IS NOT OLD.reason_detail
             OR NEW.in_place_of IS NOT OLD.in_place_of
        BEGIN
            SELECT RAISE(ABORT, 'approval steps are decided once and cannot be changed');
        END;
        -- A step is decided only by recording the decision: its new state must be the decision's.
        CREATE TRIGGER approval_step_decided_by_decision BEFORE UPDATE OF state ON approval_step
        WHEN NEW.state IS NOT (SELECT decision FROM approval_decision WHERE step_id = NEW.id)
        BEGIN
            SELECT RAISE(ABORT, 'an approval step is decided only with its decision recorded');
        END;
        CREATE TRIGGER approval_step_no_delete BEFORE DELETE ON approval_step
        BEGIN
            SELECT RAISE(ABORT, 'approval steps cannot be deleted');
        END;

        CREATE TABLE approval_decision (
            step_id      INTEGER PRIMARY KEY REFERENCES approval_step (id),
            decision     TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
            actor        TEXT NOT NULL,
            on_behalf_of TEXT,
            decided_at   TEXT NOT NULL,
            comment      TEXT,
            flags        TEXT CHECK (flags IS NULL OR json_valid(flags)),
            audit_seq    INTEGER NOT NULL UNIQUE REFERENCES audit_log (seq)
        ) STRICT;
        CREATE TRIGGER approval_decision_no_update BEFORE UPDATE ON approval_decision
        BEGIN
            SELECT RAISE(ABORT, 'approval decisions cannot be changed or deleted');
        END;
        CREATE TRIGGER approval_decision_no_delete BEFORE DELETE ON approval_decision
        BEGIN
            SELECT RAISE(ABORT, 'approval decisions cannot be changed or deleted');
        END;

        CREATE TABLE approval_delegation (
            id           INTEGER PRIMARY KEY,
            from_login   TEXT NOT NULL,
            to_login     TEXT NOT NULL,
            starts_on    TEXT NOT NULL
                CHECK (starts_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(starts_on, '+0 days') IS starts_on),
            ends_on      TEXT NOT NULL
                CHECK (ends_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(ends_on, '+0 days') IS ends_on),
            created_at   TEXT NOT NULL,
            cancelled_at TEXT,
            CHECK (from_login <> to_login),
            CHECK (ends_on >= starts_on)
        ) STRICT;
        CREATE INDEX approval_delegation_to ON approval_delegation (to_login);
        CREATE TRIGGER approval_delegation_cancel_only BEFORE UPDATE ON approval_delegation
        WHEN OLD.cancelled_at IS NOT NULL OR NEW.cancelled_at IS NULL
             OR NEW.from_login IS NOT OLD.from_login OR NEW.to_login IS NOT OLD.to_login
             OR NEW.starts_on IS NOT OLD.starts_on OR NEW.ends_on IS NOT OLD.ends_on
             OR NEW.created_at IS NOT OLD.created_at
        BEGIN
            SELECT RAISE(ABORT, 'a delegation can only be cancelled, once');
        END;
        CREATE TRIGGER approval_delegation_no_delete BEFORE DELETE ON approval_delegation
        BEGIN
            SELECT RAISE(ABORT, 'delegations cannot be deleted; cancel them');
        END;

        -- Once a claim is under approval, its status is the approval's: an import that writes another
        -- status (say, re-importing the original file) leaves the approval's in place. `paid` may follow
        -- `approved`, and `withdrawn` may replace `submitted` while the claim is pending.
        CREATE TRIGGER expense_status_follows_approval AFTER UPDATE OF status ON expense
        WHEN EXISTS (SELECT 1 FROM approval_claim c WHERE c.expense_id = NEW.id AND NOT (
                 (c.state IN ('pending', 'unroutable') AND NEW.status IN ('submitted', 'withdrawn'))
              OR (c.state = 'approved' AND NEW.status IN ('approved', 'paid'))
              OR (c.state = 'rejected' AND NEW.status = 'rejected')))
        BEGIN
            UPDATE expense SET status = (SELECT CASE c.state WHEN 'approved' THEN 'approved'
                                                             WHEN 'rejected' THEN 'rejected' ELSE 'submitted' END
                                         FROM approval_claim c WHERE c.expense_id = NEW.id)
            WHERE id = NEW.id;
        END;
        """

    // MARK: - 0004_import_insert_runs

    /// The rows a batch inserted, journalled as runs of consecutive ids rather than a row each:
    /// within one write transaction a table's new ids are consecutive, so a large import costs a few
    /// journal rows instead of one per row. Updates keep their before-images in `import_row_change`.
    private static let importInsertRuns = """
        CREATE TABLE import_insert_run (
            batch_id   INTEGER NOT NULL REFERENCES import_batch (id),
            table_name TEXT NOT NULL,
            first_id   INTEGER NOT NULL,
            last_id    INTEGER NOT NULL CHECK (last_id >= first_id),
            PRIMARY KEY (batch_id, table_name, first_id)
        ) STRICT;
        """

    // MARK: - 0003_opportunity_name

    /// Opportunities carry a name (the deal's title), which workbooks list beside the code.
    private static let opportunityName = """
        ALTER TABLE opportunity ADD COLUMN name TEXT;
        """

    // MARK: - 0001_core_schema

    /// Batches, metadata, every entity of DESIGN §2 and the undo journal.
    ///
    /// Conventions: money is INTEGER minor units (分) in `*_cents` columns; dates are TEXT `YYYY-MM-DD`
    /// checked for shape and calendar validity; periods are TEXT `2026`, `2026Q3` or `2026-07`;
    /// enumerations store English codes; tables are STRICT, so a REAL cannot land in a money column.
    /// Natural keys: a plain UNIQUE key, or for "code, else name" keys UNIQUE(code) plus a partial
    /// UNIQUE index on the name among rows without a code.
    private static let coreSchema = """
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

    // MARK: - 0002_analyst_views

    /// Read-only views that join names onto the fact tables and show money in yuan, for display only.
    private static let analystViews = """
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
}

// MARK: - Applying migrations

/// Applies ``Migrations/all`` to a connection and reports what is applied.
enum Migrator {
    /// The table recording applied steps. Created outside the list so it exists before step one; never change it.
    static let createTableSQL = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            id         TEXT PRIMARY KEY,
            applied_at TEXT NOT NULL
        ) STRICT
        """

    /// Applies every pending migration in one `BEGIN IMMEDIATE` transaction and returns the applied ids.
    ///
    /// When several processes open a new file at once, one takes the write lock and applies the steps;
    /// the others wait (busy timeout, then retries), re-read the table inside their own transaction and
    /// find nothing left to do. A fully migrated file is checked with a read transaction only.
    /// - Throws: ``StoreError/Kind/schemaTooNew`` if the file records a migration not in `migrations`.
    static func migrate(_ connection: Connection, migrations: [(id: String, sql: String)],
                        maxLockWait: Duration) throws -> [String] {
        let seen = try connection.transaction(.deferred, maxLockWait: maxLockWait) { try appliedIDs($0) }
        try refuseUnknown(seen, migrations: migrations, path: connection.path)
        if seen.count == migrations.count { return seen }

        return try connection.transaction(.immediate, maxLockWait: maxLockWait) { connection in
            try connection.execute(createTableSQL)
            var applied = try appliedIDs(connection)
            try refuseUnknown(applied, migrations: migrations, path: connection.path)
            let record = try connection.prepare(
                "INSERT INTO schema_migrations (id, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))")
            for migration in migrations where !applied.contains(migration.id) {
                try connection.execute(migration.sql)
                try record.execute([.text(migration.id)])
                applied.append(migration.id)
            }
            return applied
        }
    }

    /// Checks, without writing, that the file has exactly the known migrations; returns their ids.
    ///
    /// - Throws: ``StoreError/Kind/schemaTooNew`` or ``StoreError/Kind/schemaTooOld``.
    static func verify(_ connection: Connection, migrations: [(id: String, sql: String)],
                       maxLockWait: Duration) throws -> [String] {
        let applied = try connection.transaction(.deferred, maxLockWait: maxLockWait) { try appliedIDs($0) }
        try refuseUnknown(applied, migrations: migrations, path: connection.path)
        if let missing = migrations.first(where: { !applied.contains($0.id) }) {
            throw StoreError(kind: .schemaTooOld, message: "migration '\(missing.id)' not applied",
                             path: connection.path)
        }
        return applied
    }

    /// The ids recorded in `schema_migrations`, oldest first; empty for a new file.
    static func appliedIDs(_ connection: Connection) throws -> [String] {
        let exists = try connection.scalar(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
        guard exists?.int64 == 1 else { return [] }
        return try connection.query("SELECT id FROM schema_migrations ORDER BY rowid").compactMap { $0.first?.text }
    }

    /// Throws if `applied` holds an id this tool does not know: the file was migrated by a newer tool.
    private static func refuseUnknown(_ applied: [String], migrations: [(id: String, sql: String)],
                                      path: String) throws {
        let known = Set(migrations.map(\.id))
        if let unknown = applied.first(where: { !known.contains($0) }) {
            throw StoreError(kind: .schemaTooNew, message: "migration '\(unknown)' unknown", path: path)
        }
    }
}
