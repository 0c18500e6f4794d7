/// The summary as JSON, in the shape `docs/export.md` documents (`"format": "sales-summary/3"`).
///
/// Every figure is a metric object:
/// `{"metric": "revenue", "value": 1234.56, "unit": "cny", "missing": null,
///   "comparison": {"period": "2024", "value": 1000.00, "direction": "up"}, "definition": "…"}`.
/// Money is yuan with exactly two decimals, written as a JSON number from the exact cents; percentages
/// are fractions (`0.1534`); a figure that could not be computed has `"value": null` and the reason in
/// `"missing"`. Keys come in a fixed order and no clock is read, so the same store gives the same bytes.
public enum SummaryJSON {
    public static func render(_ report: SummaryReport, language: OutputLanguage) -> String {
        var json = JSONWriter()
        let data = report.data
        json.object { json in
            json.field("format", "sales-summary/3")
            json.field("language", language.rawValue)
            json.key("period")
            periodObject(data.period, &json)
            json.key("comparison")
            if let comparison = data.comparisonPeriod {
                json.object { json in
                    json.field("mode", data.comparisonMode.rawValue)
                    json.key("period")
                    periodObject(comparison, &json)
                }
            } else {
                json.null()
            }
            json.field("scope", data.scope.text)
            json.key("generated_at")
            json.string(report.stamp)
            json.key("flags")
            json.array { json in
                for flag in report.flags {
                    json.object { json in
                        json.field("kind", flag.kind.rawValue)
                        json.field("section", flag.section.rawValue)
                        json.field("subject", flag.subject)
                        json.field("material", flag.isMaterial)
                        json.field("text", flag.text(language))
                    }
                }
            }
            json.key("findings")
            json.array { json in
                for finding in report.findings {
                    json.object { json in
                        json.field("section", finding.section.rawValue)
                        json.field("text", finding.text(language))
                        json.key("metrics")
                        json.array { json in for metric in finding.metrics { json.string(metric.rawValue) } }
                        json.key("money_at_stake")
                        json.raw(ImportValue.moneyText(cents: finding.stakeCents))
                    }
                }
            }
            json.key("sections")
            json.object { json in
                let writer = MetricJSON(language: language, comparison: data.comparisonPeriod)
                writer.coreGoals(data.coreGoals, &json)
                writer.salesPerformance(data.salesPerformance, data.keyIndicators, &json)
                writer.team(data.team, data.keyIndicators, &json)
                writer.market(data.marketAndCustomers, &json)
                writer.expenses(data.expensesAndBudget, &json)
                writer.feedback(data.customerFeedback, &json)
                writer.outlook(ReportOutlook.items(of: report), data.outlook, &json)
            }
            json.key("definitions")
            json.array { json in
                for definition in MetricDefinition.all {
                    json.object { json in
                        json.field("metric", definition.id.rawValue)
                        json.field("section", definition.section.rawValue)
                        json.field("name", definition.name(language))
                        json.field("unit", definition.unit.rawValue)
                        json.field("formula", definition.formula(language))
                        json.field("rule", definition.rule(language))
                    }
                }
            }
            json.key("provenance")
            json.object { json in
                let provenance = report.provenance
                json.field("data_sha256", provenance.dataSHA256)
                json.field("schema_version", provenance.schemaVersion)
                json.key("batches")
                json.array { json in
                    for batch in provenance.batches {
                        json.object { json in
                            json.key("id")
                            json.raw(String(batch.id))
                            json.field("file_name", batch.fileName)
                            json.field("file_sha256", batch.fileSHA256)
                            json.field("finished_at", batch.finishedAt)
                            json.field("user_name", batch.userName)
                        }
                    }
                }
                json.key("tables")
                json.array { json in
                    for table in provenance.tables {
                        json.object { json in
                            json.field("table", table.table)
                            json.key("rows")
                            json.raw(String(table.rows))
                        }
                    }
                }
            }
        }
        return json.flush() + "\n"
    }

    static func periodObject(_ period: ReportPeriod, _ json: inout JSONWriter) {
        json.object { json in
            json.field("id", period.text)
            json.field("start", period.startDate)
            json.field("end", period.endDate)
        }
    }
}

/// Writes metric objects and the section objects around them.
private struct MetricJSON {
    let language: OutputLanguage
    let comparison: ReportPeriod?

    func value(_ value: MetricValue, unit: MetricUnit, _ json: inout JSONWriter) {
        if let decimal = ReportFormat.plainDecimal(value, unit: unit, places: unit == .cny ? 2 : 6) {
            json.raw(decimal)
        } else {
            json.null()
        }
    }

    func metric(_ name: String, _ result: MetricResult, _ json: inout JSONWriter) {
        json.key(name)
        metric(result, &json)
    }

    func metric(_ result: MetricResult, _ json: inout JSONWriter) {
        let definition = result.definition
        json.object { json in
            json.field("metric", definition.id.rawValue)
            json.key("value")
            value(result.value, unit: definition.unit, &json)
            json.field("unit", definition.unit.rawValue)
            json.field("missing", ReportFormat.reason(result.value, language: language))
            json.key("comparison")
            if let previous = result.comparison {
                json.object { json in
                    json.field("period", comparison?.text)
                    json.key("value")
                    value(previous, unit: definition.unit, &json)
                    json.field("missing", ReportFormat.reason(previous, language: language))
                    json.field("direction", result.direction?.rawValue)
                }
            } else if let direction = result.direction {
                json.object { json in
                    json.field("period", comparison?.text)
                    json.field("direction", direction.rawValue)
                }
            } else {
                json.null()
            }
            json.field("definition", definition.formula(language))
        }
    }

    func list<T>(_ name: String, _ items: [T], _ json: inout JSONWriter, _ body: (T, inout JSONWriter) -> Void) {
        json.key(name)
        json.array { json in
            for item in items { json.object { json in body(item, &json) } }
        }
    }

    func coreGoals(_ g: CoreGoals, _ json: inout JSONWriter) {
        json.key("core_goals")
        json.object { json in
            metric("revenue", g.revenue, &json)
            metric("target", g.target, &json)
            metric("target_completion", g.targetCompletion, &json)
            metric("growth", g.growth, &json)
            metric("new_customer_share", g.newCustomerShare, &json)
            metric("repurchase_rate", g.repurchaseRate, &json)
            metric("complaint_rate", g.complaintRate, &json)
            metric("tier_a_retention", g.tierARetention, &json)
        }
    }

    func salesPerformance(_ s: SalesPerformance, _ k: KeyIndicators, _ json: inout JSONWriter) {
        json.key("sales_performance")
        json.object { json in
            list("regions", s.regions, &json) { region, json in
                json.field("name", region.name)
                metric("revenue", region.revenue, &json)
                metric("target", region.target, &json)
                metric("completion", region.completion, &json)
                metric("growth", region.growth, &json)
                json.field("under_target", region.isUnderTarget)
            }
            list("product_lines", s.productLines, &json) { line, json in
                json.field("name", line.name)
                metric("revenue", line.revenue, &json)
                metric("share", line.share, &json)
                metric("growth", line.growth, &json)
                json.field("shrinking", line.isShrinking)
            }
            list("product_tiers", s.productTiers, &json) { tier, json in
                json.field("tier", tier.tier)
                metric("revenue", tier.revenue, &json)
                metric("share", tier.share, &json)
                json.key("share_change")
                if let change = tier.shareChange { json.raw(ScoreReport.fixed(change, 6)) } else { json.null() }
                metric("growth", tier.growth, &json)
            }
            list("months", s.months, &json) { month, json in
                json.field("period", month.period.text)
                json.field("in_period", month.isInPeriod)
                metric("revenue", month.revenue, &json)
            }
            list("quarters", s.quarters, &json) { quarter, json in
                json.field("period", quarter.period.text)
                json.field("in_period", quarter.isInPeriod)
                metric("revenue", quarter.revenue, &json)
            }
            json.field("seasonality_year", s.seasonalityYear.text)
            list("seasonality", s.seasonality, &json) { quarter, json in
                json.field("period", quarter.quarter.text)
                metric("revenue", quarter.revenue, &json)
                metric("index", quarter.index, &json)
            }
            metric("orders", k.orders, &json)
            metric("average_order_value", k.averageOrderValue, &json)
            metric("sales_cycle_days", k.salesCycleDays, &json)
            metric("lead_conversion", k.leadConversion, &json)
            metric("win_rate", k.winRate, &json)
            metric("dso_days", k.dsoDays, &json)
            metric("overdue_receivables", k.overdueReceivables, &json)
            metric("overdue_invoices", k.overdueInvoices, &json)
            list("overdue_list", k.overdueList, &json) { invoice, json in
                json.field("invoice_no", invoice.invoiceNo)
                json.field("customer_code", invoice.customerCode)
                json.field("customer_name", invoice.customerName)
                json.field("due_on", invoice.dueOn)
                json.key("outstanding")
                json.raw(ImportValue.moneyText(cents: invoice.outstandingCents))
                json.field("days_overdue", invoice.daysOverdue)
            }
        }
    }

    func market(_ m: MarketAndCustomers, _ json: inout JSONWriter) {
        json.key("market_and_customers")
        json.object { json in
            list("channels", m.channels, &json) { channel, json in
                json.field("channel", channel.channel)
                metric("revenue", channel.revenue, &json)
                metric("share", channel.share, &json)
                json.key("share_change")
                if let change = channel.shareChange { json.raw(ScoreReport.fixed(change, 6)) } else { json.null() }
            }
            json.key("score_run")
            if let run = m.scoreRun {
                json.object { json in
                    json.key("id")
                    json.raw(String(run.id))
                    json.field("as_of", run.asOf)
                    json.field("window_days", run.windowDays)
                }
            } else {
                json.null()
            }
            list("tiers", m.tiers, &json) { tier, json in
                json.field("tier", tier.tier)
                metric("customers", tier.customers, &json)
                metric("revenue", tier.revenue, &json)
            }
            metric("high_value_share", m.highValueShare, &json)
            metric("churn_rate", m.churnRate, &json)
            metric("new_customers", m.newCustomers, &json)
            metric("lost_customers", m.lostCustomers, &json)
            metric("active_customers", m.activeCustomers, &json)
        }
    }

    func team(_ t: TeamPerformance, _ k: KeyIndicators, _ json: inout JSONWriter) {
        json.key("team")
        json.object { json in
            metric("per_rep_output", k.perRepOutput, &json)
            metric("active_reps", k.activeReps, &json)
            list("reps", t.reps, &json) { rep, json in
                json.field("login", rep.login)
                json.field("name", rep.name)
                json.field("team", rep.team)
                json.field("region", rep.region)
                json.field("active", rep.isActive)
                metric("revenue", rep.revenue, &json)
                metric("target", rep.target, &json)
                metric("completion", rep.completion, &json)
                metric("conversion", rep.conversion, &json)
                metric("days_to_collect", rep.daysToCollect, &json)
            }
            json.field("award_quarter", t.awardQuarter?.text)
            json.key("improvement_quarters")
            json.array { json in for quarter in t.improvementQuarters { json.string(quarter.text) } }
            list("improvement_candidates", t.improvementCandidates, &json) { candidate, json in
                json.field("login", candidate.login)
                json.field("name", candidate.name)
                json.key("completions")
                json.array { json in for completion in candidate.completions { metric(completion, &json) } }
            }
            // The quarter's awards as `sales-plan awards --json` prints them (keys sorted), or null.
            json.key("quarter_awards")
            if let awards = t.quarterAwards, let text = try? JSONOutput.encode(awards) {
                json.raw(text)
            } else {
                json.raw("null")
            }
        }
    }

    func expenses(_ e: ExpensesAndBudget, _ json: inout JSONWriter) {
        json.key("expenses_and_budget")
        json.object { json in
            metric("budget", e.budget, &json)
            metric("spend", e.spend, &json)
            metric("budget_execution", e.budgetExecution, &json)
            list("by_category", e.byCategory, &json) { category, json in
                json.field("category", category.category)
                metric("budget", category.budget, &json)
                metric("spent", category.spent, &json)
                metric("execution", category.execution, &json)
            }
            list("budget_lines", e.budgetLines, &json) { line, json in
                json.field("scope", line.scope)
                json.field("scope_key", line.scopeKey)
                json.field("category", line.category)
                json.field("period", line.period)
                json.field("control", line.control)
                json.key("budget")
                json.raw(ImportValue.moneyText(cents: line.budgetCents))
                json.key("spent")
                json.raw(ImportValue.moneyText(cents: line.spentCents))
                metric("execution", line.execution, &json)
                json.field("overrun", line.isOverrun)
            }
            for (name, items) in [("roi_by_category", e.roiByCategory), ("roi_by_campaign", e.roiByCampaign)] {
                list(name, items, &json) { item, json in
                    json.field("name", item.name)
                    metric("spend", item.spend, &json)
                    metric("unattributed_spend", item.unattributedSpend, &json)
                    metric("attributed_revenue", item.attributedRevenue, &json)
                    metric("roi", item.roi, &json)
                }
            }
            metric("pending_claims", e.pendingClaims, &json)
            metric("pending_claims_amount", e.pendingClaimsAmount, &json)
            metric("approval_lead_time", e.approvalLeadTime, &json)
            json.field("pending_source", e.pendingSource.rawValue)
        }
    }

    func feedback(_ f: CustomerFeedback, _ json: inout JSONWriter) {
        json.key("customer_feedback")
        json.object { json in
            metric("satisfaction", f.satisfaction, &json)
            list("by_dimension", f.byDimension, &json) { row, json in
                json.field("dimension", row.dimension.rawValue)
                metric("satisfaction", row.satisfaction, &json)
            }
            metric("complaints", f.complaints, &json)
            metric("closure_rate", f.closureRate, &json)
            metric("median_days_to_close", f.medianDaysToClose, &json)
            metric("stale_complaints", f.staleComplaints, &json)
            list("complaints_by_kind", f.complaintKinds, &json) { kind, json in
                json.field("kind", kind.description)
                json.field("rest_of", kind.restOf)
                metric("complaints", kind.complaints, &json)
            }
            list("stale_list", f.staleList, &json) { complaint, json in
                json.field("code", complaint.code)
                json.field("customer_code", complaint.customerCode)
                json.field("customer_name", complaint.customerName)
                json.field("received_on", complaint.receivedOn)
                json.field("days_open", complaint.daysOpen)
                json.field("status", complaint.status)
            }
        }
    }

    func outlook(_ items: [ReportOutlook.Item], _ outlook: SummaryOutlook, _ json: inout JSONWriter) {
        json.key("outlook")
        json.object { json in
            json.key("forecast")
            if let quarter = outlook.forecastQuarter, let cents = outlook.forecastCents {
                json.object { json in
                    json.field("quarter", quarter.text)
                    json.key("revenue")
                    json.raw(ImportValue.moneyText(cents: cents))
                    json.field("method", outlook.forecastMethod)
                    json.key("backtest_mape")
                    if let mape = outlook.forecastMAPE { json.number(mape) } else { json.raw("null") }
                    json.field("history_months", outlook.historyMonths ?? 0)
                }
            } else {
                json.raw("null")
            }
            json.key("next_year_target")
            if let year = outlook.targetYear, let cents = outlook.nextYearTarget {
                json.object { json in
                    json.field("year", year.text)
                    json.key("amount")
                    json.raw(ImportValue.moneyText(cents: cents))
                }
            } else {
                json.raw("null")
            }
            list("items", items, &json) { item, json in
                json.field("item", item.key)
                json.field("label", item.label.text(language))
                json.key("value")
                value(item.value, unit: item.unit, &json)
                json.field("unit", item.unit.rawValue)
                json.field("note", item.note(language))
            }
        }
    }
}
