import ArgumentParser
import Foundation
import SalesCLI
import SalesCore

extension SalesApprove {
    struct Initialise: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Record how this store identifies people (once; audited).",
            discussion: """
                Without options the acting person is always the operating-system account, and $SALES_USER is \
                refused. --trust-env makes a training or demo store: $SALES_USER names the acting person, and \
                every command says so. The setting cannot be changed afterwards.
                """)

        @OptionGroup var options: CommonOptions

        @Flag(help: "Honour $SALES_USER as the acting person (training and demo stores only).")
        var trustEnv = false

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                let desk = ApprovalDesk(store: try options.store.open(), account: currentUserName())
                let mode = try desk.initialise(trustEnvironment: trustEnv)
                write(options.language.pick("已初始化 \(options.store.path)：身份取自 ", "Initialised \(options.store.path): identities come from ")
                      + ApprovalDesk.describe(mode) + "\n")
            }
        }
    }

    struct PolicyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "policy", abstract: "Load or show the approval policy.",
            subcommands: [Load.self, ShowPolicy.self])

        struct Load: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Load a policy file (TOML) as the next version; needs the admin or finance role.",
                discussion: """
                    Claims already routed keep the route of the version they were routed under. \
                    docs/approve.md shows a complete policy and explains every key.
                    """)

            @OptionGroup var options: CommonOptions

            @Argument(help: "The policy file (.toml).")
            var file: String

            func run() throws {
                try runReportingErrors(tool: "sales-approve") {
                    let text: String
                    do {
                        text = try String(contentsOfFile: file, encoding: .utf8)
                    } catch {
                        let exists = FileManager.default.fileExists(atPath: file)
                        throw ApprovalError(exists ? .invalid : .cannotOpen,
                                            "\(file): " + (exists ? "cannot be read as UTF-8 text" : "no such file"))
                    }
                    let (version, loaded) = try options.desk().loadPolicy(
                        text: text, fileName: URL(fileURLWithPath: file).lastPathComponent)
                    let lang = options.language
                    write(loaded
                          ? lang.pick("已载入审批政策 v\(version.version)“\(version.name)”。\n",
                                      "Loaded policy version \(version.version) (\(version.name)).\n")
                          : lang.pick("与现行的 v\(version.version) 相同，未改变。\n",
                                      "Same as version \(version.version) in force; nothing changed.\n"))
                }
            }
        }

        struct ShowPolicy: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "show", abstract: "Print the policy in force (or a given version) as loaded.")

            @OptionGroup var options: CommonOptions

            @Option(help: "A policy version (default: the one in force).")
            var version: Int64?

            func run() throws {
                try runReportingErrors(tool: "sales-approve") {
                    let lang = options.language
                    guard let p = try options.desk().policy(version: version) else {
                        throw ApprovalError(.notFound, version.map { "no policy version \($0) in the store" }
                                            ?? "no approval policy is loaded yet (sales-approve policy load FILE.toml)")
                    }
                    write(lang.pick("# 审批政策 v\(p.version)，\(p.loadedBy) 于 \(p.loadedAt) 载入自 \(p.fileName)（SHA-256 \(p.fileSHA256)）\n",
                                    "# policy version \(p.version), loaded by \(p.loadedBy) at \(p.loadedAt) from \(p.fileName) (SHA-256 \(p.fileSHA256))\n"))
                    write(p.text.hasSuffix("\n") ? p.text : p.text + "\n")
                }
            }
        }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "File an expense claim as yourself; it is routed under the policy in force.")

        @OptionGroup var options: CommonOptions

        @Option(help: ArgumentHelp("The amount in yuan: 1280, 1,280.50, ¥1280.", valueName: "amount"))
        var amount: String

        @Option(help: ArgumentHelp("advertising 广告, travel 差旅, entertainment 招待, training 培训, events 市场活动, other 其他.",
                                   valueName: "category"))
        var category: String

        @Option(help: ArgumentHelp("The day the money was spent.", valueName: "date"))
        var date: String

        @Option(help: ArgumentHelp("What it was for.", valueName: "text"))
        var description: String

        @Option(name: .customLong("for-region"), help: ArgumentHelp("The region it serves.", valueName: "name"))
        var region: String?

        @Option(name: .customLong("for-customer"), help: ArgumentHelp("The customer it serves (code or name).", valueName: "customer"))
        var customer: String?

        @Option(help: ArgumentHelp("The campaign it serves.", valueName: "name"))
        var campaign: String?

        @Flag(help: "Print the filed claim as JSON (the shape of 'show --json').")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                guard case .success(.money(let cents)) = ValueParser().parse(text: amount, kind: .money) else {
                    throw ValidationError("--amount \(amount): not an amount of money (write it as 1280 or 1,280.50)")
                }
                guard let code = EnumerationLabels.code(for: category, in: Codes.expenseCategory) else {
                    throw ValidationError("--category \(category): expected one of " + Codes.expenseCategory.joined(separator: ", "))
                }
                let claim = try options.desk().submit(.init(
                    amountCents: cents, category: code, spentOn: try parseDate(date, option: "--date"),
                    description: description, region: region, customer: customer, campaign: campaign))
                if json { write(try JSONOutput.encode(claim) + "\n"); return }
                let lang = options.language
                let first = claim.steps.first.map { ApprovalReport.person($0.approver, $0.approverName) } ?? "—"
                write(lang.pick("已提交 \(claim.id)：\(MoneyDisplay.text(cents: claim.amountCents))，共 \(claim.steps.count) 步审批，第一步：\(first)。\n",
                                "Filed \(claim.id): \(MoneyDisplay.text(cents: claim.amountCents)), \(claim.steps.count) approval step\(claim.steps.count == 1 ? "" : "s"), first: \(first).\n"))
                for flag in claim.flags { write(ApprovalReport.wrapped("  ! ", flag)) }
            }
        }
    }

    struct Queue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What waits for you (and for those who delegated to you), oldest first.",
            discussion: """
                With --json: an array of {"id", "submitted_on", "amount", "amount_cents", "category", "submitter", \
                "submitter_name", "description", "step", "steps", "on_behalf_of", "budgets": [{"scope", \
                "scope_key", "category", "period", "control", "budgeted_cents", "approved_cents", "claim_cents"}], \
                "flags"}.
                """)

        @OptionGroup var options: CommonOptions

        @Flag(help: "Print a JSON array instead of the table.")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                let desk = try options.desk()
                let items = try desk.queue()
                if json { write(try JSONOutput.encode(items) + "\n"); return }
                write(ApprovalReport.queueText(items, for: try desk.identity(), lang: options.language))
            }
        }
    }

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
                write(json ? try JSONOutput.encode(claim) + "\n" : ApprovalReport.showText(claim, lang: options.language))
            }
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve your step of a claim.",
            discussion: """
                Refused (exit 77) when the step is not yours or not yet yours, you submitted the claim or are its \
                payee, you already approved it above the dual-control amount, a 'stop' budget would be overrun, \
                or someone decided it first (you are told who and when).
                """)

        @OptionGroup var options: CommonOptions

        @Argument(help: "The claim number (expense_no).")
        var id: String

        @Option(help: ArgumentHelp("A comment kept with the decision.", valueName: "text"))
        var comment: String?

        @Flag(help: "Print the outcome as JSON.")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                let outcome = try options.desk().approve(id, comment: comment)
                write(json ? try JSONOutput.encode(outcome) + "\n" : ApprovalReport.outcomeText(outcome, lang: options.language))
            }
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reject a claim at your step; the reason is required and kept.")

        @OptionGroup var options: CommonOptions

        @Argument(help: "The claim number (expense_no).")
        var id: String

        @Option(help: ArgumentHelp("Why (required).", valueName: "text"))
        var reason: String

        @Flag(help: "Print the outcome as JSON.")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-approve") {
                let outcome = try options.desk().reject(id, reason: reason)
                write(json ? try JSONOutput.encode(outcome) + "\n" : ApprovalReport.outcomeText(outcome, lang: options.language))
            }
        }
    }

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
                        write(lang.pick("已取消给 \(d.to) 的代理（\(d.starts) 至 \(d.ends)）。\n",
                                        "Cancelled the delegation to \(d.to) (\(d.starts) to \(d.ends)).\n"))
                    }
                    return
                }
                let starts = try from.map { try parseDate($0, option: "--from") } ?? desk.today()
                let d = try desk.delegate(to: to ?? "", from: starts, until: try parseDate(until ?? "", option: "--until"))
                write(lang.pick("\(d.to) 可在 \(d.starts) 至 \(d.ends) 代你审批。\n",
                                "\(d.to) may act on your steps from \(d.starts) to \(d.ends).\n"))
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the audit chain; name the first broken entry and exit 65 if there is one.",
            discussion: """
                The chain shows any entry changed, deleted or reordered. Entries cut from the end leave a \
                shorter chain that still holds: save the head elsewhere (--save-anchor FILE) and check against \
                it later (--anchor FILE) to catch that too.
                """)

        @OptionGroup var options: CommonOptions

        @Option(help: ArgumentHelp("Check against a head saved earlier.", valueName: "file"))
        var anchor: String?

        @Option(help: ArgumentHelp("After a clean check, save the head to FILE.", valueName: "file"))
        var saveAnchor: String?

        @Flag(help: "Print {\"ok\", \"entries\", \"head\"} or {\"ok\": false, \"broken_seq\", \"reason\"}.")
        var json = false

        func run() throws {
            var broken = false
            try runReportingErrors(tool: "sales-approve") {
                let saved = try anchor.map { try AuditAnchor.load(from: $0) }
                // Never creates a store; opens it for writing only so that a store last written by an older
                // tool gets the approval tables (its audit log is then simply empty).
                guard FileManager.default.fileExists(atPath: options.store.path) else {
                    throw ApprovalError(.cannotOpen, "\(options.store.path): no such store")
                }
                let desk = ApprovalDesk(store: try options.store.open(), account: currentUserName())
                if try desk.identityMode() == .trustEnvironment {
                    OutputBuffer.standardError.write(options.language.pick(
                        "sales-approve: 培训/演示用数据库（身份取自 $SALES_USER）\n",
                        "sales-approve: training/demo store (identities from $SALES_USER)\n"))
                }
                let result = try desk.verify(anchor: saved)
                write(json ? ApprovalReport.json(result) + "\n" : ApprovalReport.verifyText(result, lang: options.language))
                broken = !result.isIntact
                if !broken, let saveAnchor {
                    guard let head = result.anchor else {
                        throw ApprovalError(.invalid, "the audit log is empty: there is no head to save to \(saveAnchor)")
                    }
                    try head.save(to: saveAnchor)
                    write(options.language.pick("已保存链尾到 \(saveAnchor)。\n", "Saved the head to \(saveAnchor).\n"))
                }
            }
            if broken { throw ExitCode(ExitStatus.dataError) }
        }
    }
}
