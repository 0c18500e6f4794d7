/// The sections of the period summary in the order the report prints them: the seven of the yearly summary's
/// outline (DESIGN §6 regrouped: the key indicators sit with sales performance and the team), then appendices A–F.
public enum ReportSection: Int, CaseIterable, Sendable, Codable {
    /// 1. Work overview and core goals: the report's first page (headline figures, findings, key charts).
    case coreGoals = 1
    /// 2. Sales performance: regions, product lines and tiers, months and quarters, the sales indicators.
    case salesPerformance = 2
    /// 3. Team: per-rep output, the top of the ranking, award and improvement-plan candidates.
    case team = 3
    /// 4. Market and customers.
    case marketAndCustomers = 4
    /// 5. Expenses and budget.
    case expensesAndBudget = 5
    /// 6. Customer feedback.
    case customerFeedback = 6
    /// 7. Outlook: what the period leaves open for the next one.
    case outlook = 7
    /// Appendix A: the full rep ranking.
    case repRanking = 8
    /// Appendix B: every budget line.
    case budgetLines = 9
    /// Appendix C: the overdue receivables.
    case overdueReceivables = 10
    /// Appendix D: the complaints open too long.
    case staleComplaints = 11
    /// Appendix E: every point for attention, the smaller ones included.
    case pointsForAttention = 12
    /// Appendix F: definitions and provenance.
    case definitions = 13

    /// Whether the section is an appendix (lettered, after the seven sections of the outline).
    public var isAppendix: Bool { rawValue > 7 }

    /// `1`…`7` for the sections, `A`…`F` for the appendices.
    public var label: String {
        isAppendix ? String(UnicodeScalar(UInt8(ascii: "A") + UInt8(rawValue - 8))) : String(rawValue)
    }

    /// The section's title in Simplified Chinese.
    public var titleZh: String {
        switch self {
        case .coreGoals: return "工作概述与核心目标"
        case .salesPerformance: return "销售业绩"
        case .team: return "团队"
        case .marketAndCustomers: return "市场与客户"
        case .expensesAndBudget: return "费用与预算"
        case .customerFeedback: return "客户反馈"
        case .outlook: return "展望"
        case .repRanking: return "销售人员完整排名"
        case .budgetLines: return "全部预算明细"
        case .overdueReceivables: return "逾期应收款明细"
        case .staleComplaints: return "超期未结投诉明细"
        case .pointsForAttention: return "全部关注事项"
        case .definitions: return "口径与数据来源"
        }
    }

    /// The section's title in English.
    public var titleEn: String {
        switch self {
        case .coreGoals: return "Work overview and core goals"
        case .salesPerformance: return "Sales performance"
        case .team: return "Team"
        case .marketAndCustomers: return "Market and customers"
        case .expensesAndBudget: return "Expenses and budget"
        case .customerFeedback: return "Customer feedback"
        case .outlook: return "Outlook"
        case .repRanking: return "Full rep ranking"
        case .budgetLines: return "Every budget line"
        case .overdueReceivables: return "Overdue receivables"
        case .staleComplaints: return "Complaints open too long"
        case .pointsForAttention: return "Every point for attention"
        case .definitions: return "Definitions and provenance"
        }
    }
}

/// How a metric's value is measured, and so how it is printed.
public enum MetricUnit: String, Sendable, Codable, CaseIterable {
    /// Money in CNY, held in cents (分): a ``MetricValue/cents(_:)``, or a ratio whose numerator is cents.
    case cny
    /// A ratio printed as a percentage: `1.15` is 115%.
    case percent
    /// A number of days (a mean or median, as a ratio).
    case days
    /// A number of things.
    case count
    /// An index around 1.0 (1.0 is average).
    case index
    /// A mean score on the 1–5 feedback scale.
    case score
}

/// The stable identifiers of every metric, as used in JSON output and `docs/metrics.md`.
public enum MetricID: String, CaseIterable, Sendable, Codable, Hashable {
    // 1. Core goals
    case revenue
    case target
    case targetCompletion = "target_completion"
    case growth
    case newCustomerShare = "new_customer_share"
    case repurchaseRate = "repurchase_rate"
    case complaintRate = "complaint_rate"
    case tierARetention = "tier_a_retention"
    // 2. Sales performance
    case productLineShare = "product_line_share"
    case productTierShare = "product_tier_share"
    case seasonalityIndex = "seasonality_index"
    // 3. Key indicators
    case perRepOutput = "per_rep_output"
    case activeReps = "active_reps"
    case salesCycleDays = "sales_cycle_days"
    case leadConversion = "lead_conversion"
    case winRate = "win_rate"
    case averageOrderValue = "average_order_value"
    case orders
    case dsoDays = "dso_days"
    case overdueReceivables = "overdue_receivables"
    case overdueInvoices = "overdue_invoices"
    // 4. Market and customers
    case channelShare = "channel_share"
    case tierCustomers = "tier_customers"
    case highValueShare = "high_value_share"
    case churnRate = "churn_rate"
    case newCustomers = "new_customers"
    case lostCustomers = "lost_customers"
    case activeCustomers = "active_customers"
    // 5. Team
    case daysToCollect = "days_to_collect"
    // 6. Expenses and budget
    case budget
    case spend
    case budgetExecution = "budget_execution"
    case attributedRevenue = "attributed_revenue"
    case unattributedSpend = "unattributed_spend"
    case expenseROI = "expense_roi"
    case pendingClaims = "pending_claims"
    case pendingClaimsAmount = "pending_claims_amount"
    case approvalLeadTime = "approval_lead_time"
    // 7. Customer feedback
    case satisfaction
    case complaints
    case complaintClosureRate = "complaint_closure_rate"
    case medianDaysToClose = "median_days_to_close"
    case staleComplaints = "stale_complaints"

    /// The metric's definition in ``MetricDefinition/all``.
    public var definition: MetricDefinition {
        guard let definition = MetricDefinition.byID[self] else {
            preconditionFailure("metric \(rawValue) has no definition in MetricDefinition.all")
        }
        return definition
    }
}

/// What a metric means: names, unit, formula and the rules behind it, in Chinese and English.
///
/// ``all`` is the ONE place metrics are defined: `sales-export metrics`, `docs/metrics.md` and the
/// report's definitions section are generated from it. Formulas that DESIGN §6 states are quoted
/// exactly (``isFromDesign``); the others, and every ``ruleEn``, record the choices made here.
public struct MetricDefinition: Hashable, Sendable, Identifiable {
    /// The stable identifier.
    public let id: MetricID
    /// The report section the metric is shown in (a metric used in several sections lists its first).
    public let section: ReportSection
    /// The name in Simplified Chinese.
    public let nameZh: String
    /// The name in English.
    public let nameEn: String
    /// How the value is measured.
    public let unit: MetricUnit
    /// The formula in Chinese.
    public let formulaZh: String
    /// The formula in English; DESIGN §6's own words when ``isFromDesign``.
    public let formulaEn: String
    /// What counts and what is missing when, in Chinese.
    public let ruleZh: String
    /// What counts and what is missing when, in English.
    public let ruleEn: String
    /// Whether ``formulaEn`` is quoted from DESIGN §6.
    public let isFromDesign: Bool
    /// Whether a higher value is better (`false` for churn, complaints, overdue money), for colouring changes;
    /// `nil` when neither is.
    public let higherIsBetter: Bool?

    /// The definition of `id`.
    public static func of(_ id: MetricID) -> MetricDefinition { id.definition }

    /// The definitions keyed by id.
    static let byID: [MetricID: MetricDefinition] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    /// Every metric, in report order.
    public static let all: [MetricDefinition] = [
        // MARK: 1. Core goals
        MetricDefinition(
            id: .revenue, section: .coreGoals, nameZh: "销售额", nameEn: "Revenue", unit: .cny,
            formulaZh: "销售额 = 期间内已完成订单行金额之和 + 退货冲销行（负金额）之和",
            formulaEn: "revenue = sum of the amounts of completed order lines in the period "
                + "+ sum of the (negative) amounts of return reversal lines",
            ruleZh: "按订单日期计入期间。标记为退货且金额为正的订单行，是一笔已退回的销售，计 0；"
                + "标记为退货且金额为负的订单行，是单独记录的冲销行，按其负金额冲减销售额"
                + "（与 sales-score 的口径相同）；已取消的订单行从不计入。"
                + "订单行的区域为客户所属区域，客户无区域时为记功销售的区域；团队为记功销售的团队。",
            ruleEn: "Lines count in the period of their order date. A returned line with a positive amount is a sale "
                + "that was returned and counts 0; a returned line with a negative amount is a reversal recorded as "
                + "its own line and counts its amount (the rule sales-score uses); cancelled lines never count. "
                + "A line's region is its customer's region, else the credited rep's region; its team is the "
                + "credited rep's team.",
            isFromDesign: false, higherIsBetter: true),
        MetricDefinition(
            id: .target, section: .coreGoals, nameZh: "销售目标", nameEn: "Target", unit: .cny,
            formulaZh: "目标 = 该范围、该期间的目标金额；没有时为完整覆盖该期间的各季度（或各月）目标之和",
            formulaEn: "target = the target amount of the scope for the period; else the sum of the quarter "
                + "(or month) targets that together cover the whole period",
            ruleZh: "公司、区域、团队、销售的目标分别取范围为公司、区域、团队、个人的目标行。"
                + "公司没有覆盖该期间的目标行时，取各区域该期间目标之和（须每个区域都有）。"
                + "只覆盖期间一部分的目标不拼凑、不按天折算：此时目标缺失并说明原因。",
            ruleEn: "Company, region, team and rep targets are the sales_target rows of scope company, region, team "
                + "and rep. When no company row covers the period, the company target is the sum of the regions' "
                + "targets for it (every region must have one). Targets covering only part of the period are "
                + "neither pieced together nor prorated: the target is then missing, with the reason.",
            isFromDesign: false, higherIsBetter: nil),
        MetricDefinition(
            id: .targetCompletion, section: .coreGoals, nameZh: "目标完成率", nameEn: "Target completion",
            unit: .percent,
            formulaZh: "完成率 = 实际 ÷ 目标",
            formulaEn: "completion = actual ÷ target",
            ruleZh: "实际即销售额。没有目标或目标为 0 时缺失。",
            ruleEn: "Actual is revenue. Missing when there is no target or the target is 0.",
            isFromDesign: true, higherIsBetter: true),
        MetricDefinition(
            id: .growth, section: .coreGoals, nameZh: "增长率", nameEn: "Growth", unit: .percent,
            formulaZh: "增长率 = （本期 − 对比期）÷ 对比期",
            formulaEn: "growth = (this − comparison) ÷ comparison",
            ruleZh: "对比期为去年同期（--compare yoy，默认）或上一期（--compare previous）。"
                + "不设对比期（--compare none）或对比期销售额不为正时缺失。"
                + "与之比较的是对比期自身的增长率（对比期相对其前一期），变化以百分点表示；前一期无销售额时该比较缺失并注明原因。",
            ruleEn: "The comparison period is the same period last year (yoy) or the period just before (previous). "
                + "Missing without a comparison (none) or when the comparison revenue is not positive. "
                + "It is compared with the comparison period's own growth on the period before it, the change in "
                + "points; that comparison is missing, with its reason, when the earlier period has no revenue.",
            isFromDesign: true, higherIsBetter: true),
        MetricDefinition(
            id: .newCustomerShare, section: .coreGoals, nameZh: "新客户收入占比", nameEn: "New-customer share",
            unit: .percent,
            formulaZh: "新客户占比 = 首单落在本期的客户贡献的销售额 ÷ 销售额",
            formulaEn: "new-customer share = revenue from customers whose first order falls in the period ÷ revenue",
            ruleZh: "客户的首单日期取客户资料中的首单日期与库中最早一笔已完成订单行日期的较早者。销售额不为正时缺失。",
            ruleEn: "A customer's first order is the earlier of customer.first_order_on and the customer's earliest "
                + "completed order line in the store. Missing when revenue is not positive.",
            isFromDesign: true, higherIsBetter: true),
        MetricDefinition(
            id: .repurchaseRate, section: .coreGoals, nameZh: "复购率", nameEn: "Repurchase rate", unit: .percent,
            formulaZh: "复购率 = 本期下单 ≥2 次的客户数 ÷ 下单 ≥1 次的客户数",
            formulaEn: "repurchase rate = customers with ≥2 orders in the period ÷ customers with ≥1",
            ruleZh: "订单为同一客户的不同订单号（至少含一条已完成订单行）。本期无订单时缺失。",
            ruleEn: "An order is one of a customer's order numbers with at least one completed line in the period. "
                + "Missing when there are no orders.",
            isFromDesign: true, higherIsBetter: true),
        MetricDefinition(
            id: .complaintRate, section: .coreGoals, nameZh: "客诉率", nameEn: "Complaint rate", unit: .percent,
            formulaZh: "客诉率 = 本期收到的投诉数 ÷ 本期订单数",
            formulaEn: "complaint rate = complaints received in the period ÷ orders in the period",
            ruleZh: "投诉按收到日期计入；区域为客户所属区域，客户无区域时为客户负责人的区域。本期无订单时缺失。",
            ruleEn: "Complaints count by the day received; their region is the customer's, else the customer "
                + "owner's. Missing when there are no orders.",
            isFromDesign: false, higherIsBetter: false),
        MetricDefinition(
            id: .tierARetention, section: .coreGoals, nameZh: "战略客户（A 类）留存率",
            nameEn: "Strategic (tier A) customers retained", unit: .percent,
            formulaZh: "A 类客户留存率 = 期初为 A 类的客户中本期有订单的客户数 ÷ 期初 A 类客户数",
            formulaEn: "tier-A retention = customers tier A when the period began who ordered in the period "
                + "÷ customers tier A when the period began",
            ruleZh: "期初分层：以本期开始前一天为基准日、回看 365 天，按 sales-score 的 ABC 规则"
                + "（按销售额从高到低累计，前 70% 为 A 类）由订单行计算，与库中存有哪些评分结果无关。"
                + "不用覆盖本期的评分结果：其回看窗口就是本期，A 类客户必然在本期有订单，留存率恒为 100%。"
                + "客户按客户规则归入范围；订单与销售额一样只计本范围内的订单行。"
                + "对比期的留存率以对比期开始前一天的分层计算。期初没有 A 类客户时缺失。",
            ruleEn: "The tiers when the period began: as of the day before its first day, over the 365 days ending "
                + "then, by sales-score's ABC rule (customers by revenue, largest first; those within the first 70% "
                + "are A), computed from the order lines whatever scoring runs are stored. The run covering the "
                + "period is not used: its window is the period itself, so each of its tier-A customers ordered in "
                + "the period and retention would be 100% by construction. Customers are in the scope by the "
                + "customer rule; orders count only from lines in the scope, as for revenue. The comparison "
                + "period's retention uses the tiers as of the day before it began. Missing when no customer was "
                + "tier A then.",
            isFromDesign: false, higherIsBetter: true),

        // MARK: 2. Sales performance
        MetricDefinition(
            id: .productLineShare, section: .salesPerformance, nameZh: "产品线收入占比", nameEn: "Product-line share",
            unit: .percent,
            formulaZh: "产品线占比 = 该产品线销售额 ÷ 销售额",
            formulaEn: "product-line share = the product line's revenue ÷ revenue",
            ruleZh: "无产品或产品无产品线的订单行归入“未分类”。销售额低于对比期的产品线标记为萎缩。",
            ruleEn: "Lines without a product, or whose product has no line, form their own group. A product line "
                + "whose revenue is below the comparison period's is flagged as shrinking.",
            isFromDesign: false, higherIsBetter: nil),
        MetricDefinition(
            id: .productTierShare, section: .salesPerformance, nameZh: "产品档次收入占比",
            nameEn: "Product-tier share", unit: .percent,
            formulaZh: "档次占比 = 该档次（高端、中端、低端）产品的销售额 ÷ 销售额",
            formulaEn: "product-tier share = revenue of the tier's products (high-end, mid-range, low-end) ÷ revenue",
            ruleZh: "档次取产品资料的档次（product.tier）；无产品或产品未标档次的订单行单列。"
                + "与对比期的占比比较（变化为百分点），并给出各档次销售额的增长率。",
            ruleEn: "The tier is the product's (product.tier); lines without a product, or whose product has no "
                + "tier, form their own group. Compared with the comparison period's share (the change in points), "
                + "with each tier's revenue growth.",
            isFromDesign: false, higherIsBetter: nil),
        MetricDefinition(
            id: .seasonalityIndex, section: .salesPerformance, nameZh: "季节性指数", nameEn: "Seasonality index",
            unit: .index,
            formulaZh: "季节性指数 = 该季度占全年的比重 ÷ 25%",
            formulaEn: "seasonality index = the quarter's share of the year ÷ 25%",
            ruleZh: "全年为报告期所在年份；若报告期未到该年 12 月 31 日结束，则用上一个完整年份。全年销售额不为正时缺失。",
            ruleEn: "The year is the period's calendar year when the period ends on 31 December, else the year "
                + "before (the last complete year). Missing when the year's revenue is not positive.",
            isFromDesign: true, higherIsBetter: nil),

        // MARK: 3. Key indicators
        MetricDefinition(
            id: .perRepOutput, section: .team, nameZh: "人均产出", nameEn: "Per-rep output", unit: .cny,
            formulaZh: "人均产出 = 销售额 ÷ 本期活跃销售人数",
            formulaEn: "per-rep output = revenue ÷ reps active in the period",
            ruleZh: "活跃销售：本期在范围内至少有一条已完成订单行记在其名下的人员。没有活跃销售时缺失。",
            ruleEn: "A rep is active when at least one completed order line in the scope is credited to them in "
                + "the period. Missing when no rep is active.",
            isFromDesign: true, higherIsBetter: true),
        MetricDefinition(
            id: .activeReps, section: .team, nameZh: "活跃销售人数", nameEn: "Active reps", unit: .count,
            formulaZh: "活跃销售人数 = 本期有已完成订单行记在其名下的人员数",
            formulaEn: "active reps = people credited with a completed order line in the period",
            ruleZh: "按订单行的记功销售计，不看人员表的在职标记（它只反映当前状态）。",
            ruleEn: "Counted from the lines' credited reps, not person.active (which only says who is employed now).",
            isFromDesign: false, higherIsBetter: nil),
        MetricDefinition(
            id: .salesCycleDays, section: .salesPerformance, nameZh: "平均销售周期", nameEn: "Average sales cycle",
            unit: .days,
            formulaZh: "销售周期 = 赢单商机（关闭日期 − 创建日期）的平均值",
            formulaEn: "sales cycle = mean(closed_on − created_on) over won opportunities",
            ruleZh: "取关闭日期落在本期的赢单商机。商机的区域与团队同订单行规则。未导入商机或本期无赢单时缺失。",
            ruleEn: "Over the won opportunities closed in the period. An opportunity's region and team follow the "
                + "order-line rule. Missing when no opportunities are imported or none was won in the period.",
            isFromDesign: true, higherIsBetter: false),
        MetricDefinition(
            id: .leadConversion, section: .salesPerformance, nameZh: "线索转化率", nameEn: "Lead conversion",
            unit: .percent,
            formulaZh: "转化率 = 赢单数 ÷ 本期新建商机数",
            formulaEn: "conversion = won ÷ opportunities created in the period",
            ruleZh: "分子为本期新建且在本期结束前赢单的商机。未导入商机或本期无新建商机时缺失。",
            ruleEn: "The numerator counts the opportunities created in the period that were won by its end. "
                + "Missing when no opportunities are imported or none was created in the period.",
            isFromDesign: true, higherIsBetter: true),
        MetricDefinition(
            id: .winRate, section: .salesPerformance, nameZh: "赢单率", nameEn: "Win rate", unit: .percent,
            formulaZh: "赢单率 = 赢单数 ÷（赢单数 + 输单数）",
            formulaEn: "win rate = won ÷ (won + lost)",
            ruleZh: "取关闭日期落在本期的赢单与输单商机。本期无关闭的商机时缺失。",
            ruleEn: "Over the opportunities won or lost with a closing date in the period. Missing when none closed.",
            isFromDesign: true, higherIsBetter: true),
        MetricDefinition(
            id: .averageOrderValue, section: .salesPerformance, nameZh: "客单价", nameEn: "Average order value",
            unit: .cny,
            formulaZh: "客单价 = 销售额 ÷ 订单数",
            formulaEn: "average order value = revenue ÷ orders",
            ruleZh: "订单数见“订单数”。本期无订单时缺失。",
            ruleEn: "Orders as in the orders metric. Missing when there are no orders.",
            isFromDesign: true, higherIsBetter: true),
        MetricDefinition(
            id: .orders, section: .salesPerformance, nameZh: "订单数", nameEn: "Orders", unit: .count,
            formulaZh: "订单数 = 各客户本期含已完成订单行的不同订单号数之和",
            formulaEn: "orders = distinct order numbers of each customer with a completed line in the period",
            ruleZh: "一个订单的多条订单行只计一次；只有退货或已取消行的订单不计。",
            ruleEn: "An order's lines count once; orders with only returned or cancelled lines do not count.",
            isFromDesign: false, higherIsBetter: true),
        MetricDefinition(
            id: .dsoDays, section: .salesPerformance, nameZh: "回款周期（DSO）", nameEn: "Collection cycle (DSO)",
            unit: .days,
            formulaZh: "DSO = 应收账款余额 ÷ 赊销额 × 期间天数",
            formulaEn: "DSO = receivables outstanding ÷ credit sales × days in period",
            ruleZh: "应收余额：期末前开票、期末时尚未收回的金额（付款日期晚于期末的付款视为期末未收）。"
                + "赊销额：本期开票金额。应收的区域同客户规则。未导入应收或本期无开票时缺失。",
            ruleEn: "Outstanding: invoiced by the period's end and not yet paid at its end (a payment dated after "
                + "the end counts as unpaid then). Credit sales: amounts invoiced in the period. An invoice's "
                + "region follows the customer rule. Missing when no receivables are imported or none was "
                + "invoiced in the period.",
            isFromDesign: true, higherIsBetter: false),
        MetricDefinition(
            id: .overdueReceivables, section: .salesPerformance, nameZh: "逾期应收", nameEn: "Overdue receivables",
            unit: .cny,
            formulaZh: "逾期应收 = 到期日早于期末、期末时尚未收回的应收金额",
            formulaEn: "overdue receivables = amount unpaid at the period's end of invoices due before it",
            ruleZh: "未导入应收时缺失；有应收但无逾期时为 0。",
            ruleEn: "Missing when no receivables are imported; 0 when there are receivables and none is overdue.",
            isFromDesign: false, higherIsBetter: false),
        MetricDefinition(
            id: .overdueInvoices, section: .salesPerformance, nameZh: "逾期发票数", nameEn: "Overdue invoices",
            unit: .count,
            formulaZh: "逾期发票数 = 到期日早于期末、期末时尚未收清的发票数",
            formulaEn: "overdue invoices = invoices due before the period's end and not fully paid at its end",
            ruleZh: "未导入应收时缺失。",
            ruleEn: "Missing when no receivables are imported.",
            isFromDesign: false, higherIsBetter: false),

        // MARK: 4. Market and customers
        MetricDefinition(
            id: .channelShare, section: .marketAndCustomers, nameZh: "渠道收入占比", nameEn: "Channel share",
            unit: .percent,
            formulaZh: "渠道占比 = 该渠道销售额 ÷ 销售额",
            formulaEn: "channel share = the channel's revenue ÷ revenue",
            ruleZh: "渠道取订单行上的渠道。变化为本期占比减对比期占比（百分点）。",
            ruleEn: "The channel is the order line's. Its change is this share minus the comparison period's "
                + "(percentage points).",
            isFromDesign: false, higherIsBetter: nil),
        MetricDefinition(
            id: .tierCustomers, section: .marketAndCustomers, nameZh: "客户分层", nameEn: "Customers by tier",
            unit: .count,
            formulaZh: "各层客户数 = 覆盖本期的评分中该层（A/B/C/D）的客户数",
            formulaEn: "customers by tier = customers of each tier (A/B/C/D) in the scoring run that covers the period",
            ruleZh: "评分的选取同 A 类客户留存率；客户的区域同客户规则。没有覆盖本期的评分时缺失。",
            ruleEn: "The run is chosen as for tier-A retention; a customer's region follows the customer rule. "
                + "Missing when no run covers the period.",
            isFromDesign: false, higherIsBetter: nil),
        MetricDefinition(
            id: .highValueShare, section: .marketAndCustomers, nameZh: "高价值客户收入占比",
            nameEn: "High-value share", unit: .percent,
            formulaZh: "高价值占比 = 评分中 A 类客户本期贡献的销售额 ÷ 销售额",
            formulaEn: "high-value share = revenue in the period from the scoring run's tier-A customers ÷ revenue",
            ruleZh: "没有覆盖本期的评分或销售额不为正时缺失。",
            ruleEn: "Missing when no run covers the period or revenue is not positive.",
            isFromDesign: false, higherIsBetter: true),
        MetricDefinition(
            id: .churnRate, section: .marketAndCustomers, nameZh: "客户流失率", nameEn: "Churn rate",
            unit: .percent,
            formulaZh: "流失率 = 对比期活跃但本期无订单的客户数 ÷ 对比期活跃客户数",
            formulaEn: "churn rate = customers active in the comparison period with no order in this one ÷ "
                + "customers active in the comparison period",
            ruleZh: "活跃即有已完成订单行。其对比值为对比期自身的流失率（相对它的上一期，同样的对比方式）。"
                + "没有对比期（none）或对比期无活跃客户时缺失。",
            ruleEn: "Active means with a completed order line. Its comparison is the comparison period's own churn "
                + "(against the period before it, compared the same way). Missing without a comparison (none) or "
                + "when no customer was active in the comparison period.",
            isFromDesign: true, higherIsBetter: false),
        MetricDefinition(
            id: .newCustomers, section: .marketAndCustomers, nameZh: "新客户数", nameEn: "New customers", unit: .count,
            formulaZh: "新客户数 = 首单落在本期的客户数",
            formulaEn: "new customers = customers whose first order falls in the period",
            ruleZh: "首单的认定同新客户收入占比；客户按订单行规则归入范围。与对比期的新客户数比较。",
            ruleEn: "A first order as for the new-customer share; customers are in the scope by the order-line rule. "
                + "Compared with the comparison period's count.",
            isFromDesign: false, higherIsBetter: true),
        MetricDefinition(
            id: .lostCustomers, section: .marketAndCustomers, nameZh: "流失客户数", nameEn: "Lost customers",
            unit: .count,
            formulaZh: "流失客户数 = 对比期有订单、本期没有订单的客户数",
            formulaEn: "lost customers = customers active in the comparison period with no order in this one",
            ruleZh: "即流失率的分子。其对比值为对比期相对它的上一期（同样的对比方式）的流失客户数，"
                + "那一期没有客户下单时缺失。没有对比期时缺失。",
            ruleEn: "The churn rate's numerator. Its comparison is the comparison period's own count, against the "
                + "period before it (compared the same way), missing when no customer ordered then. Missing "
                + "without a comparison period.",
            isFromDesign: false, higherIsBetter: false),
        MetricDefinition(
            id: .activeCustomers, section: .marketAndCustomers, nameZh: "活跃客户数", nameEn: "Active customers",
            unit: .count,
            formulaZh: "活跃客户数 = 本期有已完成订单行的客户数",
            formulaEn: "active customers = customers with a completed order line in the period",
            ruleZh: "同复购率的分母。",
            ruleEn: "The denominator of the repurchase rate.",
            isFromDesign: false, higherIsBetter: true),

        // MARK: 5. Team
        MetricDefinition(
            id: .daysToCollect, section: .team, nameZh: "回款天数", nameEn: "Days to collect", unit: .days,
            formulaZh: "回款天数 = 本期收清的发票（付款日期 − 开票日期）的平均值",
            formulaEn: "days to collect = mean(paid_on − invoiced_on) over invoices fully paid in the period",
            ruleZh: "按销售统计时取其负责客户的发票。本期无收清发票时缺失。",
            ruleEn: "For a rep, over the invoices of the customers they own. Missing when no invoice was fully paid "
                + "in the period.",
            isFromDesign: false, higherIsBetter: false),

        // MARK: 6. Expenses and budget
        MetricDefinition(
            id: .budget, section: .expensesAndBudget, nameZh: "预算", nameEn: "Budget", unit: .cny,
            formulaZh: "预算 = 本范围自身的预算行（公司报告为范围是公司的行）中期间落在报告期内的金额之和",
            formulaEn: "budget = sum of the scope's own budget rows (for a company report, the rows of scope "
                + "company) whose period lies inside the report period",
            ruleZh: "区域、团队预算是公司预算的分解，与公司预算重叠：全部预算行相加会把同一笔钱算两次，"
                + "所以公司报告的预算只加总公司行。公司报告的预算明细仍列出所有预算行（各行各自的执行率）；"
                + "区域、团队报告的预算与明细为该区域、该团队的预算行。",
            ruleEn: "Region and team budgets break the company budget down and overlap it: adding every budget row "
                + "would count the same money twice, so a company report's budget sums the company rows only. Its "
                + "budget lines still list every row, each with its own execution; a region or team report's budget "
                + "and lines are that region's or team's rows.",
            isFromDesign: false, higherIsBetter: nil),
        MetricDefinition(
            id: .spend, section: .expensesAndBudget, nameZh: "费用支出", nameEn: "Spend", unit: .cny,
            formulaZh: "支出 = 期间内已批准与已支付的报销金额之和",
            formulaEn: "spend = sum of approved and paid claims spent in the period",
            ruleZh: "与审批时的预算占用相同：报销的区域为其服务的区域，否则为提交人的区域；团队为提交人的团队；"
                + "个人为提交人。",
            ruleEn: "As approval counts budget use: a claim's region is the region it serves, else the "
                + "submitter's; its team the submitter's; its rep the submitter.",
            isFromDesign: false, higherIsBetter: nil),
        MetricDefinition(
            id: .budgetExecution, section: .expensesAndBudget, nameZh: "预算执行率", nameEn: "Budget execution",
            unit: .percent,
            formulaZh: "预算执行率 = 支出 ÷ 预算",
            formulaEn: "budget execution = spent ÷ budget",
            ruleZh: "每个预算行的支出取该行范围、类别、期间内的支出。支出超过预算的行标记为超支。预算为 0 时缺失。",
            ruleEn: "Each budget row's spend is the spend of its scope, category and period. Rows whose spend "
                + "exceeds the budget are flagged as overrun. Missing when the budget is 0.",
            isFromDesign: true, higherIsBetter: nil),
        MetricDefinition(
            id: .attributedRevenue, section: .expensesAndBudget, nameZh: "归因收入", nameEn: "Attributed revenue",
            unit: .cny,
            formulaZh: "归因收入 = 费用所触达客户在费用日期起 90 天内的销售额（每条订单行只计一次）",
            formulaEn: "attributed revenue = revenue of the customers the claims reach, from order lines dated within "
                + "90 days of the reaching claim's spend date (each order line counted once)",
            ruleZh: "一笔报销触达它指定的客户；若指定了营销活动，还触达来源（商机来源）为该活动的商机的客户。"
                + "只计本范围内的订单行；90 天窗口从费用日期当天算起，可延续到报告期之后。"
                + "不按区域或全公司归因：未指定客户、其活动也没有商机的报销无法归因，另列为“未归因费用”。",
            ruleEn: "A claim reaches the customer it names and, when it names a campaign, the customers of the "
                + "opportunities whose source is that campaign. Only lines in the scope count; the 90-day window "
                + "starts on the spend date and may run past the report period. Nothing is attributed by region or "
                + "to the whole company: a claim naming no customer, whose campaign no opportunity names, cannot "
                + "be attributed and is shown as unattributed spend.",
            isFromDesign: false, higherIsBetter: true),
        MetricDefinition(
            id: .unattributedSpend, section: .expensesAndBudget, nameZh: "未归因费用", nameEn: "Unattributed spend",
            unit: .cny,
            formulaZh: "未归因费用 = 未触达任何客户的报销金额之和",
            formulaEn: "unattributed spend = sum of the claims that reach no customer",
            ruleZh: "触达规则见“归因收入”。这部分费用不计入费用 ROI 的分母。",
            ruleEn: "Reach as in attributed revenue. This spend is left out of the expense ROI.",
            isFromDesign: false, higherIsBetter: nil),
        MetricDefinition(
            id: .expenseROI, section: .expensesAndBudget, nameZh: "费用投资回报率", nameEn: "Expense ROI",
            unit: .percent,
            formulaZh: "费用 ROI = （费用归因收入 − 可归因费用）÷ 可归因费用",
            formulaEn: "expense ROI = (revenue attributed to the spend − spend) ÷ spend",
            ruleZh: "按费用类别与营销活动分别计算；可归因费用为触达了客户的报销金额，归因规则见“归因收入”。"
                + "归因收入是这些客户在窗口内的全部销售额，不扣除其他原因带来的销售，应视为上限。"
                + "没有一笔报销触达客户时缺失并说明原因（不显示为 −100%）。",
            ruleEn: "By expense category and by campaign. Spend here is the attributable spend (claims that reach a "
                + "customer); attribution as in attributed revenue, which is all of those customers' revenue in "
                + "the window, whatever else brought it: read the ROI as an upper bound. Missing, with the reason, "
                + "when no claim of the group reaches a customer (never shown as −100%).",
            isFromDesign: true, higherIsBetter: true),
        MetricDefinition(
            id: .pendingClaims, section: .expensesAndBudget, nameZh: "待审批报销单", nameEn: "Claims pending approval",
            unit: .count,
            formulaZh: "待审批报销单 = 本期发生、目前仍待审批的报销单数",
            formulaEn: "claims pending approval = claims spent in the period that still await approval",
            ruleZh: "审批表有记录时读审批状态（待审批或无法路由），并计入尚未进入审批、状态为已提交的报销；"
                + "审批表为空时读报销状态“已提交”。报告注明所读来源。",
            ruleEn: "When approval_claim has rows, its state (pending or unroutable) is read, with submitted claims "
                + "not yet routed; otherwise expense.status = 'submitted'. The report says which was read.",
            isFromDesign: false, higherIsBetter: false),
        MetricDefinition(
            id: .pendingClaimsAmount, section: .expensesAndBudget, nameZh: "待审批金额",
            nameEn: "Amount pending approval", unit: .cny,
            formulaZh: "待审批金额 = 待审批报销单的金额之和",
            formulaEn: "amount pending approval = sum of the claims pending approval",
            ruleZh: "同待审批报销单。",
            ruleEn: "As for claims pending approval.",
            isFromDesign: false, higherIsBetter: nil),
        MetricDefinition(
            id: .approvalLeadTime, section: .expensesAndBudget, nameZh: "审批用时（中位数）",
            nameEn: "Approval lead time (median)", unit: .days,
            formulaZh: "审批用时 = 本期发生并经审批批准的报销单，从首次进入审批路径到最后一步批准的天数的中位数",
            formulaEn: "approval lead time = median days from an approved claim's first route to its last approval, "
                + "over the claims spent in the period",
            ruleZh: "起点为审计日志中该报销单第一次提交或分配审批路径的时间，终点为本轮最后一步批准的时间；"
                + "只计报销单（不含合同与特价申请）；偶数个时取中间两个的平均值。本期没有经审批批准的报销单时缺失。",
            ruleEn: "From the first claim.submitted, claim.routed or claim.rerouted entry about the claim to the last "
                + "decision of its current round; expense claims only (not contracts or price exceptions); the mean "
                + "of the two middle values for an even count. Missing when no claim of the period was approved "
                + "through sales-approve.",
            isFromDesign: false, higherIsBetter: false),

        // MARK: 7. Customer feedback
        MetricDefinition(
            id: .satisfaction, section: .customerFeedback, nameZh: "满意度", nameEn: "Satisfaction", unit: .score,
            formulaZh: "满意度 = 本期收到的调查评分（1–5）的平均值",
            formulaEn: "satisfaction = mean of the 1–5 scores of surveys received in the period",
            ruleZh: "按质量、交付、服务分别计算，总体为三项全部评分的平均值；空评分不计。本期无调查评分时缺失。",
            ruleEn: "By dimension (quality, delivery, service); overall is the mean of all scores given. Blank "
                + "scores do not count. Missing when no survey score was received in the period.",
            isFromDesign: false, higherIsBetter: true),
        MetricDefinition(
            id: .complaints, section: .customerFeedback, nameZh: "投诉数", nameEn: "Complaints", unit: .count,
            formulaZh: "投诉数 = 本期收到的投诉数",
            formulaEn: "complaints = complaints received in the period",
            ruleZh: "区域同客户规则。",
            ruleEn: "Their region follows the customer rule.",
            isFromDesign: false, higherIsBetter: false),
        MetricDefinition(
            id: .complaintClosureRate, section: .customerFeedback, nameZh: "投诉关闭率",
            nameEn: "Complaint closure rate", unit: .percent,
            formulaZh: "关闭率 = 本期收到且期末前已关闭的投诉数 ÷ 本期收到的投诉数",
            formulaEn: "closure rate = complaints received in the period and closed by its end ÷ complaints "
                + "received in the period",
            ruleZh: "状态为已关闭、且解决日期不晚于期末（或未记日期）即为已关闭；已解决未关闭不算。"
                + "解决日期取 feedback.resolved_on（导入时“解决日期”“关闭日期”“结案日期”都写入此列），"
                + "没有时取 feedback.closed_on（任何导入都不写此列，仅供其他方式写入的行）。本期无投诉时缺失。",
            ruleEn: "Closed means status closed with a resolution date by the period's end (or none recorded); "
                + "resolved but not closed does not count. The resolution date is feedback.resolved_on (where the "
                + "import puts 解决日期, 关闭日期 and 结案日期 alike), else feedback.closed_on (which no import "
                + "fills; only for rows written otherwise). Missing when no complaint was received.",
            isFromDesign: false, higherIsBetter: true),
        MetricDefinition(
            id: .medianDaysToClose, section: .customerFeedback, nameZh: "投诉解决天数中位数",
            nameEn: "Median days to resolve", unit: .days,
            formulaZh: "解决天数中位数 = 本期解决的投诉（解决日期 − 收到日期）的中位数",
            formulaEn: "median days to resolve = median(resolved_on − received_on) over complaints resolved in "
                + "the period",
            ruleZh: "解决日期同投诉关闭率（resolved_on，没有时 closed_on），落在本期即计入，不论状态是已解决还是已关闭。"
                + "个数为偶数时取中间两个的平均值。本期没有记有解决日期的投诉时缺失。",
            ruleEn: "The resolution date is as for the closure rate (resolved_on, else closed_on); a complaint "
                + "counts when that date falls in the period, whether its status is resolved or closed. With an "
                + "even count, the mean of the two middle values. Missing when no complaint has a resolution date "
                + "in the period.",
            isFromDesign: false, higherIsBetter: false),
        MetricDefinition(
            id: .staleComplaints, section: .customerFeedback, nameZh: "超 30 天未结投诉",
            nameEn: "Complaints open over 30 days", unit: .count,
            formulaZh: "超期未结投诉 = 期末时仍未解决或关闭、且收到已超过 30 天的投诉数",
            formulaEn: "complaints open over 30 days = complaints neither resolved nor closed at the period's end "
                + "and received more than 30 days before it",
            ruleZh: "解决或关闭日期晚于期末的投诉在期末视为未结。",
            ruleEn: "A complaint resolved or closed after the period's end counts as open at its end.",
            isFromDesign: false, higherIsBetter: false),
    ]
}
