import SalesTestSupport
import Testing

@testable import SalesCore

/// ``OrderLineScan`` against SQLite computing the same from the same lines: `GROUP BY` customer and date
/// text (BINARY collation), `ORDER BY` that text, the sums, and `count(DISTINCT order_no)` of the completed
/// lines from the window's start on. The dates include what a store written around its CHECKs can hold:
/// texts that are no date, shorter or longer than 10 bytes, equal in their first 16 bytes, with NUL bytes.
@Suite("Score: the order-line scan agrees with SQL's grouping")
struct ScoreOrderLineScanTests {
    static let windowStart = "2025-01-01"
    static let asOf = CivilDate(stored: "2025-12-31")!

    static let dates = [
        "2024-12-31", "2025-01-01", "2025-01-02", "2025-06-30", "2025-12-31", "2025-01-01\u{0}", "2025-01-0", "",
        "2025-01-01 ", "2025-1-1", "日期", "2025-01-01T00:00", "2025-01-01T00:0\u{0}", "2025-01-01T00:00\u{0}",
        "2025-01-01T00:00:", "2025-01-01T00:00:00+08:00", "2025-01-01T00:00:00+09:00", "2025-01-01T00:00:00",
        "2025-01-01T00:00:0", "2024-12-31T23:59:59", "2025-01-01T00:00\u{0}\u{0}",
    ]

    struct Line {
        var customer: Int64
        var date: String
        var isCompleted: Bool
        var amount: Int64
        /// `nil`: `NULL`, which no distinct count counts.
        var orderNo: String?
    }

    static func randomLines(_ r: inout SeededRandom) -> [Line] {
        var lines: [Line] = []
        for customer in 1...Int64.random(in: 1...12, using: &r) {
            for _ in 0..<Int.random(in: 1...25, using: &r) {
                let date: String
                if Int.random(in: 0..<4, using: &r) == 0 {
                    // Random text from a few bytes, 0 to 20 of them.
                    let alphabet: [Character] = ["2", "0", "5", "-", "1", "\u{0}", "T", ":"]
                    date = String(
                        (0..<Int.random(in: 0...20, using: &r)).map { _ in alphabet.randomElement(using: &r)! })
                } else {
                    date = dates.randomElement(using: &r)!
                }
                let isCompleted = Int.random(in: 0..<4, using: &r) != 0
                lines.append(
                    Line(
                        customer: customer, date: date, isCompleted: isCompleted,
                        amount: Int64.random(in: (isCompleted ? 0 : -500)...900, using: &r),
                        orderNo: ["A1", "A1\u{0}", "A10", "B", "b", "订单1", "", nil].randomElement(using: &r)!))
            }
        }
        return lines
    }

    /// The scan's histories, the lines given one customer after another in the order drawn, handed over as
    /// the scoring run hands them (``OrderLineScan/Lines`` batches of random sizes, ``OrderLineScan/Grouping``).
    static func scanned(_ lines: [Line], _ r: inout SeededRandom) throws -> [CustomerLines] {
        let grouping = OrderLineScan.Grouping(
            OrderLineScan(
                asOfDay: asOf.daysSinceUnixEpoch, startDay: asOf.daysSinceUnixEpoch - 364, windowStart: windowStart))
        let batch = OrderLineScan.Lines()
        var size = Int.random(in: 1...40, using: &r)
        for line in lines {
            var date = Array(line.date.utf8)
            var orderNo = line.orderNo.map { Array($0.utf8) }
            date.withUnsafeMutableBytes { d in
                func add(_ o: UnsafeRawBufferPointer?) {
                    batch.append(
                        customer: line.customer, date: UnsafeRawBufferPointer(d), isCompleted: line.isCompleted,
                        amount: line.amount, orderNo: o)
                }
                if orderNo == nil {
                    add(nil)
                } else {
                    orderNo!.withUnsafeMutableBytes { add(UnsafeRawBufferPointer($0)) }
                }
            }
            if batch.count >= size {
                try grouping.add(batch)
                batch.reset()
                size = Int.random(in: 1...40, using: &r)
            }
        }
        try grouping.add(batch)
        try grouping.finish()
        return grouping.built
    }

    /// The same histories from SQLite.
    static func reference(_ lines: [Line]) throws -> [CustomerLines] {
        let db = try Connection(path: ":memory:")
        try db.execute(
            "CREATE TABLE line (customer INTEGER, date TEXT, completed INTEGER, amount INTEGER, order_no TEXT)")
        let insert = try db.prepare("INSERT INTO line VALUES (?, ?, ?, ?, ?)")
        for l in lines {
            try insert.execute([
                .integer(l.customer), .text(l.date), .integer(l.isCompleted ? 1 : 0), .integer(l.amount),
                l.orderNo.map { .text($0) } ?? .null,
            ])
        }
        let asOfDay = asOf.daysSinceUnixEpoch
        let startDay = asOfDay - 364
        var byCustomer: [Int64: CustomerLines] = [:]
        var order: [Int64] = []
        try db.forEachRow(
            """
            SELECT customer, date, sum(completed), sum(CASE WHEN completed THEN amount ELSE 0 END),
                sum(CASE WHEN completed THEN amount ELSE min(amount, 0) END)
            FROM line GROUP BY customer, date ORDER BY customer, date
            """
        ) { row in
            let id = row.int64(at: 0)
            if byCustomer[id] == nil {
                byCustomer[id] = CustomerLines(id: id, days: [], amounts: [], orders: 0, amount: 0)
                order.append(id)
            }
            let day = row.withTextBytes(at: 1) { $0.flatMap { CivilDate.daysSinceUnixEpoch(stored: $0) } } ?? asOfDay
            if row.int64(at: 2) > 0 {
                byCustomer[id]!.days.append(day)
                byCustomer[id]!.amounts.append(row.int64(at: 3))
            }
            if day >= startDay { byCustomer[id]!.amount += row.int64(at: 4) }
        }
        try db.forEachRow(
            "SELECT customer, count(DISTINCT order_no) FROM line WHERE completed AND date >= ? GROUP BY customer",
            [.text(windowStart)]
        ) { row in byCustomer[row.int64(at: 0)]?.orders = row.int(at: 1) }
        return order.compactMap { byCustomer[$0] }.filter { !$0.days.isEmpty }
    }

    @Test("random lines: every customer's purchase days, day amounts, revenue and distinct orders")
    func differential() throws {
        var r = SeededRandom(seed: 1_809)
        for _ in 0..<300 {
            let lines = Self.randomLines(&r)
            let scanned = try Self.scanned(lines, &r)
            let reference = try Self.reference(lines)
            #expect(scanned.map(\.id) == reference.map(\.id))
            for (s, e) in zip(scanned, reference) {
                #expect(s.days == e.days, "customer \(s.id)")
                #expect(s.amounts == e.amounts, "customer \(s.id)")
                #expect(s.amount == e.amount, "customer \(s.id)")
                #expect(s.orders == e.orders, "customer \(s.id)")
            }
        }
    }
}
