import Foundation
import SalesTestSupport
import Testing
import XLSX

@testable import SalesCore

/// A small workbook written for one test: sheet name → rows (the first row is the header).
func makeWorkbook(_ sheets: [(String, [[Cell]])], name: String = "input.xlsx") throws -> String {
    let path = try temporaryDirectory(prefix: "import").appendingPathComponent(name).path
    let writer = try XLSXWriter(path: path)
    for (sheet, rows) in sheets {
        try writer.beginSheet(name: sheet)
        for row in rows { try writer.writeRow(row) }
    }
    try writer.close()
    return path
}

private func d(_ y: Int, _ m: Int, _ day: Int) -> Cell { .date(ExcelDateTime(year: y, month: m, day: day)) }

/// A department in miniature: regions, people, customers, products and orders, orders first.
func miniDepartment(amount: String = "1280.50", extraOrder: [Cell]? = nil) -> [(String, [[Cell]])] {
    var orders: [[Cell]] = [
        [
            .text("订单号"), .text("订单日期"), .text("客户名称"), .text("销售代表"), .text("产品名称"), .text("数量"),
            .text("单价"), .text("金额"), .text("渠道"),
        ],
        [
            .text("SO1"), d(2025, 3, 5), .text("苏州恒信"), .text("zhang.wei"), .text("传感器A"), .number(2),
            .text("640.25"), .text(amount), .text("电商"),
        ],
        [
            .text("SO1"), d(2025, 3, 5), .text("苏州恒信"), .text("zhang.wei"), .text("网关B"), .number(1),
            .number(99.9), .number(99.9), .text("电商"),
        ],
        [
            .text("SO2"), .text("2025年4月1日"), .text("杭州远景"), .text("li.na"), .text("传感器A"), .text("3"),
            .text("¥640.25"), .text("1,920.75"), .text("线下"),
        ],
    ]
    if let extraOrder { orders.append(extraOrder) }
    return [
        ("订单明细", orders),
        (
            "客户",
            [
                [.text("客户编号"), .text("客户名称"), .text("区域"), .text("负责销售")],
                [.text("C001"), .text("苏州恒信"), .text("华东"), .text("zhang.wei")],
                [.text("C002"), .text("杭州远景"), .text("华东"), .text("li.na")],
            ]
        ),
        (
            "产品",
            [
                [.text("产品编码"), .text("产品名称"), .text("产品线"), .text("标价")],
                [.text("P1"), .text("传感器A"), .text("工业传感"), .text("700")],
                [.text("P2"), .text("网关B"), .text("工业传感"), .text("120")],
            ]
        ),
        (
            "人员",
            [
                [.text("登录名"), .text("姓名"), .text("角色"), .text("直属上级"), .text("区域")],
                [.text("zhang.wei"), .text("张伟"), .text("销售代表"), .text("wang.fang"), .text("华东")],
                [.text("li.na"), .text("李娜"), .text("销售代表"), .text("wang.fang"), .text("华东")],
                [.text("wang.fang"), .text("王芳"), .text("经理"), .empty, .text("华东")],
            ]
        ),
    ]
}

@Suite("Importer")
struct ImporterTests {
    private func run(
        _ path: String, _ store: Store, configure: (inout ImportOptions) -> Void = { _ in }
    ) throws -> ImportReport {
        var options = ImportOptions(user: "tester")
        configure(&options)
        return try Importer.run(path: path, store: store, options: options)
    }

    private func count(_ store: Store, _ table: String) throws -> Int64 {
        try store.read { try $0.scalar("SELECT count(*) FROM \(table)")?.int64 ?? -1 }
    }

    @Test("dimensions load before facts whatever the sheet order; money is exact; a second import changes nothing")
    func idempotent() throws {
        let store = try makeTempStore()
        let path = try makeWorkbook(miniDepartment())
        let first = try run(path, store)
        #expect(first.status == .committed)
        #expect(first.errorCount == 0, "\(first.errors)")
        #expect(first.created.values.reduce(0, +) == 1)  // only the region 华东, named by people and customers
        #expect(first.sheets.map(\.entity) == [.people, .customers, .products, .orders])
        #expect(first.sheets.first { $0.entity == .orders }?.inserted == 3)
        #expect(try count(store, "order_line") == 3)
        let cents = try store.read {
            try $0.query("SELECT amount_cents FROM order_line ORDER BY id").map { $0[0].int64 ?? 0 }
        }
        #expect(cents == [128_050, 9_990, 192_075])
        let manager = try store.read {
            try $0.scalar(
                "SELECT m.login FROM person p JOIN person m ON m.id = p.reports_to_id WHERE p.login = 'zhang.wei'")
        }
        #expect(manager == .text("wang.fang"))

        let second = try run(path, store)
        #expect(second.status == .committed)
        for sheet in second.sheets {
            #expect(sheet.inserted == 0 && sheet.updated == 0, "\(sheet.name)")
            #expect(sheet.unchanged == sheet.rows, "\(sheet.name)")
        }
        #expect(second.created.values.reduce(0, +) == 0)
        #expect(try count(store, "order_line") == 3)
        #expect(try count(store, "import_batch") == 2)
    }

    @Test("an invalid row means nothing is written, and every error names sheet, row, column and value")
    func allOrNothing() throws {
        let store = try makeTempStore()
        let bad: [Cell] = [
            .text("SO3"), .text("2025/13/45"), .text("杭州远景"), .text("li.na"), .text("网关B"),
            .number(1), .text("12.345"), .text("12.345"), .text("电商"),
        ]
        let report = try run(try makeWorkbook(miniDepartment(extraOrder: bad)), store)
        #expect(report.status == .rejected)
        #expect(report.batch == nil)
        #expect(report.errorCount == 3, "\(report.errors.map(\.description))")
        let dateError = try #require(report.errors.first { $0.column?.hasPrefix("B") == true })
        #expect(dateError.sheet == "订单明细")
        #expect(dateError.row == 5)
        #expect(dateError.value == "2025/13/45")
        #expect(try count(store, "order_line") == 0)
        #expect(try count(store, "customer") == 0)
        #expect(try count(store, "import_batch") == 0)
    }

    @Test("a dry run of a file with invalid rows lists them and says nothing would be imported")
    func dryRunWithErrors() throws {
        let store = try makeTempStore()
        let bad: [Cell] = [
            .text("SO3"), .text("2025/13/45"), .text("杭州远景"), .text("li.na"), .text("网关B"),
            .number(1), .text("1"), .text("1"), .text("电商"),
        ]
        let report = try run(try makeWorkbook(miniDepartment(extraOrder: bad)), store) { $0.dryRun = true }
        #expect(report.status == .dryRun)
        #expect(report.blockedByErrors)
        #expect(report.errorCount == 1)
        #expect(report.text().contains("nothing would be imported"))
        #expect(try count(store, "import_batch") == 0)
    }

    @Test("--skip-invalid writes the rest, and the fixed rejected workbook imports cleanly")
    func skipInvalidRoundTrip() throws {
        let store = try makeTempStore()
        let bad: [Cell] = [
            .text("SO3"), .text("05/03/2025"), .text("杭州远景"), .text("li.na"), .text("网关B"),
            .number(1), .text("120"), .text("120"), .text("电商"),
        ]
        let path = try makeWorkbook(miniDepartment(extraOrder: bad))
        let report = try run(path, store) { $0.skipInvalid = true }
        #expect(report.status == .committed)
        #expect(report.sheets.first { $0.entity == .orders }?.rejected == 1)
        #expect(try count(store, "order_line") == 3)
        let rejected = try #require(report.rejectedFile)
        #expect(rejected.hasSuffix("input.rejected.xlsx"))

        // The admin fixes the date in the rejected workbook and imports it.
        let wb = try Workbook(path: rejected)
        #expect(wb.sheets.map(\.name) == ["订单明细"])
        var rows: [[Cell]] = []
        try wb.readSheet(wb.sheets[0]) { row in
            var cells = [Cell](repeating: .empty, count: row.column(at: row.count - 1))
            for i in 0..<row.count {
                switch row.value(at: i) {
                case .text(let s): cells[row.column(at: i) - 1] = .text(s)
                case .number(let x): cells[row.column(at: i) - 1] = .number(x)
                default: break
                }
            }
            rows.append(cells)
        }
        #expect(rows[0].last == .text(RejectedRowsWriter.reasonHeader))
        rows[1][1] = .text("2025-03-05")
        let fixed = try makeWorkbook([("订单明细", rows)], name: "fixed.xlsx")
        let again = try run(fixed, store)
        #expect(again.status == .committed, "\(again.errors)")
        #expect(again.sheets[0].inserted == 1)
        #expect(try count(store, "order_line") == 4)
    }

    @Test("a dry run reports the real counts and leaves the store file byte-identical")
    func dryRun() throws {
        let dir = try temporaryDirectory()
        let dbPath = dir.appendingPathComponent("sales.db").path
        let store = try Store.open(path: dbPath)
        _ = try run(try makeWorkbook(miniDepartment()), store)
        let changed = try makeWorkbook(miniDepartment(amount: "1300.00"))
        store.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: dbPath))
        let reopened = try Store.open(path: dbPath)
        let rehearsal = try run(changed, reopened) { $0.dryRun = true }
        reopened.close()
        #expect(rehearsal.status == .dryRun)
        #expect(rehearsal.batch == nil)
        #expect(rehearsal.sheets.first { $0.entity == .orders }?.updated == 1)
        #expect(rehearsal.sheets.first { $0.entity == .orders }?.unchanged == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dbPath)) == before)
        let check = try Store.open(path: dbPath)
        #expect(try count(check, "import_batch") == 1)
    }

    @Test("undo restores the earlier state, and refuses while a later batch changed the same rows")
    func undo() throws {
        let store = try makeTempStore()
        let first = try run(try makeWorkbook(miniDepartment()), store)
        let second = try run(try makeWorkbook(miniDepartment(amount: "1300.00")), store)
        #expect(second.sheets.first { $0.entity == .orders }?.updated == 1)
        let firstBatch = try #require(first.batch)
        let secondBatch = try #require(second.batch)

        #expect(throws: ImportError.self) { try BatchHistory.undo(firstBatch, in: store) }
        do {
            _ = try BatchHistory.undo(firstBatch, in: store)
        } catch let error as ImportError {
            #expect(error.errorDescription?.contains("order_line SO1") == true, "\(error.errorDescription ?? "")")
            #expect(error.errorDescription?.contains("batch \(secondBatch)") == true)
        }

        let undone = try BatchHistory.undo(secondBatch, in: store)
        #expect(undone.restored == 1)
        let amount = try store.read {
            try $0.scalar("SELECT amount_cents FROM order_line WHERE order_no = 'SO1' ORDER BY id LIMIT 1")
        }
        #expect(amount == .integer(128_050))
        _ = try BatchHistory.undo(firstBatch, in: store)
        for table in ["order_line", "customer", "product", "person", "region"] { #expect(try count(store, table) == 0) }
        let statuses = try BatchHistory.list(store).map(\.status)
        #expect(statuses == ["undone", "undone"])
        #expect(throws: ImportError.self) { try BatchHistory.undo(firstBatch, in: store) }
    }

    @Test("unknown references create rows and are counted; --strict refuses them")
    func references() throws {
        let orders: [(String, [[Cell]])] = [
            (
                "订单",
                [
                    [.text("订单号"), .text("订单日期"), .text("客户"), .text("金额"), .text("销售代表")],
                    [.text("SO9"), d(2025, 1, 2), .text("新客户"), .text("10"), .text("新人")],
                ]
            )
        ]
        let path = try makeWorkbook(orders)
        let strict = try run(path, try makeTempStore()) { $0.strict = true }
        #expect(strict.status == .rejected)
        #expect(strict.errors.first?.reason.contains("--strict") == true)

        let store = try makeTempStore()
        let lenient = try run(path, store)
        #expect(lenient.status == .committed)
        #expect(lenient.created["customers"] == 1)
        #expect(lenient.created["people"] == 1)
    }

    @Test("--skip-invalid rolls back what a failing row created, and undo removes exactly the batch's rows")
    func skipInvalidRollsBackCreatedRows() throws {
        let store = try makeTempStore()
        let products: [(String, [[Cell]])] = [
            (
                "产品",
                [
                    [.text("产品编码"), .text("产品名称")],
                    [.text("P1"), .text("传感器")], [.text("P2"), .text("传感器")], [.text("P3"), .text("网关")],
                ]
            )
        ]
        _ = try run(try makeWorkbook(products), store)
        let orders: [(String, [[Cell]])] = [
            (
                "订单",
                [
                    [.text("订单号"), .text("订单日期"), .text("客户"), .text("产品名称"), .text("金额")],
                    // Two products have this name.
                    [.text("SO1"), d(2025, 1, 2), .text("甲公司"), .text("传感器"), .text("10")],
                    [.text("SO2"), d(2025, 1, 3), .text("乙公司"), .text("网关"), .text("20")],
                ]
            )
        ]
        let report = try run(try makeWorkbook(orders), store) { $0.skipInvalid = true }
        #expect(report.status == .committed)
        #expect(report.sheets[0].rejected == 1)
        #expect(report.errors.first?.reason.contains("several products") == true)
        #expect(report.created["customers"] == 1)
        let names = try store.read { try $0.query("SELECT name FROM customer").compactMap { $0[0].text } }
        #expect(names == ["乙公司"])
        _ = try BatchHistory.undo(try #require(report.batch), in: store)
        #expect(try count(store, "customer") == 0)
        #expect(try count(store, "order_line") == 0)
        #expect(try count(store, "product") == 3)
    }

    @Test("a row repeating an earlier row's natural key is an error naming that row")
    func duplicateKeys() throws {
        let dup: [Cell] = [
            .text("SO1"), d(2025, 3, 6), .text("苏州恒信"), .text("zhang.wei"), .text("传感器A"), .number(1),
            .text("640.25"), .text("640.25"), .text("电商"),
        ]
        let report = try run(try makeWorkbook(miniDepartment(extraOrder: dup)), try makeTempStore())
        #expect(report.status == .rejected)
        #expect(report.errorCount == 1)
        #expect(report.errors.first?.row == 5)
        #expect(report.errors.first?.reason == "same order_no + product as row 2")
    }

    @Test("a bulk load rebuilds the indexes it set aside, inside the batch")
    func bulkLoadIndexes() throws {
        let store = try makeTempStore()
        let indexes = {
            try store.read { try $0.query("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name") }
        }
        let before = try indexes()
        let report = try run(try makeWorkbook(miniDepartment()), store) { $0.bulkLoadRows = 1 }
        #expect(report.status == .committed)
        #expect(try indexes() == before)
        #expect(try store.read { try $0.scalar("PRAGMA integrity_check") } == .text("ok"))
        let second = try run(try makeWorkbook(miniDepartment()), store) { $0.bulkLoadRows = 1 }
        #expect(second.sheets.allSatisfy { $0.unchanged == $0.rows })
    }

    @Test("a sheet it cannot place is reported, not guessed; the others import")
    func unplacedSheet() throws {
        var sheets = miniDepartment()
        sheets.append(("备注", [[.text("说明"), .text("作者")], [.text("2025 年数据"), .text("行政部")]]))
        let report = try run(try makeWorkbook(sheets), try makeTempStore())
        #expect(report.status == .committed)
        let note = try #require(report.sheets.first { $0.name == "备注" })
        #expect(note.entity == nil)
        #expect(note.note?.contains("not imported") == true)
    }

    @Test("a mapping file names headers the importer cannot guess")
    func mappingFile() throws {
        let sheets: [(String, [[Cell]])] = [
            (
                "数据",
                [
                    [.text("单据"), .text("日期"), .text("客户"), .text("销售额(万元)")],
                    [.text("SO1"), d(2025, 1, 2), .text("甲公司"), .text("1.5")],
                ]
            )
        ]
        let map = try temporaryDirectory().appendingPathComponent("map.toml")
        try Data(
            """
            [sheets."数据"]
            entity = "orders"
            [sheets."数据".columns]
            "单据" = "order_no"
            """.utf8
        ).write(to: map)
        let overrides = try MappingFile.load(path: map.path)
        let store = try makeTempStore()
        let report = try run(try makeWorkbook(sheets), store) { $0.overrides = overrides }
        #expect(report.status == .committed, "\(report.errors)")
        let cents = try store.read { try $0.scalar("SELECT amount_cents FROM order_line") }
        #expect(cents == .integer(1_500_000))

        try Data("[sheets.\"数据\"]\nentity = \"invoices\"\n".utf8).write(to: map)
        #expect(throws: ImportError.self) { try MappingFile.load(path: map.path) }
    }

    @Test("a GB18030 CSV file imports as one sheet named after the file")
    func csv() throws {
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("客户.csv").path
        // 客户编号,客户名称,区域 / C1,甲公司,华东 in GB18030.
        let bytes: [UInt8] = [
            0xBF, 0xCD, 0xBB, 0xA7, 0xB1, 0xE0, 0xBA, 0xC5, 0x2C, 0xBF, 0xCD, 0xBB, 0xA7, 0xC3, 0xFB,
            0xB3, 0xC6, 0x2C, 0xC7, 0xF8, 0xD3, 0xF2, 0x0D, 0x0A, 0x43, 0x31, 0x2C, 0xBC, 0xD7, 0xB9,
            0xAB, 0xCB, 0xBE, 0x2C, 0xBB, 0xAA, 0xB6, 0xAB, 0x0D, 0x0A,
        ]
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let store = try makeTempStore()
        let report = try run(path, store)
        #expect(report.status == .committed, "\(report.errors)")
        #expect(report.format.contains("GB18030"))
        #expect(report.sheets.first?.entity == .customers)
        let name = try store.read { try $0.scalar("SELECT name FROM customer WHERE code = 'C1'") }
        #expect(name == .text("甲公司"))
    }
}
