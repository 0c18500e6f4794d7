import ArgumentParser
import SalesCLI
import SalesCore

extension SalesApprove {
    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve your step of a claim.",
            discussion: """
                Refused (exit 77) when the step is not yours or not yet yours, you submitted the claim or are its \
                payee, you already approved it above the dual-control amount, a 'stop' budget would be overrun, \
                or someone decided it first (you are told who and when).
                """)

        @OptionGroup var options: CommonOptions

        @Argument(help: "The claim number (expense_no).")
        var id: String

        @Option(help: ArgumentHelp("A comment kept with the decision.", valueName: "text"))
        var comment: String?

        @Flag(help: "Print the outcome as JSON.")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                let outcome = try options.desk().approve(id, comment: comment)
                try printOutcome(outcome, json: json, lang: options.language)
            }
        }
    }
}
