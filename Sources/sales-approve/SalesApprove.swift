import ArgumentParser
import Foundation
import SalesCLI
import SalesCore

@main
struct SalesApprove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sales-approve",
        abstract:
            "Approve or reject expense claims, contracts and price exceptions under the department's policy, with an audit trail.",
        discussion: """
            You act as the person whose login (person.login) is your operating-system account. Claims come \
            from 'submit' or from imported expense sheets; each is routed under the policy in force: the \
            submitter's managers up to one whose approval limit covers the amount, category approvers, finance. \
            Contracts and price exceptions ('submit --kind contract|price', or their own sheets) follow the \
            same route plus the policy's [contract] and [price] rules; budgets apply to expense claims only. \
            Every change is recorded in a hash-chained audit log that 'verify' checks; in a store set up with \
            plain 'init' each entry is signed with its author's key ('keys create', 'keys enroll').
            Exit codes: 0 ok, 64 bad arguments, 65 invalid value, unknown claim or broken audit log, \
            66 file not found, 75 store busy, 76 store damaged, 77 refused (not your step, separation of \
            duties, budget stop, already decided, identity) (docs/exit-codes.md).
            """,
        subcommands: [
            Initialise.self, PolicyCommand.self, Submit.self, Queue.self, Show.self, Approve.self,
            Reject.self, Delegate.self, Keys.self, Verify.self, Report.self,
            // The everyday moves, payments, receipts and reminders (Moves.swift, Payments.swift).
            Withdraw.self, SendBack.self, Resubmit.self, Reopen.self, Comment.self, Mine.self, Pay.self,
            Payments.self, Attach.self, Remind.self,
        ])
}
