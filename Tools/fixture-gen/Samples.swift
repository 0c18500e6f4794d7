import XLSX

/// Small workbooks that exercise the importer's header vocabulary: the same kind of department,
/// a few hundred order lines, with Traditional Chinese or English sheet names, headers and labels.
///
/// Orders come first, before the customers, products and people they refer to, so an import
/// must load dimensions before facts whatever the sheet order.
enum Samples {
    static let traditionalFileName = "sample-traditional.xlsx"
    static let englishFileName = "sample-english.xlsx"

    /// `sample-traditional.xlsx`: 訂單明細 (with a title row above the header), 客戶資料, 產品目錄, 人員名單.
    static func writeTraditional(to path: String, seed: UInt64) throws -> [(sheet: String, rows: Int)] {
        let department = Department(shape: .sample, seed: seed &+ 1)
        let writer = try XLSXWriter(path: path, options: .init(sharedStrings: true, compressionLevel: 9))
        let sheets = DepartmentSheets(writer: writer, language: .traditional, department: department)
        let counts: [(String, Int)] = [
            ("訂單明細", try sheets.orders(title: Text3("2024–2025年訂單明細"))),
            ("客戶資料", try sheets.customers(name: Text3("客戶資料"))),
            ("產品目錄", try sheets.products(name: Text3("產品目錄"))),
            ("人員名單", try sheets.people(name: Text3("人員名單"))),
        ]
        try writer.close()
        return counts
    }

    /// `sample-english.xlsx`: Orders, Customers, Products, Sales Team, as an English-language CRM exports them.
    static func writeEnglish(to path: String, seed: UInt64) throws -> [(sheet: String, rows: Int)] {
        let department = Department(shape: .sample, seed: seed &+ 2)
        let writer = try XLSXWriter(path: path, options: .init(sharedStrings: true, compressionLevel: 9))
        let sheets = DepartmentSheets(writer: writer, language: .english, department: department)
        let counts: [(String, Int)] = [
            ("Orders", try sheets.orders()),
            ("Customers", try sheets.customers()),
            ("Products", try sheets.products()),
            ("Sales Team", try sheets.people()),
        ]
        try writer.close()
        return counts
    }
}
