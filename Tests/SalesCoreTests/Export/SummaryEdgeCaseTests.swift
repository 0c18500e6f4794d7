import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

/// Rows at the edges of the metric rules, added to ``ExportTestStore`` (2026Q1: revenue 18,000 yuan, of which
/// C4's 1,700 is from a new customer).
@Suite("sales-export metrics: returns-only customers, blank product lines and channels")
struct SummaryEdgeCaseTests {
    /// The test store with customer C9 (华东, owner li, `firstOrder` recorded) whose only line is a return of
    /// 100 yuan on 2026-03-20.
    static func storeWithReturnOnlyCustomer(firstOrder: String?) throws -> Store {
        let store = try ExportTestStore.make()
        try store.write { c in
            try c.execute(
                """
                INSERT INTO customer (code, name, region_id, owner_id, first_order_on)
                VALUES ('C9', '壬', (SELECT id FROM region WHERE name = '华东'), (SELECT id FROM person WHERE login = 'li'), ?)
                """, [SQLValue(firstOrder)])
            try c.execute(
                """
                INSERT INTO order_line (order_no, order_date, customer_id, rep_id, product_id, amount_cents, channel, status)
                VALUES ('SO-2611R', '2026-03-20', (SELECT id FROM customer WHERE code = 'C9'),
                        (SELECT id FROM person WHERE login = 'li'), (SELECT id FROM product WHERE sku = 'P1'),
                        -10000, 'ecommerce', 'returned')
                """)
        }
        return store
    }

    @Test("a customer whose only line is a return, with no order recorded, has no first order: not new")
    func returnsOnlyCustomerIsNotNew() throws {
        let data = try ExportTestStore.summary(try Self.storeWithReturnOnlyCustomer(firstOrder: nil))
        // Revenue 18,000 − 100; new customers still C4 alone (1,700), not C4 + C9 (1,700 − 100).
        #expect(cents(data.coreGoals.revenue.value) == 1_790_000)
        #expect(fraction(data.coreGoals.newCustomerShare.value) == [170_000, 1_790_000])
        // Nor is it an order or an active customer.
        #expect(data.keyIndicators.orders.value == .count(8))
    }

    @Test("a customer whose recorded first order falls in the period is new, returns and all")
    func recordedFirstOrderInThePeriodIsNew() throws {
        let data = try ExportTestStore.summary(try Self.storeWithReturnOnlyCustomer(firstOrder: "2026-02-01"))
        #expect(fraction(data.coreGoals.newCustomerShare.value) == [160_000, 1_790_000])
        // Recorded before the period: not new.
        let before = try ExportTestStore.summary(try Self.storeWithReturnOnlyCustomer(firstOrder: "2025-06-01"))
        #expect(fraction(before.coreGoals.newCustomerShare.value) == [170_000, 1_790_000])
    }

    @Test("new customers of a comparison period: by their earlier lines, also when the store's lines begin inside it")
    func newCustomersOfTheComparisonPeriod() throws {
        let store = try ExportTestStore.make()
        // 2025Q1 (against 2026Q1): C1 1,000, C2 2,000, C6 500 are new; C3's 3,000 is not (a line in 2024).
        let quarter = try ExportTestStore.summary(store, "2026Q1")
        #expect(fraction(quarter.coreGoals.newCustomerShare.comparison) == [350_000, 650_000])
        // 2024 (against 2025) starts before the store's first line: C3's 600 on 2024-09-09 is new.
        let year = try ExportTestStore.summary(store, "2025")
        #expect(fraction(year.coreGoals.newCustomerShare.comparison) == [60_000, 60_000])
        // A line before 2024, even a cancelled one, makes the search run; a completed one makes C3 not new.
        for (status, share) in [("cancelled", [60_000, 60_000]), ("completed", [0, 60_000])] as [(String, [Int64])] {
            let earlier = try ExportTestStore.make()
            try earlier.write {
                try $0.execute(
                    """
                    INSERT INTO order_line (order_no, order_date, customer_id, rep_id, amount_cents, status)
                    VALUES ('SO-2312', '2023-12-01', (SELECT id FROM customer WHERE code = 'C3'),
                            (SELECT id FROM person WHERE login = 'zhao'), 100, ?)
                    """, [.text(status)])
            }
            let data = try ExportTestStore.summary(earlier, "2025")
            #expect(fraction(data.coreGoals.newCustomerShare.comparison) == share, "earlier line \(status)")
        }
    }

    @Test("a blank product line or channel counts as none, not as a line or channel of its own")
    func blankLinesAndChannelsAreNone() throws {
        let store = try ExportTestStore.make()
        try store.write { c in
            try c.execute(
                """
                INSERT INTO product (sku, name, product_line) VALUES ('P6', '调试服务', ''), ('P7', '培训', '  ');
                INSERT INTO order_line (order_no, order_date, customer_id, rep_id, product_id, amount_cents, channel, status)
                VALUES ('SO-2612', '2026-03-21', (SELECT id FROM customer WHERE code = 'C1'),
                        (SELECT id FROM person WHERE login = 'li'), (SELECT id FROM product WHERE sku = 'P6'),
                        20000, '', 'completed'),
                       ('SO-2613', '2026-03-22', (SELECT id FROM customer WHERE code = 'C1'),
                        (SELECT id FROM person WHERE login = 'li'), (SELECT id FROM product WHERE sku = 'P7'),
                        30000, ' ', 'completed');
                """)
        }
        let data = try ExportTestStore.summary(store)
        let lines = data.salesPerformance.productLines
        let channels = data.marketAndCustomers.channels
        // P4 (no line) 1,500 + P6 200 + P7 300 under "no line"; L15 (no channel) 1,500 + 200 + 300 under "none".
        #expect(lines.filter { $0.name == nil }.map { cents($0.revenue.value) } == [200_000])
        #expect(!lines.contains { $0.name?.trimmingCharacters(in: .whitespaces).isEmpty == true })
        #expect(channels.filter { $0.channel == nil }.map { cents($0.revenue.value) } == [200_000])
        #expect(!channels.contains { $0.channel?.trimmingCharacters(in: .whitespaces).isEmpty == true })
        let revenue = cents(data.coreGoals.revenue.value)
        #expect(revenue == 1_850_000)
        #expect(lines.compactMap { cents($0.revenue.value) }.reduce(0, +) == revenue)
        #expect(channels.compactMap { cents($0.revenue.value) }.reduce(0, +) == revenue)
    }

    @Test("forged giant amounts: the report builds, findings keep their stakes in range and their sums exact")
    func giantAmounts() throws {
        let store = try ExportTestStore.make()
        let huge = Int64.max / 3
        try store.write { c in
            try c.execute(
                """
                INSERT INTO order_line (order_no, order_date, customer_id, rep_id, product_id, amount_cents, channel, status)
                VALUES ('SO-HUGE-1', '2026-03-30', (SELECT id FROM customer WHERE code = 'C2'),
                        (SELECT id FROM person WHERE login = 'han'), (SELECT id FROM product WHERE sku = 'P5'), ?1,
                        'offline', 'completed'),
                       ('SO-HUGE-2', '2026-03-31', (SELECT id FROM customer WHERE code = 'C3'),
                        (SELECT id FROM person WHERE login = 'zhao'), (SELECT id FROM product WHERE sku = 'P5'), ?1,
                        'direct', 'completed')
                """, [.integer(huge)])
            try c.execute(
                """
                INSERT INTO expense (expense_no, submitted_by_id, spent_on, category, amount_cents, status)
                VALUES ('E-HUGE-1', (SELECT id FROM person WHERE login = 'li'), '2026-02-01', 'training', ?1, 'approved'),
                       ('E-HUGE-2', (SELECT id FROM person WHERE login = 'li'), '2026-02-02', 'training', ?1, 'approved')
                """, [.integer(ClaimBounds.maximumClaimCents)])
        }
        let report = try SummaryReport.build(
            store: store, period: try ReportPeriod.parse("2026Q1"), compare: .yearOverYear, scope: .company)
        // Revenue near the 64-bit limit (SQLite refuses a sum past it) and claims at the one-claim ceiling (an
        // expense above it refuses the report, naming the row: ApproveBoundsTests): no stake out of range, no
        // wrapped (negative) amount in a sentence.
        #expect(report.findings.allSatisfy { $0.stakeCents >= 0 })
        #expect(report.findings.map(\.stakeCents) == report.findings.map(\.stakeCents).sorted(by: >))
        #expect(!report.findings.contains { $0.textEn.contains("-¥") || $0.textEn.contains("¥-") })
        for language in OutputLanguage.allCases {
            #expect(!SummaryJSON.render(report, language: language).isEmpty)
            #expect(!SummaryMarkdown.render(report, language: language).isEmpty)
        }
    }
}
