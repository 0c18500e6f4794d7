import Foundation
import SalesTestSupport
import Testing
import XLSX

@testable import SalesCore

/// Without `--skip-invalid`, rows are written while the workbook is read; the staged import (every row read
/// and checked first, then written) is the reference: the same report, the same store, on every outcome.
@Suite("Importer, writing while reading")
struct StreamedImportTests {
    /// An orders sheet of `lines` lines over several hand-overs to the writing thread (256 rows each), with
    /// the department's other sheets; `edit` changes the order rows (row 2 is the first).
    private static func workbook(lines: Int, _ edit: (inout [[Cell]]) -> Void = { _ in }) throws -> String {
        var orders: [[Cell]] = [
            [
                .text("订单号"), .text("订单日期"), .text("客户名称"), .text("销售代表"), .text("产品名称"),
                .text("产品编码"), .text("数量"), .text("单价"), .text("金额"), .text("渠道"),
            ]
        ]
        for n in 1...lines {
            orders.append([
                .text("SO\(n / 2)"), .text("2025-03-\(n % 28 + 1)"), .text("客户\(n % 37)"),
                .text(n % 3 == 0 ? "li.na" : "zhang.wei"), .text(n % 2 == 0 ? "传感器A" : "网关B"),
                .empty, .number(Double(n % 5 + 1)), .text("10.00"), .text("\(10 * (n % 5 + 1)).00"), .text("电商"),
            ])
        }
        edit(&orders)
        var sheets = miniDepartment()
        sheets[0] = ("订单明细", orders)
        return try makeWorkbook(sheets)
    }

    /// Every table's rows, in order, without the clock's columns.
    private static func contents(_ store: Store) throws -> [String: [[SQLValue]]] {
        try store.read { c in
            var tables: [String: [[SQLValue]]] = [:]
            let names = try c.query(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            for name in names.compactMap({ $0.first?.text }) {
                let columns = try c.query("SELECT name FROM pragma_table_info(?)", [.text(name)])
                    .compactMap { $0.first?.text }.filter { !$0.hasSuffix("_at") }
                let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                tables[name] = try c.query("SELECT \(list) FROM \"\(name)\" ORDER BY \(list)")
            }
            return tables
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// Imports run first, on both stores.
        var before: [String]
        var file: String
        var strict = false
        var dryRun = false
        var bulkLoadRows = 50_000
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        do {
            let clean = try workbook(lines: 1500)
            let lateError = try workbook(lines: 1500) { rows in
                rows[1400][1] = .text("2025-02-30")
                rows[1450][7] = .text("12.345")  // 单价
            }
            let duplicate = try workbook(lines: 1500) { rows in rows[1300] = rows[20] }
            // Named by SKU, the product an earlier line of the same order names by name: the insert meets
            // an existing key, and the rest of the sheet goes the lookup's way.
            let conflict = try workbook(lines: 1500) { rows in
                rows.insert(
                    [
                        .text("SO500"), .text("2025-03-05"), .text("客户3"), .text("zhang.wei"), .empty,
                        .text("P1"), .number(9), .text("10.00"), .text("90.00"), .text("电商"),
                    ], at: 1001)
            }
            let mini = try makeWorkbook(miniDepartment())
            return [
                Case(name: "a clean sheet into an empty store", before: [], file: clean),
                Case(name: "a bulk load into an empty store", before: [], file: clean, bulkLoadRows: 300),
                Case(name: "a bulk load into a store holding more", before: [clean], file: mini, bulkLoadRows: 2),
                Case(name: "the same sheet again: every row unchanged", before: [clean], file: clean),
                Case(name: "invalid rows late in the sheet", before: [mini], file: lateError),
                Case(name: "a repeated key late in the sheet", before: [], file: duplicate),
                Case(name: "an insert meeting an existing key", before: [], file: conflict),
                Case(name: "--strict with unknown references", before: [], file: clean, strict: true),
                Case(name: "a dry run into a store", before: [mini], file: clean, dryRun: true),
                Case(name: "a dry run of invalid rows", before: [], file: lateError, dryRun: true),
            ]
        } catch {
            Issue.record(error)
            return []
        }
    }()

    @Test("the same report and store as the staged import", arguments: cases)
    func sameAsStaged(_ c: Case) throws {
        var results: [(report: ImportReport, contents: [String: [[SQLValue]]])] = []
        for staged in [true, false] {
            let store = try makeTempStore()
            defer { store.close() }
            for file in c.before {
                #expect(
                    try Importer.run(path: file, store: store, options: ImportOptions(user: "t")).status == .committed)
            }
            var options = ImportOptions(user: "t")
            options.alwaysStage = staged
            options.strict = c.strict
            options.dryRun = c.dryRun
            options.bulkLoadRows = c.bulkLoadRows
            let report = try Importer.run(path: c.file, displayName: "orders.xlsx", store: store, options: options)
            #expect(try store.read { try $0.scalar("PRAGMA integrity_check") } == .text("ok"))
            results.append((report, try Self.contents(store)))
        }
        let (staged, streamed) = (results[0], results[1])
        #expect(streamed.report.json() == staged.report.json())
        #expect(streamed.report.text() == staged.report.text())
        #expect(streamed.contents == staged.contents)
        // The cases reach every outcome they are named for.
        switch c.name {
        case "invalid rows late in the sheet", "a repeated key late in the sheet", "--strict with unknown references":
            #expect(streamed.report.status == .rejected && streamed.report.errorCount > 0)
        case "a dry run into a store", "a dry run of invalid rows":
            #expect(streamed.report.status == .dryRun)
        case "an insert meeting an existing key":
            #expect(streamed.report.sheets.first { $0.entity == .orders }?.updated == 1)
        case "the same sheet again: every row unchanged":
            #expect(streamed.report.sheets.allSatisfy { $0.unchanged == $0.rows })
        default:
            #expect(streamed.report.status == .committed && streamed.report.errorCount == 0)
        }
    }

    @Test("an invalid row after thousands written leaves the store as it was")
    func lateErrorLeavesStoreAlone() throws {
        let store = try makeTempStore()
        defer { store.close() }
        let mini = try makeWorkbook(miniDepartment())
        #expect(try Importer.run(path: mini, store: store, options: ImportOptions(user: "t")).status == .committed)
        let before = try Self.contents(store)
        let file = try Self.workbook(lines: 3000) { rows in rows[2990][8] = .text("abc") }  // 金额 of row 2991
        let report = try Importer.run(path: file, store: store, options: ImportOptions(user: "t"))
        #expect(report.status == .rejected)
        #expect(report.errors.map(\.row) == [2991])
        #expect(try Self.contents(store) == before)
        #expect(try store.read { try $0.scalar("SELECT count(*) FROM import_batch") } == .integer(1))
    }

    /// Something the writing closure holds, as a sheet writer holds its prepared statements.
    private final class Held: @unchecked Sendable {}

    /// The writer thread must not outlive, with the statements it was given, the `finish()` or `cancel()` that
    /// waited for it: the import closes the store's connection next, and a statement still alive then keeps
    /// the write-ahead log from being folded back into the file when the tool exits.
    @Test("once finish or cancel returns, the writing thread holds nothing it was given", arguments: [0, 1, 2])
    func pipeLetsGo(ending: Int) throws {
        for _ in 0..<200 {
            weak var watched: Held?
            let pipe = RowPipe()
            do {
                let held = Held()
                watched = held
                pipe.start(phase: "test") { batch in
                    withExtendedLifetime(held) {}
                    if ending == 2 && batch.rows.first == 0 { throw CancellationError() }
                }
            }
            for row in 0..<(RowPipe.rowsPerBatch * 2) { try? pipe.send(row: row, values: [.integer(Int64(row))]) }
            switch ending {
            case 0: try pipe.finish()
            case 1: pipe.cancel()
            default: #expect(throws: CancellationError.self) { try pipe.finish() }
            }
            #expect(watched == nil)
        }
    }
}
