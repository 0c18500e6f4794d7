import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

/// The summary's large scans read order lines along the covering indexes or along the date index by
/// period; both ways must give every figure the same.
@Suite("Summary line scans")
struct LineScanTests {
    /// The summary of `period` computed with `scan`.
    private func summary(
        _ store: Store, _ period: String, _ compare: ComparisonMode, _ scope: ReportScope,
        scan: LineScan?
    ) throws -> SummaryData {
        var options = SummaryOptions()
        options.lineScan = scan
        let period = try ReportPeriod.parse(period)
        return try store.read { connection in
            try SummaryMetrics.compute(connection, period: period, compare: compare, scope: scope, options: options)
        }
    }

    @Test(
        "along the covering indexes or by date range, every figure is the same",
        arguments: [
            ("2026Q1", ComparisonMode.yearOverYear), ("2026", .previous), ("2026-02", .none),
            ("2025", .yearOverYear), ("2026-03", .previous),
        ],
        [ReportScope.company, .region("华东"), .team("South-1")])
    func bothScansAgree(period: (String, ComparisonMode), scope: ReportScope) throws {
        let store = try ExportTestStore.make()
        let covering = try summary(store, period.0, period.1, scope, scan: .coveringIndexes)
        let byDate = try summary(store, period.0, period.1, scope, scan: .dateRanges)
        #expect(covering == byDate)
        // Both saw lines: the comparison is not between two empty reports.
        #expect(!covering.salesPerformance.productLines.isEmpty)
    }

    @Test(
        "the tier-A basis scan 1 sums when the window lies inside the periods is the one a scan of the window finds",
        arguments: [("2026", ComparisonMode.previous), ("2025", .yearOverYear)],
        [LineScan.coveringIndexes, .dateRanges])
    func tierABasisFromScan1(period: (String, ComparisonMode), scan: LineScan) throws {
        let store = try ExportTestStore.make()
        let (derived, own) = try store.read { connection in
            let context = SummaryContext(
                connection: connection, period: try ReportPeriod.parse(period.0), mode: period.1,
                scope: try ResolvedScope(.company, connection: connection), options: SummaryOptions())
            #expect(SalesAggregates.sumsTierWindow(context))
            defer { SalesAggregates.dropTemporaryTables(connection) }
            let sales = try SalesAggregates(context, scan: scan)
            return (sales.tierABasis, try TierABasis(before: context.period, connection))
        }
        #expect(derived == own)
        // 2025 holds lines, so the 2026 basis is not two empty lists agreeing.
        if period.0 == "2026" { #expect(!own.customerIDs.isEmpty) }
    }

    @Test("a quarter's tier-A window lies outside its periods: scan 1 does not sum it")
    func tierWindowOutsideAQuarter() throws {
        let store = try ExportTestStore.make()
        let sums = try store.read { connection in
            SalesAggregates.sumsTierWindow(
                SummaryContext(
                    connection: connection, period: try ReportPeriod.parse("2026Q1"), mode: .yearOverYear,
                    scope: try ResolvedScope(.company, connection: connection), options: SummaryOptions()))
        }
        #expect(!sums)
    }

    @Test("the covering indexes are chosen when the periods cover a quarter of the days with lines or more")
    func choice() throws {
        let store = try ExportTestStore.make()
        // Lines from 2024-09-09 to 2026-04-02, 571 days: 2026Q1 and 2025Q1 cover 180 of them, February 2026 28.
        let choices = try store.read { connection in
            try [("2026Q1", ComparisonMode.yearOverYear), ("2026-02", .none)].map { period, compare in
                let context = SummaryContext(
                    connection: connection, period: try ReportPeriod.parse(period), mode: compare,
                    scope: try ResolvedScope(.company, connection: connection),
                    options: SummaryOptions())
                return try LineScan.choose(context)
            }
        }
        #expect(choices == [.coveringIndexes, .dateRanges])
    }

    @Test("each scan reads the index it names, with no temporary sort where none is needed")
    func plans() throws {
        let store = try ExportTestStore.make()
        let plan = { (sql: String) throws -> String in
            try store.read { connection in
                try connection.query("EXPLAIN QUERY PLAN " + sql).compactMap { $0.last?.text }.joined(separator: "\n")
            }
        }
        let byCustomer = try plan(
            """
            SELECT customer_id, rep_id, count(DISTINCT order_no), sum(amount_cents)
            FROM order_line INDEXED BY order_line_customer_rep
            WHERE status <> 'cancelled' AND order_date BETWEEN '2026-01-01' AND '2026-03-31'
            GROUP BY customer_id, rep_id
            """)
        #expect(
            byCustomer.contains("COVERING INDEX order_line_customer_rep")
                && !byCustomer.contains("TEMP B-TREE FOR GROUP BY"))
        let byProduct = try plan(
            """
            SELECT product_id, channel, sum(amount_cents) FROM order_line INDEXED BY order_line_product_channel
            WHERE status <> 'cancelled' AND order_date BETWEEN '2026-01-01' AND '2026-03-31' AND rep_id IS NOT NULL
            GROUP BY product_id, channel
            """)
        #expect(byProduct.contains("COVERING INDEX order_line_product_channel") && !byProduct.contains("TEMP B-TREE"))
    }
}
