/// The summary as one self-contained HTML file: the sections as tables, inline SVG charts, a style
/// sheet for screen and A4 print. No scripts, no fonts or images fetched, no external references.
public enum SummaryHTML {
    public static func render(_ report: SummaryReport, language: OutputLanguage) -> String {
        let sections = report.tables(language)
        let charts = Charts(report: report, language: language)
        var out = "<!DOCTYPE html>\n<html lang=\"\(language == .zh ? "zh-CN" : "en")\">\n<head>\n"
        out += "<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(escape(SummaryHeading.title(report, language: language)))</title>\n"
        out += "<style>\n\(style)</style>\n</head>\n<body>\n<main>\n"
        out += "<header>\n<h1>\(escape(SummaryHeading.title(report, language: language)))</h1>\n<dl class=\"facts\">\n"
        for fact in SummaryHeading.facts(report, language: language) {
            out += "<dt>\(escape(fact.label))</dt><dd>\(escape(fact.value))</dd>\n"
        }
        out += "</dl>\n</header>\n"
        out += "<nav><h2>\(escape(ReportString.contents.text(language)))</h2>\n<ul>\n"
        for section in sections {
            out +=
                "<li><a href=\"#section-\(section.section.label)\">\(escape(section.section.heading(language)))</a></li>\n"
        }
        out += "</ul>\n</nav>\n"
        for section in sections {
            let classes = section.section == .coreGoals ? " class=\"first-page\"" : ""
            out += "<section id=\"section-\(section.section.label)\"\(classes)>\n"
            out += "<h2>\(escape(section.section.heading(language)))</h2>\n"
            let figures = charts.charts(for: section.section)
            for table in section.tables where table.key == "attention" { out += attentionList(table) }
            if section.section != .coreGoals {
                for chart in figures { out += "<figure>\(chart)</figure>\n" }
            }
            for table in section.tables where table.key != "attention" { out += render(table, language: language) }
            if section.section == .coreGoals {
                // The first page's three key charts, side by side under the findings and headline figures.
                out += "<div class=\"key-charts\">\n"
                for chart in figures { out += "<figure>\(chart)</figure>\n" }
                out += "</div>\n"
            }
            out += "</section>\n"
        }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    /// A section's points for attention, as a call-out list.
    static func attentionList(_ table: ReportTable) -> String {
        var out = "<aside class=\"flags\"><h3>\(escape(table.title))</h3>\n"
        if !table.rows.isEmpty {
            out += "<ul>\n"
            for row in table.rows {
                guard case .text(let text)? = row.first else { continue }
                out += "<li>\(escape(text))</li>\n"
            }
            out += "</ul>\n"
        }
        for note in table.notes { out += "<p class=\"note\">\(escape(note))</p>\n" }
        return out + "</aside>\n"
    }

    /// Tables of up to this many rows are kept on one page in print, with their heading and notes.
    static let shortTableRows = 15
    /// How many rows a long table keeps together at its start and at its end, so that no printed page holds a
    /// single row of it.
    static let keptRows = 3

    static func render(_ table: ReportTable, language: OutputLanguage) -> String {
        let short = table.rows.count <= shortTableRows
        // In print a short block stays whole on one page; a long one starts a page of its own unless it
        // opens its section, so that its first rows never sit alone at the foot of a page.
        var out = "<div class=\"block \(short ? "short" : "long")\">\n"
        out += "<h3 id=\"table-\(table.key)\">\(escape(table.title))</h3>\n"
        if table.rows.isEmpty {
            out += "<p class=\"empty\">\(escape(table.emptyText ?? ReportString.noData.text(language)))</p>\n"
        } else {
            out += "<div class=\"table\"><table>\n<thead><tr>"
            for column in table.columns {
                out += column.isNumeric ? "<th class=\"num\">" : "<th>"
                out += escape(column.title) + "</th>"
            }
            out += "</tr></thead>\n"
            // A long table's first and last rows are groups kept together in print (a page break falls
            // between rows of the middle group only), so no page starts or ends the table with one row.
            let count = table.rows.count
            let groups: [Range<Int>] =
                short
                ? [0..<count]
                : [0..<keptRows, keptRows..<(count - keptRows), (count - keptRows)..<count]
            for group in groups {
                let kept = !short && (group.lowerBound == 0 || group.upperBound == count)
                out += kept ? "<tbody class=\"keep\">\n" : "<tbody>\n"
                for row in table.rows[group] { out += render(row, columns: table.columns, language: language) }
                out += "</tbody>\n"
            }
            out += "</table></div>\n"
        }
        for note in table.notes { out += "<p class=\"note\">\(escape(note))</p>\n" }
        return out + "</div>\n"
    }

    static func render(_ row: [ReportCell], columns: [ReportColumn], language: OutputLanguage) -> String {
        var out = "<tr>"
        for (index, cell) in row.enumerated() {
            let numeric = index < columns.count && columns[index].isNumeric
            var classes: [String] = numeric ? ["num"] : []
            if case .value(let value, _) = cell, value.isMissing { classes.append("missing") }
            if case .change(let result) = cell, let tone = tone(result) { classes.append(tone) }
            if case .mark(true) = cell { classes.append("mark") }
            out += classes.isEmpty ? "<td>" : "<td class=\"\(classes.joined(separator: " "))\">"
            out += escape(SummaryText.cell(cell, language: language)) + "</td>"
        }
        return out + "</tr>\n"
    }

    /// `good` or `bad` for a change, by whether the metric is better higher.
    static func tone(_ result: MetricResult) -> String? {
        guard let better = result.definition.higherIsBetter, let direction = result.direction,
            direction != .flat
        else { return nil }
        return (direction == .up) == better ? "good" : "bad"
    }

    /// Text safe in HTML content and attribute values, with no control character left raw (``TerminalText``).
    static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            case "\n", "\r", "\t": out.append(" ")
            // Other control characters (ESC, C1, bidi overrides) are written visibly, as a terminal shows them.
            case _ where TerminalText.isControl(scalar):
                out.append(contentsOf: TerminalText.escape(scalar).unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    static let style = """
        :root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --rule: #d0d7de; --band: #f6f8fa; }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--ink); background: #fff;
               font: 14px/1.5 system-ui, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif; }
        main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 48px; }
        h1 { font-size: 24px; margin: 0 0 8px; }
        h2 { font-size: 19px; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
        h3 { font-size: 15px; margin: 20px 0 6px; }
        .facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; color: var(--muted); }
        .facts dt { font-weight: 600; }
        .facts dd { margin: 0; word-break: break-all; }
        nav ul { columns: 2; margin: 4px 0; padding-left: 0; list-style: none; }
        nav h2 { font-size: 15px; border: 0; margin: 16px 0 0; }
        .table { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
        th, td { border-bottom: 1px solid var(--rule); padding: 4px 8px; text-align: left; vertical-align: top; }
        thead th { background: var(--band); border-bottom: 2px solid var(--rule); }
        .num { text-align: right; white-space: nowrap; }
        td.missing { color: var(--muted); }
        td.good { color: #1a7f37; }
        td.bad { color: #cf222e; }
        td.mark { color: #cf222e; font-weight: 600; }
        .note, .empty { color: var(--muted); margin: 4px 0 0; font-size: 13px; }
        .flags { border-left: 4px solid #bf8700; background: #fff8c5; padding: 8px 16px; margin: 12px 0; }
        .flags h3 { margin: 0 0 4px; }
        .flags ul { margin: 0; padding-left: 20px; }
        figure { margin: 16px 0; }
        figure svg { width: 100%; height: auto; max-height: 340px; }
        .key-charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 12px; }
        .key-charts figure { margin: 8px 0; }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          body { font-size: 9.5pt; }
          main { max-width: none; padding: 0; }
          nav { display: none; }
          h1 { font-size: 16pt; margin: 0 0 4px; }
          header .facts { grid-template-columns: max-content 1fr max-content 1fr; font-size: 8pt; }
          h2 { break-before: page; }
          section:first-of-type h2 { break-before: avoid; }
          h2, h3 { break-after: avoid; }
          thead { display: table-header-group; }
          tr, figure, .flags, .block.short, tbody.keep { break-inside: avoid; }
          :not(h2) + .block.long { break-before: page; }
          .table { overflow: visible; }
          th, td { padding: 2px 6px; }
          td:not(.num), th:not(.num) { min-width: 7em; }
          .flags { background: none; }
          .first-page { font-size: 8.5pt; }
          .first-page h2 { margin: 8px 0 4px; }
          .first-page h3 { margin: 6px 0 2px; }
          .first-page th, .first-page td { padding: 1px 4px; }
          .first-page td:nth-child(2) { min-width: 0; }
          .key-charts { grid-template-columns: repeat(3, 1fr); gap: 4mm; }
          .key-charts figure { margin: 2px 0; }
          .key-charts figure svg { max-height: 50mm; }
        }

        """
}

/// The charts of the HTML report, drawn from the summary's own figures.
private struct Charts {
    let report: SummaryReport
    let language: OutputLanguage

    private func s(_ key: ReportString) -> String { key.text(language) }

    /// Money for chart labels: `1,234.5万` in Chinese, `1.23M`/`456.7K` in English (yuan).
    func money(_ yuan: Double) -> String {
        let magnitude = abs(yuan)
        let sign = yuan < 0 ? "-" : ""
        if language == .zh {
            if magnitude >= 100_000_000 { return sign + SVGChart.number(magnitude / 100_000_000, decimals: 2) + "亿" }
            if magnitude >= 10_000 { return sign + SVGChart.number(magnitude / 10_000, decimals: 1) + "万" }
            return sign + SVGChart.number(magnitude, decimals: 0)
        }
        if magnitude >= 1_000_000 { return sign + SVGChart.number(magnitude / 1_000_000, decimals: 2) + "M" }
        if magnitude >= 1_000 { return sign + SVGChart.number(magnitude / 1_000, decimals: 1) + "K" }
        return sign + SVGChart.number(magnitude, decimals: 0)
    }

    func yuan(_ value: MetricValue) -> Double? {
        switch value {
        case .cents(let cents): return Double(cents) / 100
        case .ratio(let ratio): return ratio.value / 100
        case .count, .missing: return nil
        }
    }

    func charts(for section: ReportSection) -> [String] {
        let data = report.data
        switch section {
        case .coreGoals, .salesPerformance:
            let sales = data.salesPerformance
            let regions = SVGChart.bars(
                title: s(.chartRegions),
                items: sales.regions.map {
                    SVGChart.BarItem(
                        label: $0.name ?? s(.noRegion), value: yuan($0.revenue.value),
                        target: yuan($0.target.value))
                },
                format: money, noData: s(.noData), targetLabel: s(.target), underTargetLabel: s(.underTarget))
            let lines = SVGChart.shares(
                title: s(.chartProductLines),
                items: sales.productLines.compactMap { line in
                    yuan(line.revenue.value).map {
                        SVGChart.ShareItem(label: line.name ?? s(.noProductLine), value: $0)
                    }
                },
                format: money, noData: s(.noData))
            var series = [
                SVGChart.LineSeries(
                    name: ReportFormat.periodText(data.period.calendarYear, language: language),
                    values: sales.months.map { yuan($0.revenue.value) })
            ]
            if data.comparisonPeriod != nil {
                series.append(
                    SVGChart.LineSeries(
                        name: ReportFormat.periodText(
                            ReportPeriod.year(data.period.year - 1) ?? data.period,
                            language: language),
                        values: sales.months.map { $0.revenue.comparison.flatMap(yuan) }))
            }
            var tierGroups = [
                SVGChart.StackGroup(
                    label: ReportFormat.periodText(data.period, language: language),
                    shares: sales.productTiers.map { $0.share.value.doubleValue ?? 0 })
            ]
            if let comparison = data.comparisonPeriod {
                tierGroups.insert(
                    SVGChart.StackGroup(
                        label: ReportFormat.periodText(comparison, language: language),
                        shares: sales.productTiers.map { $0.share.comparison?.doubleValue ?? 0 }), at: 0)
            }
            let tiers = SVGChart.stacked(
                title: s(.chartProductTiers),
                categories: sales.productTiers.map {
                    $0.tier.map { CodeLabels.label($0, in: Codes.productTier, language) } ?? s(.noProductTier)
                },
                groups: sales.productTiers.isEmpty ? [] : tierGroups, noData: s(.noData))
            let monthLabels = (1...12).map { language == .zh ? "\($0)月" : String($0) }
            let monthly = SVGChart.lines(
                title: s(.chartMonthly), xLabels: monthLabels, series: series,
                format: money, noData: s(.noData))
            // The first page carries the three key charts: revenue against target by region, the monthly
            // trend against last year, the product tiers' shift; section 2 the product lines' shares.
            return section == .coreGoals ? [regions, monthly, tiers] : [lines]
        case .marketAndCustomers:
            let market = data.marketAndCustomers
            let categories = market.channels.map {
                $0.channel.map { CodeLabels.label($0, in: Codes.channel, language) } ?? s(.noChannel)
            }
            var groups = [
                SVGChart.StackGroup(
                    label: ReportFormat.periodText(data.period, language: language),
                    shares: market.channels.map { $0.share.value.doubleValue ?? 0 })
            ]
            if let comparison = data.comparisonPeriod {
                groups.insert(
                    SVGChart.StackGroup(
                        label: ReportFormat.periodText(comparison, language: language),
                        shares: market.channels.map { $0.share.comparison?.doubleValue ?? 0 }), at: 0)
            }
            let channels = SVGChart.stacked(
                title: s(.chartChannels), categories: categories,
                groups: market.channels.isEmpty ? [] : groups, noData: s(.noData))
            let tiers: String
            if market.scoreRun == nil {
                tiers = SVGChart.noDataChart(
                    title: s(.chartTiers),
                    message: market.tiers.first.flatMap { ReportFormat.reason($0.customers.value, language: language) }
                        ?? s(.noData))
            } else {
                tiers = SVGChart.distribution(
                    title: s(.chartTiers),
                    items: market.tiers.map {
                        SVGChart.BarItem(label: $0.tier, value: $0.customers.value.doubleValue)
                    },
                    format: { SVGChart.number($0, decimals: 0) }, noData: s(.noData))
            }
            return [channels, tiers]
        default:
            return []
        }
    }
}
