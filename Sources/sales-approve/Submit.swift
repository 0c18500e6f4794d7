import ArgumentParser
import SalesCLI
import SalesCore

extension SalesApprove {
    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "File an expense claim, a contract or a price exception as yourself; it is routed under the policy in force.",
            discussion: """
                An expense claim (the default) needs --amount, --category, --date and --description. \
                A contract (--kind contract, 合同) needs --for-customer, --amount, --term, --date (the signing \
                date) and --description; --list-amount (its value at list prices, for the discount), \
                --payment-terms and --non-standard are optional. A price exception (--kind price, 特价申请) \
                needs --for-customer, --product, --price (the requested unit price), --quantity, --date and \
                --description; --list-price defaults to the product's list price.
                """)

        @OptionGroup var options: CommonOptions

        @Option(
            help: ArgumentHelp(
                "expense (报销单, the default), contract (合同) or price (特价申请).", valueName: "kind"))
        var kind: String = "expense"

        // Unconditional, so that `--amount -5` reaches the amount check instead of reading as an option.
        @Option(
            parsing: .unconditional,
            help: ArgumentHelp(
                "The amount in yuan: 1280, 1,280.50, ¥1280 (an expense claim, a contract).", valueName: "amount"))
        var amount: String?

        @Option(
            help: ArgumentHelp(
                "advertising 广告, travel 差旅, entertainment 招待, training 培训, events 市场活动, other 其他 (expense claims).",
                valueName: "category"))
        var category: String?

        @Option(
            help: ArgumentHelp("The day the money was spent, the contract signed, the price asked.", valueName: "date"))
        var date: String

        @Option(help: ArgumentHelp("What it is for.", valueName: "text"))
        var description: String

        @Option(name: .customLong("for-region"), help: ArgumentHelp("The region it serves.", valueName: "name"))
        var region: String?

        @Option(
            name: .customLong("for-customer"),
            help: ArgumentHelp(
                "The customer it serves (code or name); required for contracts and prices.", valueName: "customer"))
        var customer: String?

        @Option(help: ArgumentHelp("The campaign it serves.", valueName: "name"))
        var campaign: String?

        @Option(help: ArgumentHelp("An expense claim's invoice number (发票号) of the receipt.", valueName: "number"))
        var invoice: String?

        @Option(
            name: .customLong("list-amount"),
            help: ArgumentHelp("A contract's value at list prices, in yuan (default: --amount).", valueName: "amount"))
        var listAmount: String?

        @Option(help: ArgumentHelp("A contract's term in months.", valueName: "months"))
        var term: Int?

        @Option(
            name: .customLong("payment-terms"),
            help: ArgumentHelp("A contract's payment terms (付款条件).", valueName: "text"))
        var paymentTerms: String?

        @Flag(name: .customLong("non-standard"), help: "The contract has non-standard terms (非标准条款).")
        var nonStandard = false

        @Option(help: ArgumentHelp("A price exception's product (SKU or name).", valueName: "product"))
        var product: String?

        @Option(
            parsing: .unconditional,
            help: ArgumentHelp("A price exception's requested unit price, in yuan.", valueName: "price"))
        var price: String?

        @Option(help: ArgumentHelp("A price exception's quantity.", valueName: "n"))
        var quantity: Int64?

        @Option(
            name: .customLong("list-price"),
            help: ArgumentHelp("A price exception's list unit price (default: the product's).", valueName: "price"))
        var listPrice: String?

        @Flag(help: "Print the filed document as JSON (the shape of 'show --json').")
        var json = false

        func money(_ text: String?, option: String) throws -> Int64? {
            guard let text else { return nil }
            guard case .success(.money(let cents)) = ValueParser().parse(text: text, kind: .money) else {
                throw ValidationError("\(option) \(text): not an amount of money (write it as 1280 or 1,280.50)")
            }
            return cents
        }

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                guard let documentKind = DocumentKind(rawValue: kind) else {
                    throw ValidationError("--kind \(kind): expected expense, contract or price")
                }
                let claim: ClaimDetail
                switch documentKind {
                case .expense:
                    guard let cents = try money(amount, option: "--amount") else {
                        throw ValidationError("an expense claim needs --amount")
                    }
                    guard let category else { throw ValidationError("an expense claim needs --category") }
                    guard let code = EnumerationLabels.code(for: category, in: Codes.expenseCategory) else {
                        throw ValidationError(
                            "--category \(category): expected one of " + Codes.expenseCategory.joined(separator: ", "))
                    }
                    claim = try options.desk().submit(
                        .init(
                            amountCents: cents, category: code, spentOn: try parseDate(date, option: "--date"),
                            description: description, region: region, customer: customer, campaign: campaign,
                            invoice: invoice))
                case .contract, .price:
                    guard let customer else {
                        throw ValidationError("a \(documentKind.englishName) needs --for-customer")
                    }
                    if category != nil || region != nil || campaign != nil || invoice != nil {
                        throw ValidationError(
                            "--category, --for-region, --campaign and --invoice belong to expense claims, not to a "
                                + documentKind.englishName)
                    }
                    if documentKind == .price, amount != nil {
                        throw ValidationError("a price exception's amount is --price × --quantity; leave out --amount")
                    }
                    claim = try options.desk().submit(
                        ApprovalDesk.DocumentSubmission(
                            kind: documentKind, customer: customer, date: try parseDate(date, option: "--date"),
                            description: description, amountCents: try money(amount, option: "--amount"),
                            listAmountCents: try money(listAmount, option: "--list-amount"), termMonths: term,
                            paymentTerms: paymentTerms, nonStandard: nonStandard, product: product,
                            unitPriceCents: try money(price, option: "--price"), quantity: quantity,
                            listPriceCents: try money(listPrice, option: "--list-price")))
                }
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
                for step in claim.steps where documentKind != .expense {
                    write(
                        "  \(step.position). \(TerminalText.visible(ApprovalReport.person(step.approver, step.approverName)))"
                            + " — \(TerminalText.visible(step.reason))\n")
                }
                for flag in claim.flags { write(ApprovalReport.wrapped("  ! ", flag)) }
            }
        }
    }
}
