import ArgumentParser
import SalesCLI
import SalesCore

extension SalesApprove {
    struct Pay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark approved claims paid, as one payment batch (finance).",
            discussion: """
                Every claim must be approved and not yet paid, and none your own; otherwise nothing is paid \
                (exit 77). The batch reference must be new. Paid is final: the claim is never reopened, \
                withdrawn or routed again, and counts as spent in budgets and the summary.
                """)

        @OptionGroup var options: CommonOptions

        @Argument(help: "The claim numbers (expense_no).")
        var ids: [String]

        @Option(help: ArgumentHelp("The payment batch's reference (a bank file, a voucher).", valueName: "ref"))
        var batch: String

        @Flag(help: "Print the batch as JSON.")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                let paid = try options.desk().pay(ids, batch: batch)
                write(
                    json
                        ? try JSONOutput.encode(paid) + "\n"
                        : ApprovalReport.batchText(paid, lang: options.language, heading: true))
            }
        }
    }

    struct Payments: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The payment batches, oldest first, with their claims.")

        @OptionGroup var options: CommonOptions

        @Flag(help: "Print a JSON array instead of the list.")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                let batches = try options.desk().payments()
                if json {
                    write(try JSONOutput.encode(batches) + "\n")
                    return
                }
                if batches.isEmpty {
                    write(options.language.pick("还没有付款批次。\n", "No payment batch yet.\n"))
                }
                for b in batches { write(ApprovalReport.batchText(b, lang: options.language, heading: true)) }
            }
        }
    }

    struct Attach: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Attach a receipt file to a claim: its name, size and SHA-256 go into the audit log.",
            discussion: """
                By the claim's submitter, anyone on its route, or finance or admin. When the policy names a \
                [receipts] folder, the file is also copied there, beside the store, named by its SHA-256. A file \
                already attached to another claim is flagged on both.
                """)

        @OptionGroup var options: CommonOptions

        @Argument(help: "The claim number (expense_no).")
        var id: String

        @Argument(help: "The receipt file (a scan, a PDF invoice), at most 25 MiB.")
        var file: String

        @Flag(help: "Print the receipt as JSON.")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                let receipt = try options.desk().attach(id, file: file)
                if json {
                    write(try JSONOutput.encode(receipt) + "\n")
                    return
                }
                let kept = receipt.storedAs.map { options.language.pick("，副本 \($0)", ", copied to \($0)") } ?? ""
                write(
                    TerminalText.visible(
                        options.language.pick(
                            "已为 \(id) 附上 \(receipt.fileName)（\(receipt.sizeBytes) 字节，SHA-256 \(receipt.sha256)\(kept)）。",
                            "Attached \(receipt.fileName) to \(id) (\(receipt.sizeBytes) bytes, SHA-256 \(receipt.sha256)\(kept))."
                        )
                    ) + "\n")
            }
        }
    }

    struct Remind: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List, per approver, the steps waiting longer than the policy's days; escalate the oldest.",
            discussion: """
                Under the policy in force's [reminders]: a step waiting more than after_days whole days is listed \
                for its approver; more than after_days + escalate_after_days and it escalates, once, to the \
                approver's manager, who may then act on it on the approver's behalf (a step.escalated audit entry). \
                For a cron job or a mail merge: --json prints {"after_days", "escalate_after_days", \
                "policy_version", "people": [{"login", "name", "steps": [...]}], "escalated": [...], \
                "not_escalated": [...]}.
                """)

        @OptionGroup var options: CommonOptions

        @Flag(help: "Print JSON instead of the list.")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                let run = try options.desk().remind()
                write(json ? try JSONOutput.encode(run) + "\n" : ApprovalReport.remindText(run, lang: options.language))
            }
        }
    }
}
