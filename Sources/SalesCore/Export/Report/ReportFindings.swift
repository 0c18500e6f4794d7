/// What the summary found, in words: one sentence in each language per finding, citing the computed figures it
/// rests on, ranked by the money at stake (largest first), so the report opens with what matters most.
///
/// Every sentence is a fixed template filled with figures of ``SummaryData`` formatted as the report formats
/// them; nothing is estimated or invented, and a finding whose figures are missing is left out. The same
/// data gives the same findings in the same order.
public struct ReportFinding: Hashable, Sendable {
    /// The section the figures are in.
    public let section: ReportSection
    /// The metrics the sentence cites (JSON `metrics`).
    public let metrics: [MetricID]
    /// The sentence in Chinese.
    public let textZh: String
    /// The sentence in English.
    public let textEn: String
    /// The money at stake, in cents (0 when the finding has no amount): what ranks the findings.
    public let stakeCents: Int64

    /// The sentence in `language`.
    public func text(_ language: OutputLanguage) -> String { language == .zh ? textZh : textEn }

    init(
        _ section: ReportSection, _ metrics: [MetricID], stake: Int64,
        _ sentence: (OutputLanguage) -> String
    ) {
        self.section = section
        self.metrics = metrics
        self.stakeCents = stake
        textZh = sentence(.zh)
        textEn = sentence(.en)
    }

    /// The findings of `data`, largest money at stake first, then in section order, then in the order made.
    public static func findings(of data: SummaryData) -> [ReportFinding] {
        FindingWriter(data: data).all().enumerated()
            .sorted { a, b in
                if a.element.stakeCents != b.element.stakeCents { return a.element.stakeCents > b.element.stakeCents }
                if a.element.section != b.element.section {
                    return a.element.section.rawValue < b.element.section.rawValue
                }
                return a.offset < b.offset
            }
            .map(\.element)
    }
}

/// Builds the findings: one method per kind, each returning nothing when its figures are missing.
private struct FindingWriter {
    let data: SummaryData

    private func money(_ cents: Int64, _ language: OutputLanguage) -> String {
        ReportFormat.text(.cents(cents), unit: .cny, language: language)
    }

    private func figure(_ value: MetricValue, _ unit: MetricUnit, _ language: OutputLanguage) -> String {
        ReportFormat.text(value, unit: unit, language: language)
    }

    private func period(_ period: ReportPeriod, _ language: OutputLanguage) -> String {
        ReportFormat.periodText(period, language: language)
    }

    /// Percentage points between two ratio values, as text (`+1.4 个百分点`, `-0.3 pp`).
    private func points(_ change: Double, _ language: OutputLanguage) -> String {
        ReportFormat.pointsText(change, language: language)
    }

    /// `|a − b|`, or 0 on overflow.
    private func gap(_ a: Int64, _ b: Int64) -> Int64 {
        Figure.difference(a, b).map { $0 == Int64.min ? 0 : abs($0) } ?? 0
    }

    /// The sum of `amounts`, or `nil` when it does not fit (forged figures): the finding is then left out.
    private func total(_ amounts: [Int64]) -> Int64? {
        var sum: Int64 = 0
        for amount in amounts {
            let (next, overflow) = sum.addingReportingOverflow(amount)
            if overflow { return nil }
            sum = next
        }
        return sum
    }

    /// A share change's money at stake, `|change| × revenue` in cents, kept within range (it only ranks).
    private func stake(_ change: Double, of revenue: Int64) -> Int64 {
        let value = (abs(change) * Double(revenue)).rounded()
        guard value.isFinite, value > 0 else { return 0 }
        return value >= Double(Int64.max / 2) ? Int64.max / 2 : Int64(value)
    }

    func all() -> [ReportFinding] {
        var found: [ReportFinding] = []
        found += target()
        found += growth()
        found += regions()
        found += productLines()
        found += productTiers()
        found += channels()
        found += newCustomers()
        found += churn()
        found += retention()
        found += overdue()
        found += budget()
        found += unattributed()
        found += pending()
        found += complaints()
        return found
    }

    // MARK: - 1. Core goals

    private func target() -> [ReportFinding] {
        let goals = data.coreGoals
        guard case .cents(let revenue) = goals.revenue.value, case .cents(let target) = goals.target.value,
            goals.targetCompletion.value.ratioValue != nil
        else { return [] }
        let above = revenue >= target
        return [
            ReportFinding(.coreGoals, [.revenue, .target, .targetCompletion], stake: gap(revenue, target)) { l in
                let completion = figure(goals.targetCompletion.value, .percent, l)
                let difference = money(gap(revenue, target), l)
                return l == .zh
                    ? "\(period(data.period, l))销售额 \(money(revenue, l))，为目标 \(money(target, l)) 的 \(completion)"
                        + (above ? "，超出 \(difference)。" : "，差 \(difference)。")
                    : "Revenue of \(money(revenue, l)) in \(period(data.period, l)) is \(completion) of the "
                        + "\(money(target, l)) target (\(difference) \(above ? "above" : "short of") it)."
            }
        ]
    }

    private func growth() -> [ReportFinding] {
        let goals = data.coreGoals
        guard case .cents(let revenue) = goals.revenue.value, case .cents(let before)? = goals.revenue.comparison,
            let comparison = data.comparisonPeriod, goals.growth.value.ratioValue != nil
        else { return [] }
        let up = revenue >= before
        return [
            ReportFinding(.coreGoals, [.revenue, .growth], stake: gap(revenue, before)) { l in
                let rate = figure(goals.growth.value, .percent, l)
                let change = money(gap(revenue, before), l)
                return l == .zh
                    ? "销售额比\(period(comparison, l))的 \(money(before, l)) \(up ? "增长" : "下降") \(rate)"
                        + "（\(up ? "+" : "−")\(change)）。"
                    : "Revenue \(up ? "grew" : "fell") \(rate) on \(period(comparison, l))'s \(money(before, l)) "
                        + "(\(up ? "+" : "−")\(change))."
            }
        ]
    }

    /// Tier-A retention; the money at stake is what the lost tier-A customers bought in the 365 days before the
    /// period (the window that made them tier A), stated in the sentence.
    private func retention() -> [ReportFinding] {
        guard let ratio = data.coreGoals.tierARetention.value.ratioValue,
            let lostRevenue = data.coreGoals.tierALostRevenue
        else { return [] }
        let lost = ratio.denominator - ratio.numerator
        return [
            ReportFinding(.coreGoals, [.tierARetention], stake: lostRevenue) { l in
                let rate = figure(data.coreGoals.tierARetention.value, .percent, l)
                let before =
                    lost == 0
                    ? ""
                    : l == .zh
                        ? "，他们在本期之前 \(TierABasis.windowDays) 天内的销售额为 \(money(lostRevenue, l))"
                        : "; they had bought \(money(lostRevenue, l)) in the \(TierABasis.windowDays) days before it"
                return l == .zh
                    ? "期初 \(ratio.denominator) 个 A 类客户中 \(ratio.numerator) 个在\(period(data.period, l))有订单"
                        + "（留存率 \(rate)），\(lost) 个没有下单\(before)。"
                    : "\(ratio.numerator) of the \(ratio.denominator) customers who were tier A when "
                        + "\(period(data.period, l)) began ordered in it (\(rate) retained); \(lost) did not\(before)."
            }
        ]
    }

    // MARK: - 2. Sales performance

    private func regions() -> [ReportFinding] {
        data.salesPerformance.regions.compactMap { region in
            guard region.isUnderTarget, let name = region.name, case .cents(let revenue) = region.revenue.value,
                case .cents(let target) = region.target.value
            else { return nil }
            return ReportFinding(
                .salesPerformance, [.revenue, .target, .targetCompletion], stake: gap(target, revenue)
            ) {
                l in
                let completion = figure(region.completion.value, .percent, l)
                return l == .zh
                    ? "区域 \(name) 完成目标的 \(completion)，差 \(money(gap(target, revenue), l))。"
                    : "Region \(name) reached \(completion) of its target, \(money(gap(target, revenue), l)) short."
            }
        }
    }

    private func productLines() -> [ReportFinding] {
        guard let comparison = data.comparisonPeriod else { return [] }
        return data.salesPerformance.productLines.compactMap { line in
            guard line.isShrinking, let name = line.name, case .cents(let revenue) = line.revenue.value,
                case .cents(let before)? = line.revenue.comparison
            else { return nil }
            return ReportFinding(.salesPerformance, [.revenue, .growth], stake: gap(before, revenue)) { l in
                let rate = figure(line.growth.value, .percent, l)
                return l == .zh
                    ? "产品线 \(name) 销售额 \(money(revenue, l))，比\(period(comparison, l))减少 "
                        + "\(money(gap(before, revenue), l))（\(rate)）。"
                    : "Product line \(name) sold \(money(revenue, l)), \(money(gap(before, revenue), l)) less than "
                        + "in \(period(comparison, l)) (\(rate))."
            }
        }
    }

    /// The product tier whose share moved most.
    private func productTiers() -> [ReportFinding] {
        guard let comparison = data.comparisonPeriod, case .cents(let revenue) = data.coreGoals.revenue.value,
            let tier = data.salesPerformance.productTiers.filter({ $0.tier != nil && $0.shareChange != nil })
                .max(by: { abs($0.shareChange ?? 0) < abs($1.shareChange ?? 0) }),
            let code = tier.tier, let change = tier.shareChange
        else { return [] }
        let atStake = stake(change, of: revenue)
        return [
            ReportFinding(.salesPerformance, [.productTierShare], stake: atStake) { l in
                let name = CodeLabels.label(code, in: Codes.productTier, l)
                let share = figure(tier.share.value, .percent, l)
                return l == .zh
                    ? "\(name)产品占销售额的 \(share)，比\(period(comparison, l))变化 \(points(change, l))。"
                    : "\(name) products made \(share) of revenue, \(points(change, l)) on \(period(comparison, l))."
            }
        ]
    }

    // MARK: - 4. Market and customers

    /// The channel whose share moved most.
    private func channels() -> [ReportFinding] {
        guard let comparison = data.comparisonPeriod, case .cents(let revenue) = data.coreGoals.revenue.value,
            let channel = data.marketAndCustomers.channels.filter({ $0.channel != nil && $0.shareChange != nil })
                .max(by: { abs($0.shareChange ?? 0) < abs($1.shareChange ?? 0) }),
            let code = channel.channel, let change = channel.shareChange
        else { return [] }
        let atStake = stake(change, of: revenue)
        return [
            ReportFinding(.marketAndCustomers, [.channelShare], stake: atStake) { l in
                let name = CodeLabels.label(code, in: Codes.channel, l)
                let share = figure(channel.share.value, .percent, l)
                return l == .zh
                    ? "渠道 \(name) 占销售额的 \(share)，比\(period(comparison, l))变化 \(points(change, l))，"
                        + "是变化最大的渠道。"
                    : "The \(name) channel made \(share) of revenue, \(points(change, l)) on "
                        + "\(period(comparison, l)): the largest shift of any channel."
            }
        ]
    }

    private func newCustomers() -> [ReportFinding] {
        let goals = data.coreGoals
        guard let share = goals.newCustomerShare.value.ratioValue,
            let count = data.marketAndCustomers.newCustomers.value.countValue, count > 0
        else { return [] }
        return [
            ReportFinding(.marketAndCustomers, [.newCustomers, .newCustomerShare], stake: abs(share.numerator)) { l in
                let rate = figure(goals.newCustomerShare.value, .percent, l)
                let before = goals.newCustomerShare.comparison.flatMap { value -> String? in
                    guard value.ratioValue != nil, let comparison = data.comparisonPeriod else { return nil }
                    return l == .zh
                        ? "（\(period(comparison, l)) \(figure(value, .percent, l))）"
                        : " (\(figure(value, .percent, l)) in \(period(comparison, l)))"
                }
                return l == .zh
                    ? "新客户 \(count) 个，贡献销售额 \(money(share.numerator, l))，占 \(rate)\(before ?? "")。"
                    : "\(count) new customers brought \(money(share.numerator, l)), \(rate) of revenue\(before ?? "")."
            }
        ]
    }

    private func churn() -> [ReportFinding] {
        let market = data.marketAndCustomers
        guard let comparison = data.comparisonPeriod, let lost = market.lostCustomers.value.countValue, lost > 0,
            market.churnRate.value.ratioValue != nil
        else { return [] }
        let lostRevenue = market.lostCustomersRevenue ?? 0
        return [
            ReportFinding(.marketAndCustomers, [.lostCustomers, .churnRate], stake: lostRevenue) { l in
                let rate = figure(market.churnRate.value, .percent, l)
                return l == .zh
                    ? "\(period(comparison, l))有订单的客户中 \(lost) 个在\(period(data.period, l))没有下单"
                        + "（流失率 \(rate)），他们在\(period(comparison, l))的销售额为 \(money(lostRevenue, l))。"
                    : "\(lost) customers who ordered in \(period(comparison, l)) did not order in "
                        + "\(period(data.period, l)) (\(rate) churn); they had bought \(money(lostRevenue, l)) in "
                        + "\(period(comparison, l))."
            }
        ]
    }

    // MARK: - 3. Key indicators

    private func overdue() -> [ReportFinding] {
        let key = data.keyIndicators
        guard case .cents(let amount) = key.overdueReceivables.value, amount > 0,
            let count = key.overdueInvoices.value.countValue
        else { return [] }
        return [
            ReportFinding(.salesPerformance, [.overdueReceivables, .overdueInvoices, .dsoDays], stake: amount) { l in
                let dso = key.dsoDays.value.ratioValue == nil ? nil : figure(key.dsoDays.value, .days, l)
                return l == .zh
                    ? "期末逾期应收款 \(money(amount, l))，共 \(count) 笔" + (dso.map { "；应收账款周转天数 \($0)" } ?? "")
                        + "。"
                    : "\(money(amount, l)) was overdue at the period's end on \(count) invoices"
                        + (dso.map { "; days sales outstanding \($0)" } ?? "") + "."
            }
        ]
    }

    // MARK: - 6. Expenses and budget

    private func budget() -> [ReportFinding] {
        let overruns = data.expensesAndBudget.budgetLines.filter(\.isOverrun)
        guard let overrun = total(overruns.map { gap($0.spentCents, $0.budgetCents) }),
            let worst = overruns.max(by: { gap($0.spentCents, $0.budgetCents) < gap($1.spentCents, $1.budgetCents) })
        else { return [] }
        return [
            ReportFinding(.expensesAndBudget, [.budget, .spend, .budgetExecution], stake: overrun) { l in
                let scope =
                    worst.scopeKey.isEmpty ? ReportString.scopeCompany.text(l) : worst.scopeKey
                let line =
                    scope + " " + CodeLabels.label(worst.category, in: Codes.expenseCategory, l) + " "
                    + worst.period
                return l == .zh
                    ? "\(overruns.count) 个预算行超支，共超出 \(money(overrun, l))；最多的是 \(line)，超出 "
                        + "\(money(gap(worst.spentCents, worst.budgetCents), l))。"
                    : "\(overruns.count) budget lines overran by \(money(overrun, l)) in all; the most, \(line), by "
                        + "\(money(gap(worst.spentCents, worst.budgetCents), l))."
            }
        ]
    }

    private func unattributed() -> [ReportFinding] {
        let items = data.expensesAndBudget.roiByCategory
        guard let unattributed = total(items.map { $0.unattributedSpend.value.centsValue ?? 0 }),
            let spend = total(items.map { $0.spend.value.centsValue ?? 0 }), unattributed > 0
        else { return [] }
        return [
            ReportFinding(.expensesAndBudget, [.unattributedSpend, .expenseROI], stake: unattributed) { l in
                l == .zh
                    ? "费用 \(money(spend, l)) 中有 \(money(unattributed, l)) 未指明客户、其活动也没有商机，无法归因销售额，"
                        + "未计入费用回报率。"
                    : "\(money(unattributed, l)) of \(money(spend, l)) spent names no customer and no campaign with "
                        + "opportunities: it cannot be attributed and is left out of the expense ROI."
            }
        ]
    }

    private func pending() -> [ReportFinding] {
        let expenses = data.expensesAndBudget
        guard let count = expenses.pendingClaims.value.countValue, count > 0,
            case .cents(let amount) = expenses.pendingClaimsAmount.value
        else { return [] }
        return [
            ReportFinding(.expensesAndBudget, [.pendingClaims, .pendingClaimsAmount], stake: amount) { l in
                l == .zh
                    ? "本期发生的 \(count) 笔报销（\(money(amount, l))）仍待审批。"
                    : "\(count) claims spent in the period (\(money(amount, l))) still await approval."
            }
        ]
    }

    // MARK: - 7. Customer feedback

    /// Complaints carry no amount in the store (a feedback row has no money, and nothing ties a complaint to the
    /// orders it cost), so this finding's money at stake is 0 and it ranks after every finding with an amount;
    /// any figure put there (the complaining customers' revenue, say) would claim a loss the data does not show.
    private func complaints() -> [ReportFinding] {
        let goals = data.coreGoals
        let feedback = data.customerFeedback
        guard goals.complaintRate.value.ratioValue != nil, let count = feedback.complaints.value.countValue else {
            return []
        }
        return [
            ReportFinding(.customerFeedback, [.complaintRate, .complaints, .medianDaysToClose], stake: 0) { l in
                let rate = figure(goals.complaintRate.value, .percent, l)
                let before = bothPresent(goals.complaintRate.comparison, data.comparisonPeriod).flatMap {
                    value, comparison -> String? in
                    guard value.ratioValue != nil else { return nil }
                    return l == .zh
                        ? "（\(period(comparison, l)) \(figure(value, .percent, l))）"
                        : " (\(figure(value, .percent, l)) in \(period(comparison, l)))"
                }
                let median =
                    feedback.medianDaysToClose.value.ratioValue == nil
                    ? nil : figure(feedback.medianDaysToClose.value, .days, l)
                return l == .zh
                    ? "收到投诉 \(count) 起，客诉率 \(rate)\(before ?? "")"
                        + (median.map { "；解决天数中位数 \($0)" } ?? "") + "。"
                    : "\(count) complaints were received, a complaint rate of \(rate)\(before ?? "")"
                        + (median.map { "; the median complaint was resolved in \($0)" } ?? "") + "."
            }
        ]
    }
}
