import Foundation
import SalesTestSupport
import Testing

/// One definition of an order and of a line's revenue (docs/metrics.md), end to end: `sales-score` and
/// `sales-export` read the same store and must agree.
@Suite("orders and returns, the same in sales-score and sales-export")
struct OrderRulesTests {
    /// A store holding `csv` (an orders sheet with English headers), imported by the built `sales-import`.
    private func store(_ csv: String) throws -> String {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("orders.csv")
        try Data(
            ("Order No,Order Date,Customer Code,Customer Name,Sales Rep,Product Name,Quantity,Unit Price,"
                + "Amount,Order Status\n" + csv).utf8
        ).write(to: file)
        let db = dir.appendingPathComponent("sales.db").path
        let run = try runTool("sales-import", [file.path, "--db", db])
        #expect(run.status == 0, "\(run.stderr)")
        return db
    }

    /// Per customer code: (orders, amount) of a scoring run as of 2025-12-31 over 2025.
    private func scores(_ db: String) throws -> [String: (orders: Int, amount: String)] {
        let run = try runTool(
            "sales-score",
            [
                "run", "--db", db, "--as-of", "2025-12-31", "--format", "csv",
                "--lang", "en",
            ])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\r\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        let header = lines[0].map { String($0).replacingOccurrences(of: "\u{FEFF}", with: "") }
        let code = try #require(header.firstIndex(of: "code"))
        let orders = try #require(header.firstIndex(of: "orders"))
        let amount = try #require(header.firstIndex(of: "amount"))
        var result: [String: (Int, String)] = [:]
        for line in lines.dropFirst() { result[String(line[code])] = (Int(line[orders]) ?? -1, String(line[amount])) }
        return result
    }

    /// (revenue, orders) of the 2025 summary.
    private func summary(_ db: String) throws -> (revenue: Double, orders: Int) {
        let run = try runTool("sales-export", ["--period", "2025", "--format", "json", "--db", db, "--lang", "en"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        let sections = try #require(document["sections"] as? [String: Any])
        func value(_ section: String, _ metric: String) throws -> NSNumber {
            let s = try #require(sections[section] as? [String: Any])
            return try #require((s[metric] as? [String: Any])?["value"] as? NSNumber)
        }
        return (try value("core_goals", "revenue").doubleValue, try value("sales_performance", "orders").intValue)
    }

    @Test("an order whose lines carry two dates is one order: 5 lines in 4 orders are 4 in both tools")
    func orderSpanningTwoDates() throws {
        let db = try store(
            """
            SO1,2025-03-01,C1,First Co,rep.a,Widget,1,1000,1000,completed
            SO1,2025-03-02,C1,First Co,rep.a,Gadget,1,500,500,completed
            SO2,2025-05-01,C1,First Co,rep.a,Widget,1,300,300,completed
            SO3,2025-06-01,C1,First Co,rep.a,Widget,1,200,200,completed
            SO4,2025-07-01,C2,Second Co,rep.a,Widget,1,800,800,completed

            """)
        let byCustomer = try scores(db)
        #expect(byCustomer["C1"]?.orders == 3)
        #expect(byCustomer["C2"]?.orders == 1)
        #expect(try summary(db).orders == 4)
        #expect(byCustomer.values.map(\.orders).reduce(0, +) == 4)
    }

    @Test("a sale marked returned counts 0, a negative reversal line takes its amount back, never twice")
    func returns() throws {
        let db = try store(
            """
            SO1,2025-03-01,C1,First Co,rep.a,Widget,1,1000,1000,completed
            SO4,2025-07-01,C2,Second Co,rep.a,Widget,1,800,800,completed
            SO5,2025-08-01,C2,Second Co,rep.a,Gadget,1,1000,1000,退货
            SO6,2025-09-01,C1,First Co,rep.a,Gadget,1,2000,2000,completed
            SO6-R,2025-09-15,C1,First Co,rep.a,Gadget,-1,2000,-2000,退货

            """)
        // 1000 + 800 + 0 (SO5, returned sale) + 2000 − 2000 (SO6-R, reversal of SO6).
        #expect(try summary(db).revenue == 1800)
        #expect(try summary(db).orders == 3)  // SO1, SO4, SO6: SO5 and SO6-R have no completed line
        let byCustomer = try scores(db)
        #expect(byCustomer["C1"]?.amount == "1000.00")
        #expect(byCustomer["C2"]?.amount == "800.00")
        #expect(byCustomer["C1"]?.orders == 2 && byCustomer["C2"]?.orders == 1)
    }
}
