import ArgumentParser
import Foundation
import SalesCLI
import SalesCore

extension CommonOptions {
    /// Opens the store and a desk for this process; in a training store, says so on standard error.
    ///
    /// Only `init` creates a store: here a path where none exists is an error (exit 66), and no file is made.
    func desk() throws -> ApprovalDesk {
        let account = try currentUserName()
        let opened = try store.openExisting()
        let desk = ApprovalDesk(store: opened, account: account, keyFile: try currentKeyFile())
        if try desk.identityMode() == .trustEnvironment {
            let who = ProcessInfo.processInfo.environment[ApprovalIdentity.environmentVariable] ?? ""
            let acting = who.isEmpty ? desk.account : who
            OutputBuffer.standardError.write(
                language.pick(
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

/// Prints a decision's outcome (`approve`, `reject`) as text, or as JSON with `--json`.
func printOutcome(_ outcome: DecisionOutcome, json: Bool, lang: OutputLanguage) throws {
    write(json ? try JSONOutput.encode(outcome) + "\n" : ApprovalReport.outcomeText(outcome, lang: lang))
}

/// Prints a move's outcome (`withdraw`, `send-back`, `comment`) as text, or as JSON with `--json`.
func printOutcome(_ outcome: MoveOutcome, json: Bool, lang: OutputLanguage) throws {
    write(json ? try JSONOutput.encode(outcome) + "\n" : ApprovalReport.moveText(outcome, lang: lang))
}
