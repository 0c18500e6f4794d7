import ArgumentParser
import SalesCLI
import SalesCore

extension SalesApprove {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A claim: its route and which steps are done, budget position, flags and history.")

        @OptionGroup var options: CommonOptions

        @Argument(help: "The claim number (expense_no).")
        var id: String

        @Flag(help: "Print JSON instead of the page.")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                let claim = try options.desk().show(id)
                write(
                    json ? try JSONOutput.encode(claim) + "\n" : ApprovalReport.showText(claim, lang: options.language))
            }
        }
    }
}
