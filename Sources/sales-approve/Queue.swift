import ArgumentParser
import SalesCLI
import SalesCore

extension SalesApprove {
    struct Queue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What waits for you (and for those who delegated to you), oldest first.",
            discussion: """
                With --json: an array of {"id", "submitted_on", "amount", "amount_cents", "category", "submitter", \
                "submitter_name", "description", "step", "steps", "on_behalf_of", "budgets": [{"scope", \
                "scope_key", "category", "period", "control", "budgeted_cents", "approved_cents", "claim_cents"}], \
                "flags"}.
                """)

        @OptionGroup var options: CommonOptions

        @Flag(help: "Print a JSON array instead of the table.")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                let desk = try options.desk()
                let items = try desk.queue()
                if json {
                    write(try JSONOutput.encode(items) + "\n")
                    return
                }
                write(ApprovalReport.queueText(items, for: try desk.identity(), lang: options.language))
            }
        }
    }
}
