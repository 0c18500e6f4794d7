import XLSX

/// Writes a generated department's sheets as a department keeps them, in one language.
///
/// Every header is one the importer lists as an alias (SalesCore's `HeaderAliases`), so each
/// column maps to its field; the only deliberate exception is the regions sheet's 覆盖省份.
struct DepartmentSheets {
    let writer: XLSXWriter
    let language: Language
    let department: Department

    private var d: Department { department }

    /// Starts a sheet with a bold header row, frozen unless a title row sits above it.
    ///
    /// - Returns: The number of rows written so far (title and header).
    @discardableResult
    func begin(
        _ name: Text3, _ columns: [(Text3, Double)], title: Text3? = nil,
        state: SheetState = .visible
    ) throws -> Int {
        try writer.beginSheet(
            name: name(language), columnWidths: columns.map(\.1), freezeHeaderRow: title == nil,
            state: state)
        if let title {
            try writer.writeRow([.text(title(language))], bold: true)
        }
        try writer.writeRow(columns.map { .text($0.0(language)) }, bold: true)
        return title == nil ? 1 : 2
    }

    private func text(_ value: Text3?) -> Cell { .textOrEmpty(value?(language)) }

    // MARK: - Shared headers

    static let customerCode = Text3("客户编号", "客戶編號", "Customer ID")
    static let customerName = Text3("客户名称", "客戶名稱", "Customer Name")
    static let region = Text3("区域", "區域", "Region")
    static let rep = Text3("销售代表", "銷售代表", "Sales Rep")
    static let scope = Text3("范围", "範圍", "Scope")
    static let scopeKey = Text3("对象", "對象", "Scope Key")
    static let period = Text3("期间", "期間", "Period")
    static let category = Text3("费用类别", "費用類別", "Expense Category")

    // MARK: - Orders

    /// 订单明细: one row per order line.
    func orders(name: Text3 = Text3("订单明细", "訂單明細", "Orders"), title: Text3? = nil) throws -> Int {
        try begin(
            name,
            [
                (Text3("订单号", "訂單號", "Order No"), 15), (Text3("订单日期", "訂單日期", "Order Date"), 12),
                (Self.customerName, 34), (Self.rep, 10), (Text3("产品名称", "產品名稱", "Product Name"), 28),
                (Text3("数量", "數量", "Quantity"), 7), (Text3("单价", "單價", "Unit Price"), 12),
                (Text3("折扣金额", "折扣金額", "Discount"), 11), (Text3("金额", "金額", "Amount"), 13),
                (Text3("渠道", "渠道", "Channel"), 8), (Text3("订单状态", "訂單狀態", "Order Status"), 9),
            ], title: title)
        for line in d.lines {
            try writer.writeRow([
                .text(line.orderNo), .day(line.date), text(d.customers[line.customer].name),
                text(d.people[line.rep].name), text(d.products[line.product].name), .int(line.quantity),
                .money(line.unitPriceCents), line.discountCents == 0 ? .empty : .money(line.discountCents),
                .money(line.amountCents), text(line.channel.label), text(line.status.label),
            ])
        }
        return d.lines.count
    }

    // MARK: - Dimensions

    /// 客户: one row per customer, with the rep who owns it at the end of the data.
    func customers(name: Text3 = Text3("客户", "客戶", "Customers")) throws -> Int {
        try begin(
            name,
            [
                (Self.customerCode, 10), (Self.customerName, 34), (Text3("行业", "行業", "Industry"), 10),
                (Self.region, 8), (Text3("渠道", "渠道", "Channel"), 8),
                (Text3("负责销售", "負責銷售", "Account Owner"), 10), (Text3("首单日期", "首單日期", "First Order Date"), 12),
            ])
        for (index, customer) in d.customers.enumerated() {
            try writer.writeRow([
                .text(customer.code), text(customer.name), text(Names.industries[customer.industry].name),
                text(d.regions[customer.region].name), text(customer.channel.label),
                text(d.people[d.owner(of: index, on: Department.end)].name),
                .day(customer.historicalFirstOrder ?? customer.firstOrder),
            ])
        }
        return d.customers.count
    }

    /// 产品: the catalogue.
    func products(name: Text3 = Text3("产品", "產品", "Products")) throws -> Int {
        try begin(
            name,
            [
                (Text3("产品编码", "產品編碼", "SKU"), 10), (Text3("产品名称", "產品名稱", "Product Name"), 32),
                (Text3("产品线", "產品線", "Product Line"), 10), (Text3("档次", "檔次", "Tier"), 7),
                (Text3("标价", "標價", "List Price"), 12), (Text3("单位成本", "單位成本", "Unit Cost"), 12),
            ])
        for product in d.products {
            try writer.writeRow([
                .text(product.sku), text(product.name), text(Names.productLines[product.line].name),
                text(product.tier.label), .money(Money.yuan(product.listYuan)), .money(product.unitCostCents),
            ])
        }
        return d.products.count
    }

    /// 人员: everyone in the department, managers with their approval limits.
    func people(name: Text3 = Text3("人员", "人員", "Sales Team")) throws -> Int {
        try begin(
            name,
            [
                (Text3("登录名", "帳號", "Username"), 16), (Text3("姓名", "姓名", "Full Name"), 10),
                (Text3("角色", "角色", "Role"), 9), (Text3("团队", "團隊", "Team"), 14), (Self.region, 8),
                (Text3("直属上级", "直屬上級", "Reports To"), 10), (Text3("审批额度", "審批額度", "Approval Limit"), 12),
                (Text3("入职日期", "到職日期", "Hire Date"), 12), (Text3("在职", "在職", "Active"), 6),
            ])
        for person in d.people {
            try writer.writeRow([
                .text(person.login), text(person.name), text(person.role.label), text(person.team),
                text(person.region.map { d.regions[$0].name }), text(person.reportsTo.map { d.people[$0].name }),
                .moneyOrEmpty(person.approvalLimitYuan.map(Money.yuan)), .day(person.hiredOn),
                text(yesNo(person.leftOn == nil)),
            ])
        }
        return d.people.count
    }

    /// 区域: the regions, with the provinces each covers (a column deliberately left unmapped).
    func regions(name: Text3 = Text3("区域", "區域", "Regions")) throws -> Int {
        try begin(
            name,
            [
                (Text3("区域名称", "區域名稱", "Region Name"), 10),
                (Text3("覆盖省份", "覆蓋省份", "Provinces"), 40),
            ])
        for region in d.regions {
            try writer.writeRow([text(region.name), text(region.info.provinces)])
        }
        return d.regions.count
    }

    // MARK: - Facts around orders

    private func scopeKey(_ key: Activity.ScopeKey) -> Cell {
        switch key {
        case .rep(let p): .text(d.people[p].login)
        case .team(let t): text(d.teams[t].name)
        case .region(let r): text(d.regions[r].name)
        case .company: .empty
        }
    }

    /// 销售目标: per company year, and per region, team and rep quarter.
    func targets(_ activity: Activity, name: Text3 = Text3("销售目标", "銷售目標", "Targets")) throws -> Int {
        try begin(
            name,
            [
                (Self.scope, 9), (Self.scopeKey, 16), (Self.period, 9),
                (Text3("目标金额", "目標金額", "Target Amount"), 16),
            ])
        for target in activity.targets {
            try writer.writeRow([
                text(target.key.scope.label), scopeKey(target.key), .text(target.period),
                .money(target.amountCents),
            ])
        }
        return activity.targets.count
    }

    /// 商机: the pipeline, from lead to won or lost.
    func opportunities(_ activity: Activity, name: Text3 = Text3("商机", "商機", "Opportunities")) throws -> Int {
        try begin(
            name,
            [
                (Text3("商机编号", "商機編號", "Opportunity ID"), 14), (Text3("商机名称", "商機名稱", "Opportunity Name"), 30),
                (Self.customerName, 34), (Self.rep, 10), (Text3("阶段", "階段", "Stage"), 9),
                (Text3("来源", "來源", "Lead Source"), 11), (Text3("创建日期", "建立日期", "Created Date"), 12),
                (Text3("关闭日期", "關閉日期", "Close Date"), 12), (Text3("预计金额", "預計金額", "Expected Amount"), 14),
                (Text3("输单原因", "輸單原因", "Lost Reason"), 14),
            ])
        for o in activity.opportunities {
            let customer = d.customers[o.customer]
            try writer.writeRow([
                .text(o.code), text(o.name), text(customer.name), text(d.people[o.rep].name),
                text(o.stage.label), text(o.source), .day(o.created), .day(o.closed), .money(o.expectedCents),
                text(o.lostReason),
            ])
        }
        return activity.opportunities.count
    }

    /// 回款: one invoice per order, with what was collected by the end of 2025; a title row above the header.
    func receivables(_ activity: Activity, name: Text3 = Text3("回款", "回款", "Receivables")) throws -> Int {
        let title = Text3(
            "2024–2025年应收账款及回款明细（截至2025年12月31日）",
            "2024–2025年應收帳款及回款明細（截至2025年12月31日）",
            "Receivables and collections 2024–2025 (as of 31 December 2025)")
        try begin(
            name,
            [
                (Text3("发票号", "發票號", "Invoice No"), 14), (Text3("订单号", "訂單號", "Order No"), 15),
                (Self.customerName, 34), (Text3("开票日期", "開票日期", "Invoice Date"), 12),
                (Text3("到期日", "到期日", "Due Date"), 12), (Text3("应收金额", "應收金額", "Amount Due"), 14),
                (Text3("回款日期", "回款日期", "Paid Date"), 12), (Text3("回款金额", "回款金額", "Paid Amount"), 14),
            ], title: title)
        for r in activity.receivables {
            let customer = d.customers[r.customer]
            try writer.writeRow([
                .text(r.invoiceNo), .text(r.orderNo), text(customer.name), .day(r.invoiced),
                .day(r.due), .money(r.amountCents), .day(r.paidOn), .moneyOrEmpty(r.paidCents),
            ])
        }
        return activity.receivables.count
    }

    /// 费用: expense claims with what they served and where they stand.
    func expenses(_ activity: Activity, name: Text3 = Text3("费用", "費用", "Expenses")) throws -> Int {
        try begin(
            name,
            [
                (Text3("报销单号", "報銷單號", "Expense No"), 14), (Text3("报销人", "報銷人", "Submitted By"), 10),
                (Text3("费用日期", "費用日期", "Expense Date"), 12), (Self.category, 9),
                (Text3("报销金额", "報銷金額", "Expense Amount"), 13), (Text3("费用说明", "費用說明", "Description"), 30),
                (Self.region, 8), (Self.customerName, 34), (Text3("市场活动", "市場活動", "Campaign"), 26),
                (Text3("审批状态", "審批狀態", "Approval Status"), 9),
            ])
        for e in activity.expenses {
            try writer.writeRow([
                .text(e.number), text(d.people[e.submitter].name), .day(e.spent), text(e.category.label),
                .money(e.amountCents), text(e.description), text(e.region.map { d.regions[$0].name }),
                text(e.customer.map { d.customers[$0].name }), text(e.campaign), text(e.status.label),
            ])
        }
        return activity.expenses.count
    }

    /// 预算: per company year and region quarter, by category, with how each is enforced.
    func budgets(_ activity: Activity, name: Text3 = Text3("预算", "預算", "Budgets")) throws -> Int {
        try begin(
            name,
            [
                (Self.scope, 9), (Self.scopeKey, 10), (Self.category, 9), (Self.period, 9),
                (Text3("预算金额", "預算金額", "Budget Amount"), 14),
                (Text3("控制方式", "控制方式", "Control"), 10),
            ])
        for b in activity.budgets {
            try writer.writeRow([
                text(b.key.scope.label), scopeKey(b.key), text(b.category.label), .text(b.period),
                .money(b.amountCents), text(b.category.control.label),
            ])
        }
        return activity.budgets.count
    }

    /// 客户反馈: satisfaction surveys and complaints.
    func feedback(_ activity: Activity, name: Text3 = Text3("客户反馈", "客戶反饋", "Feedback")) throws -> Int {
        try begin(
            name,
            [
                (Text3("反馈编号", "反饋編號", "Feedback ID"), 13), (Self.customerName, 34),
                (Text3("反馈日期", "反饋日期", "Feedback Date"), 12), (Text3("反馈类型", "反饋類型", "Feedback Type"), 11),
                (Text3("质量评分", "質量評分", "Quality Score"), 9), (Text3("交付评分", "交付評分", "Delivery Score"), 9),
                (Text3("服务评分", "服務評分", "Service Score"), 9), (Text3("处理状态", "處理狀態", "Complaint Status"), 9),
                (Text3("解决日期", "解決日期", "Resolved On"), 12), (Text3("反馈内容", "反饋內容", "Comments"), 34),
            ])
        for f in activity.feedback {
            let customer = d.customers[f.customer]
            try writer.writeRow([
                .text(f.code), text(customer.name), .day(f.date), text(f.kind.label),
                .intOrEmpty(f.quality), .intOrEmpty(f.delivery), .intOrEmpty(f.service), text(f.status?.label),
                .day(f.resolved), text(f.text),
            ])
        }
        return activity.feedback.count
    }
}
