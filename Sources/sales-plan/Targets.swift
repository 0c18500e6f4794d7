import ArgumentParser
import Foundation
import SalesCLI
import SalesCore

extension SalesPlan {
    struct Targets: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Split next year's company target into quarters, regions, teams, reps and product lines.",
            discussion: """
                The total is --total, or the last 12 months' revenue grown by --growth. It is split by each \
                region's, rep's and product line's share of the last --basis months (24 by default) and by \
                their quarterly profile, in whole cents by the largest remainder, so every split sums exactly \
                to what it splits: quarters to the year, regions to the company, reps to their region, each \
                region's and rep's quarters to their year and to the quarter above. Teams are the sums of their \
                reps. --out writes a workbook whose sheet 目标 is in the import layout (范围, 对象, 期间, \
                目标金额): 'sales-import FILE' loads it, and the summary measures against it.
                JSON: {"year", "total_cents", "total_from", "growth_percent", "basis_first", "basis_last", \
                "basis_months", "basis_cents", "last_twelve_months_cents", "quarter_basis_cents", \
                "quarter_cents", "regions", "teams", "reps", "product_lines": [{"key", "name", "region", "team", \
                "basis_cents", "year_cents", "quarter_cents"}], "unassigned_region_cents", "regions_without_reps"}.
                Examples:
                  sales-plan targets --year 2026 --growth 12% --out targets-2026.xlsx
                  sales-plan targets --year 2026 --total 68,000,000 --json
                """)

        @OptionGroup var options: CommonOptions

        @Option(help: ArgumentHelp("The year to set targets for (after the store's history).", valueName: "year"))
        var year: Int

        @Option(
            help: ArgumentHelp("The company's target for the year, in yuan (68,000,000 or 6800万).", valueName: "amount")
        )
        var total: String?

        @Option(
            help: ArgumentHelp("Growth over the last 12 months' revenue, in percent (12%, -5%).", valueName: "percent"))
        var growth: String?

        @Option(help: ArgumentHelp("Months of history the shares come from: 12 to 24.", valueName: "months"))
        var basis = 24

        @Option(help: ArgumentHelp("Write the targets workbook (.xlsx) here.", valueName: "file"))
        var out: String?

        @Option(help: ArgumentHelp("table (default) or json.", valueName: "format"))
        var format: PlanFormat = .table

        @Flag(help: "Print JSON (the same as --format json).")
        var json = false

        func validate() throws {
            if (total == nil) == (growth == nil) {
                throw ValidationError("give one of --total AMOUNT or --growth PERCENT")
            }
            if let out, URL(fileURLWithPath: out).pathExtension.lowercased() != "xlsx" {
                throw ValidationError("--out \(out): the targets workbook is an .xlsx file")
            }
        }

        func run() throws {
            try runReportingErrors(tool: "sales-plan") {
                let target: TargetPlan.Total
                if let total {
                    guard case .success(.money(let cents)) = ValueParser().parse(text: total, kind: .money) else {
                        throw ValidationError("--total \(total): not an amount (write 68,000,000, ¥68000000 or 6800万)")
                    }
                    target = .amount(cents: cents)
                } else {
                    let text = (growth ?? "").trimmingCharacters(in: .whitespaces)
                    let number = text.hasSuffix("%") ? String(text.dropLast()) : text
                    guard let percent = Double(number), percent.isFinite else {
                        throw ValidationError("--growth \(growth ?? ""): not a percentage (write 12% or -5%)")
                    }
                    target = .growth(percent: percent)
                }
                let store = try options.store.openExisting()
                defer { store.close() }
                let plan = try TargetPlan.build(store, year: year, total: target, basisMonths: basis)
                if let out { try TargetWorkbook.write(plan, to: out, lang: options.language) }
                if json || format == .json {
                    write(try JSONOutput.encode(plan) + "\n")
                } else {
                    write(TargetText.text(plan, lang: options.language, written: out))
                }
            }
        }
    }
}
