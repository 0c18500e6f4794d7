import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

@Suite("Plan: targets that sum exactly")
struct PlanTargetsTests {
    @Test("largest remainder: the leftover cents go to the largest remainders, ties to the earlier part")
    func largestRemainder() {
        #expect(Apportion.largestRemainder(100, weights: [1, 1, 1]) == [34, 33, 33])
        #expect(Apportion.largestRemainder(1, weights: [1, 1]) == [1, 0])
        #expect(Apportion.largestRemainder(0, weights: [5, 7]) == [0, 0])
        // No weight at all: equal shares.
        #expect(Apportion.largestRemainder(10, weights: [0, 0, 0]) == [4, 3, 3])
        // A negative weight (a month of net returns) counts as 0.
        #expect(Apportion.largestRemainder(10, weights: [-5, 1]) == [0, 10])
        // 100001 by 13 : 36 : 12 : 48 — floors 11926 (rem 79/109), 33027 (93), 11009 (31), 44037 (15) sum to 99999:
        // the two cents go to the second and the first.
        #expect(
            Apportion.largestRemainder(100_001, weights: [65_000, 180_000, 60_000, 240_000]) == [
                11_927, 33_028, 11_009, 44_037,
            ])
        // Products beyond 64 bits stay exact: 9×10^18 split 1 : 2.
        #expect(
            Apportion.largestRemainder(9_000_000_000_000_000_000, weights: [1, 2]) == [
                3_000_000_000_000_000_000, 6_000_000_000_000_000_000,
            ])
        #expect(Apportion.largestRemainder(Int64.max, weights: [Int64.max, Int64.max]).reduce(0, &+) == Int64.max)
    }

    @Test("awkward totals and weights always sum exactly, each part within a cent of its exact share")
    func sumsExactly() {
        var state: UInt64 = 99
        func next(_ bound: UInt64) -> Int64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int64((state >> 20) % bound)
        }
        for _ in 0..<300 {
            let total = next(10_000_000_000_000)
            let weights = (0...next(12)).map { _ in next(1_000_000_000) }
            let parts = Apportion.largestRemainder(total, weights: weights)
            #expect(parts.reduce(0, +) == total)
            let sum = Double(weights.reduce(0, +))
            guard sum > 0 else { continue }
            for (part, weight) in zip(parts, weights) {
                #expect(abs(Double(part) - Double(total) * Double(weight) / sum) < 1.01 + Double(total) * 1e-15)
            }
        }
    }

    @Test("a table sums exactly along its rows and its columns")
    func table() {
        var state: UInt64 = 7
        func next(_ bound: UInt64) -> Int64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int64((state >> 20) % bound) + 1
        }
        for _ in 0..<200 {
            let total = next(1_000_000_000)
            let profile = (0..<4).map { _ in next(1_000) }
            let columns = Apportion.largestRemainder(total, weights: profile)
            let rows = Apportion.largestRemainder(total, weights: (0..<Int(next(9))).map { _ in next(500) })
            let table = Apportion.table(rowTotals: rows, columnTotals: columns, columnWeights: profile)
            #expect(table.map { $0.reduce(0, +) } == rows)
            #expect((0..<4).map { c in table.reduce(0) { $0 + $1[c] } } == columns)
            #expect(table.allSatisfy { $0.allSatisfy { $0 >= 0 } })
        }
        #expect(
            Apportion.table(rowTotals: [50, 50], columnTotals: [34, 33, 33], columnWeights: [1, 1, 1])
                == [[17, 17, 16], [17, 16, 17]])
    }

    /// Two years of orders worked by hand (amounts in cents):
    /// - a.li (华东, team 东一): customer C1, 饮料, 10,000 every month: 240,000.
    /// - b.wang (华东, team 东一): C1, 零食, 30,000 in each of Oct–Dec: 180,000.
    /// - c.zhao (华北, team 北一): C2, 饮料, 20,000 in each of Apr–Jun: 120,000.
    /// - d.gone (华北, left): C2, 零食, 5,000 in 2024-01.
    /// - a cancelled line and a returned line of 1,000,000 each, which count 0.
    /// Basis 545,000: Q1 65,000, Q2 180,000, Q3 60,000, Q4 240,000; 华东 420,000, 华北 125,000;
    /// 饮料 360,000, 零食 185,000. The last 12 months: 270,000.
    static func handStore() throws -> Store {
        let store = try makeTempStore()
        try store.write { c in
            try c.execute(
                """
                INSERT INTO region (id, name) VALUES (1, '华东'), (2, '华北');
                INSERT INTO person (id, login, name, team, region_id, active) VALUES
                    (1, 'a.li', '李安', '东一', 1, 1), (2, 'b.wang', '王博', '东一', 1, 1),
                    (3, 'c.zhao', '赵成', '北一', 2, 1), (4, 'd.gone', '钱多', '北一', 2, 0);
                INSERT INTO customer (id, code, name, region_id) VALUES (1, 'C1', '甲', 1), (2, 'C2', '乙', 2);
                INSERT INTO product (id, sku, name, product_line) VALUES (1, 'P1', '水', '饮料'), (2, 'P2', '饼', '零食');
                """)
            var n = 0
            func line(
                _ date: String, _ customer: Int, _ rep: Int, _ product: Int, _ cents: Int,
                _ status: String = "completed"
            )
                throws
            {
                n += 1
                try c.execute(
                    """
                    INSERT INTO order_line (order_no, order_date, customer_id, rep_id, product_id, amount_cents, status)
                    VALUES ('O\(n)', '\(date)', \(customer), \(rep), \(product), \(cents), '\(status)')
                    """)
            }
            for year in [2024, 2025] {
                for month in 1...12 {
                    let date = "\(year)-\(month < 10 ? "0" : "")\(month)-15"
                    try line(date, 1, 1, 1, 10_000)
                    if month >= 10 { try line(date, 1, 2, 2, 30_000) }
                    if (4...6).contains(month) { try line(date, 2, 3, 1, 20_000) }
                }
            }
            try line("2024-01-20", 2, 4, 2, 5_000)
            try line("2025-03-01", 1, 1, 1, 1_000_000, "cancelled")
            try line("2025-03-02", 1, 1, 1, 1_000_000, "returned")
        }
        return store
    }

    @Test("¥1,000.01 split by the hand-worked shares, every level summing exactly")
    func handWorked() throws {
        let store = try Self.handStore()
        defer { store.close() }
        let plan = try TargetPlan.build(store, year: 2026, total: .amount(cents: 100_001))
        #expect(plan.basisFirst == "2024-01" && plan.basisLast == "2025-12" && plan.basisMonths == 24)
        #expect(plan.basisCents == 545_000)
        #expect(plan.quarterBasisCents == [65_000, 180_000, 60_000, 240_000])
        #expect(plan.quarterCents == [11_927, 33_028, 11_009, 44_037])
        // 华北 25/109: 22,936 rem 1; 华东 84/109: 77,064 rem 108, which takes the leftover cent.
        #expect(plan.regions.map(\.key) == ["华东", "华北"].sorted())
        let regions = Dictionary(uniqueKeysWithValues: plan.regions.map { ($0.key, $0.yearCents) })
        #expect(regions == ["华东": 77_065, "华北": 22_936])
        // 华东's 77,065 by 4 : 3 — 44,037 rem 1, 33,027 rem 6: b.wang takes the cent. d.gone has left.
        let reps = Dictionary(uniqueKeysWithValues: plan.reps.map { ($0.key, $0.yearCents) })
        #expect(reps == ["a.li": 44_037, "b.wang": 33_028, "c.zhao": 22_936])
        #expect(plan.teams.map(\.key) == ["东一", "北一"].sorted())
        #expect(
            Dictionary(uniqueKeysWithValues: plan.teams.map { ($0.key, $0.yearCents) }) == ["东一": 77_065, "北一": 22_936])
        // 饮料 72/109: 66,055 rem 77; 零食 37/109: 33,945 rem 32.
        #expect(
            Dictionary(uniqueKeysWithValues: plan.productLines.map { ($0.key, $0.yearCents) }) == [
                "饮料": 66_056, "零食": 33_945,
            ])
        // Every split sums exactly, along both ways.
        for q in 0..<4 {
            #expect(plan.regions.reduce(0) { $0 + $1.quarterCents[q] } == plan.quarterCents[q])
            #expect(plan.productLines.reduce(0) { $0 + $1.quarterCents[q] } == plan.quarterCents[q])
            for region in plan.regions {
                let own = plan.reps.filter { $0.region == region.key }
                #expect(own.reduce(0) { $0 + $1.quarterCents[q] } == region.quarterCents[q])
            }
        }
        for part in plan.regions + plan.reps + plan.teams + plan.productLines {
            #expect(part.quarterCents.reduce(0, +) == part.yearCents)
        }
        // The import rows: company, 2 regions, 2 teams, 3 reps; each a year and four quarters.
        #expect(plan.rows.count == (1 + 2 + 2 + 3) * 5)
        let first = try #require(plan.rows.first)
        #expect(first.scope == "company" && first.key == "" && first.period == "2026" && first.cents == 100_001)
    }

    @Test("growth applies to the last 12 months' revenue; bad totals and years are refused")
    func growth() throws {
        let store = try Self.handStore()
        defer { store.close() }
        let plan = try TargetPlan.build(store, year: 2026, total: .growth(percent: 12.5), basisMonths: 12)
        #expect(plan.lastTwelveMonthsCents == 270_000)
        #expect(plan.totalCents == 303_750)
        #expect(plan.basisFirst == "2025-01" && plan.basisCents == 270_000)
        #expect(throws: PlanError.self) { try TargetPlan.build(store, year: 2025, total: .amount(cents: 1)) }
        #expect(throws: PlanError.self) { try TargetPlan.build(store, year: 2026, total: .amount(cents: 0)) }
        #expect(throws: PlanError.self) { try TargetPlan.build(store, year: 2026, total: .growth(percent: -100)) }
        #expect(throws: PlanError.self) {
            try TargetPlan.build(store, year: 2026, total: .amount(cents: 1), basisMonths: 11)
        }
    }
}
