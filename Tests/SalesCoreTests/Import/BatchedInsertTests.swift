import Foundation
import SalesTestSupport
import Testing
import XLSX

@testable import SalesCore

/// Orders are written by multi-row inserts when rows are not rolled back one by one; `--skip-invalid`
/// writes them one at a time. Both must store the same rows and count them alike.
@Suite("Importer, batched order inserts")
struct BatchedInsertTests {
    /// Orders over several batches; the last row names, by SKU, the product an earlier line of the same
    /// order named by name, so its insert meets an existing key and the rows around it go the full way.
    private func workbook(lines: Int, conflictAt: Int?) throws -> String {
        var orders: [[Cell]] = [
            [
                .text("订单号"), .text("订单日期"), .text("客户名称"), .text("销售代表"), .text("产品名称"),
                .text("产品编码"), .text("数量"), .text("单价"), .text("金额"), .text("渠道"),
            ]
        ]
        for n in 1...lines {
            orders.append([
                .text("SO\(n)"), .text("2025-03-05"), .text("客户\(n % 17)"), .text("zhang.wei"),
                .text("传感器A"), .empty, .number(Double(n % 5 + 1)), .text("10.00"),
                .text("\(10 * (n % 5 + 1)).00"), .text("电商"),
            ])
            if n == conflictAt {
                orders.append([
                    .text("SO\(n)"), .text("2025-03-05"), .text("客户\(n % 17)"), .text("zhang.wei"),
                    .empty, .text("P1"), .number(9), .text("10.00"), .text("90.00"), .text("电商"),
                ])
            }
        }
        var sheets = miniDepartment()
        sheets[0] = ("订单明细", orders)
        return try makeWorkbook(sheets)
    }

    private func stored(_ store: Store) throws -> [[SQLValue]] {
        try store.read {
            try $0.query(
                """
                SELECT o.id, o.order_no, o.order_date, c.name, p.sku, o.quantity, o.unit_price_cents, o.amount_cents, o.channel, o.status
                FROM order_line o JOIN customer c ON c.id = o.customer_id LEFT JOIN product p ON p.id = o.product_id
                ORDER BY o.id
                """)
        }
    }

    private func runs(_ store: Store) throws -> [[SQLValue]] {
        try store.read { try $0.query("SELECT table_name, first_id, last_id FROM import_insert_run ORDER BY 1, 2") }
    }

    @Test("multi-row inserts store and count what row-by-row inserts do", arguments: [nil, 3, 64, 65, 130] as [Int?])
    func sameAsRowByRow(conflictAt: Int?) throws {
        let path = try workbook(lines: 200, conflictAt: conflictAt)
        let batched = try makeTempStore()
        let single = try makeTempStore()
        let a = try Importer.run(path: path, store: batched, options: ImportOptions(user: "t"))
        var options = ImportOptions(user: "t")
        options.skipInvalid = true
        let b = try Importer.run(path: path, store: single, options: options)
        #expect(a.status == .committed)
        #expect(
            a.sheets.map { [$0.rows, $0.inserted, $0.updated, $0.unchanged, $0.rejected] }
                == b.sheets.map { [$0.rows, $0.inserted, $0.updated, $0.unchanged, $0.rejected] })
        #expect(a.created == b.created)
        #expect(try stored(batched) == stored(single))
        #expect(try runs(batched) == runs(single))
        if conflictAt != nil { #expect(a.sheets.first { $0.entity == .orders }?.updated == 1) }

        // Without the conflicting line, a second import finds every row unchanged.
        if conflictAt == nil {
            let again = try Importer.run(path: path, store: batched, options: ImportOptions(user: "t"))
            #expect(again.sheets.allSatisfy { $0.unchanged == $0.rows })
        }
    }
}
