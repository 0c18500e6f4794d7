/// The labels admins type for each enumeration code, in English, Simplified and Traditional Chinese.
///
/// Labels are compared after folding width and case and dropping spaces, `-`, `_`, `.` and `·`
/// (`E-Commerce`, `ｅｃｏｍｍｅｒｃｅ` and `e commerce` all read as `ecommerce`). A label belongs to one code
/// list: `成交` is `completed` for an order's status and `won` for an opportunity's stage.
/// The codes themselves are always accepted.
public enum EnumerationLabels {
    /// One code list of `Codes` with its labels.
    public struct List: Sendable {
        /// The codes, as in `Codes`.
        public let codes: [String]
        /// Labels per code: English synonyms, then Chinese. The first Chinese label is the one error messages show.
        public let labels: [String: [String]]
    }

    /// Every code list of `Codes`.
    public static let lists: [List] = [
        List(
            codes: Codes.channel,
            labels: [
                "ecommerce": [
                    "e-commerce", "online", "web", "电商", "電商", "线上", "線上", "网店", "網店", "网络", "網路",
                    "在线", "在線", "天猫", "淘宝", "京东", "拼多多",
                ],
                "social": [
                    "social commerce", "wechat", "社群", "社交", "社交电商", "社交電商", "微信", "微商", "直播", "抖音",
                    "小红书", "小紅書",
                ],
                "offline": ["retail", "store", "线下", "線下", "门店", "門店", "门市", "門市", "实体店", "實體店"],
                "direct": ["direct sales", "key account", "直销", "直銷", "大客户", "大客戶", "直营", "直營"],
                "distributor": [
                    "distribution", "dealer", "reseller", "agent", "经销", "經銷", "经销商", "經銷商", "分销",
                    "分銷", "代理", "代理商",
                ],
                "other": ["others", "其他", "其它", "其他渠道"],
            ]),
        List(
            codes: Codes.orderStatus,
            labels: [
                "completed": ["complete", "done", "fulfilled", "已完成", "完成", "成交", "已成交"],
                "cancelled": ["canceled", "cancel", "void", "已取消", "取消", "作废", "作廢", "已作废", "已作廢"],
                "returned": ["return", "refunded", "退货", "已退货", "退貨", "已退貨", "退款", "已退款"],
            ]),
        List(
            codes: Codes.role,
            labels: [
                "rep": [
                    "sales rep", "salesperson", "sales", "销售", "銷售", "销售代表", "銷售代表", "业务员", "業務員",
                    "业务", "業務",
                ],
                "manager": [
                    "sales manager", "director", "head", "经理", "經理", "主管", "销售经理", "銷售經理", "总监",
                    "總監", "销售总监", "銷售總監",
                ],
                "finance": ["accountant", "accounting", "财务", "財務", "会计", "會計"],
                "admin": ["administrator", "管理员", "管理員", "行政", "系统管理员", "系統管理員"],
                "analyst": ["data analyst", "分析师", "分析師", "数据分析", "數據分析", "数据分析师", "數據分析師"],
            ]),
        List(
            codes: Codes.productTier,
            labels: [
                "high": ["premium", "high-end", "高端", "高端线", "高端線", "高", "高档", "高檔"],
                "mid": ["middle", "medium", "mid-range", "中端", "中端线", "中端線", "中", "中档", "中檔"],
                "low": ["budget", "entry", "low-end", "低端", "低端线", "低端線", "低", "低档", "低檔"],
            ]),
        List(
            codes: Codes.scope,
            labels: [
                "rep": ["person", "individual", "个人", "個人", "销售代表", "銷售代表", "人员", "人員", "销售", "銷售"],
                "team": ["group", "团队", "團隊", "小组", "小組"],
                "region": ["area", "区域", "區域", "大区", "大區", "地区", "地區"],
                "company": ["total", "all", "公司", "全公司", "整体", "整體"],
            ]),
        List(
            codes: Codes.stage,
            labels: [
                "lead": ["线索", "線索"],
                "qualified": ["已验证", "已驗證", "资格确认", "資格確認", "需求确认", "需求確認"],
                "proposal": ["quote", "quotation", "方案", "报价", "報價", "方案报价", "方案報價"],
                "negotiation": ["negotiating", "谈判", "談判", "商务谈判", "商務談判"],
                "won": ["win", "closed won", "赢单", "贏單", "成交", "签约", "簽約", "已签约", "已簽約"],
                "lost": ["lose", "closed lost", "输单", "輸單", "丢单", "丟單", "失败", "失敗"],
            ]),
        List(
            codes: Codes.expenseCategory,
            labels: [
                "advertising": ["ads", "广告", "廣告", "推广", "推廣", "广告费", "廣告費", "推广费", "推廣費"],
                "travel": ["差旅", "差旅费", "差旅費", "出差", "交通费", "交通費"],
                "entertainment": [
                    "hospitality", "招待", "业务招待", "業務招待", "招待费", "招待費", "业务招待费",
                    "業務招待費",
                ],
                "training": ["培训", "培訓", "培训费", "培訓費"],
                "events": ["event", "市场活动", "市場活動", "活动", "活動", "会展", "會展", "展会", "展會"],
                "other": ["others", "其他", "其它", "杂费", "雜費"],
            ]),
        List(
            codes: Codes.expenseStatus,
            labels: [
                "submitted": ["pending", "已提交", "提交", "待审批", "待審批", "审批中", "審批中", "待审核", "待審核"],
                "approved": ["已批准", "批准", "已审批", "已審批", "通过", "通過", "已通过", "已通過", "已审核", "已審核"],
                "rejected": [
                    "denied", "已驳回", "已駁回", "驳回", "駁回", "拒绝", "拒絕", "已拒绝", "已拒絕", "未通过",
                    "未通過",
                ],
                "paid": ["reimbursed", "已支付", "已报销", "已報銷", "已付款", "已付"],
            ]),
        List(
            codes: Codes.budgetControl,
            labels: [
                "stop": ["hard", "block", "禁止超支", "硬控", "硬控制", "刚性", "剛性", "刚性控制", "剛性控制", "硬性控制", "严格控制"],
                "warn": ["warning", "soft", "预警", "預警", "提醒", "警告", "软控", "軟控"],
                "ignore": ["none", "不控制", "忽略", "不控"],
            ]),
        List(
            codes: Codes.feedbackKind,
            labels: [
                "survey": [
                    "questionnaire", "调查", "調查", "问卷", "問卷", "满意度调查", "滿意度調查", "调研", "調研", "回访",
                    "回訪",
                ],
                "complaint": ["投诉", "投訴", "客诉", "客訴"],
            ]),
        List(
            codes: Codes.complaintStatus,
            labels: [
                "open": ["pending", "in progress", "待处理", "待處理", "未处理", "未處理", "处理中", "處理中"],
                "resolved": ["已解决", "已解決", "解决", "解決", "已处理", "已處理"],
                "closed": ["已关闭", "已關閉", "关闭", "關閉", "已结案", "已結案", "结案", "結案"],
            ]),
    ]

    /// One meaning of a label: the list it is in and the code it names.
    struct Entry: Sendable {
        let list: Int
        let code: String
    }

    /// Folded label (codes included) → its meanings, over every list.
    static let index: [LabelKey: [Entry]] = {
        var index: [LabelKey: [Entry]] = [:]
        for (k, list) in lists.enumerated() {
            for code in list.codes {
                for label in [code] + (list.labels[code] ?? []) {
                    guard let key = labelKey(label) else { preconditionFailure("label too long: \(label)") }
                    if index[key, default: []].contains(where: { $0.list == k }) { continue }
                    index[key, default: []].append(Entry(list: k, code: code))
                }
            }
        }
        return index
    }()

    /// Whether a scalar is dropped when labels are compared.
    @inline(__always)
    static func isSeparator(_ s: UInt32) -> Bool {
        s == Ch.space || s == Ch.minus || s == Ch.underscore || s == Ch.dot || s == 0xB7 || s == 0x30FB
    }

    /// A label in the form labels are compared in.
    public static func normalize(_ label: String) -> String {
        FoldedText.with(label) { $0.key(dropping: isSeparator) } ?? label.lowercased()
    }

    /// A label's lookup key, or nil when it is too long to be a label.
    static func labelKey(_ label: String) -> LabelKey? {
        FoldedText.with(label) { $0.labelKey(dropping: isSeparator) } ?? nil
    }

    /// The code of `codes` that a folded label names, or nil.
    static func code(forKey key: LabelKey, in codes: [String]) -> String? {
        guard let entries = index[key] else {
            return codes.first { labelKey($0) == key }
        }
        // The list the field uses (the same array, so comparing is cheap); for a list `Codes` does not have,
        // the labels of any list sharing the code.
        for entry in entries where lists[entry.list].codes == codes { return entry.code }
        if !lists.contains(where: { $0.codes == codes }) {
            for entry in entries where codes.contains(entry.code) { return entry.code }
        }
        return codes.first { labelKey($0) == key }
    }

    /// The code of `codes` that `label` names, or nil.
    public static func code(for label: String, in codes: [String]) -> String? {
        labelKey(label).flatMap { code(forKey: $0, in: codes) }
    }

    /// The label error messages show for a code: its first Chinese label in the list that holds `codes`.
    public static func displayLabel(of code: String, in codes: [String]) -> String? {
        let list = lists.first { $0.codes == codes } ?? lists.first { $0.codes.contains(code) }
        return list?.labels[code]?.first { $0.unicodeScalars.contains { $0.value >= 0x2E80 } }
    }

    /// `one of ecommerce 电商, social 社群, …`.
    static func expectation(_ codes: [String]) -> String {
        "one of "
            + codes.map { code in
                displayLabel(of: code, in: codes).map { "\(code) \($0)" } ?? code
            }.joined(separator: ", ")
    }
}

/// The words admins type for yes and no.
enum BooleanLabels {
    static let yes = [
        "是", "y", "yes", "true", "t", "1", "✓", "✔", "√", "对", "對", "在职", "在職", "有效", "启用", "啟用",
        "active", "on",
    ]
    static let no = [
        "否", "n", "no", "false", "f", "0", "✗", "✘", "×", "错", "錯", "离职", "離職", "无效", "無效",
        "停用", "inactive", "off",
    ]

    static let index: [LabelKey: Bool] = {
        var index: [LabelKey: Bool] = [:]
        for label in yes { index[EnumerationLabels.labelKey(label)!] = true }
        for label in no { index[EnumerationLabels.labelKey(label)!] = false }
        return index
    }()
}
