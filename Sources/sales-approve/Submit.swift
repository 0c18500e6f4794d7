import ArgumentParser
import SalesCLI
import SalesCore

extension SalesApprove {
    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "File an expense claim as yourself; it is routed under the policy in force.")

        @OptionGroup var options: CommonOptions

        // Unconditional, so that `--amount -5` reaches the amount check instead of reading as an option.
        @Option(
            parsing: .unconditional,
            help: ArgumentHelp("The amount in yuan: 1280, 1,280.50, ¥1280.", valueName: "amount"))
        var amount: String

        @Option(
            help: ArgumentHelp(
                "advertising 广告, travel 差旅, entertainment 招待, training 培训, events 市场活动, other 其他.",
                valueName: "category"))
        var category: String

        @Option(help: ArgumentHelp("The day the money was spent.", valueName: "date"))
        var date: String

        @Option(help: ArgumentHelp("What it was for.", valueName: "text"))
        var description: String

        @Option(name: .customLong("for-region"), help: ArgumentHelp("The region it serves.", valueName: "name"))
        var region: String?

        @Option(
            name: .customLong("for-customer"),
            help: ArgumentHelp("The customer it serves (code or name).", valueName: "customer"))
        var customer: String?

        @Option(help: ArgumentHelp("The campaign it serves.", valueName: "name"))
        var campaign: String?

        @Option(help: ArgumentHelp("The invoice number (发票号) of the receipt.", valueName: "number"))
        var invoice: String?

        @Flag(help: "Print the filed claim as JSON (the shape of 'show --json').")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                guard case .success(.money(let cents)) = ValueParser().parse(text: amount, kind: .money) else {
                    throw ValidationError("--amount \(amount): not an amount of money (write it as 1280 or 1,280.50)")
                }
                guard let code = EnumerationLabels.code(for: category, in: Codes.expenseCategory) else {
                    throw ValidationError(
                        "--category \(category): expected one of " + Codes.expenseCategory.joined(separator: ", "))
                }
                let claim = try options.desk().submit(
                    .init(
                        amountCents: cents, category: code, spentOn: try parseDate(date, option: "--date"),
                        description: description, region: region, customer: customer, campaign: campaign,
                        invoice: invoice))
                if json {
                    write(try JSONOutput.encode(claim) + "\n")
                    return
                }
                let lang = options.language
                let first =
                    claim.steps.first.map { TerminalText.visible(ApprovalReport.person($0.approver, $0.approverName)) }
                    ?? "—"
                write(
                    lang.pick(
                        "已提交 \(claim.id)：\(MoneyDisplay.text(cents: claim.amountCents))，共 \(claim.steps.count) 步审批，第一步：\(first)。\n",
                        "Filed \(claim.id): \(MoneyDisplay.text(cents: claim.amountCents)), \(claim.steps.count) approval step\(claim.steps.count == 1 ? "" : "s"), first: \(first).\n"
                    ))
                for flag in claim.flags { write(ApprovalReport.wrapped("  ! ", flag)) }
            }
        }
    }
}
