/// The enumerated values fixtures write, with the labels a department types for them.
///
/// The importer maps these labels onto its codes (`Codes` in SalesCore); the English labels are
/// the codes themselves, capitalised as an English-language CRM exports them.

enum Channel: Int, CaseIterable {
    case offline, direct, distributor, ecommerce, social

    var label: Text3 {
        switch self {
        case .offline: Text3("线下", "線下", "Offline")
        case .direct: Text3("直销", "直銷", "Direct")
        case .distributor: Text3("经销", "經銷", "Distributor")
        case .ecommerce: Text3("电商", "電商", "E-commerce")
        case .social: Text3("社群", "社群", "Social")
        }
    }
}

enum OrderStatus {
    case completed, cancelled, returned

    var label: Text3 {
        switch self {
        case .completed: Text3("已完成", "已完成", "Completed")
        case .cancelled: Text3("已取消", "已取消", "Cancelled")
        case .returned: Text3("退货", "退貨", "Returned")
        }
    }
}

enum Role {
    case rep, manager, finance, admin, analyst

    var label: Text3 {
        switch self {
        case .rep: Text3("销售代表", "銷售代表", "Rep")
        case .manager: Text3("经理", "經理", "Manager")
        case .finance: Text3("财务", "財務", "Finance")
        case .admin: Text3("管理员", "管理員", "Admin")
        case .analyst: Text3("分析师", "分析師", "Analyst")
        }
    }
}

enum Tier: Int, CaseIterable {
    case high, mid, low

    var label: Text3 {
        switch self {
        case .high: Text3("高端", "高端", "High")
        case .mid: Text3("中端", "中端", "Mid")
        case .low: Text3("低端", "低端", "Low")
        }
    }
}

enum Stage: Int {
    case lead, qualified, proposal, negotiation, won, lost

    var label: Text3 {
        switch self {
        case .lead: Text3("线索", "線索", "Lead")
        case .qualified: Text3("需求确认", "需求確認", "Qualified")
        case .proposal: Text3("方案报价", "方案報價", "Proposal")
        case .negotiation: Text3("商务谈判", "商務談判", "Negotiation")
        case .won: Text3("赢单", "贏單", "Won")
        case .lost: Text3("输单", "輸單", "Lost")
        }
    }
}

enum Scope {
    case rep, team, region, company

    var label: Text3 {
        switch self {
        case .rep: Text3("销售代表", "銷售代表", "Rep")
        case .team: Text3("团队", "團隊", "Team")
        case .region: Text3("区域", "區域", "Region")
        case .company: Text3("公司", "公司", "Company")
        }
    }
}

enum ExpenseCategory: Int, CaseIterable {
    case advertising, travel, entertainment, training, events, other

    var label: Text3 {
        switch self {
        case .advertising: Text3("广告", "廣告", "Advertising")
        case .travel: Text3("差旅", "差旅", "Travel")
        case .entertainment: Text3("招待", "招待", "Entertainment")
        case .training: Text3("培训", "培訓", "Training")
        case .events: Text3("市场活动", "市場活動", "Events")
        case .other: Text3("其他", "其他", "Other")
        }
    }

    /// How the department enforces the category's budget.
    var control: BudgetControl {
        switch self {
        case .advertising, .entertainment: .stop
        case .travel, .training, .events: .warn
        case .other: .ignore
        }
    }
}

enum ExpenseStatus {
    case submitted, approved, rejected, paid

    var label: Text3 {
        switch self {
        case .submitted: Text3("已提交", "已提交", "Submitted")
        case .approved: Text3("已批准", "已批准", "Approved")
        case .rejected: Text3("已驳回", "已駁回", "Rejected")
        case .paid: Text3("已支付", "已支付", "Paid")
        }
    }
}

enum BudgetControl {
    case stop, warn, ignore

    var label: Text3 {
        switch self {
        case .stop: Text3("刚性控制", "剛性控制", "Stop")
        case .warn: Text3("预警", "預警", "Warn")
        case .ignore: Text3("不控制", "不控制", "Ignore")
        }
    }
}

enum FeedbackKind {
    case survey, complaint

    var label: Text3 {
        switch self {
        case .survey: Text3("满意度调查", "滿意度調查", "Survey")
        case .complaint: Text3("投诉", "投訴", "Complaint")
        }
    }
}

enum ComplaintStatus {
    case open, resolved, closed

    var label: Text3 {
        switch self {
        case .open: Text3("处理中", "處理中", "Open")
        case .resolved: Text3("已解决", "已解決", "Resolved")
        case .closed: Text3("已关闭", "已關閉", "Closed")
        }
    }
}

/// Yes and no as a department writes them in an 在职 column.
func yesNo(_ value: Bool) -> Text3 {
    value ? Text3("是", "是", "Yes") : Text3("否", "否", "No")
}
