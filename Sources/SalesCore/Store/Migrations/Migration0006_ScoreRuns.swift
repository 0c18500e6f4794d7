extension Migrations {
    /// Customer scoring runs (`sales-score`): each run's settings and fitted models, and every customer's
    /// result. Results keep the customer's code and name as they were, so a run reads the same later;
    /// `customer_id` is not a foreign key, so removing a customer (an undone import) leaves old runs whole.
    static let scoreRuns = (
        id: "0006_score_runs",
        sql: """
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
    )
}
