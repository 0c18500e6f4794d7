import ArgumentParser
import SalesCLI
import SalesCore

extension SalesApprove {
    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Withdraw a claim you submitted, while it is pending.",
            discussion: """
                Only the submitter may withdraw, and only while no decision has finished the claim: once it is \
                approved, rejected or paid the withdrawal is refused (exit 77). A withdrawn claim is decided by \
                nobody and stays withdrawn; file a new claim instead.
                """)

        @OptionGroup var options: CommonOptions

        @Argument(help: "The claim number (expense_no).")
        var id: String

        @Option(help: ArgumentHelp("Why (optional, kept in the audit log).", valueName: "text"))
        var reason: String?

        @Flag(help: "Print the outcome as JSON.")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                let outcome = try options.desk().withdraw(id, reason: reason)
                try printOutcome(outcome, json: json, lang: options.language)
            }
        }
    }

    struct SendBack: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "send-back",
            abstract: "Send a claim back to its submitter for correction, at your step, with a reason.",
            discussion: """
                Checked as a decision is (your step, now; separation of duties). Nobody decides the claim until \
                its submitter resubmits it ('resubmit'), which starts a new round; the history is kept.
                """)

        @OptionGroup var options: CommonOptions

        @Argument(help: "The claim number (expense_no).")
        var id: String

        @Option(help: ArgumentHelp("What to correct (required).", valueName: "text"))
        var reason: String?

        @Flag(help: "Print the outcome as JSON.")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                guard let reason else { throw ValidationError("sending a claim back needs a reason (--reason TEXT)") }
                let outcome = try options.desk().sendBack(id, reason: reason)
                try printOutcome(outcome, json: json, lang: options.language)
            }
        }
    }

    struct Resubmit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resubmit a claim sent back to you, corrected: a new round of approval.")

        @OptionGroup var options: CommonOptions

        @Argument(help: "The claim number (expense_no).")
        var id: String

        @Option(
            parsing: .unconditional,
            help: ArgumentHelp("The corrected amount in yuan: 1280, 1,280.50.", valueName: "amount"))
        var amount: String?

        @Option(help: ArgumentHelp("The corrected description.", valueName: "text"))
        var description: String?

        @Option(help: ArgumentHelp("The invoice number (发票号) of the receipt.", valueName: "number"))
        var invoice: String?

        @Flag(help: "Print the claim as JSON (the shape of 'show --json').")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                var cents: Int64?
                if let amount {
                    guard case .success(.money(let value)) = ValueParser().parse(text: amount, kind: .money) else {
                        throw ValidationError(
                            "--amount \(amount): not an amount of money (write it as 1280 or 1,280.50)")
                    }
                    cents = value
                }
                let claim = try options.desk().resubmit(
                    id, .init(amountCents: cents, description: description, invoice: invoice))
                if json {
                    write(try JSONOutput.encode(claim) + "\n")
                    return
                }
                let first =
                    claim.steps.first.map { TerminalText.visible(ApprovalReport.person($0.approver, $0.approverName)) }
                    ?? "—"
                write(
                    options.language.pick(
                        "已重新提交 \(TerminalText.visible(claim.id))：\(MoneyDisplay.text(cents: claim.amountCents))，第 \(claim.round ?? 0) 轮，第一步：\(first)。\n",
                        "Resubmitted \(TerminalText.visible(claim.id)): \(MoneyDisplay.text(cents: claim.amountCents)), round \(claim.round ?? 0), first: \(first).\n"
                    ))
                for flag in claim.flags { write(ApprovalReport.wrapped("  ! ", flag)) }
            }
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reopen an approved claim that is not yet paid: a new round of approval.",
            discussion: """
                By someone who approved a step of it (or on whose behalf it was approved), or a finance person; a \
                reason is required. A paid claim is final and is never reopened (exit 77).
                """)

        @OptionGroup var options: CommonOptions

        @Argument(help: "The claim number (expense_no).")
        var id: String

        @Option(help: ArgumentHelp("Why (required): approved by mistake, a receipt found wrong.", valueName: "text"))
        var reason: String?

        @Flag(help: "Print the claim as JSON (the shape of 'show --json').")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                guard let reason else { throw ValidationError("reopening a claim needs a reason (--reason TEXT)") }
                let claim = try options.desk().reopen(id, reason: reason)
                if json {
                    write(try JSONOutput.encode(claim) + "\n")
                    return
                }
                let first = claim.steps.first.map { TerminalText.visible($0.approver) } ?? "—"
                write(
                    options.language.pick(
                        "已重新打开 \(TerminalText.visible(claim.id))：第 \(claim.round ?? 0) 轮，第一步：\(first)。\n",
                        "Reopened \(TerminalText.visible(claim.id)): round \(claim.round ?? 0), first: \(first).\n"))
            }
        }
    }

    struct Comment: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a comment to a claim; it is kept in its history ('show').")

        @OptionGroup var options: CommonOptions

        @Argument(help: "The claim number (expense_no).")
        var id: String

        @Argument(help: "The comment (at most 1,000 characters).")
        var text: String

        @Flag(help: "Print the outcome as JSON.")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                let outcome = try options.desk().comment(id, text: text)
                try printOutcome(outcome, json: json, lang: options.language)
            }
        }
    }

    struct Mine: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The claims you submitted, newest first: status and where each one waits.")

        @OptionGroup var options: CommonOptions

        @Flag(help: "Print a JSON array instead of the table.")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                let desk = try options.desk()
                let items = try desk.mine()
                write(
                    json
                        ? try JSONOutput.encode(items) + "\n"
                        : ApprovalReport.mineText(items, for: try desk.identity(), lang: options.language))
            }
        }
    }
}
