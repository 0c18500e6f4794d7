import Foundation
import SalesCore
import SalesTestSupport
import Testing

extension StoreTests {
    /// Tests of the schema of migration `0001_core_schema` and `0002_analyst_views`, and of `docs/schema.md`.
    @Suite struct SchemaTests {
        /// The entity tables of DESIGN §2.
        static let entityTables = [
            "region", "person", "customer", "product", "order_line", "sales_target",
            "opportunity", "receivable", "expense", "budget", "feedback",
        ]

        /// A migrated store with one region, rep, customer and product (ids 1).
        private func seededStore() throws -> Store {
            let store = try makeTempStore()
            try store.write { connection in
                try connection.execute(
                    """
                    INSERT INTO region (id, name) VALUES (1, '华东');
                    INSERT INTO person (id, login, name, region_id) VALUES (1, 'li.na', '李娜', 1);
                    INSERT INTO customer (id, code, name, region_id, owner_id) VALUES (1, 'C001', '宏达贸易', 1, 1);
                    INSERT INTO product (id, sku, name, product_line, tier) VALUES (1, 'P-1', '净水器', 'Home', 'high');
                    """)
            }
            return store
        }

        /// Runs `sql` (a script when there are no arguments) in its own write transaction.
        private func run(_ store: Store, _ sql: String, _ arguments: [SQLValue]) throws {
            try store.write { connection in
                if arguments.isEmpty { try connection.execute(sql) } else { try connection.execute(sql, arguments) }
            }
        }

        /// Runs `sql` in its own write and returns the constraint error it must raise.
        private func expectConstraint(
            _ store: Store, _ sql: String, _ arguments: [SQLValue] = [],
            sourceLocation: SourceLocation = #_sourceLocation
        ) {
            let error = #expect(throws: StoreError.self, "\(sql) \(arguments)", sourceLocation: sourceLocation) {
                try run(store, sql, arguments)
            }
            #expect(error?.kind == .constraint, "\(String(describing: error))", sourceLocation: sourceLocation)
        }

        /// Runs `sql` in its own write; it must succeed.
        private func expectAccepted(
            _ store: Store, _ sql: String, _ arguments: [SQLValue] = [],
            sourceLocation: SourceLocation = #_sourceLocation
        ) {
            #expect(throws: Never.self, "\(sql) \(arguments)", sourceLocation: sourceLocation) {
                try run(store, sql, arguments)
            }
        }

        /// `(name, declared type)` of every column of `table`, generated columns included.
        private func columns(of table: String, in connection: Connection) throws -> [(name: String, type: String)] {
            try connection.query("SELECT name, type FROM pragma_table_xinfo(?)", [.text(table)]).map {
                ($0[0].text ?? "", $0[1].text ?? "")
            }
        }

        // MARK: - Shape

        @Test func everyEntityTableIsStrictWithIdAndBatch() throws {
            let store = try makeTempStore()
            try store.read { connection in
                for table in Self.entityTables {
                    let strict = try connection.scalar(
                        "SELECT strict FROM pragma_table_list WHERE name = ?", [.text(table)])
                    #expect(strict == .integer(1), "\(table) is STRICT")
                    let names = try columns(of: table, in: connection).map(\.name)
                    #expect(names.first == "id", "\(table).id")
                    #expect(names.contains("batch_id"), "\(table).batch_id")
                    let batchReference = try connection.scalar(
                        "SELECT \"table\" FROM pragma_foreign_key_list(?) WHERE \"from\" = 'batch_id'", [.text(table)])
                    #expect(batchReference == .text("import_batch"), "\(table).batch_id references import_batch")
                }
            }
        }

        @Test func moneyColumnsAreIntegerAndOnlyQuantitiesAreReal() throws {
            let store = try makeTempStore()
            let tables = try store.read { connection in
                try connection.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                    .compactMap { $0.first?.text }
            }
            var moneyColumns = 0
            try store.read { connection in
                for table in tables {
                    for column in try columns(of: table, in: connection) {
                        if column.name.hasSuffix("_cents") {
                            moneyColumns += 1
                            #expect(column.type == "INTEGER", "\(table).\(column.name)")
                        }
                        if column.type == "REAL" {
                            // Quantities, and the statistical estimates of a scoring run (never money).
                            let estimates: Set = ["typical_gap_days", "p_alive", "expected_orders", "days_to_pay"]
                            #expect(
                                column.name == "quantity"
                                    || (table == "score_result" && estimates.contains(column.name)),
                                "\(table).\(column.name) is REAL")
                        }
                    }
                }
            }
            // Every money column of DESIGN §2, the amount a claim was routed for, a scoring run's amount,
            // expected order value and lifetime value, the amount a claim was paid (payment.amount_cents), and a
            // contract's list value and a price exception's list and requested unit prices (expense.*_cents).
            #expect(moneyColumns == 20)
        }

        @Test func moneyColumnsRejectFractions() throws {
            let store = try seededStore()
            expectConstraint(
                store,
                """
                INSERT INTO order_line (order_no, order_date, customer_id, amount_cents)
                VALUES ('SO-1', '2026-03-05', 1, 1234.5)
                """)
            expectAccepted(
                store,
                """
                INSERT INTO order_line (order_no, order_date, customer_id, amount_cents)
                VALUES ('SO-1', '2026-03-05', 1, 123450)
                """)
            #expect(try store.read { try $0.scalar("SELECT typeof(amount_cents) FROM order_line") } == "integer")
        }

        // MARK: - CHECK constraints

        @Test(arguments: ["2026-02-30", "2026/03/05", "2026-3-5", "2026-13-01", "05/03/2026", "2026-03-05 10:00", ""])
        func badDatesAreRejected(date: String) throws {
            let store = try seededStore()
            expectConstraint(
                store,
                """
                INSERT INTO order_line (order_no, order_date, customer_id, amount_cents) VALUES ('SO-1', ?, 1, 100)
                """, [.text(date)])
            expectConstraint(store, "UPDATE person SET hired_on = ? WHERE id = 1", [.text(date)])
        }

        @Test func calendarDatesAreAccepted() throws {
            let store = try seededStore()
            for (index, date) in ["2024-02-29", "2026-12-31", "2026-01-01"].enumerated() {
                expectAccepted(
                    store,
                    """
                    INSERT INTO order_line (order_no, order_date, customer_id, amount_cents) VALUES (?, ?, 1, 100)
                    """, [.text("SO-\(index)"), .text(date)])
            }
        }

        @Test(arguments: ["2026Q5", "2026Q0", "2026q3", "2026-13", "2026-00", "26", "2026-7", "FY2026", "2026H1"])
        func badPeriodsAreRejected(period: String) throws {
            let store = try seededStore()
            expectConstraint(
                store,
                """
                INSERT INTO sales_target (scope, scope_key, period, amount_cents) VALUES ('rep', 'li.na', ?, 100)
                """, [.text(period)])
            expectConstraint(
                store,
                """
                INSERT INTO budget (scope, scope_key, category, period, amount_cents)
                VALUES ('region', '华东', 'travel', ?, 100)
                """, [.text(period)])
        }

        @Test func periodsGetTheirFirstAndLastDay() throws {
            let store = try seededStore()
            try store.write { connection in
                for period in ["2026", "2026Q3", "2024-02"] {
                    try connection.execute(
                        """
                        INSERT INTO sales_target (scope, scope_key, period, amount_cents) VALUES ('company', '', ?, 1)
                        """, [.text(period)])
                }
            }
            let rows = try store.read {
                try $0.query("SELECT period, period_kind, starts_on, ends_on FROM sales_target ORDER BY id")
            }
            #expect(
                rows == [
                    ["2026", "year", "2026-01-01", "2026-12-31"],
                    ["2026Q3", "quarter", "2026-07-01", "2026-09-30"],
                    ["2024-02", "month", "2024-02-01", "2024-02-29"],
                ])
        }

        @Test func negativeAndOutOfRangeValuesAreRejected() throws {
            let store = try seededStore()
            let order = "INSERT INTO order_line (order_no, order_date, customer_id, amount_cents, quantity, status) "
            expectConstraint(store, order + "VALUES ('SO-1', '2026-03-05', 1, -100, 1, 'completed')")
            expectConstraint(store, order + "VALUES ('SO-1', '2026-03-05', 1, 100, -1, 'completed')")
            expectAccepted(store, order + "VALUES ('SO-1', '2026-03-05', 1, -100, -1, 'returned')")
            expectConstraint(
                store,
                """
                INSERT INTO expense (expense_no, spent_on, category, amount_cents) VALUES ('E-1', '2026-03-05', 'travel', -5)
                """)
            expectConstraint(store, "UPDATE person SET approval_limit_cents = -1 WHERE id = 1")
            expectConstraint(store, "UPDATE product SET list_price_cents = -1 WHERE id = 1")
            for score in [0, 6] {
                expectConstraint(
                    store,
                    """
                    INSERT INTO feedback (customer_id, received_on, kind, service_score) VALUES (1, '2026-03-05', 'survey', ?)
                    """, [.integer(Int64(score))])
            }
            expectAccepted(
                store,
                """
                INSERT INTO feedback (customer_id, received_on, kind, quality_score, delivery_score, service_score)
                VALUES (1, '2026-03-05', 'survey', 1, 3, 5)
                """)
        }

        @Test func enumerationsAcceptOnlyTheirEnglishCodes() throws {
            let store = try seededStore()
            expectConstraint(store, "UPDATE product SET tier = '高端' WHERE id = 1")
            expectConstraint(store, "UPDATE person SET role = 'boss' WHERE id = 1")
            expectConstraint(store, "UPDATE customer SET code = '' WHERE id = 1")
            expectConstraint(
                store,
                """
                INSERT INTO opportunity (code, created_on, stage) VALUES ('OP-1', '2026-01-01', 'closed')
                """)
            expectConstraint(
                store,
                """
                INSERT INTO expense (expense_no, spent_on, category, amount_cents) VALUES ('E-1', '2026-03-05', '差旅', 5)
                """)
            expectConstraint(
                store,
                """
                INSERT INTO budget (scope, scope_key, category, period, amount_cents, control)
                VALUES ('company', '', 'travel', '2026', 1, 'block')
                """)
            expectConstraint(
                store,
                """
                INSERT INTO feedback (customer_id, received_on, kind, status) VALUES (1, '2026-03-05', 'praise', 'open')
                """)
            expectAccepted(
                store,
                """
                INSERT INTO feedback (customer_id, received_on, kind, status) VALUES (1, '2026-03-05', 'complaint', 'open')
                """)
        }

        @Test func crossColumnRulesHold() throws {
            let store = try seededStore()
            // A company-wide target has an empty scope key; any other scope needs one.
            expectConstraint(
                store,
                """
                INSERT INTO sales_target (scope, scope_key, period, amount_cents) VALUES ('company', 'ACME', '2026', 1)
                """)
            expectConstraint(
                store,
                """
                INSERT INTO sales_target (scope, scope_key, period, amount_cents) VALUES ('region', ' ', '2026', 1)
                """)
            // An opportunity cannot close before it was created; a complaint has a status, a survey none.
            expectConstraint(
                store,
                """
                INSERT INTO opportunity (code, created_on, closed_on, stage) VALUES ('OP-1', '2026-05-01', '2026-04-30', 'won')
                """)
            expectConstraint(
                store,
                """
                INSERT INTO feedback (customer_id, received_on, kind) VALUES (1, '2026-03-05', 'complaint')
                """)
            expectConstraint(
                store,
                """
                INSERT INTO feedback (customer_id, received_on, kind, status) VALUES (1, '2026-03-05', 'survey', 'open')
                """)
            // Nobody reports to themselves.
            expectConstraint(store, "UPDATE person SET reports_to_id = 1 WHERE id = 1")
        }

        @Test func importBatchAndJournalChecks() throws {
            let store = try seededStore()
            try store.write { connection in
                try connection.execute(
                    """
                    INSERT INTO import_batch (id, file_name, file_sha256, started_at, user_name, sheet_counts_json)
                    VALUES (1, 'orders.xlsx', ?, '2026-03-05T10:00:00Z', 'li.na', '{"orders": 3}')
                    """, [.text(String(repeating: "ab", count: 32))])
            }
            // Hash, finish time, counts and note are optional
            expectAccepted(
                store,
                """
                INSERT INTO import_batch (file_name, started_at, user_name) VALUES ('y.csv', '2026-03-05T10:00:00.123Z', 'li.na')
                """)
            expectConstraint(
                store,
                """
                INSERT INTO import_batch (file_name, started_at, user_name) VALUES ('y.csv', '2026-03-05 10:00', 'li.na')
                """)
            expectConstraint(
                store,
                """
                INSERT INTO import_batch (file_name, file_sha256, started_at, user_name)
                VALUES ('x.xlsx', 'not-a-hash', '2026-03-05T10:00:00Z', 'li.na')
                """)
            expectConstraint(
                store,
                """
                INSERT INTO import_batch (file_name, started_at, user_name, status)
                VALUES ('x.xlsx', '2026-03-05T10:00:00Z', 'li.na', 'done')
                """)
            expectConstraint(
                store,
                """
                INSERT INTO import_batch (file_name, started_at, user_name, sheet_counts_json)
                VALUES ('x.xlsx', '2026-03-05T10:00:00Z', 'li.na', '{broken')
                """)
            expectConstraint(
                store,
                """
                INSERT INTO import_row_change (batch_id, table_name, row_id, action, before_json)
                VALUES (1, 'region', 1, 'update', NULL)
                """)
            expectConstraint(
                store,
                """
                INSERT INTO import_row_change (batch_id, table_name, row_id, action, before_json)
                VALUES (1, 'region', 1, 'insert', '{}')
                """)
            expectAccepted(
                store,
                """
                INSERT INTO import_row_change (batch_id, table_name, row_id, action, before_json)
                VALUES (1, 'region', 1, 'update', '{"name": "华东"}')
                """)
            expectAccepted(
                store,
                """
                INSERT INTO import_row_change (batch_id, table_name, row_id, action) VALUES (1, 'region', 2, 'insert')
                """)
            // One journal entry per row and batch
            expectConstraint(
                store,
                """
                INSERT INTO import_row_change (batch_id, table_name, row_id, action) VALUES (1, 'region', 1, 'insert')
                """)
        }

        // MARK: - Keys

        @Test func foreignKeysAreEnforced() throws {
            let store = try seededStore()
            expectConstraint(
                store,
                """
                INSERT INTO order_line (order_no, order_date, customer_id, amount_cents) VALUES ('SO-1', '2026-03-05', 999, 1)
                """)
            expectConstraint(store, "UPDATE customer SET region_id = 42 WHERE id = 1")
            expectConstraint(store, "UPDATE region SET batch_id = 7 WHERE id = 1")
            expectConstraint(store, "DELETE FROM region WHERE id = 1")
        }

        @Test func reportsToIsCheckedAtCommitSoManagersMayArriveLater() throws {
            let store = try seededStore()
            // A rep may be loaded before the manager she reports to, within one transaction
            expectAccepted(
                store,
                """
                INSERT INTO person (id, login, name, reports_to_id) VALUES (2, 'wang.fang', '王芳', 3);
                INSERT INTO person (id, login, name, role) VALUES (3, 'zhao.lei', '赵磊', 'manager');
                """)
            // but a reference still dangling at COMMIT is refused, and nothing is written
            let error = #expect(throws: StoreError.self) {
                try store.write {
                    try $0.execute("INSERT INTO person (id, login, name, reports_to_id) VALUES (4, 'x', 'x', 99)")
                }
            }
            #expect(error?.code == 787)  // SQLITE_CONSTRAINT_FOREIGNKEY
            #expect(try store.read { try $0.scalar("SELECT count(*) FROM person") } == .integer(3))
        }

        @Test func codeElseNameKeysForCustomersAndProducts() throws {
            let store = try seededStore()
            // Two customers may share a name when both have codes
            expectAccepted(store, "INSERT INTO customer (code, name) VALUES ('C002', '宏达贸易')")
            // A code is unique
            expectConstraint(store, "INSERT INTO customer (code, name) VALUES ('C001', 'Other')")
            // Among customers without a code, the name is the key
            expectAccepted(store, "INSERT INTO customer (name) VALUES ('散客')")
            expectConstraint(store, "INSERT INTO customer (name) VALUES ('散客')")
            // Same for products: SKU, else name
            expectAccepted(store, "INSERT INTO product (name) VALUES ('滤芯')")
            expectConstraint(store, "INSERT INTO product (name) VALUES ('滤芯')")
            expectConstraint(store, "INSERT INTO product (sku, name) VALUES ('P-1', 'Other')")
            // An upsert can target the partial index
            try store.write { connection in
                try connection.execute(
                    """
                    INSERT INTO customer (name, industry) VALUES ('散客', 'retail')
                    ON CONFLICT (name) WHERE code IS NULL DO UPDATE SET industry = excluded.industry
                    """)
            }
            #expect(try store.read { try $0.scalar("SELECT industry FROM customer WHERE name = '散客'") } == "retail")
        }

        @Test func orderLineKeyIsOrderNumberAndProductElseOrderNumber() throws {
            let store = try seededStore()
            try store.write { try $0.execute("INSERT INTO product (id, sku, name) VALUES (2, 'P-2', '滤芯')") }
            let insert = "INSERT INTO order_line (order_no, order_date, customer_id, product_id, amount_cents) "
            expectAccepted(store, insert + "VALUES ('SO-1', '2026-03-05', 1, 1, 100)")
            expectAccepted(store, insert + "VALUES ('SO-1', '2026-03-05', 1, 2, 100)")
            expectConstraint(store, insert + "VALUES ('SO-1', '2026-03-05', 1, 2, 300)")
            expectAccepted(store, insert + "VALUES ('SO-2', '2026-03-05', 1, NULL, 100)")
            expectConstraint(store, insert + "VALUES ('SO-2', '2026-03-06', 1, NULL, 100)")
        }

        @Test func compositeKeysOfTargetsBudgetsAndFeedback() throws {
            let store = try seededStore()
            let target = "INSERT INTO sales_target (scope, scope_key, period, amount_cents) "
            expectAccepted(store, target + "VALUES ('rep', 'li.na', '2026Q1', 100)")
            expectAccepted(store, target + "VALUES ('rep', 'li.na', '2026Q2', 100)")
            expectConstraint(store, target + "VALUES ('rep', 'li.na', '2026Q1', 200)")
            let budget = "INSERT INTO budget (scope, scope_key, category, period, amount_cents) "
            expectAccepted(store, budget + "VALUES ('region', '华东', 'travel', '2026', 100)")
            expectAccepted(store, budget + "VALUES ('region', '华东', 'advertising', '2026', 100)")
            expectConstraint(store, budget + "VALUES ('region', '华东', 'travel', '2026', 100)")
            let feedback = "INSERT INTO feedback (code, customer_id, received_on, kind, status) "
            expectAccepted(store, feedback + "VALUES (NULL, 1, '2026-03-05', 'complaint', 'open')")
            expectConstraint(store, feedback + "VALUES (NULL, 1, '2026-03-05', 'complaint', 'closed')")
            expectAccepted(store, feedback + "VALUES ('FB-1', 1, '2026-03-05', 'complaint', 'open')")
            expectConstraint(store, feedback + "VALUES ('FB-1', 1, '2026-03-06', 'complaint', 'open')")
        }

        // MARK: - Views

        @Test func orderLineViewShowsNamesAndYuan() throws {
            let store = try seededStore()
            try store.write {
                try $0.execute(
                    """
                    INSERT INTO order_line (order_no, order_date, customer_id, rep_id, product_id, quantity,
                                            unit_price_cents, amount_cents, channel)
                    VALUES ('SO-1', '2026-08-15', 1, 1, 1, 2, 61750, 123500, '电商')
                    """)
            }
            let row = try store.read {
                try $0.query(
                    """
                    SELECT month, quarter, customer_name, region_name, rep_login, product_line, tier, amount, amount_cents
                    FROM v_order_line
                    """)
            }
            #expect(row == [["2026-08", "2026Q3", "宏达贸易", "华东", "li.na", "Home", "high", 1235.0, 123500]])
        }
    }
}
