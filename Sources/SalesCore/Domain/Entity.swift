/// A kind of record the store holds; each imported sheet holds one of them.
///
/// Raw values appear in JSON, mapping files and docs, so they never change.
public enum Entity: String, CaseIterable, Sendable, Codable {
    case orders
    case customers
    case products
    case people
    case regions
    case targets
    case opportunities
    case receivables
    case expenses
    case budgets
    case feedback
    /// Contracts (合同), filed for approval as `expense` rows of kind `contract`.
    case contracts
    /// Price exceptions (特价申请), filed for approval as `expense` rows of kind `price`.
    case priceExceptions = "price_exceptions"

    /// Simplified Chinese display name.
    public var chineseName: String {
        switch self {
        case .orders: "订单"
        case .customers: "客户"
        case .products: "产品"
        case .people: "人员"
        case .regions: "区域"
        case .targets: "目标"
        case .opportunities: "商机"
        case .receivables: "回款"
        case .expenses: "费用"
        case .budgets: "预算"
        case .feedback: "客户反馈"
        case .contracts: "合同"
        case .priceExceptions: "特价申请"
        }
    }

    /// English display name.
    public var englishName: String {
        switch self {
        case .orders: "Orders"
        case .customers: "Customers"
        case .products: "Products"
        case .people: "People"
        case .regions: "Regions"
        case .targets: "Targets"
        case .opportunities: "Opportunities"
        case .receivables: "Receivables"
        case .expenses: "Expenses"
        case .budgets: "Budgets"
        case .feedback: "Feedback"
        case .contracts: "Contracts"
        case .priceExceptions: "Price exceptions"
        }
    }

    /// Position in an import: dimensions (regions, people, customers, products) load before facts.
    public var loadOrder: Int {
        switch self {
        case .regions: 0
        case .people: 1
        case .customers: 2
        case .products: 3
        case .targets: 4
        case .budgets: 5
        case .orders: 6
        case .opportunities: 7
        case .receivables: 8
        case .expenses: 9
        case .contracts: 10
        case .priceExceptions: 11
        case .feedback: 12
        }
    }

    /// Every entity, sorted by `loadOrder`.
    public static var allInLoadOrder: [Entity] { allCases.sorted { $0.loadOrder < $1.loadOrder } }

    /// Whether the entity is a dimension (referenced by others) rather than a fact.
    public var isDimension: Bool { loadOrder <= Entity.products.loadOrder }

    /// The entity's fields, in the order `inspect` and the docs show them.
    public var fields: [Field] { Entity.fieldTable[self] ?? [] }

    /// The field with this canonical name, if the entity has one.
    public func field(named name: String) -> Field? { fields.first { $0.name == name } }

    /// Candidate natural keys in order of preference; the first whose fields all have values identifies a row.
    ///
    /// Re-importing a row with the same key updates it instead of adding another.
    public var naturalKeys: [[String]] {
        switch self {
        case .regions: [["name"]]
        case .people: [["login"]]
        case .customers: [["code"], ["name"]]
        case .products: [["sku"], ["name"]]
        case .orders: [["order_no", "product"], ["order_no"]]
        case .targets: [["scope", "scope_key", "period"]]
        case .opportunities: [["code"]]
        case .receivables: [["invoice_no"]]
        case .expenses: [["expense_no"]]
        case .budgets: [["scope", "scope_key", "category", "period"]]
        case .feedback: [["code"], ["customer", "date", "kind"]]
        case .contracts: [["contract_no"]]
        case .priceExceptions: [["request_no"]]
        }
    }

    /// What a header row must contain for a sheet to hold this entity: each group needs a column for one of its fields.
    ///
    /// One group per required field (the field plus its `alternatives`), plus entity-specific groups:
    /// feedback needs a kind, a score or a status column besides customer and date.
    public var requiredColumns: [[String]] {
        var groups = fields.filter(\.isRequired).map { [$0.name] + $0.alternatives }
        if self == .feedback {
            groups.append(["kind", "quality_score", "delivery_score", "service_score", "status"])
        }
        return groups
    }

    /// Sheet names that say a sheet holds this entity (Simplified, Traditional, English).
    public var sheetNameAliases: [String] { HeaderAliases.sheetNames[self] ?? [] }
}

// MARK: - Enumeration codes

/// The codes of the enumerated fields, shared by the field table and the importer.
public enum Codes {
    /// Sales channels (电商 / 社群 / 线下 / 直销 / 经销 / 其他).
    public static let channel = ["ecommerce", "social", "offline", "direct", "distributor", "other"]
    /// Order line status.
    public static let orderStatus = ["completed", "cancelled", "returned"]
    /// A person's role.
    public static let role = ["rep", "manager", "finance", "admin", "analyst"]
    /// Product price tier (高端 / 中端 / 低端).
    public static let productTier = ["high", "mid", "low"]
    /// What a target or budget applies to.
    public static let scope = ["rep", "team", "region", "company"]
    /// Opportunity stage, in pipeline order.
    public static let stage = ["lead", "qualified", "proposal", "negotiation", "won", "lost"]
    /// Expense category (广告 / 差旅 / 招待 / 培训 / 市场活动 / 其他).
    public static let expenseCategory = ["advertising", "travel", "entertainment", "training", "events", "other"]
    /// Expense claim status.
    public static let expenseStatus = ["submitted", "approved", "rejected", "paid"]
    /// What a document under approval is (`expense.kind`): an expense claim, a contract, a price exception.
    public static let documentKind = ["expense", "contract", "price"]
    /// Budget control: refuse, flag or ignore an overrun (``BudgetControl``).
    public static let budgetControl = BudgetControl.allCases.map(\.rawValue)
    /// Feedback kind.
    public static let feedbackKind = ["survey", "complaint"]
    /// Complaint status.
    public static let complaintStatus = ["open", "resolved", "closed"]
}

// MARK: - Field table

extension Entity {
    private typealias A = HeaderAliases

    /// Every entity's fields (DESIGN §2), with the aliases from `HeaderAliases`.
    static let fieldTable: [Entity: [Field]] = [
        .regions: [
            Field("name", .text, zh: "区域", en: "Region", required: true, key: true, aliases: A.regionName)
        ],
        .people: [
            Field("login", .text, zh: "登录名", en: "Login", required: true, key: true, aliases: A.login),
            Field("name", .text, zh: "姓名", en: "Name", required: true, aliases: A.personName),
            Field("role", .enumeration(Codes.role), zh: "角色", en: "Role", aliases: A.role),
            Field("team", .text, zh: "团队", en: "Team", aliases: A.team),
            Field("region", .text, zh: "区域", en: "Region", aliases: A.region),
            Field("reports_to", .text, zh: "直属上级", en: "Reports to", aliases: A.reportsTo),
            Field("approval_limit", .money, zh: "审批额度", en: "Approval limit", aliases: A.approvalLimit),
            Field("hired_on", .date, zh: "入职日期", en: "Hired on", aliases: A.hiredOn),
            Field("active", .boolean, zh: "在职", en: "Active", aliases: A.active),
        ],
        .customers: [
            Field("code", .text, zh: "客户编号", en: "Customer code", key: true, aliases: A.customerCode),
            Field(
                "name", .text, zh: "客户名称", en: "Customer name", required: true, key: true,
                aliases: A.customerName),
            Field("industry", .text, zh: "行业", en: "Industry", aliases: A.industry),
            Field("region", .text, zh: "区域", en: "Region", aliases: A.region),
            Field("channel", .enumeration(Codes.channel), zh: "渠道", en: "Channel", aliases: A.channel),
            Field("owner", .text, zh: "负责销售", en: "Owner", aliases: A.owner),
            Field("first_order_on", .date, zh: "首单日期", en: "First order on", aliases: A.firstOrderOn),
        ],
        .products: [
            Field("sku", .text, zh: "产品编码", en: "SKU", key: true, aliases: A.sku),
            Field(
                "name", .text, zh: "产品名称", en: "Product name", required: true, key: true,
                aliases: A.productName),
            Field("product_line", .text, zh: "产品线", en: "Product line", aliases: A.productLine),
            Field("tier", .enumeration(Codes.productTier), zh: "档次", en: "Tier", aliases: A.productTier),
            Field("list_price", .money, zh: "标价", en: "List price", aliases: A.listPrice),
            Field("unit_cost", .money, zh: "单位成本", en: "Unit cost", aliases: A.unitCost),
        ],
        .orders: [
            Field("order_no", .text, zh: "订单号", en: "Order no.", required: true, key: true, aliases: A.orderNo),
            Field("order_date", .date, zh: "订单日期", en: "Order date", required: true, aliases: A.orderDate),
            Field(
                "customer", .text, zh: "客户", en: "Customer", required: true, alternatives: ["customer_code"],
                aliases: A.customer),
            Field("customer_code", .text, zh: "客户编号", en: "Customer code", aliases: A.customerCode),
            Field("rep", .text, zh: "销售代表", en: "Sales rep", aliases: A.rep),
            Field("product", .text, zh: "产品", en: "Product", key: true, aliases: A.product),
            Field("sku", .text, zh: "产品编码", en: "SKU", aliases: A.sku),
            Field("quantity", .decimal, zh: "数量", en: "Quantity", aliases: A.quantity),
            Field("unit_price", .money, zh: "单价", en: "Unit price", aliases: A.unitPrice),
            Field("amount", .money, zh: "金额", en: "Amount", required: true, aliases: A.orderAmount),
            Field("discount", .money, zh: "折扣金额", en: "Discount", aliases: A.discount),
            Field("channel", .enumeration(Codes.channel), zh: "渠道", en: "Channel", aliases: A.channel),
            Field("status", .enumeration(Codes.orderStatus), zh: "状态", en: "Status", aliases: A.orderStatus),
            Field("region", .text, zh: "区域", en: "Region", aliases: A.region),
            Field("product_line", .text, zh: "产品线", en: "Product line", aliases: A.productLine),
        ],
        .targets: [
            Field("scope", .enumeration(Codes.scope), zh: "范围", en: "Scope", key: true, aliases: A.targetScope),
            Field("scope_key", .text, zh: "对象", en: "Scope key", key: true, aliases: A.targetScopeKey),
            Field("period", .period, zh: "期间", en: "Period", required: true, key: true, aliases: A.period),
            Field("amount", .money, zh: "目标金额", en: "Target amount", required: true, aliases: A.targetAmount),
        ],
        .opportunities: [
            Field(
                "code", .text, zh: "商机编号", en: "Opportunity code", required: true, key: true,
                aliases: A.opportunityCode),
            Field("name", .text, zh: "商机名称", en: "Opportunity name", aliases: A.opportunityName),
            Field(
                "customer", .text, zh: "客户", en: "Customer", required: true, alternatives: ["customer_code"],
                aliases: A.customer),
            Field("customer_code", .text, zh: "客户编号", en: "Customer code", aliases: A.customerCode),
            Field("rep", .text, zh: "销售代表", en: "Sales rep", aliases: A.rep),
            Field("stage", .enumeration(Codes.stage), zh: "阶段", en: "Stage", required: true, aliases: A.stage),
            Field("created_on", .date, zh: "创建日期", en: "Created on", aliases: A.createdOn),
            Field("closed_on", .date, zh: "关闭日期", en: "Closed on", aliases: A.closedOn),
            Field("expected_amount", .money, zh: "预计金额", en: "Expected amount", aliases: A.expectedAmount),
            Field("source", .text, zh: "来源", en: "Source", aliases: A.source),
            Field("lost_reason", .text, zh: "输单原因", en: "Lost reason", aliases: A.lostReason),
        ],
        .receivables: [
            Field(
                "invoice_no", .text, zh: "发票号", en: "Invoice no.", required: true, key: true,
                aliases: A.invoiceNo),
            Field("order_no", .text, zh: "订单号", en: "Order no.", aliases: A.orderNo),
            Field(
                "customer", .text, zh: "客户", en: "Customer", required: true, alternatives: ["customer_code"],
                aliases: A.customer),
            Field("customer_code", .text, zh: "客户编号", en: "Customer code", aliases: A.customerCode),
            Field("invoiced_on", .date, zh: "开票日期", en: "Invoiced on", aliases: A.invoicedOn),
            Field("due_on", .date, zh: "到期日", en: "Due on", aliases: A.dueOn),
            Field("amount", .money, zh: "应收金额", en: "Amount due", required: true, aliases: A.receivableAmount),
            Field("paid_on", .date, zh: "回款日期", en: "Paid on", aliases: A.paidOn),
            Field("paid_amount", .money, zh: "回款金额", en: "Paid amount", aliases: A.paidAmount),
        ],
        .expenses: [
            Field(
                "expense_no", .text, zh: "报销单号", en: "Expense no.", required: true, key: true,
                aliases: A.expenseNo),
            Field("submitted_by", .text, zh: "报销人", en: "Submitted by", required: true, aliases: A.submittedBy),
            Field("spent_on", .date, zh: "费用日期", en: "Spent on", required: true, aliases: A.spentOn),
            Field(
                "category", .enumeration(Codes.expenseCategory), zh: "费用类别", en: "Category", required: true,
                aliases: A.expenseCategory),
            Field("amount", .money, zh: "金额", en: "Amount", required: true, aliases: A.expenseAmount),
            Field("description", .text, zh: "说明", en: "Description", aliases: A.expenseDescription),
            Field("region", .text, zh: "区域", en: "Region", aliases: A.region),
            Field("customer", .text, zh: "客户", en: "Customer", aliases: A.customer),
            Field("campaign", .text, zh: "市场活动", en: "Campaign", aliases: A.campaign),
            Field("payee", .text, zh: "收款人", en: "Payee", aliases: A.payee),
            Field("status", .enumeration(Codes.expenseStatus), zh: "状态", en: "Status", aliases: A.expenseStatus),
            Field("invoice_no", .text, zh: "发票号", en: "Invoice no.", aliases: A.expenseInvoiceNo),
        ],
        .contracts: [
            Field(
                "contract_no", .text, zh: "合同编号", en: "Contract no.", required: true, key: true,
                aliases: A.contractNo),
            Field("submitted_by", .text, zh: "提交人", en: "Submitted by", required: true, aliases: A.documentOwner),
            Field("signed_on", .date, zh: "签订日期", en: "Signed on", required: true, aliases: A.signedOn),
            Field(
                "customer", .text, zh: "客户", en: "Customer", required: true, alternatives: ["customer_code"],
                aliases: A.customer),
            Field("customer_code", .text, zh: "客户编号", en: "Customer code", aliases: A.customerCode),
            Field("amount", .money, zh: "合同金额", en: "Contract amount", required: true, aliases: A.contractAmount),
            Field(
                "list_amount", .money, zh: "标准价金额", en: "Amount at list price", required: true,
                aliases: A.listAmount),
            Field("term_months", .integer, zh: "合同期限（月）", en: "Term (months)", required: true, aliases: A.termMonths),
            Field("payment_terms", .text, zh: "付款条件", en: "Payment terms", aliases: A.paymentTerms),
            Field("non_standard", .boolean, zh: "非标准条款", en: "Non-standard terms", aliases: A.nonStandard),
            Field("description", .text, zh: "说明", en: "Description", aliases: A.documentDescription),
            Field("status", .enumeration(Codes.expenseStatus), zh: "状态", en: "Status", aliases: A.expenseStatus),
        ],
        .priceExceptions: [
            Field(
                "request_no", .text, zh: "特价申请编号", en: "Request no.", required: true, key: true,
                aliases: A.priceRequestNo),
            Field("submitted_by", .text, zh: "申请人", en: "Requested by", required: true, aliases: A.documentOwner),
            Field("requested_on", .date, zh: "申请日期", en: "Requested on", required: true, aliases: A.requestedOn),
            Field(
                "customer", .text, zh: "客户", en: "Customer", required: true, alternatives: ["customer_code"],
                aliases: A.customer),
            Field("customer_code", .text, zh: "客户编号", en: "Customer code", aliases: A.customerCode),
            Field(
                "product", .text, zh: "产品", en: "Product", required: true, alternatives: ["sku"], aliases: A.product),
            Field("sku", .text, zh: "产品编码", en: "SKU", aliases: A.sku),
            Field("list_price", .money, zh: "目录价", en: "List price", required: true, aliases: A.listPrice),
            Field(
                "requested_price", .money, zh: "申请价", en: "Requested price", required: true,
                aliases: A.requestedPrice),
            Field("quantity", .integer, zh: "数量", en: "Quantity", required: true, aliases: A.quantity),
            Field("amount", .money, zh: "金额", en: "Amount", aliases: A.priceAmount),
            Field("description", .text, zh: "说明", en: "Description", aliases: A.documentDescription),
            Field("status", .enumeration(Codes.expenseStatus), zh: "状态", en: "Status", aliases: A.expenseStatus),
        ],
        .budgets: [
            Field("scope", .enumeration(Codes.scope), zh: "范围", en: "Scope", key: true, aliases: A.budgetScope),
            Field("scope_key", .text, zh: "对象", en: "Scope key", key: true, aliases: A.budgetScopeKey),
            Field(
                "category", .enumeration(Codes.expenseCategory), zh: "费用类别", en: "Category", required: true,
                key: true, aliases: A.budgetCategory),
            Field("period", .period, zh: "期间", en: "Period", required: true, key: true, aliases: A.period),
            Field("amount", .money, zh: "预算金额", en: "Budget amount", required: true, aliases: A.budgetAmount),
            Field(
                "control", .enumeration(Codes.budgetControl), zh: "控制方式", en: "Control",
                aliases: A.budgetControl),
        ],
        .feedback: [
            Field("code", .text, zh: "反馈编号", en: "Feedback code", key: true, aliases: A.feedbackCode),
            Field(
                "customer", .text, zh: "客户", en: "Customer", required: true, key: true,
                alternatives: ["customer_code"], aliases: A.customer),
            Field("customer_code", .text, zh: "客户编号", en: "Customer code", aliases: A.customerCode),
            Field("date", .date, zh: "日期", en: "Date", required: true, key: true, aliases: A.feedbackDate),
            Field(
                "kind", .enumeration(Codes.feedbackKind), zh: "类型", en: "Kind", key: true,
                aliases: A.feedbackKind),
            Field("quality_score", .score1to5, zh: "质量评分", en: "Quality score", aliases: A.qualityScore),
            Field("delivery_score", .score1to5, zh: "交付评分", en: "Delivery score", aliases: A.deliveryScore),
            Field("service_score", .score1to5, zh: "服务评分", en: "Service score", aliases: A.serviceScore),
            Field(
                "status", .enumeration(Codes.complaintStatus), zh: "处理状态", en: "Status",
                aliases: A.complaintStatus),
            Field("resolved_on", .date, zh: "解决日期", en: "Resolved on", aliases: A.resolvedOn),
            Field("description", .text, zh: "反馈内容", en: "Description", aliases: A.feedbackDescription),
        ],
    ]
}
