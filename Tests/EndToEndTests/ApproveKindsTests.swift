import Foundation
import SalesCore
import SalesTestSupport
import Testing

/// `sales-approve submit --kind contract|price` and `sales-approve report`, run as a user runs them.
@Suite("sales-approve: contracts, price exceptions and the report, end to end")
struct ApproveKindsTests {
    private func run(_ db: String, as user: String, _ arguments: [String]) throws -> ToolRun {
        try ApprovalFixture.run(db, as: user, arguments)
    }

    /// A training store with a customer, a product line Cloud owned by mkt, and the kind rules loaded by admin.
    private func store() throws -> String {
        let db = try ApprovalFixture.trainingStore()
        let store = try Store.open(path: db)
        try store.write { c in
            try c.execute(
                """
                INSERT INTO customer (code, name) VALUES ('C1', '华东客户');
                INSERT INTO product (sku, name, product_line, list_price_cents) VALUES ('SKU-1', '云主机', 'Cloud', 10000);
                """)
        }
        store.close()
        let policy = try temporaryDirectory().appendingPathComponent("p.toml")
        try
            (ApprovalFixture.policy + """

                [contract]
                above = 500000
                director = "mkt"
                finance_role = "finance"
                [price]
                discount_above = 10
                refuse_above = 40
                [[product_line]]
                name = "Cloud"
                owner = "mkt"
                """).write(to: policy, atomically: true, encoding: .utf8)
        let loaded = try run(db, as: "admin", ["policy", "load", policy.path])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        return db
    }

    @Test("a contract above 500,000 is routed to the sales director and finance; a deep price cut is refused")
    func submitKinds() throws {
        let db = try store()
        let contract = try run(
            db, as: "rep1",
            [
                "submit", "--kind", "contract", "--for-customer", "C1", "--amount", "600000", "--term", "24",
                "--date", "2026-03-10", "--description", "年度框架合同", "--payment-terms", "月结 60 天",
            ])
        #expect(contract.status == 0, "\(contract.stderr)")
        #expect(contract.stdout.contains("Filed HT-2026-00001"), "\(contract.stdout)")
        #expect(contract.stdout.contains("mkt 市场总监 — sales director, contracts above 500,000.00"), "\(contract.stdout)")
        #expect(contract.stdout.contains("fin1 财务一 — finance, above 500,000.00"), "\(contract.stdout)")
        let shown = try run(db, as: "rep1", ["show", "HT-2026-00001"])
        #expect(shown.stdout.hasPrefix("Contract HT-2026-00001 · pending"), "\(shown.stdout)")
        #expect(shown.stdout.contains("payment       月结 60 天"), "\(shown.stdout)")
        #expect(!shown.stdout.contains("Budget"), "\(shown.stdout)")

        let refused = try run(
            db, as: "rep1",
            [
                "submit", "--kind", "price", "--for-customer", "C1", "--product", "SKU-1", "--price", "55",
                "--quantity", "10", "--date", "2026-03-10", "--description", "竞品压价",
            ])
        #expect(refused.status == 77, "\(refused.stderr)")
        #expect(errorLines(refused.stderr).count == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("45.00% below list, beyond the 40%"), "\(refused.stderr)")

        let mixed = try run(
            db, as: "rep1",
            [
                "submit", "--kind", "price", "--for-customer", "C1", "--product", "SKU-1", "--price", "90",
                "--quantity", "1", "--amount", "90", "--date", "2026-03-10", "--description", "x",
            ])
        #expect(mixed.status == 64, "\(mixed.stderr)")

        let verify = try run(db, as: "admin", ["verify"])
        #expect(verify.status == 0, "\(verify.stderr)")
    }

    @Test("report --period prints the tables and --json the same figures")
    func report() throws {
        let db = try store()
        _ = try run(
            db, as: "rep1",
            [
                "submit", "--kind", "price", "--for-customer", "C1", "--product", "SKU-1", "--price", "85",
                "--quantity", "10", "--date", "2026-03-10", "--description", "竞品压价",
            ])
        let approved = try run(db, as: "m1", ["approve", "TJ-2026-00001"])
        #expect(approved.status == 0, "\(approved.stderr)")
        let text = try run(db, as: "nobody", ["report", "--period", "2026Q1"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Approvals 2026Q1 (documents dated 2026-01-01 to 2026-03-31)"), "\(text.stdout)")
        #expect(text.stdout.contains("Price exception"), "\(text.stdout)")
        let json = try run(db, as: "nobody", ["report", "--period", "2026Q1", "--json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let documents = try #require(object["documents"] as? [[String: Any]])
        #expect(documents.count == 1)
        #expect(documents.first?["kind"] as? String == "price")
        #expect(documents.first?["pending"] as? Int == 1)  // step 1 approved, mkt's step waits
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.map { $0["key"] as? String } == ["1"])
        let bad = try run(db, as: "nobody", ["report", "--period", "2026Q5"])
        #expect(bad.status == 64)
        #expect(errorLines(bad.stderr).count == 1, "\(bad.stderr)")
    }
}
