import XLSX

/// `demo-company.xlsx`: a whole department over 2024 and 2025, one sheet per entity, in Simplified Chinese.
///
/// Sheets come in the order a department keeps them (orders first), not in load order; the
/// receivables sheet has a title row above its header, as many hand-kept sheets do.
enum DemoCompany {
    static let fileName = "demo-company.xlsx"
    static let defaultSeed: UInt64 = 20_251_231

    /// Writes the workbook and returns each sheet's name and number of data rows.
    static func write(to path: String, seed: UInt64) throws -> [(sheet: String, rows: Int)] {
        let department = Department(shape: .demo, seed: seed)
        let activity = Activity(department)
        let writer = try XLSXWriter(path: path, options: .init(sharedStrings: true, compressionLevel: 9))
        let sheets = DepartmentSheets(writer: writer, language: .simplified, department: department)
        let counts: [(String, Int)] = [
            ("订单明细", try sheets.orders()),
            ("客户", try sheets.customers()),
            ("产品", try sheets.products()),
            ("人员", try sheets.people()),
            ("区域", try sheets.regions()),
            ("销售目标", try sheets.targets(activity)),
            ("商机", try sheets.opportunities(activity)),
            ("回款", try sheets.receivables(activity)),
            ("费用", try sheets.expenses(activity)),
            ("预算", try sheets.budgets(activity)),
            ("客户反馈", try sheets.feedback(activity)),
        ]
        try writer.close()
        return counts
    }
}
