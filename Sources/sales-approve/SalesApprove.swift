import ArgumentParser
import Foundation
import SalesCLI
import SalesCore

@main
struct SalesApprove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sales-approve",
        abstract: "Approve or reject expense claims under the department's policy, within budget, with an audit trail.",
        discussion: """
            You act as the person whose login (person.login) is your operating-system account. Claims come \
            from 'submit' or from imported expense sheets; each is routed under the policy in force: the \
            submitter's managers up to one whose approval limit covers the amount, category approvers, finance. \
            Every change is recorded in a hash-chained audit log that 'verify' checks.
            Exit codes: 0 ok, 64 bad arguments, 65 invalid value, unknown claim or broken audit log, \
            66 file not found, 75 store busy, 76 store damaged, 77 refused (not your step, separation of \
            duties, budget stop, already decided, identity) (docs/exit-codes.md).
            """,
        subcommands: [Initialise.self, PolicyCommand.self, Submit.self, Queue.self, Show.self, Approve.self,
                      Reject.self, Delegate.self, Verify.self])
}

extension CommonOptions {
    /// Opens the store and a desk for this process; in a training store, says so on standard error.
    func desk() throws -> ApprovalDesk {
        let opened = try store.open()
        let desk = ApprovalDesk(store: opened, account: currentUserName())
        if try desk.identityMode() == .trustEnvironment {
            let who = ProcessInfo.processInfo.environment[ApprovalIdentity.environmentVariable] ?? ""
            let acting = who.isEmpty ? desk.account : who
            OutputBuffer.standardError.write(language.pick(
                "sales-approve: 培训/演示用数据库：身份取自 $SALES_USER（当前：\(acting)）\n",
                "sales-approve: training/demo store: identity from $SALES_USER (acting as \(acting))\n"))
        }
        return desk
    }
}

/// Parses a date argument the way imports read dates (2026-03-05, 2026/3/5, 2026年3月5日).
func parseDate(_ text: String, option: String) throws -> CivilDate {
    guard case .success(.date(let date)) = ValueParser().parse(text: text, kind: .date) else {
        throw ValidationError("\(option) \(text): not a date (write it as 2026-03-05)")
    }
    return date
}
