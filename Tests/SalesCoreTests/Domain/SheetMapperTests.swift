import Foundation
import Testing

@testable import SalesCore

/// A real-looking sheet: its name, header row, and the expected entity and fields (`nil` = not imported).
struct SheetCase: Sendable, CustomTestStringConvertible {
    let sheet: String
    let columns: [(String, String?)]
    let entity: Entity

    var headers: [String?] { columns.map(\.0) }
    var fields: [String?] { columns.map(\.1) }
    var testDescription: String { "\(entity.rawValue): \(sheet)" }
}

extension SheetCase {
    /// Three header rows per entity: Simplified Chinese, Traditional Chinese, English.
    static let all: [SheetCase] = [
        // Orders
        SheetCase(
            sheet: "2025年销售明细",
            columns: [
                ("订单编号", "order_no"), ("下单日期", "order_date"), ("客户名称", "customer"), ("客户编码", "customer_code"),
                ("销售代表", "rep"), ("产品编码", "sku"), ("产品名称", "product"), ("数量", "quantity"),
                ("单价(元)", "unit_price"), ("金额（元）", "amount"), ("折扣", "discount"), ("渠道", "channel"),
                ("订单状态", "status"), ("大区", "region"), ("产品线", "product_line"), ("备注", nil),
            ], entity: .orders),
        SheetCase(
            sheet: "訂單明細",
            columns: [
                ("訂單號", "order_no"), ("訂單日期", "order_date"), ("客戶", "customer"), ("業務員", "rep"),
                ("產品", "product"), ("數量", "quantity"), ("單價", "unit_price"), ("銷售額", "amount"),
                ("通路", "channel"), ("狀態", "status"),
            ], entity: .orders),
        SheetCase(
            sheet: "Orders",
            columns: [
                ("Order ID", "order_no"), ("Order Date", "order_date"), ("Customer Name", "customer"),
                ("Sales Rep", "rep"), ("SKU", "sku"), ("Product", "product"), ("Qty", "quantity"),
                ("Unit Price", "unit_price"), ("Amount", "amount"), ("Discount", "discount"), ("Channel", "channel"),
                ("Status", "status"), ("Region", "region"), ("Notes", nil),
            ], entity: .orders),
        // Customers
        SheetCase(
            sheet: "客户名单",
            columns: [
                ("客户编号", "code"), ("客户名称", "name"), ("所属行业", "industry"), ("区域", "region"),
                ("渠道", "channel"), ("客户经理", "owner"), ("首单日期", "first_order_on"), ("联系电话", nil),
            ], entity: .customers),
        SheetCase(
            sheet: "客戶資料",
            columns: [
                ("客戶編號", "code"), ("客戶名稱", "name"), ("行業", "industry"), ("地區", "region"),
                ("銷售渠道", "channel"), ("負責人", "owner"),
            ], entity: .customers),
        SheetCase(
            sheet: "Customers",
            columns: [
                ("Customer ID", "code"), ("Customer Name", "name"), ("Industry", "industry"), ("Region", "region"),
                ("Channel", "channel"), ("Account Manager", "owner"), ("First Order Date", "first_order_on"),
            ], entity: .customers),
        // Products
        SheetCase(
            sheet: "产品目录",
            columns: [
                ("产品编码", "sku"), ("产品名称", "name"), ("产品线", "product_line"), ("档次", "tier"),
                ("标价（元）", "list_price"), ("单位成本", "unit_cost"),
            ], entity: .products),
        SheetCase(
            sheet: "產品",
            columns: [
                ("商品編號", "sku"), ("品名", "name"), ("產品系列", "product_line"), ("檔次", "tier"),
                ("定價", "list_price"), ("成本價", "unit_cost"),
            ], entity: .products),
        SheetCase(
            sheet: "Products",
            columns: [
                ("SKU", "sku"), ("Product Name", "name"), ("Product Line", "product_line"), ("Tier", "tier"),
                ("List Price", "list_price"), ("Unit Cost", "unit_cost"),
            ], entity: .products),
        // People
        SheetCase(
            sheet: "销售人员",
            columns: [
                ("工号", "login"), ("姓名", "name"), ("角色", "role"), ("团队", "team"), ("区域", "region"),
                ("直属上级", "reports_to"), ("审批额度（元）", "approval_limit"), ("入职日期", "hired_on"),
                ("是否在职", "active"),
            ], entity: .people),
        SheetCase(
            sheet: "人員名單",
            columns: [
                ("帳號", "login"), ("姓名", "name"), ("職位", "role"), ("團隊", "team"), ("區域", "region"),
                ("直屬上級", "reports_to"), ("審批額度", "approval_limit"), ("到職日", "hired_on"), ("在職", "active"),
            ], entity: .people),
        SheetCase(
            sheet: "Staff",
            columns: [
                ("Login", "login"), ("Name", "name"), ("Role", "role"), ("Team", "team"), ("Region", "region"),
                ("Reports To", "reports_to"), ("Approval Limit", "approval_limit"), ("Hire Date", "hired_on"),
                ("Active", "active"),
            ], entity: .people),
        // Regions
        SheetCase(sheet: "区域", columns: [("区域名称", "name"), ("说明", nil)], entity: .regions),
        SheetCase(sheet: "區域", columns: [("區域", "name")], entity: .regions),
        SheetCase(sheet: "Regions", columns: [("Region", "name")], entity: .regions),
        // Targets
        SheetCase(
            sheet: "2026年销售目标",
            columns: [
                ("销售代表", "scope_key"), ("期间", "period"), ("目标金额(万元)", "amount"),
            ], entity: .targets),
        SheetCase(
            sheet: "目標",
            columns: [
                ("範圍", "scope"), ("對象", "scope_key"), ("期間", "period"), ("目標金額", "amount"),
            ], entity: .targets),
        SheetCase(
            sheet: "Targets",
            columns: [
                ("Scope", "scope"), ("Scope Key", "scope_key"), ("Period", "period"), ("Quota", "amount"),
            ], entity: .targets),
        // Opportunities
        SheetCase(
            sheet: "商机",
            columns: [
                ("商机编号", "code"), ("商机名称", "name"), ("客户名称", "customer"), ("负责人", "rep"),
                ("阶段", "stage"), ("创建日期", "created_on"), ("关闭日期", "closed_on"), ("预计金额", "expected_amount"),
                ("商机来源", "source"), ("输单原因", "lost_reason"),
            ], entity: .opportunities),
        SheetCase(
            sheet: "銷售機會",
            columns: [
                ("商機編號", "code"), ("客戶", "customer"), ("業務員", "rep"), ("階段", "stage"),
                ("建立日期", "created_on"), ("預計金額", "expected_amount"), ("來源", "source"),
            ], entity: .opportunities),
        SheetCase(
            sheet: "Pipeline",
            columns: [
                ("Opportunity ID", "code"), ("Opportunity Name", "name"), ("Customer", "customer"), ("Owner", "rep"),
                ("Stage", "stage"), ("Created Date", "created_on"), ("Close Date", "closed_on"),
                ("Amount", "expected_amount"), ("Lead Source", "source"), ("Loss Reason", "lost_reason"),
            ], entity: .opportunities),
        // Receivables
        SheetCase(
            sheet: "回款明细",
            columns: [
                ("发票号码", "invoice_no"), ("订单号", "order_no"), ("客户名称", "customer"), ("开票日期", "invoiced_on"),
                ("到期日", "due_on"), ("应收金额", "amount"), ("回款日期", "paid_on"), ("回款金额", "paid_amount"),
            ], entity: .receivables),
        SheetCase(
            sheet: "應收帳款",
            columns: [
                ("發票號碼", "invoice_no"), ("訂單編號", "order_no"), ("客戶名稱", "customer"), ("開票日期", "invoiced_on"),
                ("到期日", "due_on"), ("應收金額", "amount"), ("收款日期", "paid_on"), ("實收金額", "paid_amount"),
            ], entity: .receivables),
        SheetCase(
            sheet: "Collections",
            columns: [
                ("Invoice No", "invoice_no"), ("Order No", "order_no"), ("Customer", "customer"),
                ("Invoice Date", "invoiced_on"), ("Due Date", "due_on"), ("Amount Due", "amount"),
                ("Payment Date", "paid_on"), ("Amount Paid", "paid_amount"),
            ], entity: .receivables),
        // Expenses
        SheetCase(
            sheet: "费用报销",
            columns: [
                ("报销单号", "expense_no"), ("报销人", "submitted_by"), ("发生日期", "spent_on"), ("费用类别", "category"),
                ("报销金额", "amount"), ("事由", "description"), ("区域", "region"), ("客户", "customer"),
                ("市场活动", "campaign"), ("收款人", "payee"), ("审批状态", "status"),
            ], entity: .expenses),
        SheetCase(
            sheet: "報銷",
            columns: [
                ("報銷單號", "expense_no"), ("申請人", "submitted_by"), ("費用日期", "spent_on"), ("費用類別", "category"),
                ("金額", "amount"), ("說明", "description"), ("狀態", "status"),
            ], entity: .expenses),
        SheetCase(
            sheet: "Expense Claims",
            columns: [
                ("Claim ID", "expense_no"), ("Submitted By", "submitted_by"), ("Expense Date", "spent_on"),
                ("Category", "category"), ("Amount", "amount"), ("Description", "description"), ("Region", "region"),
                ("Customer", "customer"), ("Campaign", "campaign"), ("Payee", "payee"), ("Status", "status"),
            ], entity: .expenses),
        // Budgets
        SheetCase(
            sheet: "费用预算",
            columns: [
                ("范围", "scope"), ("对象", "scope_key"), ("费用类别", "category"), ("期间", "period"),
                ("预算金额（万元）", "amount"), ("控制方式", "control"),
            ], entity: .budgets),
        SheetCase(
            sheet: "預算",
            columns: [
                ("範圍", "scope"), ("預算對象", "scope_key"), ("費用科目", "category"), ("期間", "period"),
                ("預算金額", "amount"), ("控制方式", "control"),
            ], entity: .budgets),
        SheetCase(
            sheet: "Budgets",
            columns: [
                ("Scope", "scope"), ("Scope Key", "scope_key"), ("Category", "category"), ("Period", "period"),
                ("Budget", "amount"), ("Control", "control"),
            ], entity: .budgets),
        // Feedback
        SheetCase(
            sheet: "客户满意度",
            columns: [
                ("客户名称", "customer"), ("调查日期", "date"), ("类型", "kind"), ("产品质量", "quality_score"),
                ("交付", "delivery_score"), ("服务（1-5分）", "service_score"), ("处理状态", "status"),
                ("解决日期", "resolved_on"), ("反馈内容", "description"),
            ], entity: .feedback),
        SheetCase(
            sheet: "客戶反饋",
            columns: [
                ("投訴編號", "code"), ("客戶", "customer"), ("投訴日期", "date"), ("處理狀態", "status"),
                ("結案日期", "resolved_on"), ("投訴內容", "description"),
            ], entity: .feedback),
        SheetCase(
            sheet: "Complaints",
            columns: [
                ("Ticket ID", "code"), ("Customer", "customer"), ("Date", "date"), ("Type", "kind"),
                ("Quality", "quality_score"), ("Delivery", "delivery_score"), ("Service", "service_score"),
                ("Status", "status"), ("Resolved On", "resolved_on"), ("Comments", "description"),
            ], entity: .feedback),
        // Contracts
        SheetCase(
            sheet: "合同台账",
            columns: [
                ("合同编号", "contract_no"), ("签约人", "submitted_by"), ("签订日期", "signed_on"),
                ("客户名称", "customer"), ("合同金额", "amount"), ("标准价金额", "list_amount"),
                ("合同期限（月）", "term_months"), ("付款条件", "payment_terms"), ("非标准条款", "non_standard"),
            ], entity: .contracts),
        SheetCase(
            sheet: "銷售合同",
            columns: [
                ("合同編號", "contract_no"), ("經辦人", "submitted_by"), ("簽約日期", "signed_on"),
                ("客戶編號", "customer_code"), ("合同金額", "amount"), ("標準價總額", "list_amount"),
                ("合約期限", "term_months"), ("付款條件", "payment_terms"), ("備註", "description"),
            ], entity: .contracts),
        SheetCase(
            sheet: "Contracts",
            columns: [
                ("Contract No", "contract_no"), ("Owner", "submitted_by"), ("Signing Date", "signed_on"),
                ("Customer", "customer"), ("Contract Value", "amount"), ("List Amount", "list_amount"),
                ("Term (Months)", "term_months"), ("Payment Terms", "payment_terms"),
                ("Non-Standard Terms", "non_standard"), ("Status", "status"),
            ], entity: .contracts),
        // Price exceptions
        SheetCase(
            sheet: "特价申请",
            columns: [
                ("特价申请编号", "request_no"), ("申请人", "submitted_by"), ("申请日期", "requested_on"),
                ("客户名称", "customer"), ("产品名称", "product"), ("目录价", "list_price"), ("申请价", "requested_price"),
                ("数量", "quantity"), ("申请金额", "amount"),
            ], entity: .priceExceptions),
        SheetCase(
            sheet: "特價申請",
            columns: [
                ("申請單號", "request_no"), ("申請人", "submitted_by"), ("申請日期", "requested_on"),
                ("客戶編號", "customer_code"), ("產品編碼", "sku"), ("標準價", "list_price"), ("特價", "requested_price"),
                ("數量", "quantity"), ("說明", "description"),
            ], entity: .priceExceptions),
        SheetCase(
            sheet: "Price Exceptions",
            columns: [
                ("Request No", "request_no"), ("Requested By", "submitted_by"), ("Request Date", "requested_on"),
                ("Customer", "customer"), ("SKU", "sku"), ("List Price", "list_price"),
                ("Requested Price", "requested_price"), ("Qty", "quantity"),
            ], entity: .priceExceptions),
    ]
}

@Suite("SheetMapper")
struct SheetMapperTests {
    @Test("real header rows map to the right entity and fields", arguments: SheetCase.all)
    func realSheets(sheet: SheetCase) {
        let mapping = SheetMapper.map(sheetName: sheet.sheet, headers: sheet.headers)
        #expect(mapping.entity == sheet.entity, "\(mapping.reason)")
        #expect(mapping.columns.map(\.field) == sheet.fields)
        #expect(mapping.columns.map(\.header) == sheet.headers.map { $0 ?? "" })
        #expect(mapping.unmetRequirements.isEmpty)
        #expect(!mapping.reason.isEmpty)
    }

    @Test("the same header rows place the sheet without a helpful name", arguments: SheetCase.all)
    func headersAlone(sheet: SheetCase) {
        let mapping = SheetMapper.map(sheetName: "Sheet1", headers: sheet.headers)
        #expect(mapping.entity == sheet.entity, "\(mapping.reason)")
        #expect(mapping.columns.map(\.field) == sheet.fields)
    }

    @Test("every entity is covered in three languages")
    func coverage() {
        for entity in Entity.allCases {
            #expect(SheetCase.all.filter { $0.entity == entity }.count >= 3, "\(entity)")
        }
    }

    @Test("unrelated headers give no entity and a reason")
    func unrelated() {
        let mapping = SheetMapper.map(sheetName: "Sheet1", headers: ["姓名拼音", "颜色", "尺码", nil, "备注1"])
        #expect(mapping.entity == nil)
        #expect(mapping.columns.allSatisfy { $0.field == nil })
        #expect(mapping.columns.count == 5)
        #expect(mapping.reason.contains("no entity fits"))
    }

    @Test("a blank header row gives no entity")
    func blank() {
        let mapping = SheetMapper.map(sheetName: "订单", headers: [nil, "", "  "])
        #expect(mapping.entity == nil)
        #expect(mapping.reason.contains("blank"))
    }

    @Test("a sheet named 订单 holding customers is not called orders")
    func nameContradictedByHeaders() {
        let mapping = SheetMapper.map(
            sheetName: "订单", headers: ["客户编号", "客户名称", "行业", "区域", "渠道", "负责人"])
        #expect(mapping.entity == .customers)
        #expect(mapping.reason.contains("suggests orders"))
        #expect(mapping.columns.map(\.field) == ["code", "name", "industry", "region", "channel", "owner"])
    }

    @Test("a sheet named 订单 with too few order columns is not guessed")
    func nameWithoutRequiredColumns() {
        let mapping = SheetMapper.map(sheetName: "订单", headers: ["订单号", "客户", "产品", "数量", "单价", "销售代表"])
        #expect(mapping.entity == nil)
        #expect(mapping.reason.contains("amount"))
    }

    @Test("a sheet name beaten by a better-fitting entity gives way")
    func nameBeatenByHeaders() {
        let mapping = SheetMapper.map(sheetName: "客户", headers: ["订单号", "日期", "客户", "产品", "金额"])
        #expect(mapping.entity == .orders)
        #expect(mapping.reason.contains("fit orders better"))
    }

    @Test("equally good entities give no entity and name the candidates")
    func tie() {
        let mapping = SheetMapper.map(sheetName: "Sheet1", headers: ["名称"])
        #expect(mapping.entity == nil)
        #expect(mapping.reason.contains("ambiguous"))
        #expect(mapping.reason.contains("customers") && mapping.reason.contains("products"))
    }

    @Test("two columns for one field: the more specific alias wins, with a note")
    func duplicates() {
        let mapping = SheetMapper.map(sheetName: "订单", headers: ["订单号", "日期", "客户", "金额", "订单日期"])
        #expect(mapping.entity == .orders)
        #expect(mapping.columns.map(\.field) == ["order_no", nil, "customer", "amount", "order_date"])
        #expect(mapping.reason.contains("column B “日期” also means order_date; kept column E “订单日期”"))
    }

    @Test("customer code alone satisfies the customer requirement")
    func alternatives() {
        let mapping = SheetMapper.map(sheetName: "Sheet1", headers: ["订单号", "日期", "客户编号", "金额"])
        #expect(mapping.entity == .orders)
        #expect(mapping.columns.map(\.field) == ["order_no", "order_date", "customer_code", "amount"])
    }

    @Test("full-width and decorated headers still map")
    func decoratedHeaders() {
        let mapping = SheetMapper.map(
            sheetName: "Ｓｈｅｅｔ１", headers: ["*订单号", "ＯＲＤＥＲ　ＤＡＴＥ", " 客户名称 ", "金额\n(元)"])
        #expect(mapping.entity == .orders)
        #expect(mapping.columns.map(\.field) == ["order_no", "order_date", "customer", "amount"])
        #expect(mapping.columns[2].header == "客户名称")
    }

    // MARK: - Overrides

    @Test("column overrides supply fields the aliases miss, and drop columns")
    func columnOverrides() {
        let headers: [String?] = ["单据号码", "日期", "客户", "金额", "内部备注"]
        #expect(SheetMapper.map(sheetName: "数据", headers: headers).entity == nil)

        let overrides = MappingOverrides(columns: ["单据号码": "order_no", "内部备注": "-"])
        let mapping = SheetMapper.map(sheetName: "数据", headers: headers, overrides: overrides)
        #expect(mapping.entity == .orders)
        #expect(mapping.columns.map(\.field) == ["order_no", "order_date", "customer", "amount", nil])
    }

    @Test("a column override wins over an alias for the same field")
    func overrideBeatsAlias() {
        let overrides = MappingOverrides(sheets: ["订单": .init(columns: ["成交日期": "order_date"])])
        let mapping = SheetMapper.map(
            sheetName: "订单", headers: ["订单号", "订单日期", "成交日期", "客户", "金额"], overrides: overrides)
        #expect(mapping.columns.map(\.field) == ["order_no", nil, "order_date", "customer", "amount"])
    }

    @Test("a sheet override sets the entity, even against the headers")
    func entityOverride() {
        let overrides = MappingOverrides(sheets: ["Sheet1": .init(entity: "products")])
        let mapping = SheetMapper.map(sheetName: "Sheet1", headers: ["名称", "价格"], overrides: overrides)
        #expect(mapping.entity == .products)
        #expect(mapping.columns.map(\.field) == ["name", "list_price"])
        #expect(mapping.reason.contains("mapping file"))

        let forced = SheetMapper.map(
            sheetName: "Sheet1", headers: ["颜色"], overrides: MappingOverrides(sheets: ["sheet 1": .init(entity: "产品")]))
        #expect(forced.entity == .products)
        #expect(forced.unmetRequirements == [["name"]])
        #expect(forced.reason.contains("no column for required name"))
    }

    @Test("a sheet override can skip a sheet or name an unknown entity")
    func skipAndUnknown() {
        let headers: [String?] = ["订单号", "日期", "客户", "金额"]
        let skipped = SheetMapper.map(
            sheetName: "订单", headers: headers, overrides: MappingOverrides(sheets: ["订单": .init(entity: "skip")]))
        #expect(skipped.entity == nil)
        #expect(skipped.reason.contains("skipped"))

        let unknown = SheetMapper.map(
            sheetName: "订单", headers: headers, overrides: MappingOverrides(sheets: ["订单": .init(entity: "invoices")]))
        #expect(unknown.entity == nil)
        #expect(unknown.reason.contains("“invoices”"))
    }

    @Test("an override naming no field of the entity leaves the column out with a note")
    func unknownOverrideField() {
        let overrides = MappingOverrides(columns: ["备注": "remarks"])
        let mapping = SheetMapper.map(
            sheetName: "订单", headers: ["订单号", "日期", "客户", "金额", "备注"],
            overrides: overrides)
        #expect(mapping.entity == .orders)
        #expect(mapping.columns.last?.field == nil)
        #expect(mapping.reason.contains("“remarks”, which is not a field of orders"))
    }

    @Test("overrides decode from a mapping file's shape, with sections optional")
    func decoding() throws {
        let json = #"{"sheets": {"数据": {"entity": "orders", "columns": {"单据号码": "order_no"}}, "其他": {}}}"#
        let overrides = try JSONDecoder().decode(MappingOverrides.self, from: Data(json.utf8))
        #expect(overrides.columns.isEmpty)
        #expect(overrides.sheets["数据"] == .init(entity: "orders", columns: ["单据号码": "order_no"]))
        #expect(overrides.sheets["其他"] == .init())
        #expect(try JSONDecoder().decode(MappingOverrides.self, from: Data("{}".utf8)) == MappingOverrides())
    }

    // MARK: - Header row

    @Test("the header row is found below a title")
    func headerBelowTitle() {
        let rows: [[String?]] = [
            ["2025年销售明细", nil, nil, nil],
            [],
            ["订单号", "日期", "客户", "金额"],
            ["SO-1", "2025-01-02", "甲公司", "100"],
        ]
        #expect(SheetMapper.findHeaderRow(rows: rows) == 2)
        #expect(SheetMapper.findHeaderRow(rows: rows, maxScan: 2) == nil)
    }

    @Test("a header row in the first row is found; no header row gives nil")
    func headerRowEdgeCases() {
        #expect(SheetMapper.findHeaderRow(rows: [["客户名称", "行业"], ["甲公司", "制造"]]) == 0)
        #expect(SheetMapper.findHeaderRow(rows: [["甲", "乙"], ["1", "2"]]) == nil)
        #expect(SheetMapper.findHeaderRow(rows: []) == nil)
    }

    @Test("a partial header row above the real one loses to it")
    func headerRowPrefersCoverage() {
        let rows: [[String?]] = [
            ["客户", nil, "金额"],
            ["订单号", "日期", "客户", "金额"],
        ]
        #expect(SheetMapper.findHeaderRow(rows: rows) == 1)
    }
}
