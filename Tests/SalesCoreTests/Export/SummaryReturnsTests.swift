import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

/// Returned lines follow ``OrderLineRules`` (the rule sales-score uses): a returned line with a positive amount
/// is a sale that was returned and counts 0; one with a negative amount is a reversal recorded as its own
/// line and counts its amount.
///
/// ``ExportTestStore`` already holds L18, a return recorded negative (SO-2603R, 2026-03-15, C2, han, P3, −500,
/// offline). These tests add, in yuan:
///
/// | line | order | date | customer | rep | product | amount as recorded | channel | status |
/// |---|---|---|---|---|---|---:|---|---|
/// | R1 | SO-2602R | 2026-03-18 | C1 | li | P2 (传感器) | +300 | social | returned |
/// | R2 | SO-2502R | 2025-03-22 | C2 | han | P3 (软件) | −200 | offline | returned |
/// | R3 | SO-2508R | 2025-12-05 | C3 | zhao | P1 (传感器) | +400 | direct | returned |
@Suite("sales-export metrics: a returned sale counts 0, a reversal line its negative amount")
struct ExportReturnedLinesTests {
    /// The hand-worked store with R1, R2 and R3 added.
    static func storeWithReturns() throws -> Store {
        let store = try ExportTestStore.make()
        try store.write { c in
            let lines: [(String, String, String, String, String, Int64, String)] = [
                ("SO-2602R", "2026-03-18", "C1", "li", "P2", 300, "social"),
                ("SO-2502R", "2025-03-22", "C2", "han", "P3", -200, "offline"),
                ("SO-2508R", "2025-12-05", "C3", "zhao", "P1", 400, "direct"),
            ]
            for line in lines {
                try c.execute(
                    """
                    INSERT INTO order_line (order_no, order_date, customer_id, rep_id, product_id, amount_cents,
                                            channel, status)
                    VALUES (?, ?, (SELECT id FROM customer WHERE code = ?), (SELECT id FROM person WHERE login = ?),
                            (SELECT id FROM product WHERE sku = ?), ?, ?, 'returned')
                    """,
                    [
                        .text(line.0), .text(line.1), .text(line.2), .text(line.3), .text(line.4),
                        .integer(ExportTestStore.yuan(line.5)), .text(line.6),
                    ])
            }
            // zhao's 2025Q3 target, so that the improvement plan looks at 2025Q3 and 2025Q4.
            try c.execute(
                """
                INSERT INTO sales_target (scope, scope_key, period, amount_cents) VALUES ('rep', 'zhao', '2025Q3', 300000)
                """)
        }
        return store
    }

    @Test("2026Q1: L18 (−500) reduces revenue and R1 (+300, a returned sale) counts 0; R2 (−200) reduces 2025Q1's")
    func handWorked() throws {
        let data = try ExportTestStore.summary(try Self.storeWithReturns())
        let core = data.coreGoals
        // 18,000 (with L18 already −500) + R1 0; subtracting R1 would give 17,700, adding it 18,300.
        // 2025Q1: 6,500 − R2 200 = 6,300.
        #expect(cents(core.revenue.value) == 1_800_000)
        #expect(cents(core.revenue.comparison) == 630_000)
        #expect(fraction(core.growth.value) == [1_170_000, 630_000])
        #expect(fraction(core.targetCompletion.value) == [1_800_000, 1_600_000])
        // New customers: C4's 1,700 of 18,000; in 2025Q1 C1 1,000 + C2 (2,000 − 200) + C6 500 = 3,300 of 6,300.
        #expect(fraction(core.newCustomerShare.value) == [170_000, 1_800_000])
        #expect(fraction(core.newCustomerShare.comparison) == [330_000, 630_000])
        // A return is not an order: still 8 orders from 5 customers, 2 of them repeat.
        #expect(data.keyIndicators.orders.value == .count(8))
        #expect(fraction(core.repurchaseRate.value) == [2, 5])
        #expect(fraction(data.keyIndicators.averageOrderValue.value) == [1_800_000, 8])
        #expect(fraction(data.keyIndicators.perRepOutput.value) == [1_800_000, 3])

        // March 2026: 3,000 + R1 0; March 2025: 3,500 − 200; December 2025: 2,000 + R3 0.
        let months = data.salesPerformance.months
        #expect(months.prefix(3).map { cents($0.revenue.value) } == [600_000, 900_000, 300_000])
        #expect(
            months.map { cents($0.revenue.comparison) }
                == [100_000, 200_000, 330_000, 0, 400_000, 0, 0, 200_000, 0, 0, 300_000, 200_000])
        // Seasonality of 2025: Q1 6,300, Q2 4,000, Q3 2,000, Q4 5,000; the year 17,300.
        #expect(
            data.salesPerformance.seasonality.map { fraction($0.index.value) } == [
                [2_520_000, 1_730_000], [1_600_000, 1_730_000], [800_000, 1_730_000], [2_000_000, 1_730_000],
            ])

        // Channels: social 2,000 + R1 0; offline 2,500 (L13 3,000 − L18 500), 2025Q1 2,000 − 200.
        let channels = Dictionary(uniqueKeysWithValues: data.marketAndCustomers.channels.map { ($0.channel, $0) })
        #expect(cents(channels["social"]?.revenue.value) == 200_000)
        #expect(cents(channels["offline"]?.revenue.value) == 250_000)
        #expect(cents(channels["offline"]?.revenue.comparison) == 180_000)
        // Product lines: 传感器 11,800 + R1 0; 软件 4,700 (with L18), 2025Q1 2,000 − 200.
        let lines = Dictionary(uniqueKeysWithValues: data.salesPerformance.productLines.map { ($0.name, $0) })
        #expect(cents(lines["传感器"]?.revenue.value) == 1_180_000)
        #expect(cents(lines["软件"]?.revenue.value) == 470_000)
        #expect(cents(lines["软件"]?.revenue.comparison) == 180_000)
        // Regions: 华东 11,700 + R1 0, 2025Q1 3,000 − 200.
        let east = try #require(data.salesPerformance.regions.first { $0.name == "华东" })
        #expect(cents(east.revenue.value) == 1_170_000 && cents(east.revenue.comparison) == 280_000)
        // Reps: li 8,200 + R1 0; han 2,500 (L13 − L18).
        #expect(data.team.reps.map(\.login) == ["li", "zhao", "han", "qian"])
        #expect(data.team.reps.map { cents($0.revenue.value) } == [820_000, 730_000, 250_000, 0])
        // Tier A of run 2: C1 9,000 + C3 4,000.
        #expect(cents(data.marketAndCustomers.tiers.first?.revenue.value) == 1_300_000)
        #expect(fraction(data.marketAndCustomers.highValueShare.value) == [1_300_000, 1_800_000])
        // Advertising: E1 reaches C1 from 01-15 to 04-14: L12 2,000 + L21 1,000 + R1 0 (a returned sale).
        #expect(cents(data.expensesAndBudget.roiByCategory.first?.attributedRevenue.value) == 300_000)

        // Every breakdown still adds up to revenue.
        let revenue = cents(core.revenue.value)
        #expect(months.filter(\.isInPeriod).compactMap { cents($0.revenue.value) }.reduce(0, +) == revenue)
        #expect(data.marketAndCustomers.channels.compactMap { cents($0.revenue.value) }.reduce(0, +) == revenue)
        #expect(data.salesPerformance.productLines.compactMap { cents($0.revenue.value) }.reduce(0, +) == revenue)
        #expect(data.salesPerformance.regions.compactMap { cents($0.revenue.value) }.reduce(0, +) == revenue)
    }

    @Test(
        "the team's quarters count returns too, inside a year's report and outside a month's",
        arguments: ["2025", "2026-02", "2026Q1"])
    func teamQuarters(period: String) throws {
        let data = try ExportTestStore.summary(try Self.storeWithReturns(), period)
        // zhao: 2025Q3 L6 2,000 of 3,000; 2025Q4 L8 1,500 + R3 0 = 1,500 of 2,000 (adding R3 as recorded would
        // give 1,900, 95%, and no plan). han: 2025Q4 500 of 1,000, 2026Q1 2,500 of 4,000.
        if period == "2026Q1" {
            #expect(data.team.improvementCandidates.map(\.login) == ["han"])
            let star = data.team.quarterAwards?.awards.first { $0.award == "quarterly_star" }
            #expect(star?.winner?.key == "zhao" && star?.runnerUp?.key == "li")
            #expect(star?.winner?.revenueCents == 730_000 && star?.winner?.targetCents == 500_000)
            #expect(star?.runnerUp?.revenueCents == 820_000 && star?.runnerUp?.targetCents == 700_000)
        } else {
            #expect(data.team.improvementQuarters.map(\.text) == ["2025Q3", "2025Q4"])
            #expect(data.team.improvementCandidates.map(\.login) == ["zhao"])
            #expect(
                data.team.improvementCandidates.first?.completions.map { fraction($0.value) }
                    == [[200_000, 300_000], [150_000, 200_000]])
        }
    }

    @Test(
        "a sale marked returned and a sale beside its reversal line give the same revenue everywhere",
        arguments: [
            ("2026Q1", ReportScope.company), ("2026Q1", .region("华东")), ("2026Q1", .team("East-1")),
            ("2026", .company), ("2026-03", .company),
        ])
    func twoWaysToRecordAReturn(period: String, scope: ReportScope) throws {
        // docs/import.md: mark the sale 退货, or keep it completed and add a line of −700 beside it.
        func insert(_ c: Connection, _ orderNo: String, _ cents: Int64, _ status: String) throws {
            try c.execute(
                """
                INSERT INTO order_line (order_no, order_date, customer_id, rep_id, product_id, amount_cents, channel,
                                        status)
                VALUES (?, '2026-03-20', (SELECT id FROM customer WHERE code = 'C1'),
                        (SELECT id FROM person WHERE login = 'li'), (SELECT id FROM product WHERE sku = 'P2'), ?,
                        'social', ?)
                """, [.text(orderNo), .integer(cents), .text(status)])
        }
        let untouched = try ExportTestStore.make()
        let markedReturned = try ExportTestStore.make()
        try markedReturned.write { try insert($0, "SO-2603X", 70_000, "returned") }
        let reversed = try ExportTestStore.make()
        try reversed.write { c in
            try insert(c, "SO-2603X", 70_000, "completed")
            try insert(c, "SO-2603X-R", -70_000, "returned")
        }
        // Revenue by what it is shown against; rows of nothing (a rep or channel listed only because of the
        // sale that was returned) compare as absent.
        func revenues(_ data: SummaryData) -> [String: Int64] {
            var all: [(String, Int64?)] = [("total", cents(data.coreGoals.revenue.value))]
            all += data.salesPerformance.months.map { ("month \($0.period.text)", cents($0.revenue.value)) }
            all += data.salesPerformance.regions.map { ("region \($0.name ?? "-")", cents($0.revenue.value)) }
            all += data.salesPerformance.productLines.map { ("line \($0.name ?? "-")", cents($0.revenue.value)) }
            all += data.marketAndCustomers.channels.map { ("channel \($0.channel ?? "-")", cents($0.revenue.value)) }
            all += data.team.reps.map { ("rep \($0.login)", cents($0.revenue.value)) }
            return Dictionary(
                all.compactMap { key, value in value.flatMap { $0 == 0 ? nil : (key, $0) } },
                uniquingKeysWith: +)
        }
        let before = revenues(try ExportTestStore.summary(untouched, period, scope: scope))
        #expect(revenues(try ExportTestStore.summary(markedReturned, period, scope: scope)) == before)
        #expect(revenues(try ExportTestStore.summary(reversed, period, scope: scope)) == before)
        if period == "2026Q1" && scope == .company { #expect(before["total"] == 1_800_000) }
    }
}
