import ArgumentParser
import Foundation
import SalesCore

@main
struct SalesImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sales-import",
        abstract: "Load the sales department's workbooks into the sales store.",
        discussion: """
            Reads .xlsx and .xlsm workbooks as Excel, LibreOffice, WPS and Google Sheets write them. \
            Start with 'inspect' to see how each sheet would be read.
            Exit codes: 0 ok, 64 bad arguments, 65 unreadable or invalid input, 66 file not found, \
            74 I/O error (see docs/exit-codes.md).
            """,
        subcommands: [Inspect.self])
}

/// Runs a tool body, turning any error into one line on stderr and the shared exit code.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
        OutputBuffer.standardOutput.flush()
    } catch {
        OutputBuffer.standardOutput.flush()
        OutputBuffer.standardError.write("sales-import: \(ExitStatus.message(for: error))\n")
        throw ExitCode(ExitStatus.code(for: error))
    }
}
