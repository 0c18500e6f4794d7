import ArgumentParser
import Foundation
import SalesCLI
import SalesCore

extension SalesImport {
    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "load",
            abstract: "Import workbooks into the store (the default: 'sales-import FILE…').",
            discussion: """
                Each file is one batch, written in one transaction. By default any invalid row means nothing \
                from that file is written, and every error is listed with its sheet, row, column and value. \
                Rows are matched by natural key (order number and product, customer code or name, login, …): \
                importing the same file twice changes nothing the second time.
                With --json, one object per file, one per line: {"batch", "status", "file", "sha256", "format", \
                "sheets": [{"name", "entity", "rows", "inserted", "updated", "unchanged", "rejected"}], \
                "created": {...}, "errors": [{"sheet", "row", "column", "value", "reason"}], "error_count", \
                "rejected_file"}.
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: "Workbooks (.xlsx, .xlsm) or CSV files.")
        var files: [String]

        @Flag(help: "Report what would be inserted, updated, unchanged and rejected; write nothing.")
        var dryRun = false

        @Flag(help: "Write the valid rows and save the invalid ones to FILE.rejected.xlsx, with a reason column.")
        var skipInvalid = false

        @Flag(help: "Refuse rows that refer to customers, people, products or regions the store does not know.")
        var strict = false

        @Option(
            help: ArgumentHelp("A TOML mapping file naming sheets' entities and headers' fields.", valueName: "file"))
        var map: String?

        @Option(help: ArgumentHelp("How to read ambiguous dates such as 05/03/2026.", valueName: "ymd|dmy|mdy"))
        var dateOrder: ValueParser.DateOrder?

        @Flag(help: "Print one JSON object per file instead of the summary.")
        var json = false

        func validate() throws {
            if files.isEmpty { throw ValidationError("name at least one file to import") }
        }

        func run() throws {
            var failed = false
            try runReportingErrors(tool: "sales-import") {
                var options = ImportOptions(user: try currentUserName())
                options.dryRun = dryRun
                options.skipInvalid = skipInvalid
                options.strict = strict
                options.dateOrder = dateOrder
                if let map { options.overrides = try MappingFile.load(path: map) }
                if !json {
                    let rate = RateMeter()
                    options.progress = { p in
                        var text = "\(p.sheet): \(p.phase.rawValue) \(p.rows) rows, \(rate.perSecond(p)) rows/s"
                        if let f = p.fraction { text += ", \(Int(f * 100))% of the sheet" }
                        Progress.show(text)
                    }
                }
                let opened = try DryRunStore.open(store.path, dryRun: dryRun)
                defer { opened.close() }
                for file in files {
                    let report = try Importer.run(path: file, displayName: file, store: opened.store, options: options)
                    Progress.clear()
                    if json {
                        OutputBuffer.standardOutput.write(report.json())
                    } else {
                        OutputBuffer.standardOutput.write(report.text(width: Terminal.width))
                    }
                    if report.status == .rejected { failed = true }
                }
            }
            if failed { throw ExitCode(ExitStatus.dataError) }
        }
    }
}

extension ValueParser.DateOrder: ExpressibleByArgument {}

/// Rows per second within the current sheet and phase.
final class RateMeter: @unchecked Sendable {
    private let lock = NSLock()
    private var key = ""
    private var start = Date()

    func perSecond(_ p: ImportProgress) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let k = p.sheet + p.phase.rawValue
        if k != key {
            key = k
            start = Date()
        }
        let elapsed = Date().timeIntervalSince(start)
        return elapsed > 0.05 ? Int(Double(p.rows) / elapsed) : 0
    }
}
