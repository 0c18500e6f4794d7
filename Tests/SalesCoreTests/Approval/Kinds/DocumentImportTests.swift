import Foundation
import SalesTestSupport
import Testing
import XLSX

@testable import SalesCore

private typealias F = ApprovalFixture

/// Contract and price-exception sheets: recognised in Simplified, Traditional and English headers, filed as
/// documents of their kind, routed as imported expense claims are; bad rows refused by sheet, row and column.
@Suite("sales-import: contract and price-exception sheets")
struct DocumentImportTests {
    private func d(_ y: Int, _ m: Int, _ day: Int) -> Cell { .date(ExcelDateTime(year: y, month: m, day: day)) }

    private func run(_ path: String, _ store: Store) throws -> ImportReport {
        try Importer.run(path: path, store: store, options: ImportOptions(user: "tester"))
    }

    /// The same contract and price exception under each language's headers and sheet names.
    private func sheets(_ language: String, contractNo: String, requestNo: String) -> [(String, [[Cell]])] {
        let (contractSheet, contractHeader, priceSheet, priceHeader): (String, [String], String, [String]) =
            switch language {
            case "zh-Hans":
                (
                    "合同台账", ["合同编号", "签约人", "签订日期", "客户编号", "合同金额", "标准价金额", "合同期限（月）", "付款条件", "非标准条款"],
                    "特价申请", ["特价申请编号", "申请人", "申请日期", "客户编号", "产品编码", "目录价", "申请价", "数量"]
                )
            case "zh-Hant":
                (
                    "合同臺賬", ["合同編號", "簽約人", "簽訂日期", "客戶編號", "合同金額", "標準價金額", "合約期限", "付款條件", "非標準條款"],
                    "特價申請", ["特價申請編號", "申請人", "申請日期", "客戶編號", "產品編碼", "目錄價", "申請價", "數量"]
                )
            default:
                (
                    "Contracts",
                    [
                        "Contract No", "Owner", "Signed On", "Customer ID", "Contract Amount", "List Amount",
                        "Term (Months)", "Payment Terms", "Non-Standard Terms",
                    ],
                    "Price Exceptions",
                    [
                        "Request No", "Requested By", "Requested On", "Customer ID", "Product Code", "List Price",
                        "Requested Price", "Quantity",
                    ]
                )
            }
        return [
            (
                contractSheet,
                [
                    contractHeader.map { .text($0) },
                    [
                        .text(contractNo), .text("rep1"), d(2026, 3, 10), .text("C1"), .text("20000"),
                        .text("25000"), .number(12), .text("月结 60 天"), .text("是"),
                    ],
                ]
            ),
            (
                priceSheet,
                [
                    priceHeader.map { .text($0) },
                    [
                        .text(requestNo), .text("rep1"), d(2026, 3, 11), .text("C1"), .text("SKU-1"), .text("100"),
                        .text("85"), .number(10),
                    ],
                ]
            ),
        ]
    }

    @Test(
        "each header language imports a contract and a price exception, routed by the next command",
        arguments: [
            "zh-Hans", "zh-Hant", "en",
        ])
    func importsAndRoutes(language: String) throws {
        let store = try KindFixture.makeStore()
        let report = try run(
            try makeWorkbook(sheets(language, contractNo: "HT-\(language)", requestNo: "TJ-\(language)")), store)
        #expect(report.status == .committed, "\(report.errors.map(\.description))")
        let rows = try store.read {
            try $0.query(
                """
                SELECT expense_no, kind, category, amount_cents, list_amount_cents, term_months, non_standard,
                       list_price_cents, unit_price_cents, quantity, status
                FROM expense ORDER BY expense_no
                """)
        }
        #expect(rows.count == 2)
        let contract = rows[0]
        #expect(contract[0].text == "HT-\(language)" && contract[1].text == "contract" && contract[2].text == "other")
        #expect(contract[3].int64 == 2_000_000 && contract[4].int64 == 2_500_000 && contract[5].int64 == 12)
        #expect(contract[6].int64 == 1 && contract[10].text == "submitted")
        let price = rows[1]
        #expect(price[1].text == "price" && price[3].int64 == 85_000)  // 85.00 × 10, computed: no amount column
        #expect(price[7].int64 == 10_000 && price[8].int64 == 8_500 && price[9].int64 == 10)

        // Routed as imported claims are, by the next command: 20% off needs boss, non-standard terms legal;
        // the price's 15% needs pm, Cloud's owner.
        let contractRoute = try F.desk(store, as: "m1").show("HT-\(language)").steps.map(\.approver)
        #expect(contractRoute == ["m1", "rm", "boss", "legal"])
        #expect(try F.desk(store, as: "m1").show("TJ-\(language)").steps.map(\.approver) == ["m1", "pm"])
        #expect(try F.desk(store, as: "admin").verify().isIntact)
        // A second import of the same file changes nothing, and does not disturb the routes.
        let again = try run(
            try makeWorkbook(sheets(language, contractNo: "HT-\(language)", requestNo: "TJ-\(language)")), store)
        #expect(again.status == .committed)
        #expect(try F.desk(store, as: "m1").show("HT-\(language)").round == 1)
    }

    @Test("bad rows are refused with one line naming the sheet, row and column, and nothing is written")
    func badRows() throws {
        let store = try KindFixture.makeStore()
        var workbook = sheets("zh-Hans", contractNo: "HT-1", requestNo: "TJ-1")
        // Contract: a term of 0 months. Price: an amount column that is not price × quantity, and a zero price.
        workbook[0].1.append([
            .text("HT-2"), .text("rep1"), d(2026, 3, 10), .text("C1"), .text("1000"), .text("1000"), .number(0),
            .empty, .empty,
        ])
        workbook[1].1[0].append(.text("金额"))
        workbook[1].1[1].append(.text("850"))
        workbook[1].1.append([
            .text("TJ-2"), .text("rep1"), d(2026, 3, 11), .text("C1"), .text("SKU-1"), .text("100"), .text("85"),
            .number(10), .text("800"),
        ])
        workbook[1].1.append([
            .text("TJ-3"), .text("rep1"), d(2026, 3, 11), .text("C1"), .text("SKU-1"), .text("100"), .text("0"),
            .number(10), .empty,
        ])
        let report = try run(try makeWorkbook(workbook), store)
        #expect(report.status == .rejected)
        let lines = report.errors.map(\.description)
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("合同台账 row 3, column G") && $0.contains("1 to 1200 months") }, "\(lines)")
        #expect(
            lines.contains { $0.hasPrefix("特价申请 row 3, column I (金额)") && $0.contains("850.00, not 800.00") },
            "\(lines)")
        #expect(lines.contains { $0.hasPrefix("特价申请 row 4, column G (申请价)") }, "\(lines)")
        #expect(lines.allSatisfy { !$0.contains("\n") })
        #expect(try store.read { try $0.scalar("SELECT count(*) FROM expense")?.int64 } == 0)
    }
}
