import Foundation
import SalesCore
import SalesTestSupport
import Testing

extension StoreTests {
    /// Checks that `docs/schema.md` describes the schema the migrations build, and that its queries run.
    @Suite struct SchemaDocumentationTests {
        /// The text of `docs/schema.md`, found relative to this source file.
        private func schemaDocument() throws -> String {
            let root = URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent()  // Store
                .deletingLastPathComponent()  // SalesCoreTests
                .deletingLastPathComponent()  // Tests
                .deletingLastPathComponent()  // package root
            return try String(contentsOf: root.appendingPathComponent("docs/schema.md"), encoding: .utf8)
        }

        /// The document's `### \`name\`` sections, keyed by name.
        private func sections(of document: String) -> [String: String] {
            var result: [String: String] = [:]
            var current: String?
            for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("### `"), line.hasSuffix("`") {
                    current = String(line.dropFirst(5).dropLast())
                    result[current ?? ""] = ""
                } else if line.hasPrefix("#") {
                    current = nil
                } else if let current {
                    result[current, default: ""] += line + "\n"
                }
            }
            return result
        }

        /// The bodies of the document's ```sql blocks.
        private func sqlBlocks(of document: String) -> [String] {
            document.components(separatedBy: "```sql\n").dropFirst().compactMap {
                $0.components(separatedBy: "\n```").first
            }
        }

        @Test func everyTableViewAndColumnIsDocumented() throws {
            let sections = sections(of: try schemaDocument())
            let store = try makeTempStore()
            try store.read { connection in
                let objects = try connection.query(
                    """
                    SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'
                    """
                ).compactMap { $0.first?.text }
                #expect(objects.count >= 17)
                for object in objects {
                    guard let section = sections[object] else {
                        Issue.record("docs/schema.md has no section \"### `\(object)`\"")
                        continue
                    }
                    let columns = try connection.query("SELECT name FROM pragma_table_xinfo(?)", [.text(object)])
                        .compactMap { $0.first?.text }
                    for column in columns {
                        #expect(section.contains("`\(column)`"), "docs/schema.md does not describe \(object).\(column)")
                    }
                }
            }
        }

        @Test func exampleQueriesRunAgainstAMigratedStore() throws {
            // Given a store with a little of everything
            let store = try makeTempStore()
            try store.write { connection in
                try connection.execute(
                    """
                    INSERT INTO import_batch (id, file_name, started_at, user_name, status)
                        VALUES (1, 'demo.xlsx', '2026-03-05T09:30:00Z', 'admin', 'committed');
                    INSERT INTO region (id, name, batch_id) VALUES (1, '华东', 1), (2, '华南', 1);
                    INSERT INTO person (id, login, name, region_id) VALUES (1, 'li.na', '李娜', 1), (2, 'chen.hao', '陈浩', 2);
                    INSERT INTO customer (id, code, name, region_id, owner_id) VALUES (1, 'C1', '宏达', 1, 1), (2, 'C2', '远航', 2, 2);
                    INSERT INTO product (id, sku, name, product_line, tier) VALUES (1, 'P1', '净水器', 'Home', 'high');
                    INSERT INTO order_line (order_no, order_date, customer_id, rep_id, product_id, amount_cents, channel, batch_id)
                        VALUES ('SO-1', '2026-01-10', 1, 1, 1, 100050, '电商', 1),
                               ('SO-2', '2026-01-20', 1, 1, 1, 20000, '线下', 1),
                               ('SO-3', '2026-02-03', 2, 2, 1, 99999, '电商', 1),
                               ('SO-4', '2026-02-04', 2, 2, 1, 50000, NULL, 1);
                    UPDATE order_line SET status = 'cancelled' WHERE order_no = 'SO-4';
                    INSERT INTO sales_target (scope, scope_key, period, amount_cents)
                        VALUES ('rep', 'li.na', '2026Q1', 100000), ('company', '', '2026', 1000000);
                    INSERT INTO opportunity (code, customer_id, rep_id, stage, created_on, closed_on)
                        VALUES ('OP1', 1, 1, 'won', '2026-01-01', '2026-01-10'), ('OP2', 2, 2, 'lost', '2026-01-01', '2026-02-01');
                    INSERT INTO receivable (invoice_no, order_no, customer_id, invoiced_on, due_on, amount_cents, paid_amount_cents)
                        VALUES ('INV1', 'SO-1', 1, '2026-01-10', '2026-02-10', 100050, 50000);
                    INSERT INTO expense (expense_no, submitted_by_id, spent_on, category, amount_cents, region_id, status)
                        VALUES ('E1', 1, '2026-01-15', 'travel', 30000, 1, 'approved');
                    INSERT INTO budget (scope, scope_key, category, period, amount_cents)
                        VALUES ('region', '华东', 'travel', '2026Q1', 100000);
                    INSERT INTO feedback (customer_id, received_on, kind, quality_score, service_score, status)
                        VALUES (1, '2026-02-01', 'complaint', 2, 3, 'closed');
                    """)
            }

            // When each example query of the document runs
            let blocks = sqlBlocks(of: try schemaDocument())
            #expect(blocks.count >= 8)
            var results: [[[SQLValue]]] = []
            try store.read { connection in
                for sql in blocks {
                    do {
                        let rows = try connection.query(sql)
                        #expect(!rows.isEmpty, "example returns no rows on the sample data:\n\(sql)")
                        results.append(rows)
                    } catch {
                        Issue.record("example query fails: \(error.localizedDescription)\n\(sql)")
                    }
                }
            }

            // Then they run, and the first (revenue by region by month) gives the exact figures
            #expect(
                results.first == [
                    ["华东", "2026-01", "1200.50"],
                    ["华南", "2026-02", "999.99"],
                ])
        }
    }
}
