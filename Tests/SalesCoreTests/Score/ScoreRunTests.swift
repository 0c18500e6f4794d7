import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

/// A store of six customers whose scores can be worked out by hand (see each test's comments).
private func handStore() throws -> Store {
    let store = try makeTempStore()
    try store.write { c in
        try c.execute(
            "INSERT INTO customer (code, name) VALUES ('C1','一号'),('C2','二号'),('C3','三号'),('C4','四号'),('C5','五号'),('C6','六号')"
        )
        try c.execute("INSERT INTO product (sku, name) VALUES ('P1', '产品一'), ('P2', '产品二')")
        func order(
            _ no: String, _ customer: String, _ date: String, _ yuan: Int64, _ status: String = "completed"
        ) throws {
            try c.execute(
                """
                INSERT INTO order_line (order_no, order_date, customer_id, amount_cents, status)
                VALUES (?, ?, (SELECT id FROM customer WHERE code = ?), ?, ?)
                """, [.text(no), .text(date), .text(customer), .integer(yuan * 100), .text(status)])
        }
        try order("O1", "C1", "2026-03-30", 1_000)
        try order("O2", "C1", "2026-02-28", 2_000)
        try order("O3", "C1", "2026-01-31", 3_000)
        try order("O4", "C2", "2026-03-01", 50_000)
        try order("O5", "C3", "2025-10-01", 500)
        try order("O6", "C3", "2025-11-01", 500)
        try order("O7", "C4", "2024-06-01", 9_000)
        try order("O8", "C5", "2026-03-31", 100, "cancelled")
        try order("O9", "C5", "2026-03-15", 700)
        try order("O10", "C6", "2025-05-01", 20_000)
        try c.execute(
            """
            INSERT INTO order_line (order_no, order_date, customer_id, product_id, amount_cents, status)
            VALUES ('O10', '2025-05-01', (SELECT id FROM customer WHERE code = 'C6'),
                    (SELECT id FROM product WHERE sku = 'P2'), -500000, 'returned')
            """)
    }
    return store
}

@Suite("sales-score: a run on a store whose answers are worked out by hand")
struct ScoreRunTests {
    private func run(_ store: Store, _ settings: ScoreSettings = ScoreSettings()) throws -> [String: CustomerScore] {
        let run = try ScoreStore.run(store, settings: settings, user: "analyst", at: "2026-04-01T08:00:00Z")
        return Dictionary(uniqueKeysWithValues: run.customers.map { ($0.code ?? "", $0) })
    }

    @Test("as of the last order date by default: 2026-03-30, since the cancelled order of 03-31 does not count")
    func defaults() throws {
        let store = try handStore()
        let run = try ScoreStore.run(store, settings: ScoreSettings(), user: "analyst", at: "2026-04-01T08:00:00Z")
        #expect(run.asOf == "2026-03-30")
        #expect(run.windowStart == "2025-03-31")
        #expect(run.customers.count == 6)
    }

    @Test("RFM, segments, tiers and churn match the hand calculation")
    func handCalculation() throws {
        let store = try handStore()
        let s = try run(store, ScoreSettings(asOf: "2026-03-31"))
        // Window 2025-04-01 … 2026-03-31. Net amounts: C2 50,000; C6 20,000 − 5,000 returned = 15,000;
        // C1 6,000; C3 1,000; C5 700 (the cancelled line does not count); C4 none in the window.
        #expect(s["C6"]?.amountCents == 1_500_000 && s["C6"]?.orders == 1)
        #expect(s["C5"]?.amountCents == 70_000 && s["C5"]?.recencyDays == 16)
        #expect(s["C4"]?.orders == 0 && s["C4"]?.recencyDays == 668)
        // Recency (days) 1, 30, 150, 16, 334 → R 5, 3, 2, 4, 1. Orders 3, 1, 2, 1, 1 → F 5, 1, 4, 1, 1.
        // Amounts → M 3, 5, 2, 1, 4. C4 has no order in the window: 1, 1, 1.
        #expect(
            ["C1", "C2", "C3", "C5", "C6", "C4"].map { "\(s[$0]!.r)\(s[$0]!.f)\(s[$0]!.m)" }
                == ["553", "315", "242", "411", "114", "111"])
        // Means: recency 106.2 days, 1.6 orders, ¥14,540.
        #expect(s["C1"]?.segment == "general_value")
        #expect(s["C2"]?.segment == "important_development")
        #expect(s["C3"]?.segment == "general_retention")
        #expect(s["C5"]?.segment == "general_development")
        #expect(s["C6"]?.segment == "important_win_back")
        #expect(s["C4"]?.segment == "general_win_back")
        // Shares before each customer, largest first (total ¥72,700): C2 0% → A, C6 68.8% → A, C1 89.4% → B,
        // C3 97.7% → C, C5 99.0% → C; C4 → D.
        #expect(["C2", "C6", "C1", "C3", "C5", "C4"].map { s[$0]!.tier } == ["A", "A", "B", "C", "C", "D"])
        #expect(s["C2"]?.revenueRank == 1 && s["C2"]?.topPercent == 20)
        #expect(s["C4"]?.churnRisk == "lost")
        #expect(s["C1"]?.churnRisk == "low")  // 1 day against its own median gap: 28 and 30 days → 29
        #expect(s["C1"]?.gapSource == "own" && s["C1"]?.typicalGapDays == 29)
    }

    @Test("cut-offs are settings: with A up to 60%, the second customer is B")
    func cutoffs() throws {
        let s = try run(try handStore(), ScoreSettings(asOf: "2026-03-31", tierACutoffBasisPoints: 6_000))
        #expect(s["C6"]?.tier == "B")
        let lost = try run(try handStore(), ScoreSettings(asOf: "2026-03-31", lostAfterDays: 300))
        #expect(lost["C6"]?.churnRisk == "lost")  // 334 days of silence
    }

    @Test("reasons say what the scores rest on, in Chinese and English")
    func reasons() throws {
        let s = try run(try handStore(), ScoreSettings(asOf: "2026-03-31"))
        let en = ScoreReport.reasons(s["C2"]!, lang: .en)
        #expect(
            en.hasPrefix(
                "last order 30 days ago (R3), 1 order (F1), ¥50,000.00 in the window, top 20% (M5) → "
                    + "Important development, tier A, churn risk "))
        let zh = ScoreReport.reasons(s["C4"]!, lang: .zh)
        #expect(zh.hasPrefix("窗口内没有订单，最近一次下单在 668 天前（R1） → 一般挽留，D 类，流失风险已流失"))
    }

    @Test("runs are stored; changes lists who moved, largest amount first; show follows one customer")
    func storedRunsAndChanges() throws {
        let store = try handStore()
        let first = try ScoreStore.run(
            store, settings: ScoreSettings(asOf: "2026-03-31"), user: "a", at: "2026-04-01T08:00:00Z")
        try store.write { c in
            try c.execute(
                """
                INSERT INTO order_line (order_no, order_date, customer_id, amount_cents, status)
                VALUES ('O11', '2026-03-31', (SELECT id FROM customer WHERE code = 'C3'), 10000000, 'completed'),
                       ('O12', '2026-03-31', (SELECT id FROM customer WHERE code = 'C4'), 100000, 'completed')
                """)
        }
        let second = try ScoreStore.run(
            store, settings: ScoreSettings(asOf: "2026-03-31"), user: "a", at: "2026-04-02T08:00:00Z")
        #expect(second.id == first.id + 1)
        let runs = try ScoreStore.runs(store)
        #expect(runs.map(\.id) == [second.id, first.id])
        #expect(runs.first?.tiers["A"] != nil)
        let changes = try ScoreStore.changes(store, from: first.id, to: second.id)
        #expect(changes.first?.code == "C3")
        #expect(changes.first?.tierBefore == "C" && changes.first?.tierAfter == "A")
        #expect(changes.contains { $0.code == "C4" && $0.tierBefore == "D" && $0.tierAfter != "D" })
        let largest = changes.map { max($0.amountAfterCents, $0.amountBeforeCents) }
        #expect(largest == largest.sorted(by: >))
        let history = try ScoreStore.history(store, customer: "三号")
        #expect(history.map(\.run) == [second.id, first.id])
        #expect(history.map(\.score.tier) == ["A", "C"])
        #expect(throws: ScoreError.self) { try ScoreStore.history(store, customer: "nobody") }
        #expect(throws: ScoreError.self) { try ScoreStore.changes(store, from: 99, to: first.id) }
        // A stored run reads back as it was computed.
        #expect(try ScoreStore.load(store, run: second.id).customers == second.customers)
    }

    @Test("two runs on the same data agree, whatever the clock")
    func deterministic() throws {
        let store = try handStore()
        let a = try ScoreStore.run(store, settings: ScoreSettings(), user: "a", at: "2026-04-01T08:00:00Z")
        let b = try ScoreStore.run(store, settings: ScoreSettings(), user: "b", at: "2026-05-01T08:00:00Z")
        #expect(a.customers == b.customers && a.fit == b.fit && a.asOf == b.asOf)
        #expect(ScoreReport.csv(a, lang: .en) == ScoreReport.csv(b, lang: .en))
    }

    @Test(
        "a reversal line takes its amount back, a returned sale counts 0; neither is a purchase; a failed delivery stores no run"
    )
    func returnsAndDelivery() throws {
        let store = try handStore()
        // For C1 (whose purchases are ¥6,000): a reversal of ¥300 recorded as its own line, negative, on a later
        // day; and a sale of ¥450 marked returned (positive), which counts nothing.
        try store.write { c in
            try c.execute(
                """
                INSERT INTO order_line (order_no, order_date, customer_id, product_id, amount_cents, status)
                VALUES ('O1', '2026-03-31', (SELECT id FROM customer WHERE code = 'C1'),
                        (SELECT id FROM product WHERE sku = 'P2'), -30000, 'returned'),
                       ('O9', '2026-03-31', (SELECT id FROM customer WHERE code = 'C1'),
                        (SELECT id FROM product WHERE sku = 'P2'), 45000, 'returned')
                """)
        }
        let s = try run(store, ScoreSettings(asOf: "2026-03-31"))
        #expect(s["C1"]?.amountCents == 570_000)
        #expect(s["C1"]?.orders == 3 && s["C1"]?.recencyDays == 1 && s["C1"]?.lastOrderOn == "2026-03-30")
        struct Failed: Error {}
        #expect(throws: Failed.self) {
            _ = try ScoreStore.run(store, settings: ScoreSettings(), user: "a", at: "2026-04-01T08:00:00Z") { _ in
                throw Failed()
            }
        }
        #expect(try ScoreStore.runs(store).count == 1)
    }

    @Test("output is rendered beside the insert, then delivered; a failed rendering or delivery stores no run")
    func renderThenDeliver() throws {
        let store = try handStore()
        struct Failed: Error {}
        #expect(throws: Failed.self) {
            _ = try ScoreStore.run(
                store, settings: ScoreSettings(), user: "a", at: "2026-04-01T08:00:00Z",
                render: { _ -> String in throw Failed() },
                deliver: { _, _ in Issue.record("delivered a failed rendering") })
        }
        #expect(throws: Failed.self) {
            _ = try ScoreStore.run(
                store, settings: ScoreSettings(), user: "a", at: "2026-04-01T08:00:00Z",
                render: { ScoreReport.csv($0, lang: .en) }, deliver: { _, _ in throw Failed() })
        }
        #expect(try ScoreStore.runs(store).isEmpty)
        var delivered: (id: Int64, text: String)?
        let run = try ScoreStore.run(
            store, settings: ScoreSettings(), user: "a", at: "2026-04-01T08:00:00Z",
            render: { "#\($0.id)\n" + ScoreReport.csv($0, lang: .en) }, deliver: { delivered = ($0.id, $1) })
        #expect(run.id > 0 && delivered?.id == run.id)
        #expect(delivered?.text == "#\(run.id)\n" + ScoreReport.csv(run, lang: .en))
        // What was stored while the output was rendered is the run, row for row.
        #expect(try ScoreStore.load(store, run: run.id).customers == run.customers)
    }

    @Test("an order's lines on several dates count one order; lines of one day make one purchase day")
    func linesOfOneOrder() throws {
        let store = try handStore()
        // C1: a second line of O3 dated a day later, and a second line of O2 on O2's own day.
        try store.write { c in
            try c.execute(
                """
                INSERT INTO order_line (order_no, order_date, customer_id, product_id, amount_cents)
                VALUES ('O3', '2026-02-01', (SELECT id FROM customer WHERE code = 'C1'),
                        (SELECT id FROM product WHERE sku = 'P1'), 10000),
                       ('O2', '2026-02-28', (SELECT id FROM customer WHERE code = 'C1'),
                        (SELECT id FROM product WHERE sku = 'P1'), 20000)
                """)
        }
        let s = try run(store)
        #expect(s["C1"]?.orders == 3)
        #expect(s["C1"]?.amountCents == 630_000)
        // Purchase days 01-31, 02-01, 02-28, 03-30: gaps 1, 27, 30 days, median 27.
        #expect(s["C1"]?.typicalGapDays == 27 && s["C1"]?.gapSource == "own")
    }

    @Test("amounts that add up beyond 64 bits stop the run with an error naming the customer, and store nothing")
    func overflowingAmounts() throws {
        for secondDate in ["2026-03-01", "2026-03-02"] {  // one purchase day, then two
            let store = try handStore()
            try store.write { c in
                try c.execute(
                    """
                    INSERT INTO order_line (order_no, order_date, customer_id, amount_cents)
                    VALUES ('BIG1', '2026-03-01', (SELECT id FROM customer WHERE code = 'C2'), ?1),
                           ('BIG2', ?2, (SELECT id FROM customer WHERE code = 'C2'), ?1)
                    """, [.integer(Int64.max / 2 + 1), .text(secondDate)])
            }
            let error = #expect(throws: ScoreError.self) {
                _ = try ScoreStore.run(store, settings: ScoreSettings(), user: "a", at: "2026-04-01T08:00:00Z")
            }
            #expect(error?.message.contains("customer #") == true)
            #expect(try ScoreStore.runs(store).isEmpty)
        }
    }

    @Test("CSV doubles every quote, also one a combining mark joins to the next character")
    func csvQuotes() throws {
        let store = try handStore()
        try store.write { c in try c.execute("UPDATE customer SET name = '一号\"\u{301},' WHERE code = 'C1'") }
        let run = try ScoreStore.run(store, settings: ScoreSettings(), user: "a", at: "2026-04-01T08:00:00Z")
        let csv = ScoreReport.csv(run, lang: .en)
        #expect(csv.contains(",\"一号\"\"\u{301},\","))
        #expect(ScoreReport.csvField("a\"\u{301}b") == "\"a\"\"\u{301}b\"")
    }

    @Test("a result outside score_result's CHECK constraints is refused before it is stored")
    func resultConstraints() throws {
        let run = try ScoreStore.run(try handStore(), settings: ScoreSettings(), user: "a", at: "x")
        let good = try #require(run.customers.first)
        try ScoreStore.checkResult(good)
        var bad = [good, good, good, good, good]
        bad[0].r = 6
        bad[1].tier = "E"
        bad[2].churnRisk = "gone"
        bad[3].recencyDays = -1
        bad[4].orders = -1
        for c in bad { #expect(throws: ScoreError.self) { try ScoreStore.checkResult(c) } }
    }

    @Test("a store without orders says so")
    func empty() throws {
        #expect(throws: ScoreError.self) {
            _ = try ScoreStore.run(try makeTempStore(), settings: ScoreSettings(), user: "a", at: "x")
        }
    }
}
