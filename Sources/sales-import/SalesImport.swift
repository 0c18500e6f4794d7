import ArgumentParser
import Foundation
import SalesCLI
import SalesCore

@main
struct SalesImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sales-import",
        abstract: "Load the sales department's workbooks into the sales store.",
        discussion: """
            Reads .xlsx and .xlsm workbooks (and CSV files) of orders, customers, products, people, regions, \
            targets, opportunities, receivables, expenses, budgets and feedback. Each file is one batch: all \
            of it is written, or none. Start with 'inspect' to see how each sheet would be read.
            Exit codes: 0 ok (committed or dry run), 64 bad arguments, 65 invalid input (nothing written), \
            66 file not found, 74 I/O error, 75 store busy, 76 store damaged or too new (docs/exit-codes.md).
            """,
        subcommands: [Load.self, Inspect.self, History.self, Undo.self],
        defaultSubcommand: Load.self)
}
