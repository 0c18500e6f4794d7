/// Header and sheet-name aliases, as Chinese and English sales departments actually label them.
///
/// Each list holds Simplified Chinese, then Traditional Chinese, then English spellings; the more
/// specific spellings come first, because when two columns of one sheet mean the same field the one
/// whose alias comes earlier wins. Aliases are compared after `normalizeHeader`, so case, spaces,
/// underscores, full-width forms and safe unit annotations (`金额(元)`) need not be listed.
/// Traditional Chinese is covered by listing both spellings, not by converting.
///
/// Rules the tests enforce: within one entity no alias means two fields, and no sheet-name alias
/// names two entities. Deliberately absent: tax-qualified amounts (含税金额, 不含税金额), rates
/// (折扣率, `折扣(%)`) and generic 金额 for targets and budgets; such columns stay unmapped until
/// the mapping file says what they are.
public enum HeaderAliases {
    // MARK: - Shared references

    /// A customer referenced by name (orders, opportunities, receivables, feedback, expenses).
    public static let customer = [
        "客户名称", "客户", "客户名", "客户全称", "客户简称", "购买方", "购货单位",
        "客戶名稱", "客戶", "客戶名", "客戶全稱", "客戶簡稱", "購買方",
        "Customer Name", "Customer", "Client", "Client Name", "Buyer",
    ]

    /// A customer referenced by code.
    public static let customerCode = [
        "客户编号", "客户编码", "客户代码", "客户ID", "客户号",
        "客戶編號", "客戶編碼", "客戶代碼", "客戶ID", "客戶號",
        "Customer ID", "Customer Code", "Customer No", "Customer Number", "Client ID", "Client Code",
    ]

    /// A sales rep referenced by login or name.
    public static let rep = [
        "销售代表", "业务员", "销售员", "负责人", "销售人员", "业务代表", "销售顾问", "客户经理",
        "所属销售", "负责销售", "跟单员", "经办人",
        "銷售代表", "業務員", "銷售員", "負責人", "銷售人員", "業務代表", "銷售顧問", "客戶經理",
        "所屬銷售", "負責銷售", "經辦人",
        "Sales Rep", "Salesperson", "Sales Person", "Sales Representative", "Rep", "Account Manager",
        "Owner", "Seller",
    ]

    /// A region referenced by name.
    public static let region = [
        "区域", "销售区域", "所属区域", "大区", "地区", "片区", "区域名称",
        "區域", "銷售區域", "所屬區域", "大區", "地區", "片區", "區域名稱",
        "Region", "Sales Region", "Area", "Territory",
    ]

    /// A sales channel (电商 / 社群 / 线下 / 直销 …).
    public static let channel = [
        "渠道", "销售渠道", "渠道类型", "通路", "销售通路", "成交渠道", "渠道名称",
        "銷售渠道", "渠道類型", "銷售通路", "渠道名稱",
        "Channel", "Sales Channel", "Channel Type",
    ]

    /// A product referenced by name.
    public static let product = [
        "产品名称", "产品", "产品名", "商品名称", "商品", "品名", "货品名称", "存货名称", "物料名称",
        "產品名稱", "產品", "產品名", "商品名稱", "貨品名稱", "存貨名稱", "物料名稱",
        "Product Name", "Product", "Item Name", "Item",
    ]

    /// A product referenced by SKU or code.
    public static let sku = [
        "SKU", "产品编码", "产品编号", "产品代码", "商品编码", "商品编号", "货号", "货品编码", "存货编码",
        "物料编码", "料号",
        "產品編碼", "產品編號", "產品代碼", "商品編碼", "商品編號", "貨號", "貨品編碼", "存貨編碼", "物料編碼", "料號",
        "Product Code", "Product ID", "Item Code", "Item No", "Item Number", "Part No", "Part Number",
    ]

    /// A product line or category (产品线).
    public static let productLine = [
        "产品线", "产品系列", "系列", "品类", "产品类别", "产品分类", "商品类别", "商品分类",
        "產品線", "產品系列", "品類", "產品類別", "產品分類", "商品類別", "商品分類",
        "Product Line", "Product Category", "Product Family", "Category", "Series",
    ]

    /// An order number, as an order's own key.
    public static let orderNo = [
        "订单号", "订单编号", "订单号码", "订单ID", "销售单号", "销售订单号", "单号", "单据编号", "单据号",
        "訂單號", "訂單編號", "訂單號碼", "訂單ID", "銷售單號", "銷售訂單號", "單號", "單據編號", "單據號",
        "Order No", "Order Number", "Order ID", "order_id", "OrderID", "Order #", "SO No", "SO Number",
        "Sales Order",
    ]

    /// An order number referenced from a receivable (no bare 单号, which could be the invoice's).
    public static let orderNoReference = [
        "订单号", "订单编号", "订单号码", "订单ID", "关联订单", "关联订单号", "销售单号", "销售订单号",
        "訂單號", "訂單編號", "訂單號碼", "訂單ID", "關聯訂單", "關聯訂單號", "銷售單號",
        "Order No", "Order Number", "Order ID", "order_id", "OrderID", "Order #", "SO No", "Related Order",
    ]

    /// A reporting period (targets, budgets).
    public static let period = [
        "期间", "考核期间", "预算期间", "周期", "月份", "季度", "年度", "年份", "时间",
        "期間", "考核期間", "預算期間", "週期", "時間",
        "Period", "Fiscal Period", "Month", "Quarter", "Year",
    ]

    // MARK: - Scope keys (targets, budgets)

    /// Headers that name a rep as a target's or budget's scope key.
    public static let repScopeHeaders = [
        "销售代表", "业务员", "销售员", "销售人员", "銷售代表", "業務員", "銷售員", "銷售人員",
        "Sales Rep", "Salesperson", "Rep",
    ]

    /// Headers that name a team as the scope key.
    public static let teamScopeHeaders = ["团队", "小组", "部门", "團隊", "小組", "部門", "Team", "Department", "Dept"]

    /// Headers that name a region as the scope key.
    public static let regionScopeHeaders = ["区域", "大区", "地区", "區域", "大區", "地區", "Region", "Area"]

    /// Headers that name the company as the scope key.
    public static let companyScopeHeaders = ["公司", "Company"]

    // MARK: - Regions

    /// A region's name, on the regions sheet.
    public static let regionName = [
        "区域名称", "区域", "大区", "地区", "片区", "名称",
        "區域名稱", "區域", "大區", "地區", "片區", "名稱",
        "Region Name", "Region", "Area", "Territory", "Name",
    ]

    // MARK: - People

    /// A person's login (the operating-system account).
    public static let login = [
        "登录名", "账号", "帐号", "工号", "用户名", "系统账号", "员工编号", "员工号", "员工ID", "用户ID",
        "登錄名", "登入帳號", "帳號", "賬號", "工號", "用戶名", "系統帳號", "員工編號", "員工號", "員工ID", "用戶ID",
        "Login", "Username", "User Name", "User ID", "Account", "Employee ID", "Employee No", "Staff ID",
    ]

    /// A person's display name.
    public static let personName = [
        "姓名", "名字", "员工姓名", "人员姓名", "销售姓名", "員工姓名", "人員姓名", "銷售姓名",
        "Name", "Full Name", "Employee Name", "Staff Name", "Display Name",
    ]

    /// A person's role (销售代表 / 经理 / 财务 …).
    public static let role = [
        "角色", "岗位", "职位", "职务", "身份", "崗位", "職位", "職務",
        "Role", "Position", "Job Title", "Title",
    ]

    /// A person's team.
    public static let team = [
        "团队", "所属团队", "销售团队", "小组", "组别", "部门", "所属部门",
        "團隊", "所屬團隊", "銷售團隊", "小組", "組別", "部門", "所屬部門",
        "Team", "Sales Team", "Group", "Department", "Dept",
    ]

    /// A person's manager.
    public static let reportsTo = [
        "直属上级", "上级", "汇报对象", "直属主管", "上级主管", "主管", "经理",
        "直屬上級", "上級", "匯報對象", "直屬主管", "上級主管", "經理",
        "Reports To", "Manager", "Line Manager", "Supervisor",
    ]

    /// The largest claim a person may approve.
    public static let approvalLimit = [
        "审批额度", "审批权限", "审批限额", "审批上限", "审批金额上限", "审批金额",
        "審批額度", "審批權限", "審批限額", "審批上限", "核准額度", "簽核額度",
        "Approval Limit", "Approval Authority", "Signing Limit",
    ]

    /// The day a person joined.
    public static let hiredOn = [
        "入职日期", "入职时间", "入司日期", "入職日期", "入職時間", "到職日", "到職日期",
        "Hire Date", "Hired On", "Start Date", "Joined On", "Date Joined",
    ]

    /// Whether a person is still employed.
    public static let active = [
        "在职", "是否在职", "在职状态", "状态", "有效", "启用", "是否启用",
        "在職", "是否在職", "在職狀態", "狀態", "啟用",
        "Active", "Is Active", "Status", "Enabled",
    ]

    // MARK: - Customers

    /// A customer's own code, on the customers sheet (bare 编号 is safe there).
    public static let customerOwnCode = customerCode + ["编号", "编码", "代码", "編號", "編碼", "代碼", "Code", "ID"]

    /// A customer's own name, on the customers sheet.
    public static let customerName =
        customer + [
            "名称", "公司名称", "企业名称", "单位名称", "名稱", "公司名稱", "企業名稱", "單位名稱",
            "Name", "Company", "Company Name", "Account Name",
        ]

    /// A customer's industry.
    public static let industry = [
        "行业", "所属行业", "行业类别", "行业分类", "客户行业", "行業", "所屬行業", "行業類別", "行業分類",
        "Industry", "Sector", "Vertical",
    ]

    /// The rep who owns a customer.
    public static let owner = rep + ["跟进人", "客户负责人", "跟進人", "客戶負責人", "Account Owner"]

    /// A customer's first order date.
    public static let firstOrderOn = [
        "首单日期", "首次下单日期", "首次成交日期", "首次购买日期", "首购日期",
        "首單日期", "首次下單日期", "首次購買日期", "首購日期",
        "First Order Date", "First Order On", "First Purchase Date", "Customer Since",
    ]

    // MARK: - Products

    /// A product's own name, on the products sheet.
    public static let productName = product + ["名称", "名稱", "Name"]

    /// A product's price tier (高端 / 中端 / 低端).
    public static let productTier = [
        "档次", "产品档次", "定位", "产品定位", "档位", "等级", "产品等级",
        "檔次", "產品檔次", "產品定位", "檔位", "等級", "產品等級",
        "Tier", "Price Tier", "Grade", "Positioning",
    ]

    /// A product's list price.
    public static let listPrice = [
        "标价", "目录价", "定价", "零售价", "建议零售价", "指导价", "标准价", "牌价", "价格", "单价",
        "標價", "目錄價", "定價", "零售價", "建議零售價", "指導價", "標準價", "牌價", "價格", "單價",
        "List Price", "Standard Price", "Retail Price", "MSRP", "Price", "Unit Price",
    ]

    /// A product's unit cost.
    public static let unitCost = [
        "单位成本", "成本", "成本价", "进价", "采购价", "进货价",
        "單位成本", "成本價", "進價", "採購價", "進貨價",
        "Unit Cost", "Cost", "Cost Price", "Purchase Price",
    ]

    // MARK: - Orders

    /// The date of an order.
    public static let orderDate = [
        "订单日期", "下单日期", "成交日期", "销售日期", "交易日期", "单据日期", "下单时间", "日期",
        "訂單日期", "下單日期", "銷售日期", "單據日期", "下單時間",
        "Order Date", "Sale Date", "Sales Date", "Transaction Date", "Date",
    ]

    /// The quantity of an order line.
    public static let quantity = [
        "数量", "销售数量", "销量", "订购数量", "订货数量", "出库数量", "件数",
        "數量", "銷售數量", "銷量", "訂購數量", "訂貨數量", "出庫數量", "件數",
        "Quantity", "Qty", "Units", "Units Sold",
    ]

    /// The unit price of an order line.
    public static let unitPrice = [
        "单价", "销售单价", "成交单价", "成交价", "实际单价", "售价",
        "單價", "銷售單價", "成交單價", "成交價", "實際單價", "售價",
        "Unit Price", "Selling Price", "Sale Price", "Price",
    ]

    /// The amount of an order line.
    public static let orderAmount = [
        "金额", "销售额", "销售金额", "成交金额", "订单金额", "总金额", "合计金额", "合计", "总价", "小计",
        "金額", "銷售額", "銷售金額", "成交金額", "訂單金額", "總金額", "合計金額", "合計", "總價", "小計",
        "Amount", "Sales Amount", "Order Amount", "Sales", "Revenue", "Total Amount", "Total", "Line Total",
        "Subtotal",
    ]

    /// The discount granted on an order line, as an amount of money.
    public static let discount = [
        "折扣金额", "优惠金额", "让利金额", "折扣", "优惠", "折让",
        "折扣金額", "優惠金額", "讓利金額", "優惠", "折讓",
        "Discount Amount", "Discount",
    ]

    /// An order line's status (completed / cancelled / returned).
    public static let orderStatus = [
        "订单状态", "状态", "单据状态", "訂單狀態", "狀態", "單據狀態",
        "Order Status", "Status",
    ]

    // MARK: - Targets

    /// What a target applies to (rep / team / region / company).
    public static let targetScope = [
        "范围", "目标范围", "目标层级", "考核层级", "层级", "维度", "目标类型",
        "範圍", "目標範圍", "目標層級", "考核層級", "層級", "維度", "目標類型",
        "Scope", "Target Scope", "Target Level", "Level",
    ]

    /// Who or what a target applies to; a rep, team or region header also implies the scope.
    public static let targetScopeKey =
        [
            "对象", "考核对象", "目标对象", "适用对象", "对象名称", "對象", "考核對象", "目標對象", "適用對象",
            "Scope Key", "Owner",
        ] + repScopeHeaders + teamScopeHeaders + regionScopeHeaders + companyScopeHeaders

    /// A target amount.
    public static let targetAmount = [
        "目标金额", "目标", "目标额", "销售目标", "业绩目标", "目标销售额", "任务额", "任务", "销售任务",
        "指标", "销售指标",
        "目標金額", "目標", "目標額", "銷售目標", "業績目標", "目標銷售額", "任務額", "任務", "銷售任務",
        "指標", "銷售指標",
        "Target Amount", "Target", "Sales Target", "Quota", "Goal",
    ]

    // MARK: - Opportunities

    /// An opportunity's code.
    public static let opportunityCode = [
        "商机编号", "商机号", "商机编码", "商机ID", "机会编号", "机会ID", "编号",
        "商機編號", "商機號", "商機編碼", "商機ID", "機會編號", "機會ID", "編號",
        "Opportunity ID", "Opportunity No", "Opportunity Code", "Opp ID", "Deal ID", "Code", "ID",
    ]

    /// An opportunity's name.
    public static let opportunityName = [
        "商机名称", "商机", "机会名称", "项目名称", "项目",
        "商機名稱", "商機", "機會名稱", "項目名稱", "項目", "專案名稱", "專案",
        "Opportunity Name", "Opportunity", "Deal Name", "Deal", "Project Name", "Project",
    ]

    /// An opportunity's stage (线索 → … → 赢单 / 输单).
    public static let stage = [
        "阶段", "销售阶段", "商机阶段", "商机状态", "状态",
        "階段", "銷售階段", "商機階段", "商機狀態", "狀態",
        "Stage", "Sales Stage", "Deal Stage", "Status",
    ]

    /// When an opportunity was created.
    public static let createdOn = [
        "创建日期", "创建时间", "立项日期", "发现日期", "登记日期", "录入日期",
        "創建日期", "建立日期", "建立時間", "立項日期", "登記日期", "錄入日期",
        "Created On", "Created Date", "Create Date", "Date Created", "Created", "Open Date",
    ]

    /// When an opportunity was won or lost.
    public static let closedOn = [
        "关闭日期", "结束日期", "成交日期", "赢单日期", "结单日期", "关单日期",
        "關閉日期", "結束日期", "贏單日期", "結單日期", "結案日期",
        "Closed On", "Close Date", "Closed Date", "Date Closed",
    ]

    /// The amount an opportunity is expected to bring.
    public static let expectedAmount = [
        "预计金额", "预计成交金额", "预期金额", "预估金额", "商机金额", "预计销售额", "金额",
        "預計金額", "預計成交金額", "預期金額", "預估金額", "商機金額", "金額",
        "Expected Amount", "Opportunity Amount", "Deal Size", "Deal Value", "Estimated Value", "Amount", "Value",
    ]

    /// Where an opportunity came from.
    public static let source = [
        "来源", "商机来源", "线索来源", "客户来源", "來源", "商機來源", "線索來源", "客戶來源",
        "Source", "Lead Source",
    ]

    /// Why an opportunity was lost.
    public static let lostReason = [
        "输单原因", "丢单原因", "失败原因", "流失原因", "输单理由",
        "輸單原因", "丟單原因", "失敗原因", "流失原因", "輸單理由",
        "Lost Reason", "Loss Reason", "Reason Lost", "Reason for Loss",
    ]

    // MARK: - Receivables

    /// An invoice number.
    public static let invoiceNo = [
        "发票号", "发票号码", "发票编号", "应收单号", "开票单号",
        "發票號", "發票號碼", "發票編號", "應收單號", "開票單號",
        "Invoice No", "Invoice Number", "Invoice ID", "Invoice #", "Invoice", "Bill No",
    ]

    /// When an invoice was issued.
    public static let invoicedOn = [
        "开票日期", "发票日期", "应收日期", "记账日期", "开票时间",
        "開票日期", "發票日期", "應收日期", "記帳日期", "開票時間",
        "Invoice Date", "Invoiced On", "Billing Date", "Bill Date",
    ]

    /// When payment is due.
    public static let dueOn = [
        "到期日", "到期日期", "应收到期日", "账期到期日", "约定回款日期", "付款期限", "最迟付款日",
        "應收到期日", "帳期到期日", "約定回款日期", "最遲付款日",
        "Due Date", "Due On", "Payment Due",
    ]

    /// The amount invoiced.
    public static let receivableAmount = [
        "应收金额", "开票金额", "发票金额", "应收款", "金额",
        "應收金額", "開票金額", "發票金額", "應收款", "金額",
        "Amount Due", "Invoice Amount", "Receivable Amount", "Billed Amount", "Receivable", "Amount",
    ]

    /// When payment arrived.
    public static let paidOn = [
        "回款日期", "收款日期", "到账日期", "实收日期", "付款日期", "回款时间", "回款日",
        "到帳日期", "實收日期", "回款時間",
        "Paid On", "Paid Date", "Payment Date", "Received Date", "Date Paid", "Collection Date",
    ]

    /// The amount paid.
    public static let paidAmount = [
        "回款金额", "已回款金额", "已回款", "实收金额", "收款金额", "已收金额", "到账金额", "回款额", "回款",
        "回款金額", "已回款金額", "實收金額", "收款金額", "已收金額", "到帳金額", "回款額",
        "Paid Amount", "Amount Paid", "Received Amount", "Amount Received", "Payment Amount",
        "Collected Amount", "Collected",
    ]

    // MARK: - Expenses

    /// An expense claim's number.
    public static let expenseNo = [
        "报销单号", "报销编号", "费用单号", "费用编号", "报销单", "单号", "单据编号", "单据号",
        "報銷單號", "報銷編號", "費用單號", "費用編號", "報銷單", "單號", "單據編號", "單據號",
        "Expense No", "Expense ID", "Claim No", "Claim ID", "Claim Number", "Voucher No",
    ]

    /// Who submitted a claim.
    public static let submittedBy = [
        "报销人", "申请人", "提交人", "报销人员", "经办人", "员工", "员工姓名",
        "報銷人", "申請人", "提交人", "報銷人員", "經辦人", "員工", "員工姓名",
        "Submitted By", "Submitter", "Claimant", "Requester", "Applicant", "Employee",
    ]

    /// When the money was spent.
    public static let spentOn = [
        "费用日期", "发生日期", "费用发生日期", "消费日期", "支出日期", "日期",
        "費用日期", "發生日期", "費用發生日期", "消費日期", "支出日期",
        "Expense Date", "Spent On", "Spend Date", "Incurred On", "Transaction Date", "Date",
    ]

    /// An expense category (广告 / 差旅 / 招待 / 培训 / 市场活动 / 其他).
    public static let expenseCategory = [
        "费用类别", "费用类型", "报销类别", "费用科目", "费用项目", "科目", "类别", "类型",
        "費用類別", "費用類型", "報銷類別", "費用科目", "費用項目", "類別", "類型",
        "Expense Category", "Expense Type", "Category", "Type",
    ]

    /// The amount claimed.
    public static let expenseAmount = [
        "报销金额", "费用金额", "申请金额", "发生金额", "支出金额", "金额",
        "報銷金額", "費用金額", "申請金額", "發生金額", "支出金額", "金額",
        "Expense Amount", "Claim Amount", "Claimed Amount", "Amount",
    ]

    /// What the money was for.
    public static let expenseDescription = [
        "费用说明", "报销事由", "事由", "说明", "用途", "摘要", "描述", "备注",
        "費用說明", "報銷事由", "說明", "備註",
        "Description", "Purpose", "Details", "Notes", "Note", "Memo", "Remarks", "Remark",
    ]

    /// The campaign an expense serves.
    public static let campaign = [
        "市场活动", "营销活动", "推广活动", "活动名称", "活动",
        "市場活動", "營銷活動", "行銷活動", "推廣活動", "活動名稱", "活動",
        "Campaign", "Campaign Name", "Marketing Campaign", "Event", "Program",
    ]

    /// Who receives the money.
    public static let payee = [
        "收款人", "收款方", "收款单位", "领款人", "受款人", "收款單位", "領款人",
        "Payee", "Pay To", "Beneficiary",
    ]

    /// The invoice number (发票号) of an expense claim's receipt; `sales-approve` flags one that two claims carry.
    public static let expenseInvoiceNo = [
        "发票号", "发票号码", "发票编号", "發票號", "發票號碼", "發票編號",
        "Invoice No", "Invoice Number", "Invoice #", "Invoice",
    ]

    /// A claim's status.
    public static let expenseStatus = [
        "审批状态", "报销状态", "审核状态", "单据状态", "状态",
        "審批狀態", "報銷狀態", "審核狀態", "單據狀態", "狀態",
        "Approval Status", "Claim Status", "Status",
    ]

    // MARK: - Contracts and price exceptions

    /// A contract's number.
    public static let contractNo = [
        "合同编号", "合同号", "合同编码", "合同单号",
        "合同編號", "合同編碼", "合同單號",
        "Contract No", "Contract Number", "Contract ID", "Contract Code",
    ]

    /// Who files a contract or price exception (the rep who owns the deal).
    public static let documentOwner = [
        "提交人", "申请人", "签约人", "经办人", "销售代表", "业务员", "负责人",
        "申請人", "簽約人", "經辦人", "銷售代表", "業務員", "負責人",
        "Submitted By", "Submitter", "Requested By", "Requester", "Owner", "Sales Rep",
    ]

    /// The day a contract was signed.
    public static let signedOn = [
        "签订日期", "签约日期", "合同日期", "签署日期",
        "簽訂日期", "簽約日期", "簽署日期",
        "Signed On", "Signing Date", "Contract Date", "Date Signed",
    ]

    /// A contract's value.
    public static let contractAmount = [
        "合同金额", "合同总额", "签约金额", "合同额",
        "合同金額", "合同總額", "簽約金額",
        "Contract Amount", "Contract Value", "Amount",
    ]

    /// A contract's value at list prices.
    public static let listAmount = [
        "标准价金额", "标准价总额", "目录价金额", "目录价总额", "原价金额",
        "標準價金額", "標準價總額", "目錄價金額", "目錄價總額", "原價金額",
        "List Amount", "Amount at List Price", "List Value",
    ]

    /// A contract's term in months.
    public static let termMonths = [
        "合同期限（月）", "合同期限(月)", "期限（月）", "期限(月)", "合同期限", "期限", "合同月数",
        "合約期限", "合約月數",
        "Term (Months)", "Term Months", "Term", "Contract Term",
    ]

    /// A contract's payment terms.
    public static let paymentTerms = [
        "付款条件", "付款方式", "付款条款", "结算方式",
        "付款條件", "付款條款", "結算方式",
        "Payment Terms", "Terms of Payment", "Payment Conditions",
    ]

    /// Whether a contract departs from the standard terms.
    public static let nonStandard = [
        "非标准条款", "非标条款", "非标", "是否非标",
        "非標準條款", "非標條款", "非標", "是否非標",
        "Non-Standard Terms", "Non-Standard", "Nonstandard Terms",
    ]

    /// What a contract or price exception is for.
    public static let documentDescription = [
        "说明", "事由", "备注", "摘要", "描述",
        "說明", "備註",
        "Description", "Notes", "Note", "Remarks", "Purpose",
    ]

    /// A price exception's number.
    public static let priceRequestNo = [
        "特价申请编号", "特价单号", "特价编号", "申请编号", "申请单号",
        "特價申請編號", "特價單號", "特價編號", "申請編號", "申請單號",
        "Request No", "Request Number", "Price Exception No", "Exception No",
    ]

    /// The day a price exception was asked for.
    public static let requestedOn = [
        "申请日期", "申请时间", "提交日期",
        "申請日期", "申請時間",
        "Requested On", "Request Date", "Date Requested",
    ]

    /// The unit price a price exception asks for.
    public static let requestedPrice = [
        "申请价", "申请单价", "特价", "特价单价", "申请价格",
        "申請價", "申請單價", "特價", "特價單價", "申請價格",
        "Requested Price", "Special Price", "Exception Price", "Price Requested",
    ]

    /// A price exception's amount (requested price × quantity).
    public static let priceAmount = [
        "金额", "申请金额", "总金额",
        "金額", "申請金額", "總金額",
        "Amount", "Total",
    ]

    // MARK: - Budgets

    /// What a budget applies to (rep / team / region / company).
    public static let budgetScope = [
        "范围", "预算范围", "预算层级", "层级", "维度",
        "範圍", "預算範圍", "預算層級", "層級", "維度",
        "Scope", "Budget Scope", "Budget Level", "Level",
    ]

    /// Who or what a budget applies to; a rep, team or region header also implies the scope.
    public static let budgetScopeKey =
        [
            "对象", "预算对象", "预算归属", "归属", "對象", "預算對象", "預算歸屬", "歸屬",
            "Scope Key", "Owner", "Budget Owner",
        ] + repScopeHeaders + teamScopeHeaders + regionScopeHeaders + companyScopeHeaders

    /// A budget's expense category.
    public static let budgetCategory = [
        "费用类别", "预算科目", "费用科目", "费用类型", "费用项目", "科目", "类别",
        "費用類別", "預算科目", "費用科目", "費用類型", "費用項目", "類別",
        "Expense Category", "Budget Category", "Expense Type", "Category",
    ]

    /// A budget amount.
    public static let budgetAmount = [
        "预算金额", "预算", "预算额", "预算数", "預算金額", "預算", "預算額", "預算數",
        "Budget Amount", "Budget",
    ]

    /// How a budget is enforced (stop / warn / ignore).
    public static let budgetControl = [
        "控制方式", "管控方式", "超支控制", "超支处理", "控制类型", "控制",
        "超支處理", "控制類型",
        "Control", "Control Mode", "Overrun Control", "Enforcement",
    ]

    // MARK: - Feedback

    /// A feedback record's code (ticket, case or survey number).
    public static let feedbackCode = [
        "反馈编号", "投诉编号", "工单号", "问卷编号", "编号", "单号",
        "反饋編號", "回饋編號", "投訴編號", "工單號", "問卷編號", "編號", "單號",
        "Feedback ID", "Feedback No", "Ticket No", "Ticket ID", "Case No", "Case ID", "Survey ID",
        "Complaint ID", "Code", "ID",
    ]

    /// When the feedback was given.
    public static let feedbackDate = [
        "反馈日期", "投诉日期", "调查日期", "回访日期", "受理日期", "提交日期", "登记日期", "日期",
        "反饋日期", "回饋日期", "投訴日期", "調查日期", "回訪日期", "登記日期",
        "Feedback Date", "Survey Date", "Complaint Date", "Reported On", "Received On", "Date",
    ]

    /// Survey or complaint.
    public static let feedbackKind = [
        "反馈类型", "反馈类别", "类型", "类别", "反饋類型", "反饋類別", "回饋類型", "類型", "類別",
        "Feedback Type", "Kind", "Type", "Category",
    ]

    /// Product quality score, 1–5.
    public static let qualityScore = [
        "质量评分", "质量满意度", "产品质量", "质量", "品质评分", "品质",
        "質量評分", "質量滿意度", "產品質量", "質量", "品質評分", "品質",
        "Quality Score", "Product Quality", "Quality",
    ]

    /// Delivery score, 1–5.
    public static let deliveryScore = [
        "交付评分", "交付满意度", "交付", "物流评分", "物流", "配送", "发货", "交期",
        "交付評分", "交付滿意度", "物流評分", "發貨", "交貨",
        "Delivery Score", "Delivery", "Logistics", "Shipping",
    ]

    /// Service score, 1–5.
    public static let serviceScore = [
        "服务评分", "服务满意度", "服务", "售后服务", "服务态度",
        "服務評分", "服務滿意度", "服務", "售後服務", "服務態度",
        "Service Score", "Service", "Customer Service", "After-sales Service",
    ]

    /// A complaint's status (open → resolved → closed).
    public static let complaintStatus = [
        "处理状态", "投诉状态", "处理进度", "状态", "进度",
        "處理狀態", "投訴狀態", "處理進度", "狀態", "進度",
        "Complaint Status", "Resolution Status", "Status",
    ]

    /// When a complaint was resolved.
    public static let resolvedOn = [
        "解决日期", "处理完成日期", "结案日期", "完成日期", "关闭日期",
        "解決日期", "處理完成日期", "結案日期", "關閉日期",
        "Resolved On", "Resolved Date", "Resolution Date", "Date Resolved", "Closed On",
    ]

    /// What the customer said.
    public static let feedbackDescription = [
        "反馈内容", "投诉内容", "问题描述", "意见建议", "内容", "意见", "描述", "详情", "备注",
        "反饋內容", "回饋內容", "投訴內容", "問題描述", "意見建議", "內容", "意見", "詳情", "備註",
        "Description", "Comments", "Comment", "Details", "Issue",
    ]

    // MARK: - Sheet names

    /// Sheet names that say which entity a sheet holds. Matched whole, or as the longest contained alias.
    public static let sheetNames: [Entity: [String]] = [
        .orders: [
            "订单", "订单明细", "销售明细", "销售订单", "销售记录", "销售数据", "订单数据", "销售台账", "订单列表",
            "訂單", "訂單明細", "銷售明細", "銷售訂單", "銷售記錄", "銷售數據", "銷售資料",
            "Orders", "Order", "Order Lines", "Order Details", "Sales Orders", "Sales Detail", "Sales",
        ],
        .customers: [
            "客户", "客户名单", "客户信息", "客户资料", "客户档案", "客户列表", "客户清单",
            "客戶", "客戶名單", "客戶資料", "客戶資訊", "客戶檔案", "客戶列表", "客戶清單",
            "Customers", "Customer", "Customer List", "Clients", "Accounts",
        ],
        .products: [
            "产品", "商品", "产品目录", "产品清单", "产品信息", "产品列表", "商品信息", "价格表",
            "產品", "產品目錄", "產品清單", "產品資訊", "商品資訊", "價格表",
            "Products", "Product", "Product List", "Items", "Catalog", "Price List", "SKUs",
        ],
        .people: [
            "人员", "销售人员", "员工", "人员名单", "员工名单", "销售团队", "团队成员", "花名册", "组织架构",
            "人員", "銷售人員", "員工", "人員名單", "員工名單", "銷售團隊", "團隊成員", "組織架構",
            "People", "Staff", "Reps", "Sales Reps", "Employees", "Team Members", "Users", "Sales Team",
        ],
        .regions: [
            "区域", "大区", "区域列表", "地区", "片区", "区域划分",
            "區域", "大區", "地區", "片區", "區域劃分",
            "Regions", "Region", "Territories", "Areas",
        ],
        .targets: [
            "目标", "销售目标", "指标", "销售指标", "业绩目标", "销售任务", "任务分解",
            "目標", "銷售目標", "指標", "銷售指標", "業績目標", "銷售任務",
            "Targets", "Target", "Sales Targets", "Quotas", "Quota", "Goals",
        ],
        .opportunities: [
            "商机", "销售机会", "商机列表", "商机跟进", "销售漏斗", "线索", "机会",
            "商機", "銷售機會", "商機列表", "銷售漏斗", "線索", "機會",
            "Opportunities", "Opportunity", "Pipeline", "Deals", "Leads",
        ],
        .receivables: [
            "回款", "应收", "应收账款", "回款明细", "回款记录", "收款", "收款明细", "开票", "发票",
            "應收", "應收帳款", "應收賬款", "回款明細", "回款記錄", "收款明細", "開票", "發票",
            "Receivables", "Accounts Receivable", "AR", "Collections", "Invoices", "Payments",
        ],
        .expenses: [
            "费用", "费用报销", "报销", "费用明细", "报销明细", "费用支出", "报销单",
            "費用", "費用報銷", "報銷", "費用明細", "報銷明細", "費用支出", "報銷單",
            "Expenses", "Expense", "Expense Claims", "Claims", "Spending",
        ],
        .contracts: [
            "合同", "合同台账", "合同审批", "合同列表", "合同明细", "销售合同",
            "合同臺賬", "合同審批", "合同列表", "合同明細", "銷售合同",
            "Contracts", "Contract", "Sales Contracts",
        ],
        .priceExceptions: [
            "特价申请", "特价", "特价审批", "特价单", "价格例外",
            "特價申請", "特價", "特價審批", "特價單", "價格例外",
            "Price Exceptions", "Price Exception", "Special Prices", "Special Pricing",
        ],
        .budgets: [
            "预算", "费用预算", "预算表", "预算明细", "年度预算",
            "預算", "費用預算", "預算表", "預算明細", "年度預算",
            "Budgets", "Budget", "Expense Budget",
        ],
        .feedback: [
            "客户反馈", "满意度", "投诉", "反馈", "客户满意度", "满意度调查", "客诉", "投诉记录", "回访",
            "客戶反饋", "客戶回饋", "反饋", "回饋", "滿意度", "客戶滿意度", "滿意度調查", "投訴", "客訴", "投訴記錄",
            "回訪",
            "Feedback", "Customer Feedback", "Surveys", "Survey", "Complaints", "Satisfaction",
        ],
    ]
}
