import ArgumentParser
import SalesCLI
import SalesCore

extension SalesApprove {
    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reject a claim at your step; the reason is required and kept.")

        @OptionGroup var options: CommonOptions

        @Argument(help: "The claim number (expense_no).")
        var id: String

        // Optional to ArgumentParser, so that a missing reason is one line of ours rather than its usage page.
        @Option(help: ArgumentHelp("Why (required).", valueName: "text"))
        var reason: String?

        @Flag(help: "Print the outcome as JSON.")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                guard let reason else { throw ValidationError("a rejection needs a reason (--reason TEXT)") }
                let outcome = try options.desk().reject(id, reason: reason)
                try printOutcome(outcome, json: json, lang: options.language)
            }
        }
    }
}
