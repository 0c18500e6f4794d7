import ArgumentParser
import Foundation
import SalesCLI
import SalesCore
import XLSX

extension SalesPlan {
    struct Commission: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every rep's commission statement for a period under a TOML plan.",
            discussion: """
                Each completed order line dated in the period earns its amount × the rate of the completion \
                band the rep's revenue reaches against their target × the plan's product-line and tier \
                multipliers, rounded half away from zero to the cent; a return reversal within the plan's \
                clawback days takes its commission back; the cap limits the lines' sum; the new-customer bonus \
                is added after it. Statements list every line with its order line's id. The plan's name, \
                version and SHA-256 are printed on every statement: a changed plan shows a new hash. Writing \
                statements records the plan's name, version and SHA-256 in the store; a version already \
                recorded with other contents is refused (a changed plan is a new version). The same \
                store and plan give identical files. docs/plan.md describes the plan file.
                --out FILE.xlsx writes the statements workbook (summary, teams, every line, the plan); \
                --html FILE.html one page with a section per rep.
                Examples:
                  sales-plan commission --period 2025Q4 --plan commission.toml --out q4.xlsx --html q4.html
                """)

        @OptionGroup var options: CommonOptions

        @Option(help: ArgumentHelp("The quarter, month or year (2025Q4).", valueName: "period"))
        var period: String

        @Option(help: ArgumentHelp("The commission plan (TOML).", valueName: "file"))
        var plan: String

        @Option(help: ArgumentHelp("Write the statements workbook (.xlsx) here.", valueName: "file"))
        var out: String?

        @Option(help: ArgumentHelp("Write the statements as one HTML page here.", valueName: "file"))
        var html: String?

        @Option(help: ArgumentHelp("table (default) or json.", valueName: "format"))
        var format: PlanFormat = .table

        @Flag(help: "Print JSON (the same as --format json): the run with every statement and line.")
        var json = false

        func validate() throws {
            if let out, URL(fileURLWithPath: out).pathExtension.lowercased() != "xlsx" {
                throw ValidationError("--out \(out): the statements workbook is an .xlsx file")
            }
        }

        func run() throws {
            try runReportingErrors(tool: "sales-plan") {
                guard let period = try? ReportPeriod.parse(period) else {
                    throw ValidationError(
                        "--period \(period): write a year (2025), a quarter (2025Q4) or a month (2025-12)")
                }
                let commissionPlan = try CommissionPlan.read(path: plan)
                let store = try options.store.openExisting()
                defer { store.close() }
                try CommissionPlanVersions.check(store, commissionPlan)
                let run = try CommissionRun.build(store, period: period, plan: commissionPlan)
                let lang = options.language
                var written: [String] = []
                if out != nil || html != nil {
                    try CommissionPlanVersions.record(store, commissionPlan, at: Clock.system.timestamp())
                }
                if let out {
                    try CommissionOutput.writeXLSX(run, plan: commissionPlan, to: out, lang: lang)
                    written.append(out)
                }
                if let html {
                    do {
                        try FileDestination.write(
                            Data(CommissionOutput.htmlPage(run, plan: commissionPlan, lang: lang).utf8), to: html)
                    } catch {
                        throw PlanError(.io, "\(html): cannot be written (\(error.localizedDescription))")
                    }
                    written.append(html)
                }
                if json || format == .json {
                    write(try JSONOutput.encode(run) + "\n")
                } else {
                    write(CommissionOutput.text(run, plan: commissionPlan, lang: lang, written: written))
                }
            }
        }
    }
}
