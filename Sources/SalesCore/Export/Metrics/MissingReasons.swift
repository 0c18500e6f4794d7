// Every reason a figure of the summary can be missing, in English and Simplified Chinese side by side.
//
// Period texts (`2026Q3`) and names from the store (regions, teams, logins) appear in both languages as
// stored; in Chinese a name is set off by spaces ("2026Q3 无 华东 区域的目标").

extension MissingReason {
    // MARK: - Comparison and arithmetic

    /// `--compare none`: growth, churn and the other changes have nothing to compare with.
    static let noComparison = MissingReason(
        en: "no comparison period (--compare none)",
        zh: "未设对比期（--compare none）")

    /// An exact product or difference would overflow 64 bits.
    static let tooLarge = MissingReason(
        en: "the figures are too large to compute exactly",
        zh: "数值过大，无法精确计算")

    /// Growth against a comparison period without positive revenue.
    static func noRevenueToCompare(in period: ReportPeriod) -> MissingReason {
        MissingReason(
            en: "no revenue in \(period.text) to compare with",
            zh: "对比期 \(period.text) 无销售额，无法比较")
    }

    /// A share of revenue, or the seasonality index, when revenue is not positive.
    static func noRevenue(in period: ReportPeriod) -> MissingReason {
        MissingReason(en: "no revenue in \(period.text)", zh: "\(period.text) 无销售额")
    }

    // MARK: - Targets

    /// A target row of 0.
    static let targetIsZero = MissingReason(en: "the target is 0", zh: "目标为 0")

    /// A completion whose target is not an amount.
    static let noTarget = MissingReason(en: "no target", zh: "无目标")

    /// No target row for `owner` covers any part of `period`.
    static func noTargets(for owner: TargetOwner, in period: ReportPeriod) -> MissingReason {
        MissingReason(
            en: "no targets for \(owner.en) in \(period.text)",
            zh: owner.isCompany ? "\(period.text) 无公司目标" : "\(period.text) 无 \(owner.zhPossessive)目标")
    }

    /// Target rows for `owner` cover only part of `period`; `used` are the periods of the rows found.
    static func partialTargets(for owner: TargetOwner, in period: ReportPeriod, used: [String]) -> MissingReason {
        MissingReason(
            en: "targets for \(owner.en) cover only part of \(period.text) (\(used.joined(separator: ", ")))",
            zh: "\(owner.isCompany ? "公司目标" : "\(owner.zhPossessive)目标")只覆盖 \(period.text) 的一部分"
                + "（\(used.joined(separator: "、"))）")
    }

    /// A company target summed from region targets, when some regions have none for the period.
    static func regionsWithoutTargets(_ regions: [String], in period: ReportPeriod) -> MissingReason {
        MissingReason(
            en: "no company target for \(period.text), and regions \(regions.joined(separator: ", ")) have no target "
                + "to sum",
            zh: "\(period.text) 无公司目标，且 \(regions.joined(separator: "、")) 区域没有目标，无法加总")
    }

    /// Region rows of a team summary.
    static let teamRegionsHaveNoTargets = MissingReason(
        en: "a team summary does not set regions against region targets",
        zh: "团队报告不将各区域与区域目标对比")

    /// The row of lines without a region.
    static let noRegionNoTarget = MissingReason(
        en: "lines without a region have no target",
        zh: "无区域的订单行没有目标")

    // MARK: - Orders and revenue

    /// No order (a completed line) in the period.
    static func noOrders(in period: ReportPeriod) -> MissingReason {
        MissingReason(en: "no orders in \(period.text)", zh: "\(period.text) 无订单")
    }

    /// No rep credited with a completed line in the period.
    static func noActiveRep(in period: ReportPeriod) -> MissingReason {
        MissingReason(en: "no rep sold anything in \(period.text)", zh: "\(period.text) 没有销售人员成交")
    }

    /// No customer active in the (comparison) period, for the churn rate.
    static func noCustomerOrdered(in period: ReportPeriod) -> MissingReason {
        MissingReason(en: "no customer ordered in \(period.text)", zh: "\(period.text) 没有客户下单")
    }

    /// A month or quarter of the trend that starts after the report's period.
    static func after(_ period: ReportPeriod) -> MissingReason {
        MissingReason(en: "after the period \(period.text)", zh: "晚于报告期 \(period.text)")
    }

    // MARK: - Scoring runs

    /// No stored `sales-score` run covers the period.
    static let noScoreRun = MissingReason(
        en: "no scoring run covers this period; run sales-score",
        zh: "没有覆盖本期的客户分层结果，请先运行 sales-score")

    /// The covering run has no tier-A customer (in the scope).
    static func noTierACustomers(in run: ScoreRunReference) -> MissingReason {
        MissingReason(
            en: "no tier-A customers in scoring run \(run.id) (as of \(run.asOf))",
            zh: "客户分层结果（第 \(run.id) 次运行，基准日 \(run.asOf)）中没有 A 类客户")
    }

    /// No customer was tier A as of `day` (no revenue in the scoring window ending then, or none in the scope).
    static func noTierACustomers(asOf day: String) -> MissingReason {
        MissingReason(
            en: "no tier-A customers as of \(day) (no orders in the 365 days before)",
            zh: "截至 \(day) 没有 A 类客户（此前 365 天内无订单）")
    }

    // MARK: - Opportunities

    static let noOpportunitiesImported = MissingReason(en: "no opportunities imported", zh: "未导入商机")

    static func noOpportunitiesCreated(in period: ReportPeriod) -> MissingReason {
        MissingReason(en: "no opportunities created in \(period.text)", zh: "\(period.text) 没有新建商机")
    }

    static func noOpportunitiesCreated(by login: String, in period: ReportPeriod) -> MissingReason {
        MissingReason(
            en: "no opportunities created by \(login) in \(period.text)",
            zh: "\(login) 在 \(period.text) 没有新建商机")
    }

    static func noOpportunitiesClosed(in period: ReportPeriod) -> MissingReason {
        MissingReason(
            en: "no opportunities won or lost in \(period.text)",
            zh: "\(period.text) 没有赢单或输单的商机")
    }

    static func noOpportunitiesWon(in period: ReportPeriod) -> MissingReason {
        MissingReason(en: "no opportunities won in \(period.text)", zh: "\(period.text) 没有赢单的商机")
    }

    // MARK: - Receivables

    static let noReceivablesImported = MissingReason(en: "no receivables imported", zh: "未导入应收账款")

    /// DSO without credit sales.
    static func noInvoices(in period: ReportPeriod) -> MissingReason {
        MissingReason(en: "no invoices dated in \(period.text)", zh: "\(period.text) 没有开具发票")
    }

    /// A rep's days to collect without a fully paid invoice.
    static func noInvoicePaidInFull(ownedBy login: String, in period: ReportPeriod) -> MissingReason {
        MissingReason(
            en: "no invoice of \(login)'s customers was paid in full in \(period.text)",
            zh: "\(login) 负责的客户在 \(period.text) 没有全额回款的发票")
    }

    // MARK: - Expenses and budget

    /// No budget row of the scope lies inside the period.
    static func noBudgets(for scope: ReportScope, in period: ReportPeriod) -> MissingReason {
        MissingReason(
            en: "no budgets for \(scope == .company ? "the company" : scope.phrase) in \(period.text)",
            zh: scope == .company ? "\(period.text) 无公司预算" : "\(period.text) 无 \(scope.phraseZh)的预算")
    }

    static let budgetIsZero = MissingReason(en: "the budget is 0", zh: "预算为 0")

    static let nothingSpent = MissingReason(en: "nothing was spent", zh: "没有支出")

    /// No expense claim of the scope spent in the period was approved through `sales-approve`.
    static func noClaimApproved(in period: ReportPeriod) -> MissingReason {
        MissingReason(
            en: "no claim spent in \(period.text) was approved through sales-approve",
            zh: "\(period.text) 没有经审批批准的报销单")
    }

    /// Expense ROI of claims that reach no customer: none names a customer, and no opportunity names the
    /// campaign of any (for a category, or a campaign).
    static func noReach(campaigns: Bool) -> MissingReason {
        campaigns
            ? MissingReason(
                en: "no claim names a customer and no opportunity names this campaign as its source: "
                    + "nothing to attribute revenue to",
                zh: "费用未指明客户，也没有商机的来源是该活动，无法归因销售额")
            : MissingReason(
                en: "no claim names a customer or a campaign that opportunities name as their source: "
                    + "nothing to attribute revenue to",
                zh: "费用未指明客户或有商机来源的活动，无法归因销售额")
    }

    // MARK: - Feedback

    static func noSurveyScores(in period: ReportPeriod) -> MissingReason {
        MissingReason(en: "no survey scores received in \(period.text)", zh: "\(period.text) 未收到调查评分")
    }

    static func noComplaints(in period: ReportPeriod) -> MissingReason {
        MissingReason(en: "no complaints received in \(period.text)", zh: "\(period.text) 未收到投诉")
    }

    static func noComplaintResolved(in period: ReportPeriod) -> MissingReason {
        MissingReason(
            en: "no complaint has a resolution date in \(period.text)", zh: "\(period.text) 没有记有解决日期的投诉")
    }

    // MARK: - Scope

    /// The reason about `scope`: unchanged for the company; else the scope is named, after the English
    /// ("no orders in 2026Q3 for region 华东") and before the Chinese ("华东 区域：2026Q3 无订单").
    func scoped(_ scope: ReportScope) -> MissingReason {
        guard scope != .company else { return self }
        return MissingReason(en: "\(en) for \(scope.phrase)", zh: "\(scope.phraseZh)：\(zh)")
    }
}

/// Whose target a reason names: the company, a region, a team or a rep, in both languages.
struct TargetOwner {
    /// `the company`, `region 华东`, `team 华东一组`, `rep li.lei`.
    let en: String
    /// `公司`, `华东 区域`, `华东一组 团队`, `销售 li.lei`.
    let zh: String
    let isCompany: Bool

    /// ``zh`` followed by 的, set off by a space after a name that ends in Latin letters: `华东 区域的`,
    /// `销售 li.lei 的`.
    var zhPossessive: String {
        (zh.last.map { $0.isASCII } ?? false) ? zh + " 的" : zh + "的"
    }

    /// The owner of the `sales_target` rows of `scope` (`company`, `region`, `team`, `rep`) and `key`.
    init(scope: String, key: String) {
        isCompany = scope == "company"
        switch scope {
        case "company": (en, zh) = ("the company", "公司")
        case "region": (en, zh) = ("region \(key)", "\(key) 区域")
        case "team": (en, zh) = ("team \(key)", "\(key) 团队")
        case "rep": (en, zh) = ("rep \(key)", "销售 \(key)")
        default: (en, zh) = ("\(scope) \(key)", "\(scope) \(key)")
        }
    }
}
