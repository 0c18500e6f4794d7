import Foundation

/// Every label the summary prints, in Chinese and English: the one table of strings the XLSX, HTML,
/// Markdown and CSV renderers share (metric names and formulas come from ``MetricDefinition``).
public enum ReportString: CaseIterable, Sendable {
    // Report
    case reportTitle, headlineTable, period, comparison, comparisonNone, scope, scopeCompany, scopeRegion, scopeTeam,
        generatedAt
    case flagsTitle, noFlags, contents, findingsTitle, finding, findingsNote
    case attentionSmaller, attentionSmallerOnly, listedInAppendix, inSection, appendix
    case teamIndicatorsTable, repsTopTable, outlookTable, outlookNote, outlookOverdue, outlookStale, outlookPending
    case outlookImprovement, outlookRegions, outlookLines, outlookInvoices, outlookClaims
    case outlookForecast, outlookForecastNote, outlookForecastNoBacktest, outlookNextYearTarget, outlookTargetNote
    // Generic columns
    case metric, value, comparisonValue, change, note, name, rank, flag, item, metricID, metricName
    // Section 2
    case regionsTable, region, noRegion, target, completion, growth, underTarget
    case productLinesTable, productLine, noProductLine, share, shrinking
    case productTiersTable, productTier, noProductTier, chartProductTiers
    case monthsTable, month, quarterTable, quarter, sameMonthLastYear, sameQuarterLastYear, outsidePeriod
    case seasonalityTable, seasonalityIndex, revenue
    // Section 3
    case indicatorsTable, overdueTable, invoice, customerCode, customer, dueOn, outstanding, daysOverdue
    // Section 4
    case channelsTable, channel, noChannel, comparisonShare, shareChange, tiersTable, tier, customers
    case marketTable, scoreRunNote
    // Section 5
    case repsTable, login, team, conversion, daysToCollect, award
    case improvementTable, improvementNote, inactiveRepsNote
    case quarterAwardsTable, criteria, winner, runnerUp, figures, quarterAwardsNote, improvementLeftOut
    // Section 6
    case budgetTable, categoryTable, category, budget, spent, execution, budgetLinesTable, budgetScope, scopeKey
    case budgetPeriod, control, overrun, roiCategoryTable, roiCampaignTable, campaign, spend, attributed, roi
    case unattributed, roiNote
    case pendingSourceApproval, pendingSourceExpense
    // Section 7
    case feedbackTable, dimensionTable, dimension, staleTable, complaint, receivedOn, daysOpen, status
    case complaintKindsTable, complaintKind, complaintKindsRest, noDescription
    // Section 8
    case definitionsTable, unit, formula, rule, batchesTable, batch, file, fileSHA256, finishedAt, importedBy
    case dataTable, dataSHA256, tableName, rows, schemaVersion, noBatches
    // Charts
    case chartRegions, chartProductLines, chartMonthly, chartChannels, chartTiers, noData, noneQualified, thisPeriod
    // Flags
    case flagRegionUnderTarget, flagProductLineShrinking, flagImprovementPlan, flagAward, flagBudgetOverrun
    case flagOverdue, flagStaleComplaints
    // Units and marks
    case days, percentagePoints, yes

    /// The text in `language`.
    public func text(_ language: OutputLanguage) -> String {
        let pair = Self.pairs(self)
        return language == .zh ? pair.zh : pair.en
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private static func pairs(_ key: ReportString) -> (zh: String, en: String) {
        switch key {
        case .reportTitle: return ("销售工作总结", "Sales summary")
        case .headlineTable: return ("主要指标", "Headline figures")
        case .period: return ("期间", "Period")
        case .comparison: return ("对比期", "Compared with")
        case .comparisonNone: return ("不对比", "no comparison")
        case .scope: return ("范围", "Scope")
        case .scopeCompany: return ("全公司", "Company")
        case .scopeRegion: return ("区域", "Region")
        case .scopeTeam: return ("团队", "Team")
        case .generatedAt: return ("生成时间", "Generated at")
        case .flagsTitle: return ("需关注事项", "Points for attention")
        case .findingsTitle: return ("要点", "Findings")
        case .finding: return ("要点", "Finding")
        case .findingsNote:
            return (
                "按涉及金额从大到小排列；每句引用的数字即下文各表中的数字。",
                "Largest money at stake first; every figure quoted is the one in the tables below."
            )
        case .noFlags: return ("无需关注事项", "Nothing flagged")
        case .attentionSmaller:
            return (
                "另有 %1 项较小的预算超支（超出不到预算的 5% 或不到 ¥10,000），列于附录 E",
                "And %1 smaller budget overruns (by no more than 5% of the budget or ¥10,000), listed in Appendix E"
            )
        case .attentionSmallerOnly:
            return (
                "%1 项较小的预算超支（超出不到预算的 5% 或不到 ¥10,000），列于附录 E",
                "%1 smaller budget overruns (by no more than 5% of the budget or ¥10,000), listed in Appendix E"
            )
        case .listedInAppendix: return ("明细见附录 %1「%2」", "Listed in full in Appendix %1, “%2”")
        case .inSection: return ("正文已列", "Listed in its section")
        case .appendix: return ("附录", "Appendix")
        case .teamIndicatorsTable: return ("人员产出", "Output per rep")
        case .repsTopTable: return ("销售排名（前 %1 名）", "Rep ranking (top %1)")
        case .outlookTable: return ("带入下期的事项", "Carried into the next period")
        case .outlookNote:
            return (
                "本节列出本报告的数字中留待下期处理的事项，以及下季度的销售额预测（公司报告，方法同 sales-plan forecast）"
                    + "和库中已有的下一年度目标。",
                "What this report's own figures leave open for the next period, with the next quarter's revenue "
                    + "forecast (company reports, the method of sales-plan forecast) and next year's target where the "
                    + "store has one."
            )
        case .outlookForecast: return ("下季度预测销售额", "Next quarter's forecast revenue")
        case .outlookForecastNote:
            return (
                "%1；%2（回测 MAPE %3，%4 个月历史；同 sales-plan forecast）",
                "%1; %2 (backtest MAPE %3, %4 months of history; as sales-plan forecast)"
            )
        case .outlookForecastNoBacktest:
            return ("%1；%2（历史 %3 个月，不足以回测）", "%1; %2 (%3 months of history, too short for a backtest)")
        case .outlookNextYearTarget: return ("下一年度目标", "Next year's target")
        case .outlookTargetNote: return ("%1 年目标（已导入）", "the %1 target (imported)")
        case .outlookOverdue: return ("待收回的逾期应收款", "Overdue receivables to collect")
        case .outlookStale: return ("超期未结的投诉", "Complaints open too long")
        case .outlookPending: return ("待审批的报销", "Claims awaiting approval")
        case .outlookImprovement: return ("改进计划候选人", "Improvement-plan candidates")
        case .outlookRegions: return ("未完成目标的区域", "Regions under target")
        case .outlookLines: return ("下滑的产品线", "Shrinking product lines")
        case .outlookInvoices: return ("%1 笔", "%1 invoices")
        case .outlookClaims: return ("%1 笔", "%1 claims")
        case .contents: return ("目录", "Contents")
        case .metric: return ("指标", "Metric")
        case .value: return ("本期", "This period")
        case .comparisonValue: return ("对比期", "Comparison")
        case .change: return ("变化", "Change")
        case .note: return ("说明", "Note")
        case .name: return ("姓名", "Name")
        case .metricID: return ("指标代码（JSON）", "Metric (JSON key)")
        case .metricName: return ("指标名称", "Name")
        case .rank: return ("名次", "Rank")
        case .flag: return ("所属部分", "Section")
        case .item: return ("项目", "Item")
        case .regionsTable: return ("分区域业绩", "Revenue by region")
        case .region: return ("区域", "Region")
        case .noRegion: return ("（无区域）", "(no region)")
        case .target: return ("目标", "Target")
        case .completion: return ("完成率", "Completion")
        case .growth: return ("增长率", "Growth")
        case .underTarget: return ("未达标", "Under target")
        case .productLinesTable: return ("分产品线业绩", "Revenue by product line")
        case .productLine: return ("产品线", "Product line")
        case .noProductLine: return ("（无产品线）", "(no product line)")
        case .share: return ("占比", "Share")
        case .productTiersTable: return ("分档次业绩（高端、中端、低端）", "Revenue by product tier")
        case .productTier: return ("产品档次", "Product tier")
        case .noProductTier: return ("（未标档次）", "(no tier)")
        case .chartProductTiers: return ("产品档次结构变化", "Product-tier shift")
        case .shrinking: return ("下滑", "Shrinking")
        case .monthsTable: return ("月度销售额", "Revenue by month")
        case .month: return ("月份", "Month")
        case .quarterTable: return ("季度销售额", "Revenue by quarter")
        case .quarter: return ("季度", "Quarter")
        case .sameMonthLastYear: return ("去年同月", "Same month last year")
        case .sameQuarterLastYear: return ("去年同季", "Same quarter last year")
        case .outsidePeriod: return ("不在本期内", "outside the period")
        case .seasonalityTable: return ("季节性指数", "Seasonality index")
        case .seasonalityIndex: return ("季节性指数", "Seasonality index")
        case .revenue: return ("销售额", "Revenue")
        case .indicatorsTable: return ("销售指标", "Sales indicators")
        case .overdueTable: return ("逾期应收款", "Overdue receivables")
        case .invoice: return ("发票号", "Invoice")
        case .customerCode: return ("客户编码", "Customer code")
        case .customer: return ("客户", "Customer")
        case .dueOn: return ("到期日", "Due on")
        case .outstanding: return ("未收金额", "Outstanding")
        case .daysOverdue: return ("逾期天数", "Days overdue")
        case .channelsTable: return ("渠道结构", "Channels")
        case .channel: return ("渠道", "Channel")
        case .noChannel: return ("（无渠道）", "(no channel)")
        case .comparisonShare: return ("对比期占比", "Comparison share")
        case .shareChange: return ("占比变化", "Share change")
        case .tiersTable: return ("客户分层", "Customer tiers")
        case .tier: return ("层级", "Tier")
        case .customers: return ("客户数", "Customers")
        case .marketTable: return ("客户指标", "Customer indicators")
        case .scoreRunNote:
            return (
                "分层来自客户评分第 %1 次运行（截至 %2，回看 %3 天）",
                "Tiers from scoring run %1 (as of %2, looking back %3 days)"
            )
        case .repsTable: return ("销售排名", "Rep ranking")
        case .login: return ("账号", "Login")
        case .team: return ("团队", "Team")
        case .conversion: return ("转化率", "Conversion")
        case .daysToCollect: return ("回款天数", "Days to collect")
        case .award: return ("奖项", "Award")
        case .inactiveRepsNote:
            return (
                "已离职（人员表在职标记为否）的销售仍按业绩列入排名，但不参与评奖和绩效改进计划：%1",
                "Reps who have left (person.active is no) are still ranked by their sales, but are neither award nor "
                    + "improvement-plan candidates: %1"
            )
        case .quarterAwardsTable: return ("%1奖项", "Awards for %1")
        case .criteria: return ("评选条件", "Criteria")
        case .winner: return ("获奖者", "Winner")
        case .runnerUp: return ("第二名", "Runner-up")
        case .figures: return ("依据", "Figures")
        case .quarterAwardsNote:
            return (
                "与 sales-plan awards 同一计算；条件：%1。",
                "Computed as sales-plan awards computes them; criteria: %1."
            )
        case .improvementLeftOut:
            return (
                "另有 %1 名在职销售缺少其中一个季度的目标，未列入评估。",
                "Active reps left out, without a target for one of the two quarters: %1."
            )
        case .improvementTable: return ("绩效改进计划候选人", "Improvement-plan candidates")
        case .improvementNote:
            return (
                "连续两个季度（%1、%2）完成率低于 %3",
                "Completion under %3 in both %1 and %2"
            )
        case .budgetTable: return ("预算与费用", "Budget and spend")
        case .categoryTable: return ("分类别预算执行", "Budget execution by category")
        case .category: return ("费用类别", "Category")
        case .budget: return ("预算", "Budget")
        case .spent: return ("已花费", "Spent")
        case .execution: return ("执行率", "Execution")
        case .budgetLinesTable: return ("预算明细", "Budget lines")
        case .budgetScope: return ("预算范围", "Budget scope")
        case .scopeKey: return ("范围对象", "Scope key")
        case .budgetPeriod: return ("预算期间", "Budget period")
        case .control: return ("控制方式", "Control")
        case .overrun: return ("超支", "Overrun")
        case .roiCategoryTable: return ("分类别费用回报", "Expense ROI by category")
        case .roiCampaignTable: return ("分活动费用回报", "Expense ROI by campaign")
        case .campaign: return ("活动", "Campaign")
        case .spend: return ("费用", "Spend")
        case .attributed: return ("归因销售额", "Attributed revenue")
        case .roi: return ("费用回报率", "ROI")
        case .unattributed: return ("未归因费用", "Unattributed spend")
        case .roiNote:
            return (
                "归因收入：报销所指定客户、及来源为其活动的商机客户，在费用日期起 %1 天内的销售额；"
                    + "未触达客户的费用不计入回报率。归因收入含其他原因带来的销售，回报率应视为上限。",
                "Attributed revenue: sales to the customers a claim names, and to the customers of opportunities "
                    + "whose source is its campaign, within %1 days of the spend date; spend that reaches no customer "
                    + "is left out of the ROI. Attributed revenue includes sales with other causes: read the ROI as an "
                    + "upper bound."
            )
        case .pendingSourceApproval:
            return (
                "待审批数来自审批流程（sales-approve）",
                "Pending claims as routed by sales-approve"
            )
        case .pendingSourceExpense:
            return (
                "尚未启用审批流程：待审批数取自报销单状态“已提交”",
                "No claim has been routed yet: pending means expense status 'submitted'"
            )
        case .feedbackTable: return ("客户反馈", "Customer feedback")
        case .dimensionTable: return ("分维度满意度", "Satisfaction by dimension")
        case .dimension: return ("维度", "Dimension")
        case .staleTable: return ("超期未结投诉", "Complaints open too long")
        case .complaintKindsTable: return ("投诉分类（按记录的描述）", "Complaints by kind (as described)")
        case .complaintKind: return ("投诉内容", "Complaint")
        case .complaintKindsRest: return ("其余 %1 种", "%1 other kinds")
        case .noDescription: return ("（未写描述）", "(no description)")
        case .complaint: return ("投诉编号", "Complaint")
        case .receivedOn: return ("收到日期", "Received on")
        case .daysOpen: return ("未结天数", "Days open")
        case .status: return ("状态", "Status")
        case .definitionsTable: return ("指标口径", "Metric definitions")
        case .unit: return ("单位", "Unit")
        case .formula: return ("公式", "Formula")
        case .rule: return ("规则", "Rule")
        case .batchesTable: return ("数据来源（导入批次）", "Data sources (import batches)")
        case .batch: return ("批次", "Batch")
        case .file: return ("文件", "File")
        case .fileSHA256: return ("文件 SHA-256", "File SHA-256")
        case .finishedAt: return ("导入完成时间（UTC）", "Imported at (UTC)")
        case .importedBy: return ("导入人", "Imported by")
        case .dataTable: return ("所读数据", "Data read")
        case .dataSHA256: return ("数据 SHA-256", "Data SHA-256")
        case .tableName: return ("数据表", "Table")
        case .rows: return ("行数", "Rows")
        case .schemaVersion: return ("库结构版本", "Schema version")
        case .noBatches: return ("库中没有已提交的导入批次", "The store has no committed import batch")
        case .chartRegions: return ("各区域销售额与目标", "Revenue and target by region")
        case .chartProductLines: return ("产品线占比", "Product-line shares")
        case .chartMonthly: return ("月度销售额：本年与对比年", "Monthly revenue: this year and comparison year")
        case .chartChannels: return ("渠道结构变化", "Channel shift")
        case .chartTiers: return ("客户分层分布", "Customers by tier")
        case .noData: return ("无数据", "No data")
        case .noneQualified: return ("无", "None")
        case .thisPeriod: return ("本期", "This period")
        case .flagRegionUnderTarget: return ("区域 %1 未完成目标：完成率 %2", "Region %1 is under target: %2 completion")
        case .flagProductLineShrinking: return ("产品线 %1 下滑：增长率 %2", "Product line %1 is shrinking: %2 growth")
        case .flagImprovementPlan:
            return (
                "%1 连续两个季度完成率低于 %2（%3）",
                "%1 under %2 completion two quarters running (%3)"
            )
        case .flagAward: return ("%1 %2：%3，%4", "%1 %2: %3, %4")
        case .flagBudgetOverrun:
            return (
                "预算超支：%1 %2 预算 %3，已花费 %4",
                "Budget overrun: %1 %2, budget %3, spent %4"
            )
        case .flagOverdue: return ("逾期应收款 %1 笔，共 %2", "%1 overdue invoices, %2 in all")
        case .flagStaleComplaints: return ("%1 起投诉超过 %2 天未结", "%1 complaints open longer than %2 days")
        case .days: return ("天", "days")
        case .percentagePoints: return ("个百分点", "pp")
        case .yes: return ("是", "yes")
        }
    }

    /// The text with `%1`, `%2`, … replaced by `arguments`.
    public func text(_ language: OutputLanguage, _ arguments: String...) -> String {
        Self.fill(text(language), arguments)
    }

    /// `template` with `%1`…`%9` replaced in one pass, so an argument that itself contains `%2` stays as it is.
    static func fill(_ template: String, _ arguments: [String]) -> String {
        var out = ""
        var scalars = template.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            if scalar == "%", let digit = pending, let index = Int(String(digit)),
                index >= 1, index <= arguments.count
            {
                out += arguments[index - 1]
                pending = scalars.next()
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension ReportSection {
    /// The section's title in `language`.
    public func title(_ language: OutputLanguage) -> String { language == .zh ? titleZh : titleEn }

    /// The heading: `2. 销售业绩`, `附录 A 销售人员完整排名`, `Appendix A. Full rep ranking`.
    public func heading(_ language: OutputLanguage) -> String {
        guard isAppendix else { return "\(label). \(title(language))" }
        return language == .zh ? "附录 \(label) \(titleZh)" : "Appendix \(label). \(titleEn)"
    }
}

extension MetricDefinition {
    /// The metric's name in `language`.
    public func name(_ language: OutputLanguage) -> String { language == .zh ? nameZh : nameEn }
    /// The formula in `language`.
    public func formula(_ language: OutputLanguage) -> String { language == .zh ? formulaZh : formulaEn }
    /// The rule in `language`.
    public func rule(_ language: OutputLanguage) -> String { language == .zh ? ruleZh : ruleEn }
}

extension MetricUnit {
    /// The unit's name in `language`.
    public func name(_ language: OutputLanguage) -> String {
        switch self {
        case .cny: return language.pick("元", "CNY")
        case .percent: return "%"
        case .days: return language.pick("天", "days")
        case .count: return language.pick("个", "count")
        case .index: return language.pick("指数", "index")
        case .score: return language.pick("分（1–5）", "score (1–5)")
        }
    }
}
