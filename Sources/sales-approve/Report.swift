import ArgumentParser
import SalesCLI
import SalesCore

extension SalesApprove {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How long approvals take: documents by kind and state, time per step and approver, backlog.",
            discussion: """
                Documents dated in the period (spent, signed, asked for) by kind and approval state; the median \
                and 90th-percentile time each decided step waited, per step and per approver (who decided); the \
                lead time from first route to decision; the pending ones by age. Reads only: needs no identity. \
                Definitions in docs/approve.md.
                """)

        @OptionGroup var options: CommonOptions

        @Option(help: ArgumentHelp("The period: 2025, 2025Q4 or 2025-11.", valueName: "period"))
        var period: String

        @Flag(help: "Print the figures as JSON.")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                let parsed: ReportPeriod
                do { parsed = try ReportPeriod.parse(period) } catch {
                    throw ValidationError("--period \(period): \(error)")
                }
                let desk = ApprovalDesk(store: try options.store.openExisting(), account: "report")
                let statistics = try desk.statistics(period: parsed)
                write(
                    json
                        ? try JSONOutput.encode(statistics) + "\n"
                        : ApprovalReport.statisticsText(statistics, lang: options.language))
            }
        }
    }
}
