import ArgumentParser
import SalesCLI
import SalesCore

extension SalesApprove {
    struct Delegate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hand your approval steps to someone for a period, or cancel your delegations.",
            discussion: """
                The delegate acts on steps routed to you from --from to --until (inclusive); you keep acting too. \
                Delegations are not passed on: a delegate's own delegate cannot act for you. Separation of duties \
                still holds: a delegate never approves their own claim.
                """)

        @OptionGroup var options: CommonOptions

        @Option(help: ArgumentHelp("The login who acts for you.", valueName: "login"))
        var to: String?

        @Option(help: ArgumentHelp("First day (default: today).", valueName: "date"))
        var from: String?

        @Option(help: ArgumentHelp("Last day, inclusive.", valueName: "date"))
        var until: String?

        @Flag(help: "Cancel your delegations that have not ended.")
        var cancel = false

        func validate() throws {
            if cancel && (to != nil || from != nil || until != nil) {
                throw ValidationError("--cancel takes no other option")
            }
            if !cancel && (to == nil || until == nil) {
                throw ValidationError("name the delegate and the last day: --to LOGIN --until DATE (or --cancel)")
            }
        }

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                let desk = try options.desk()
                let lang = options.language
                if cancel {
                    for d in try desk.cancelDelegations() {
                        write(
                            lang.pick(
                                "已取消给 \(d.to) 的代理（\(d.starts) 至 \(d.ends)）。\n",
                                "Cancelled the delegation to \(d.to) (\(d.starts) to \(d.ends)).\n"))
                    }
                    return
                }
                let starts = try from.map { try parseDate($0, option: "--from") } ?? desk.today()
                let d = try desk.delegate(
                    to: to ?? "", from: starts, until: try parseDate(until ?? "", option: "--until"))
                write(
                    lang.pick(
                        "\(d.to) 可在 \(d.starts) 至 \(d.ends) 代你审批。\n",
                        "\(d.to) may act on your steps from \(d.starts) to \(d.ends).\n"))
            }
        }
    }
}
