import ArgumentParser
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
                let account = try currentUserName()
                let desk = ApprovalDesk(
                    store: try options.store.open(), account: account, keyFile: try currentKeyFile())
                let mode = try desk.initialise(trustEnvironment: trustEnv)
                write(
                    options.language.pick(
                        "已初始化 \(options.store.path)：身份取自 ", "Initialised \(options.store.path): identities come from ")
                        + ApprovalDesk.describe(mode) + "\n")
            }
        }
    }
}
