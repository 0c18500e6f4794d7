import Foundation

/// Something the summary's reader should look at: a region under target, a shrinking product line,
/// an improvement-plan candidate, an award winner, an overrun budget, overdue money, complaints left open.
public struct ReportFlag: Hashable, Sendable {
    /// What kind of point it is; the stable key in JSON.
    public enum Kind: String, CaseIterable, Sendable {
        case regionUnderTarget = "region_under_target"
        case productLineShrinking = "product_line_shrinking"
        case improvementPlan = "improvement_plan"
        case awardWinner = "award_winner"
        case budgetOverrun = "budget_overrun"
        case overdueReceivables = "overdue_receivables"
        case staleComplaints = "stale_complaints"
    }

    public let kind: Kind
    /// The section the figures behind it are in.
    public let section: ReportSection
    /// Who or what it is about: a region, product line, rep login, budget line; empty for totals.
    public let subject: String
    /// The sentence in Chinese.
    public let textZh: String
    /// The sentence in English.
    public let textEn: String
    /// Whether it is listed among its section's points for attention; the smaller ones (budget overruns within
    /// ``isMaterialOverrun(budgetCents:spentCents:)``) are counted there and listed in appendix E.
    public let isMaterial: Bool

    /// The sentence in `language`.
    public func text(_ language: OutputLanguage) -> String { language == .zh ? textZh : textEn }

    init(
        _ kind: Kind, _ section: ReportSection, subject: String, material: Bool = true, _ key: ReportString,
        _ arguments: (OutputLanguage) -> [String]
    ) {
        self.kind = kind
        self.section = section
        self.subject = subject
        self.isMaterial = material
        textZh = ReportString.fill(key.text(.zh), arguments(.zh))
        textEn = ReportString.fill(key.text(.en), arguments(.en))
    }

    /// An overrun worth a line among the points for attention: more than 5% of the line's budget and more than
    /// ¥10,000 (both, so that neither a small line a few yuan over nor a large line a rounding error over
    /// crowds out the overruns that matter). A line with no budget (0) is material once it spends ¥10,000.
    public static func isMaterialOverrun(budgetCents: Int64, spentCents: Int64) -> Bool {
        let (overrun, overflow) = spentCents.subtractingReportingOverflow(budgetCents)
        if overflow { return true }
        guard overrun > materialOverrunCents else { return false }
        // overrun × 20 > budget without overflowing: for whole cents that is overrun > budget / 20 (rounded down).
        return budgetCents <= 0 || overrun > budgetCents / 20
    }

    /// ¥10,000 in cents: the least overrun that is material.
    public static let materialOverrunCents: Int64 = 1_000_000

    /// The flags of a summary, in section order.
    public static func flags(of data: SummaryData, options: SummaryOptions) -> [ReportFlag] {
        collect(data, options: options).enumerated()
            .sorted { ($0.element.section.rawValue, $0.offset) < ($1.element.section.rawValue, $1.offset) }
            .map(\.element)
    }

    private static func collect(_ data: SummaryData, options: SummaryOptions) -> [ReportFlag] {
        var flags: [ReportFlag] = []
        let sales = data.salesPerformance
        for region in sales.regions where region.isUnderTarget {
            let name = region.name ?? ""
            flags.append(
                ReportFlag(.regionUnderTarget, .salesPerformance, subject: name, .flagRegionUnderTarget) {
                    [region.name ?? ReportString.noRegion.text($0), ReportFormat.text(region.completion, language: $0)]
                })
        }
        for line in sales.productLines where line.isShrinking {
            flags.append(
                ReportFlag(
                    .productLineShrinking, .salesPerformance, subject: line.name ?? "",
                    .flagProductLineShrinking
                ) {
                    [line.name ?? ReportString.noProductLine.text($0), ReportFormat.text(line.growth, language: $0)]
                })
        }
        let team = data.team
        let threshold = MetricValue.ratio(options.improvementThreshold)
        for candidate in team.improvementCandidates {
            flags.append(
                ReportFlag(.improvementPlan, .team, subject: candidate.login, .flagImprovementPlan) { language in
                    let figures = zip(team.improvementQuarters, candidate.completions).map { quarter, completion in
                        ReportFormat.periodText(quarter, language: language) + " "
                            + ReportFormat.text(completion, language: language)
                    }
                    return [
                        "\(candidate.name) (\(candidate.login))",
                        ReportFormat.text(threshold, unit: .percent, language: language),
                        figures.joined(separator: language == .zh ? "，" : ", "),
                    ]
                })
        }
        if let awards = team.quarterAwards {
            for award in awards.awards {
                guard let winner = award.winner else { continue }
                flags.append(
                    ReportFlag(.awardWinner, .team, subject: winner.key, .flagAward) { language in
                        [
                            team.awardQuarter.map { ReportFormat.periodText($0, language: language) } ?? awards.quarter,
                            AwardsText.title(award.award, language), AwardsText.who(winner),
                            AwardsText.figures(award.award, winner, language),
                        ]
                    })
            }
        }
        for line in data.expensesAndBudget.budgetLines where line.isOverrun {
            let subject = [line.scope, line.scopeKey, line.category, line.period].joined(separator: "/")
            let material = isMaterialOverrun(budgetCents: line.budgetCents, spentCents: line.spentCents)
            flags.append(
                ReportFlag(
                    .budgetOverrun, .expensesAndBudget, subject: subject, material: material, .flagBudgetOverrun
                ) {
                    [
                        line.scopeKey.isEmpty ? ReportString.scopeCompany.text($0) : line.scopeKey,
                        CodeLabels.label(line.category, in: Codes.expenseCategory, $0) + " " + line.period,
                        ReportFormat.text(.cents(line.budgetCents), unit: .cny, language: $0),
                        ReportFormat.text(.cents(line.spentCents), unit: .cny, language: $0),
                    ]
                })
        }
        let indicators = data.keyIndicators
        if let count = indicators.overdueInvoices.value.countValue, count > 0 {
            flags.append(
                ReportFlag(.overdueReceivables, .salesPerformance, subject: "", .flagOverdue) {
                    [String(count), ReportFormat.text(indicators.overdueReceivables, language: $0)]
                })
        }
        let feedback = data.customerFeedback
        if let count = feedback.staleComplaints.value.countValue, count > 0 {
            flags.append(
                ReportFlag(.staleComplaints, .customerFeedback, subject: "", .flagStaleComplaints) { _ in
                    [String(count), String(options.staleComplaintDays)]
                })
        }
        return flags
    }
}
