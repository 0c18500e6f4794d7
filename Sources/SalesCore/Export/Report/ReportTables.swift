/// One cell of a report table, typed so each format can store it right: numbers as numbers with a
/// format in XLSX, text neutralised where a spreadsheet could run it, dates as dates.
public enum ReportCell: Hashable, Sendable {
    /// Text as stored or labelled.
    case text(String)
    /// A figure in its unit; missing values print as `—`.
    case value(MetricValue, MetricUnit)
    /// The change of a compared figure (``ReportFormat/changeText(_:language:)``).
    case change(MetricResult)
    /// A share change in percentage points ÷ 100.
    case points(Double?)
    /// A calendar date, `yyyy-mm-dd`.
    case date(String)
    /// A whole number (rank, days, rows).
    case integer(Int64)
    /// A yes/no mark; `false` prints empty.
    case mark(Bool)
}

/// One column of a report table.
public struct ReportColumn: Hashable, Sendable {
    /// The header in the report's language.
    public let title: String
    /// Whether the column holds figures (right-aligned).
    public let isNumeric: Bool
}

/// A table of the summary, rendered the same way by every format.
public struct ReportTable: Hashable, Sendable {
    /// A stable key (`regions`, `reps`, …): CSV block names, HTML ids, XLSX row titles.
    public let key: String
    /// The title in the report's language.
    public let title: String
    public let columns: [ReportColumn]
    public var rows: [[ReportCell]]
    /// Sentences printed under the table: where figures came from, why some are missing.
    public var notes: [String]
    /// What the table says when it has no row though its data is there (nobody met its rule: "None");
    /// `nil` when no row means no data ("No data").
    public var emptyText: String? = nil
}

/// A section of the summary as tables.
public struct ReportSectionTables: Hashable, Sendable {
    public let section: ReportSection
    public let tables: [ReportTable]
}

extension SummaryReport {
    /// The seven sections of the outline, then appendices A–F, as tables in `language`.
    public func tables(_ language: OutputLanguage) -> [ReportSectionTables] {
        ReportTableBuilder(report: self, language: language).sections()
    }
}

/// Lays the summary out as tables.
struct ReportTableBuilder {
    let report: SummaryReport
    let language: OutputLanguage

    private func s(_ key: ReportString) -> String { key.text(language) }
    private func text(_ column: ReportString) -> ReportColumn { ReportColumn(title: s(column), isNumeric: false) }
    private func number(_ column: ReportString) -> ReportColumn { ReportColumn(title: s(column), isNumeric: true) }
    private func value(_ result: MetricResult) -> ReportCell { .value(result.value, result.definition.unit) }
    private func period(_ period: ReportPeriod) -> String { ReportFormat.periodText(period, language: language) }
    private func reason(_ result: MetricResult) -> String {
        ReportFormat.reason(result.value, language: language) ?? ""
    }
    /// The reader's word for a stored code of `codes` (``CodeLabels``).
    private func label(_ code: String, _ codes: [String]) -> String { CodeLabels.label(code, in: codes, language) }

    /// The report as presented: section 1 is the first page (findings, headline figures; the key charts in
    /// HTML), then the sections in the order of the yearly summary's outline, each opening with its material
    /// points for attention, then the long lists as appendices and the definitions last.
    func sections() -> [ReportSectionTables] {
        let t = report.data.team
        let k = report.data.keyIndicators
        let f = report.data.customerFeedback
        return [
            ReportSectionTables(section: .coreGoals, tables: coreGoals()),
            ReportSectionTables(section: .salesPerformance, tables: attention(.salesPerformance) + salesPerformance()),
            ReportSectionTables(section: .team, tables: attention(.team) + team()),
            ReportSectionTables(section: .marketAndCustomers, tables: attention(.marketAndCustomers) + market()),
            ReportSectionTables(section: .expensesAndBudget, tables: attention(.expensesAndBudget) + expenses()),
            ReportSectionTables(section: .customerFeedback, tables: attention(.customerFeedback) + feedback()),
            ReportSectionTables(section: .outlook, tables: [outlook()]),
            ReportSectionTables(section: .repRanking, tables: [repRanking(t.reps, key: "reps", title: s(.repsTable))]),
            ReportSectionTables(section: .budgetLines, tables: [budgetLines()]),
            ReportSectionTables(section: .overdueReceivables, tables: [overdueList(k)]),
            ReportSectionTables(section: .staleComplaints, tables: [staleList(f)]),
            ReportSectionTables(section: .pointsForAttention, tables: [allPoints()]),
            ReportSectionTables(section: .definitions, tables: definitions()),
        ]
    }

    /// "Listed in full in Appendix X, “title”".
    private func seeAppendix(_ appendix: ReportSection) -> String {
        ReportString.listedInAppendix.text(language, appendix.label, appendix.title(language))
    }

    /// A section's points for attention: its material flags, the smaller ones counted (appendix E lists them);
    /// nothing when the section has no flag.
    private func attention(_ section: ReportSection) -> [ReportTable] {
        let flags = report.flags.filter { $0.section == section }
        guard !flags.isEmpty else { return [] }
        let material = flags.filter(\.isMaterial)
        let smaller = flags.count - material.count
        let note = material.isEmpty ? ReportString.attentionSmallerOnly : .attentionSmaller
        return [
            ReportTable(
                key: "attention", title: s(.flagsTitle), columns: [text(.item)],
                rows: material.map { [.text($0.text(language))] },
                notes: smaller > 0 ? [note.text(language, String(smaller))] : [])
        ]
    }

    /// Appendix E: every flag, with whether its section lists it.
    private func allPoints() -> ReportTable {
        ReportTable(
            key: "points", title: s(.flagsTitle), columns: [text(.flag), text(.item), text(.inSection)],
            rows: report.flags.map {
                [.text($0.section.heading(language)), .text($0.text(language)), .mark($0.isMaterial)]
            },
            notes: report.flags.isEmpty ? [s(.noFlags)] : [])
    }

    /// The note of a metric row: why the value is missing, else why its comparison is (`2024：…`).
    private func note(_ result: MetricResult) -> String {
        if let why = ReportFormat.reason(result.value, language: language) { return why }
        guard let previous = result.comparison, let why = ReportFormat.reason(previous, language: language) else {
            return ""
        }
        let colon = language == .zh ? "：" : ": "
        return report.data.comparisonPeriod.map { period($0) + colon + why } ?? why
    }

    /// A table of metrics: name, value, comparison, change, note (the reason a value is missing).
    private func metricTable(
        _ key: String, _ title: ReportString, _ results: [MetricResult],
        notes: [String] = []
    ) -> ReportTable {
        let data = report.data
        let comparisonTitle =
            data.comparisonPeriod.map { s(.comparisonValue) + " " + period($0) }
            ?? s(.comparisonValue)
        let columns = [
            text(.metric), ReportColumn(title: s(.value) + " " + period(data.period), isNumeric: true),
            ReportColumn(title: comparisonTitle, isNumeric: true), number(.change), text(.note),
        ]
        let rows: [[ReportCell]] = results.map { result in
            let unit = result.definition.unit
            return [
                .text(result.definition.name(language)), value(result),
                result.comparison.map { .value($0, unit) } ?? .text(""), .change(result), .text(note(result)),
            ]
        }
        return ReportTable(key: key, title: s(title), columns: columns, rows: rows, notes: notes)
    }

    // MARK: - 1. Work overview and core goals

    private func coreGoals() -> [ReportTable] {
        let goals = report.data.coreGoals
        let metrics = metricTable(
            "core-goals", .headlineTable,
            [
                goals.revenue, goals.target, goals.targetCompletion, goals.growth, goals.newCustomerShare,
                goals.repurchaseRate, goals.complaintRate, goals.tierARetention,
            ])
        let findings = ReportTable(
            key: "findings", title: s(.findingsTitle), columns: [number(.rank), text(.flag), text(.finding)],
            rows: report.findings.enumerated().map { index, finding in
                [.integer(Int64(index + 1)), .text(finding.section.title(language)), .text(finding.text(language))]
            },
            notes: [s(.findingsNote)])
        return [findings, metrics]
    }

    // MARK: - 2. Sales performance

    private func salesPerformance() -> [ReportTable] {
        let sales = report.data.salesPerformance
        let regions = ReportTable(
            key: "regions", title: s(.regionsTable),
            columns: [
                text(.region), number(.revenue), number(.target), number(.completion), number(.growth),
                text(.underTarget), text(.note),
            ],
            rows: sales.regions.map { region in
                [
                    .text(region.name ?? s(.noRegion)), value(region.revenue), value(region.target),
                    value(region.completion), value(region.growth), .mark(region.isUnderTarget),
                    .text(reason(region.target.value.isMissing ? region.target : region.completion)),
                ]
            }, notes: [])
        let lines = ReportTable(
            key: "product-lines", title: s(.productLinesTable),
            columns: [
                text(.productLine), number(.revenue), number(.share), number(.comparisonShare),
                number(.growth), text(.shrinking),
            ],
            rows: sales.productLines.map { line in
                [
                    .text(line.name ?? s(.noProductLine)), value(line.revenue), value(line.share),
                    line.share.comparison.map { .value($0, .percent) } ?? .text(""), value(line.growth),
                    .mark(line.isShrinking),
                ]
            }, notes: [])
        let tiers = ReportTable(
            key: "product-tiers", title: s(.productTiersTable),
            columns: [
                text(.productTier), number(.revenue), number(.share), number(.comparisonShare),
                number(.shareChange), number(.growth),
            ],
            rows: sales.productTiers.map { tier in
                [
                    .text(tier.tier.map { label($0, Codes.productTier) } ?? s(.noProductTier)), value(tier.revenue),
                    value(tier.share), tier.share.comparison.map { .value($0, .percent) } ?? .text(""),
                    .points(tier.shareChange), value(tier.growth),
                ]
            }, notes: [])
        let hasComparison = report.data.comparisonPeriod != nil
        func periodRows(_ parts: [PeriodRevenue]) -> [[ReportCell]] {
            parts.map { part in
                var row: [ReportCell] = [.text(period(part.period)), value(part.revenue)]
                if hasComparison {
                    row.append(part.revenue.comparison.map { .value($0, .cny) } ?? .text(""))
                    row.append(.change(part.revenue))
                }
                row.append(.text(part.isInPeriod ? reason(part.revenue) : s(.outsidePeriod)))
                return row
            }
        }
        func periodColumns(_ label: ReportString, _ comparison: ReportString) -> [ReportColumn] {
            [text(label), number(.revenue)] + (hasComparison ? [number(comparison), number(.change)] : [])
                + [text(.note)]
        }
        let months = ReportTable(
            key: "months", title: s(.monthsTable),
            columns: periodColumns(.month, .sameMonthLastYear),
            rows: periodRows(sales.months), notes: [])
        let quarters = ReportTable(
            key: "quarters", title: s(.quarterTable),
            columns: periodColumns(.quarter, .sameQuarterLastYear),
            rows: periodRows(sales.quarters), notes: [])
        let seasonality = ReportTable(
            key: "seasonality", title: s(.seasonalityTable) + " " + period(sales.seasonalityYear),
            columns: [text(.quarter), number(.revenue), number(.seasonalityIndex), text(.note)],
            rows: sales.seasonality.map {
                [.text(period($0.quarter)), value($0.revenue), value($0.index), .text(reason($0.index))]
            }, notes: [])
        let k = report.data.keyIndicators
        let indicators = metricTable(
            "indicators", .indicatorsTable,
            [
                k.orders, k.averageOrderValue, k.salesCycleDays, k.leadConversion, k.winRate, k.dsoDays,
                k.overdueReceivables, k.overdueInvoices,
            ],
            notes: k.overdueList.isEmpty ? [] : [seeAppendix(.overdueReceivables)])
        return [regions, lines, tiers, quarters, months, seasonality, indicators]
    }

    // MARK: - Appendix C: overdue receivables

    /// Appendix C.
    private func overdueList(_ k: KeyIndicators) -> ReportTable {
        ReportTable(
            key: "overdue", title: s(.overdueTable),
            columns: [
                text(.invoice), text(.customerCode), text(.customer), text(.dueOn), number(.outstanding),
                number(.daysOverdue),
            ],
            rows: k.overdueList.map {
                [
                    .text($0.invoiceNo), .text($0.customerCode ?? ""), .text($0.customerName ?? ""), .date($0.dueOn),
                    .value(.cents($0.outstandingCents), .cny), .integer(Int64($0.daysOverdue)),
                ]
            }, notes: listNote(shown: k.overdueList.count, of: k.overdueInvoices))
    }

    /// "Showing the first N of M" when a list was cut at the list limit.
    private func listNote(shown: Int, of total: MetricResult) -> [String] {
        guard let count = total.value.countValue, count > Int64(shown) else { return [] }
        return [language == .zh ? "仅列出前 \(shown) 项，共 \(count) 项" : "The first \(shown) of \(count) are listed"]
    }

    // MARK: - 4. Market and customers

    private func market() -> [ReportTable] {
        let m = report.data.marketAndCustomers
        let channels = ReportTable(
            key: "channels", title: s(.channelsTable),
            columns: [
                text(.channel), number(.revenue), number(.share), number(.comparisonShare),
                number(.shareChange),
            ],
            rows: m.channels.map { channel in
                [
                    .text(channel.channel.map { label($0, Codes.channel) } ?? s(.noChannel)), value(channel.revenue),
                    value(channel.share),
                    channel.share.comparison.map { .value($0, .percent) } ?? .text(""), .points(channel.shareChange),
                ]
            }, notes: [])
        let metrics = metricTable(
            "customers", .marketTable,
            [m.highValueShare, m.churnRate, m.newCustomers, m.lostCustomers, m.activeCustomers])
        var tierNotes: [String] = []
        if let run = m.scoreRun {
            tierNotes.append(ReportString.scoreRunNote.text(language, String(run.id), run.asOf, String(run.windowDays)))
        } else if let first = m.tiers.first, let why = ReportFormat.reason(first.customers.value, language: language) {
            tierNotes.append(why)
        }
        let tiers = ReportTable(
            key: "tiers", title: s(.tiersTable), columns: [text(.tier), number(.customers), number(.revenue)],
            rows: m.tiers.map { [.text($0.tier), value($0.customers), value($0.revenue)] }, notes: tierNotes)
        return [channels, metrics, tiers]
    }

    // MARK: - 3. Team (appendix A: the full ranking)

    /// How many reps section 3 shows; appendix A ranks them all.
    static let topReps = 10

    /// A ranking table of `reps` (ranks from 1), with the inactive reps named in a note.
    private func repRanking(_ reps: [RepPerformance], key: String, title: String, notes: [String] = []) -> ReportTable {
        let inactive = report.data.team.reps.filter { !$0.isActive }
        return ReportTable(
            key: key, title: title,
            columns: [
                number(.rank), text(.login), text(.name), text(.team), text(.region), number(.revenue),
                number(.target), number(.completion), number(.conversion), number(.daysToCollect),
            ],
            rows: reps.enumerated().map { index, rep in
                [
                    .integer(Int64(index + 1)), .text(rep.login), .text(rep.name), .text(rep.team ?? ""),
                    .text(rep.region ?? ""), value(rep.revenue), value(rep.target), value(rep.completion),
                    value(rep.conversion), value(rep.daysToCollect),
                ]
            },
            notes: notes
                + (inactive.isEmpty
                    ? []
                    : [
                        ReportString.inactiveRepsNote.text(
                            language,
                            inactive.map { "\($0.name) (\($0.login))" }.joined(separator: language == .zh ? "、" : ", "))
                    ]))
    }

    private func team() -> [ReportTable] {
        let t = report.data.team
        let k = report.data.keyIndicators
        let output = metricTable("team-indicators", .teamIndicatorsTable, [k.perRepOutput, k.activeReps])
        let shown = min(t.reps.count, Self.topReps)
        let reps = repRanking(
            Array(t.reps.prefix(Self.topReps)), key: "reps-top",
            title: ReportString.repsTopTable.text(language, String(shown)),
            notes: t.reps.count > shown ? [seeAppendix(.repRanking)] : [])
        let quarters = t.improvementQuarters
        let threshold = ReportFormat.text(
            .ratio(report.options.improvementThreshold), unit: .percent,
            language: language)
        let improvement = ReportTable(
            key: "improvement", title: s(.improvementTable),
            columns: [text(.login), text(.name)] + quarters.map { ReportColumn(title: period($0), isNumeric: true) },
            rows: t.improvementCandidates.map { candidate in
                [.text(candidate.login), .text(candidate.name)] + candidate.completions.map { value($0) }
            },
            notes: (quarters.count == 2
                ? [ReportString.improvementNote.text(language, period(quarters[0]), period(quarters[1]), threshold)]
                : [])
                + ((t.quarterAwards?.leftOutWithoutTarget ?? 0) > 0
                    ? [
                        ReportString.improvementLeftOut.text(
                            language, String(t.quarterAwards?.leftOutWithoutTarget ?? 0))
                    ]
                    : []),
            // Reps assessed and nobody under the threshold in both quarters: none, not a lack of data.
            emptyText: (t.quarterAwards?.improvementConsidered ?? 0) > 0 ? s(.noneQualified) : nil)
        guard let quarterAwards = t.quarterAwards else { return [output, reps, improvement] }
        return [output, reps, quarterAwardsTable(quarterAwards), improvement]
    }

    /// The quarter's awards as `sales-plan awards` prints them: criteria, winner and runner-up with their
    /// figures, or why nobody won.
    private func quarterAwardsTable(_ a: QuarterAwards) -> ReportTable {
        let criteria = [
            a.criteria.source.map { language == .zh ? "\($0) 的 [awards] 表" : "the [awards] table of \($0)" }
                ?? (language == .zh ? "默认条件" : "the defaults")
        ]
        return ReportTable(
            key: "quarter-awards",
            title: ReportString.quarterAwardsTable.text(
                language, report.data.team.awardQuarter.map(period) ?? a.quarter),
            columns: [
                text(.award), text(.criteria), text(.winner), text(.figures), text(.runnerUp), text(.figures),
            ],
            rows: a.awards.map { award in
                [
                    .text(AwardsText.title(award.award, language)),
                    .text(AwardsText.criterion(award.award, a.criteria, language)),
                    .text(award.winner.map(AwardsText.who) ?? AwardsText.noWinner(award, a, language)),
                    .text(award.winner.map { AwardsText.figures(award.award, $0, language) } ?? ""),
                    .text(award.runnerUp.map(AwardsText.who) ?? ""),
                    .text(award.runnerUp.map { AwardsText.figures(award.award, $0, language) } ?? ""),
                ]
            },
            notes: [ReportString.quarterAwardsNote.text(language, criteria.joined())])
    }

    // MARK: - 5. Expenses and budget (appendix B: every budget line)

    private func expenses() -> [ReportTable] {
        let e = report.data.expensesAndBudget
        let source = e.pendingSource == .approvalTables ? s(.pendingSourceApproval) : s(.pendingSourceExpense)
        let metrics = metricTable(
            "budget", .budgetTable,
            [e.budget, e.spend, e.budgetExecution, e.pendingClaims, e.pendingClaimsAmount, e.approvalLeadTime],
            notes: [source] + (e.budgetLines.isEmpty ? [] : [seeAppendix(.budgetLines)]))
        let categories = ReportTable(
            key: "budget-categories", title: s(.categoryTable),
            columns: [text(.category), number(.budget), number(.spent), number(.execution)],
            rows: e.byCategory.map {
                [
                    .text(label($0.category, Codes.expenseCategory)), value($0.budget), value($0.spent),
                    value($0.execution),
                ]
            },
            notes: [])
        func roiTable(
            _ key: String, _ title: ReportString, _ label: ReportString,
            _ items: [ExpenseReturn]
        ) -> ReportTable {
            ReportTable(
                key: key, title: s(title),
                columns: [
                    text(label), number(.spend), number(.unattributed), number(.attributed), number(.roi),
                    text(.note),
                ],
                rows: items.map {
                    [
                        .text(label == .category ? self.label($0.name, Codes.expenseCategory) : $0.name),
                        value($0.spend),
                        value($0.unattributedSpend), value($0.attributedRevenue), value($0.roi),
                        .text(reason($0.roi)),
                    ]
                }, notes: [ReportString.roiNote.text(language, String(SummaryMetrics.attributionWindowDays))])
        }
        return [
            metrics, categories,
            roiTable("roi-categories", .roiCategoryTable, .category, e.roiByCategory),
            roiTable("roi-campaigns", .roiCampaignTable, .campaign, e.roiByCampaign),
        ]
    }

    /// Appendix B.
    private func budgetLines() -> ReportTable {
        let e = report.data.expensesAndBudget
        return ReportTable(
            key: "budget-lines", title: s(.budgetLinesTable),
            columns: [
                text(.budgetScope), text(.scopeKey), text(.category), text(.budgetPeriod), text(.control),
                number(.budget), number(.spent), number(.execution), text(.overrun),
            ],
            rows: e.budgetLines.map { line in
                [
                    .text(label(line.scope, Codes.scope)), .text(line.scopeKey),
                    .text(label(line.category, Codes.expenseCategory)), .text(line.period),
                    .text(label(line.control, Codes.budgetControl)), .value(.cents(line.budgetCents), .cny),
                    .value(.cents(line.spentCents), .cny),
                    value(line.execution), .mark(line.isOverrun),
                ]
            }, notes: [])
    }

    // MARK: - 6. Customer feedback (appendix D: complaints open too long)

    private func feedback() -> [ReportTable] {
        let f = report.data.customerFeedback
        let metrics = metricTable(
            "feedback", .feedbackTable,
            [
                f.satisfaction, f.complaints, f.closureRate, f.medianDaysToClose, f.staleComplaints,
            ], notes: f.staleList.isEmpty ? [] : [seeAppendix(.staleComplaints)])
        let dimensions = ReportTable(
            key: "dimensions", title: s(.dimensionTable),
            columns: [text(.dimension), number(.value), number(.comparisonValue), number(.change), text(.note)],
            rows: f.byDimension.map { row in
                [
                    .text(language == .zh ? row.dimension.nameZh : row.dimension.rawValue), value(row.satisfaction),
                    row.satisfaction.comparison.map { .value($0, .score) } ?? .text(""), .change(row.satisfaction),
                    .text(reason(row.satisfaction)),
                ]
            }, notes: [])
        let kinds = ReportTable(
            key: "complaint-kinds", title: s(.complaintKindsTable),
            columns: [text(.complaintKind), number(.value), number(.comparisonValue), number(.change)],
            rows: f.complaintKinds.map { kind in
                let name =
                    kind.restOf > 0
                    ? ReportString.complaintKindsRest.text(language, String(kind.restOf))
                    : kind.description ?? s(.noDescription)
                return [
                    .text(name), value(kind.complaints),
                    kind.complaints.comparison.map { .value($0, .count) } ?? .text(""), .change(kind.complaints),
                ]
            }, notes: [])
        return [metrics, kinds, dimensions]
    }

    /// Appendix D.
    private func staleList(_ f: CustomerFeedback) -> ReportTable {
        ReportTable(
            key: "stale-complaints", title: s(.staleTable),
            columns: [
                text(.complaint), text(.customerCode), text(.customer), text(.receivedOn), number(.daysOpen),
                text(.status),
            ],
            rows: f.staleList.map {
                [
                    .text($0.code ?? ""), .text($0.customerCode ?? ""), .text($0.customerName), .date($0.receivedOn),
                    .integer(Int64($0.daysOpen)), .text(label($0.status, Codes.complaintStatus)),
                ]
            }, notes: listNote(shown: f.staleList.count, of: f.staleComplaints))
    }

    // MARK: - 7. Outlook

    private func outlook() -> ReportTable {
        ReportTable(
            key: "outlook", title: s(.outlookTable), columns: [text(.item), number(.value), text(.note)],
            rows: ReportOutlook.items(of: report).map { item in
                [.text(item.label.text(language)), .value(item.value, item.unit), .text(item.note(language))]
            },
            notes: [s(.outlookNote)])
    }

    // MARK: - Appendix F: definitions and provenance

    private func definitions() -> [ReportTable] {
        let definitions = ReportTable(
            key: "definitions", title: s(.definitionsTable),
            columns: [text(.metricID), text(.metricName), text(.unit), text(.formula), text(.rule)],
            rows: MetricDefinition.all.map {
                [
                    .text($0.id.rawValue), .text($0.name(language)), .text($0.unit.name(language)),
                    .text($0.formula(language)), .text($0.rule(language)),
                ]
            }, notes: [])
        let provenance = report.provenance
        let batches = ReportTable(
            key: "batches", title: s(.batchesTable),
            columns: [number(.batch), text(.file), text(.fileSHA256), text(.finishedAt), text(.importedBy)],
            rows: provenance.batches.map {
                [
                    .integer($0.id), .text($0.fileName), .text($0.fileSHA256 ?? ""), .text($0.finishedAt ?? ""),
                    .text($0.userName),
                ]
            }, notes: provenance.batches.isEmpty ? [s(.noBatches)] : [])
        let data = report.data
        var facts: [[ReportCell]] = [
            [
                .text(s(.period)),
                .text(period(data.period) + " (" + data.period.startDate + " – " + data.period.endDate + ")"),
            ],
            [
                .text(s(.comparison)),
                .text(
                    data.comparisonPeriod.map {
                        period($0) + " (" + ReportFormat.comparisonModeText(data.comparisonMode, language: language)
                            + ")"
                    } ?? s(.comparisonNone)),
            ],
            [.text(s(.scope)), .text(ReportFormat.scopeText(data.scope, language: language))],
            [.text(s(.dataSHA256)), .text(provenance.dataSHA256)],
            [.text(s(.schemaVersion)), .integer(Int64(provenance.schemaVersion))],
        ]
        if let stamp = report.stamp { facts.append([.text(s(.generatedAt)), .text(stamp)]) }
        facts += provenance.tables.map {
            [.text(s(.tableName) + " " + ReportFormat.tableText($0.table, language: language)), .integer($0.rows)]
        }
        let read = ReportTable(
            key: "data", title: s(.dataTable), columns: [text(.item), text(.value)],
            rows: facts, notes: [])
        return [read, batches, definitions]
    }
}
