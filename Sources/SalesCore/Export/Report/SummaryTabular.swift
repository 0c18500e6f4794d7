import Foundation
import XLSX

/// Keeps spreadsheets from running exported text as a formula.
///
/// Excel, LibreOffice and Google Sheets treat a typed or CSV-imported value that begins with `=`, `+`,
/// `-` or `@` (also after leading spaces, and the full-width `＝＋－＠` that Chinese input methods type)
/// as a formula, and a leading tab or carriage return can smuggle one past a cell's first character.
/// Such text is written with a leading `'` in CSV (the spreadsheets' own "this is text" mark). In XLSX
/// it is always a string cell, which no spreadsheet evaluates.
public enum SpreadsheetSafety {
    private static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"]
    private static let leadingSpaces: Set<Unicode.Scalar> = [" ", "\u{3000}", "\u{00A0}"]

    /// Whether a spreadsheet could read `text` as a formula.
    ///
    /// Looks at Unicode scalars, not characters: `"\r\n"` is one `Character` but begins with a carriage return.
    public static func isRisky(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first(where: { !leadingSpaces.contains($0) }) else { return false }
        return triggers.contains(first)
    }

    /// `text`, with a leading `'` when it is risky.
    public static func neutralized(_ text: String) -> String { isRisky(text) ? "'" + text : text }
}

// MARK: - CSV

/// The summary as CSV: one file per section.
///
/// Each file holds the section's tables one after another: a line with the table's title, its header
/// row, its rows, its notes (one per line, in the first column), then an empty line. UTF-8 with a byte
/// order mark (so Excel reads Chinese right), CRLF line ends, RFC 4180 quoting. Figures are plain
/// numbers in their natural scale: yuan with two decimals, percentages as fractions (`0.1534` is
/// 15.34%), days, indexes and scores to four decimals; a missing figure is an empty field.
public enum SummaryCSV {
    /// File names (stable, English) and contents, in section order.
    public static func files(_ report: SummaryReport, language: OutputLanguage) -> [(name: String, text: String)] {
        report.tables(language).map { section in
            var out = "\u{FEFF}"
            for (index, table) in section.tables.enumerated() {
                if index > 0 { out += "\r\n" }
                out += field(.text(table.title)) + "\r\n"
                out += table.columns.map { field(.text($0.title)) }.joined(separator: ",") + "\r\n"
                for row in table.rows { out += row.map(field).joined(separator: ",") + "\r\n" }
                for note in table.notes { out += field(.text(note)) + "\r\n" }
            }
            return (fileName(section.section), out)
        }
    }

    /// `1-work-overview-core-goals.csv` … `7-outlook.csv`, then `A-full-rep-ranking.csv` …
    /// `F-definitions-provenance.csv`.
    public static func fileName(_ section: ReportSection) -> String {
        let slug = section.titleEn.lowercased().replacingOccurrences(of: " and ", with: "-")
            .replacingOccurrences(of: " ", with: "-")
        return "\(section.label)-\(slug).csv"
    }

    static func field(_ cell: ReportCell) -> String {
        let raw: String
        switch cell {
        case .text(let text): raw = SpreadsheetSafety.neutralized(text)
        case .value(let value, let unit): raw = ReportFormat.plainDecimal(value, unit: unit) ?? ""
        case .change(let result): raw = ReportFormat.changeValue(result).map { ScoreReport.fixed($0.value, 4) } ?? ""
        case .points(let change): raw = change.map { ScoreReport.fixed($0, 4) } ?? ""
        case .date(let date): raw = date
        case .integer(let value): raw = String(value)
        case .mark(let on): raw = on ? "1" : ""
        }
        return ScoreReport.csvField(raw)
    }
}

// MARK: - Markdown

/// The summary as Markdown, for mail and wikis: a heading per section, its tables as pipe tables.
public enum SummaryMarkdown {
    public static func render(_ report: SummaryReport, language: OutputLanguage) -> String {
        var out = "# " + escape(SummaryHeading.title(report, language: language)) + "\n\n"
        let colon = language == .zh ? "：" : ": "
        out +=
            SummaryHeading.facts(report, language: language).map { "- " + $0.label + colon + escape($0.value) }
            .joined(separator: "\n") + "\n"
        for section in report.tables(language) {
            out += "\n## \(section.section.heading(language))\n"
            for table in section.tables {
                out += "\n### \(escape(table.title))\n"
                if table.rows.isEmpty {
                    // Points for attention that are all small have only their note.
                    if table.key != "attention" {
                        out += "\n_" + escape(table.emptyText ?? ReportString.noData.text(language)) + "_\n"
                    }
                } else {
                    out += "\n| " + table.columns.map { escape($0.title) }.joined(separator: " | ") + " |\n"
                    out += "|" + table.columns.map { $0.isNumeric ? " ---: |" : " --- |" }.joined() + "\n"
                    for row in table.rows {
                        out +=
                            "| "
                            + row.map { escape(SummaryText.cell($0, language: language)) }
                            .joined(separator: " | ") + " |\n"
                    }
                }
                for note in table.notes { out += "\n> " + escape(note) + "\n" }
            }
        }
        return out
    }

    /// Text safe inside a pipe table cell: no pipes, no line breaks, no HTML, no emphasis, no control characters.
    ///
    /// Works on Unicode scalars: `"\r\n"` and a `|` followed by a combining mark are single characters.
    static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "|": out.append(contentsOf: "\\|".unicodeScalars)
            case "\n", "\r", "\t", "\u{2028}", "\u{2029}": out.append(" ")
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "*", "_", "`", "[", "]", "\\":
                out.append("\\")
                out.append(scalar)
            // ESC, the other C0 and C1 controls, DEL and bidi overrides: written visibly (`\u{1B}`), as a
            // terminal shows them, so the Markdown is safe to print and the file holds no control character.
            case _ where TerminalText.isControl(scalar):
                out.append(contentsOf: TerminalText.escape(scalar).unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}

/// Cells as people read them (Markdown, HTML).
enum SummaryText {
    static func cell(_ cell: ReportCell, language: OutputLanguage) -> String {
        switch cell {
        case .text(let text): return text
        case .value(let value, let unit): return ReportFormat.text(value, unit: unit, language: language)
        case .change(let result): return ReportFormat.changeText(result, language: language)
        case .points(let change): return ReportFormat.pointsText(change, language: language)
        case .date(let date): return date
        case .integer(let value): return ReportFormat.decimalText(value, places: 0)
        case .mark(let on): return on ? "⚠" : ""
        }
    }
}

/// The report's title and the facts printed under it.
enum SummaryHeading {
    static func title(_ report: SummaryReport, language: OutputLanguage) -> String {
        let data = report.data
        return ReportString.reportTitle.text(language) + " · "
            + ReportFormat.periodText(data.period, language: language)
            + " · " + ReportFormat.scopeText(data.scope, language: language)
    }

    static func facts(_ report: SummaryReport, language: OutputLanguage) -> [(label: String, value: String)] {
        let data = report.data
        var facts = [
            (
                ReportString.period.text(language),
                ReportFormat.periodText(data.period, language: language)
                    + " (\(data.period.startDate) – \(data.period.endDate))"
            ),
            (
                ReportString.comparison.text(language),
                data.comparisonPeriod.map { ReportFormat.periodText($0, language: language) }
                    ?? ReportString.comparisonNone.text(language)
            ),
            (ReportString.scope.text(language), ReportFormat.scopeText(data.scope, language: language)),
            (ReportString.dataSHA256.text(language), report.provenance.dataSHA256),
        ]
        if let stamp = report.stamp { facts.append((ReportString.generatedAt.text(language), stamp)) }
        return facts
    }
}

// MARK: - XLSX

/// The summary as a workbook written by ``XLSXWriter``: a sheet per section and appendix, in the report's
/// order, its tables one under another.
///
/// Row 1 of every sheet is the report's title line, frozen; each table follows with its title and its
/// header row in bold (a sheet of one table has its header row in row 2, printed on every page). Figures are numbers with number formats (yuan, percent, days, dates), missing
/// figures the text `—` with the reason in the note column; text is always a string cell.
public enum SummaryXLSX {
    public static func write(_ report: SummaryReport, language: OutputLanguage, to path: String) throws {
        let writer = try XLSXWriter(path: path)
        let heading = SummaryHeading.title(report, language: language)
        for section in report.tables(language) {
            let columnCount = section.tables.map(\.columns.count).max() ?? 1
            var widths = [Double](repeating: 8, count: columnCount)
            for table in section.tables {
                for (index, column) in table.columns.enumerated() {
                    widths[index] = max(widths[index], Double(DisplayWidth.of(column.title) + 2))
                }
                for row in table.rows {
                    for (index, cell) in row.enumerated() {
                        let width = DisplayWidth.of(SummaryText.cell(cell, language: language)) + 2
                        widths[index] = max(widths[index], Double(width))
                    }
                }
            }
            widths = widths.map { min($0, 60) }
            // A sheet of one table (an appendix's long list) has its header row right under the title line, and
            // both are printed at the top of every page; a sheet of several tables repeats its title line.
            let single = section.tables.count == 1
            // A4 prints about 90 characters across in portrait: wider sheets print in landscape, and every
            // sheet is scaled to one page wide.
            let pageSetup = XLSXWriter.PageSetup(
                orientation: widths.reduce(0, +) > 90 ? .landscape : .portrait, fitToWidth: true,
                repeatedRows: single ? 1...2 : 1...1)
            try writer.beginSheet(
                name: sheetName(section.section, language: language), columnWidths: widths,
                freezeHeaderRow: true, pageSetup: pageSetup)
            try writer.writeRow([.text(heading + " · " + section.section.heading(language))], bold: true)
            for table in section.tables {
                if !single {
                    try writer.writeRow([])
                    try writer.writeRow([.text(table.title)], bold: true)
                }
                try writer.writeRow(table.columns.map { .text($0.title) }, bold: true)
                for row in table.rows { try writer.writeRow(row.map { cell($0, language: language) }) }
                for note in table.notes { try writer.writeRow([.text(note)]) }
            }
            try writer.endSheet()
        }
        try writer.close()
    }

    /// `1 工作概述与核心目标`, `A Full rep ranking`: numbered or lettered as the report is, at most 31 characters.
    public static func sheetName(_ section: ReportSection, language: OutputLanguage) -> String {
        String("\(section.label) \(section.title(language))".prefix(31))
    }

    static func cell(_ cell: ReportCell, language: OutputLanguage) -> Cell {
        switch cell {
        case .text(let text):
            return .text(text)
        case .value(let value, let unit):
            return number(value, unit: unit) ?? .text("—")
        case .change(let result):
            guard let change = ReportFormat.changeValue(result) else {
                return .text(ReportFormat.arrow(result.direction))
            }
            // A fraction, as CSV and JSON carry it (0.0813 is 8.1%; for a percentage, 8.1 points).
            return .number(change.value, .custom("\"▲\"0.0%;\"▼\"0.0%;0.0%"))
        case .points(let change):
            guard let change else { return .text("—") }
            return .number(change, .custom("+0.0%;-0.0%;0.0%"))
        case .date(let date):
            guard let day = CivilDate(stored: date) else { return .text(date) }
            return .date(ExcelDateTime(year: day.year, month: day.month, day: day.day), .date)
        case .integer(let value):
            return .number(Double(value), .integer)
        case .mark(let on):
            return on ? .text(ReportString.yes.text(language)) : .empty
        }
    }

    /// A figure as a number cell in its unit's format; `nil` when missing.
    static func number(_ value: MetricValue, unit: MetricUnit) -> Cell? {
        switch value {
        case .missing:
            return nil
        case .cents(let cents):
            return .decimal(ImportValue.moneyText(cents: cents), .currencyCNY)
        case .count(let count):
            return unit == .cny
                ? .decimal(ImportValue.moneyText(cents: count * 100), .currencyCNY)
                : .number(Double(count), .thousands)
        case .ratio(let ratio):
            switch unit {
            case .cny:
                guard let cents = ReportFormat.scaled(ratio.numerator, ratio.denominator, places: 0) else { return nil }
                return .decimal(ImportValue.moneyText(cents: cents), .currencyCNY)
            case .percent: return .number(ratio.value, .percent1)
            case .days: return .number(ratio.value, .custom("0.0"))
            case .count: return .number(ratio.value, .thousands)
            case .index, .score: return .number(ratio.value, .custom("0.00"))
            }
        }
    }
}
