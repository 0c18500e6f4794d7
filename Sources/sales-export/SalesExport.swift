import ArgumentParser
import Foundation
import SalesCLI
import SalesCore

@main
struct SalesExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sales-export",
        abstract: "Export the period summary a sales head presents: XLSX, HTML with charts, Markdown, JSON, CSV.",
        usage: """
            sales-export [summary] --period <period> [--compare yoy|previous|none] [--scope company|region:NAME|team:NAME]
                                   [--format xlsx|html|md|json|csv] [--out <path>] [--stamp] [--lang zh|en] [--db <path>]
            sales-export metrics [--json|--markdown] [--lang zh|en]
            """,
        discussion: """
            The summary follows the yearly work summary's outline: its first page is the work overview (the \
            findings in words, largest money at stake first, the headline figures with their comparisons and, in \
            HTML, the three key charts); then sales performance, team, market and customers, expenses and budget, \
            customer feedback and the outlook, each opening with its points for attention; the long lists (the \
            full rep ranking, every budget line, overdue receivables, stale complaints, every point for \
            attention) and the definitions with the data's provenance are appendices A-F. Every \
            figure is computed from the store by the formulas 'sales-export metrics' lists; a figure the data \
            cannot give is shown as missing with the reason, never as 0. Coded values (channels, expense \
            categories, statuses) are printed as words in the report's language. \
            'sales-export summary --help' explains every option; docs/export.md is the guide.
            Examples:
              sales-export --period 2025 --out summary.xlsx
              sales-export --period 2026Q3 --compare previous --scope region:华东 --out q3.html
              sales-export --period 2025 --format csv --out summary-csv/
            Exit codes: 0 ok, 64 bad arguments or --out, 65 unknown region or team, 66 no store at the path, \
            74 the output cannot be written, 75 store busy, 76 store damaged (docs/exit-codes.md).
            """,
        subcommands: [Summary.self, Metrics.self],
        defaultSubcommand: Summary.self)
}

extension SummaryFormat: ExpressibleByArgument {}

extension SalesExport {
    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the summary of a year, quarter or month (the default: 'sales-export').",
            discussion: """
                The format follows --out's extension (.xlsx, .html, .md, .json) unless --format says otherwise; \
                --format csv writes one file per section into the folder --out names. Without --out the \
                Markdown (or --format html/json) goes to standard output. The same store and arguments give \
                byte-identical files; --stamp adds the time of writing.
                Examples:
                  sales-export --period 2025 --out summary.xlsx
                  sales-export --period 2026Q3 --compare previous --scope region:华东 --out q3.html
                  sales-export --period 2025 --format csv --out summary-csv/
                """)

        @OptionGroup var options: CommonOptions

        @Option(
            help: ArgumentHelp(
                "The period: a year (2026), a quarter (2026Q3) or a month (2026-07).",
                valueName: "period"))
        var period: String

        @Option(
            help: ArgumentHelp(
                "Compare with the same period last year (yoy, the default), the period "
                    + "before (previous), or nothing (none).", valueName: "mode"))
        var compare: String = "yoy"

        @Option(
            help: ArgumentHelp(
                "Whose figures: company (the default), region:NAME or team:NAME.",
                valueName: "scope"))
        var scope: String = "company"

        @Option(
            help: ArgumentHelp(
                "xlsx, html, md, json or csv (default: from --out's extension, else md).",
                valueName: "format"))
        var format: SummaryFormat?

        @Option(
            help: ArgumentHelp(
                "The file to write (a folder for csv); default: standard output.",
                valueName: "path"))
        var out: String?

        @Option(
            help: ArgumentHelp(
                "The plan file (TOML) whose [awards] table gives the team section's award criteria "
                    + "(default: the defaults of sales-plan awards).", valueName: "file"))
        var plan: String?

        @Flag(help: "Print the time of writing in the report (the output then differs run to run).")
        var stamp = false

        func run() throws {
            try runReportingErrors(tool: "sales-export") {
                let period = try ReportPeriod.parse(period)
                let compare = try ComparisonMode.parse(compare)
                let scope = try ReportScope.parse(scope)
                let format = try resolvedFormat()
                let language = options.language
                var summaryOptions = SummaryOptions()
                if let plan {
                    let criteria = try CommissionPlan.read(path: plan).awards
                    summaryOptions.awardCriteria = criteria
                    if let threshold = Ratio(criteria.improvementThresholdBasisPoints, 10_000) {
                        summaryOptions.improvementThreshold = threshold
                    }
                }
                let store = try options.store.openExisting()
                defer { store.close() }
                Progress.show(
                    language.pick("正在计算 \(period.text) 的总结…", "computing the \(period.text) summary…"),
                    force: true)
                let report = try SummaryReport.build(
                    store: store, period: period, compare: compare, scope: scope, options: summaryOptions,
                    stamp: stamp ? Clock.system.timestamp() : nil)
                Progress.clear()
                guard let out else {
                    write(SummaryOutput.text(report, format: format, language: language) ?? "")
                    return
                }
                let written = try SummaryOutput.write(report, format: format, language: language, to: out)
                let what =
                    format == .csv
                    ? language.pick("\(written.count) 个文件写入 \(out)", "\(written.count) files written to \(out)")
                    : language.pick("已写入 \(out)", "written to \(out)")
                OutputBuffer.standardError.write("sales-export: \(what)\n")
            }
        }

        /// `--format`, else `--out`'s extension, else Markdown; refuses what cannot go where asked.
        func resolvedFormat() throws -> SummaryFormat {
            if format == nil, let out, URL(fileURLWithPath: out).pathExtension.lowercased() == "csv" {
                throw ValidationError("--out \(out): CSV is one file per section; use --format csv --out FOLDER")
            }
            let format = format ?? out.flatMap(SummaryFormat.inferred(from:)) ?? .md
            if out == nil && !format.isText {
                throw ValidationError("--format \(format.rawValue) needs --out (a file for xlsx, a folder for csv)")
            }
            return format
        }
    }

    struct Metrics: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every metric of the summary with its formula and rules.",
            discussion: "--markdown prints docs/metrics.md, which is generated from the same definitions.")

        @OptionGroup var languageOptions: LanguageOptions

        @Flag(
            help: ArgumentHelp(
                "Print JSON: an array of {\"metric\", \"section\", \"name_zh\", \"name_en\", "
                    + "\"unit\", \"formula_zh\", \"formula_en\", \"rule_zh\", \"rule_en\", \"from_design\"}."))
        var json = false

        @Flag(help: "Print the definitions as Markdown, in both languages (docs/metrics.md).")
        var markdown = false

        func run() throws {
            try runReportingErrors(tool: "sales-export") {
                if json && markdown { throw ValidationError("--json and --markdown cannot be combined") }
                if json {
                    write(MetricCatalog.json())
                } else if markdown {
                    write(MetricCatalog.markdown())
                } else {
                    write(MetricCatalog.text(languageOptions.language))
                }
            }
        }
    }
}
