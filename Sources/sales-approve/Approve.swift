import ArgumentParser
import Foundation
import SalesCLI
import SalesCore

extension SalesApprove {
    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve your step of one claim or several.",
            discussion: """
                Refused (exit 77) when the step is not yours or not yet yours, you submitted the claim or are its \
                payee, you already approved it above the dual-control amount, a 'stop' budget would be overrun, \
                the policy requires a receipt and none is attached, the claim was sent back or withdrawn, or \
                someone decided it first (you are told who and when).
                With several claims each is checked, decided and audited on its own, in the order given: one that \
                is refused does not undo the others. Each result is printed (refusals on standard error); the exit \
                status is 0 when all were approved, else that of the first refusal. With --json and several \
                claims: an array, one object per claim, either the outcome or {"id", "error", "exit_status"}.
                """)

        @OptionGroup var options: CommonOptions

        @Argument(help: "The claim numbers (expense_no).")
        var ids: [String]

        @Option(help: ArgumentHelp("A comment kept with each decision.", valueName: "text"))
        var comment: String?

        @Flag(help: "Print the outcome as JSON.")
        var json = false

        func validate() throws {
            guard !ids.isEmpty else { throw ValidationError("name the claim to approve (expense_no)") }
        }

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                let desk = try options.desk()
                if ids.count == 1 {
                    let outcome = try desk.approve(ids[0], comment: comment)
                    try printOutcome(outcome, json: json, lang: options.language)
                    return
                }
                var firstFailure: Int32?
                var objects: [String] = []
                for id in ids {
                    do {
                        let outcome = try desk.approve(id, comment: comment)
                        if json {
                            objects.append(try JSONOutput.encode(outcome))
                        } else {
                            write(ApprovalReport.outcomeText(outcome, lang: options.language))
                        }
                    } catch let error as ApprovalError {
                        let status = ExitStatus.code(for: error)
                        firstFailure = firstFailure ?? status
                        let message = ExitStatus.message(for: error)
                        OutputBuffer.standardOutput.flush()
                        OutputBuffer.standardError.write("sales-approve: \(message)\n")
                        if json {
                            objects.append(try JSONOutput.encode(Failure(id: id, error: message, exitStatus: status)))
                        }
                    }
                }
                if json { write("[" + objects.joined(separator: ",") + "]\n") }
                if let firstFailure {
                    OutputBuffer.standardOutput.flush()
                    throw ExitCode(firstFailure)
                }
            }
        }

        /// A claim of several that was not approved, in `--json`.
        struct Failure: Encodable {
            var id: String
            var error: String
            var exitStatus: Int32
        }
    }
}
