import ArgumentParser
import Foundation
import SalesCLI
import SalesCore

extension SalesPlan {
    struct Awards: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The quarter's awards and improvement-plan candidates, by the plan's criteria.",
            discussion: """
                Quarterly star: the active rep with the highest completion (revenue ÷ the rep's target for the \
                quarter) among those meeting the plan's minimum revenue and completion. Customer satisfaction: \
                the active rep whose customers gave the best mean survey score in the quarter, with a minimum \
                number of customers who gave a score. Team collaboration: the team with the highest completion \
                of its team target, with a minimum number of active reps. Ties go to the higher revenue (the \
                more rated customers), then to the login or team name. Each award shows its criteria, the \
                winner and runner-up with their figures, or why nobody won. Improvement-plan candidates: \
                active reps under the threshold (80%) in the quarter and the one before; reps without a target \
                for either quarter are left out and counted.
                The criteria are the [awards] table of the plan file (docs/plan.md); without --plan, or \
                without the table, the defaults apply: minimum revenue ¥0, completion 100%, 3 rated \
                customers, 2 reps, team completion 100%, threshold 80%.
                Examples:
                  sales-plan awards --period 2025Q4 --plan commission.toml
                  sales-plan awards --period 2025Q4 --json
                """)

        @OptionGroup var options: CommonOptions

        @Option(help: ArgumentHelp("The quarter (2025Q4).", valueName: "quarter"))
        var period: String

        @Option(help: ArgumentHelp("The plan file (TOML) whose [awards] table holds the criteria.", valueName: "file"))
        var plan: String?

        @Option(help: ArgumentHelp("table (default) or json.", valueName: "format"))
        var format: PlanFormat = .table

        @Flag(help: "Print JSON (the same as --format json).")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-plan") {
                guard let quarter = try? ReportPeriod.parse(period), quarter.kind == .quarter else {
                    throw ValidationError("--period \(period): write a quarter (2025Q4)")
                }
                let awardsPlan = try plan.map { try CommissionPlan.read(path: $0) }
                let store = try options.store.openExisting()
                defer { store.close() }
                let awards = try QuarterAwards.build(store, quarter: quarter, criteria: awardsPlan?.awards ?? .defaults)
                if json || format == .json {
                    write(try JSONOutput.encode(awards) + "\n")
                } else {
                    write(AwardsText.text(awards, planName: awardsPlan?.name, lang: options.language))
                }
            }
        }
    }
}
