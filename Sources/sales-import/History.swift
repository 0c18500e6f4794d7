import ArgumentParser
import Foundation
import SalesCLI
import SalesCore

extension SalesImport {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the import batches: file, its SHA-256, rows written, who ran it and when.")

        @OptionGroup var store: StoreOptions

        @Flag(help: "Print a JSON array instead of a table.")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-import") {
                let opened = try store.open()
                defer { opened.close() }
                let entries = try BatchHistory.list(opened)
                if json {
                    var w = JSONWriter()
                    w.array { a in
                        for e in entries {
                            a.object { o in
                                o.field("batch", Int(e.id))
                                o.field("file", e.file)
                                o.field("sha256", e.sha256)
                                o.field("started_at", e.startedAt)
                                o.field("finished_at", e.finishedAt)
                                o.field("user", e.user)
                                o.field("status", e.status)
                                o.field("inserted", e.inserted)
                                o.field("updated", e.updated)
                                o.key("sheets")
                                if let counts = e.sheetCounts { o.raw(counts) } else { o.null() }
                            }
                        }
                    }
                    OutputBuffer.standardOutput.write(w.text + "\n")
                    return
                }
                guard !entries.isEmpty else {
                    OutputBuffer.standardOutput.write("No batches yet in \(store.path).\n")
                    return
                }
                OutputBuffer.standardOutput.write(
                    "batch  started (UTC)         user         status      inserted   updated  sha256        file\n")
                for e in entries {
                    let line =
                        DisplayWidth.pad(String(e.id), width: 5, alignRight: true) + "  "
                        + DisplayWidth.pad(String(e.startedAt.prefix(19)), width: 20) + "  "
                        + DisplayWidth.pad(e.user, width: 11) + "  " + DisplayWidth.pad(e.status, width: 9) + "  "
                        + DisplayWidth.pad(String(e.inserted), width: 9, alignRight: true) + " "
                        + DisplayWidth.pad(String(e.updated), width: 9, alignRight: true) + "  "
                        + DisplayWidth.pad(String((e.sha256 ?? "").prefix(12)), width: 12) + "  " + e.file
                    OutputBuffer.standardOutput.write(line + "\n")
                }
            }
        }
    }

    struct Undo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore every row a batch inserted or changed to its state before the batch.",
            discussion: """
                Refuses, naming the rows, when a later batch or another tool has changed them since; undo the \
                later batches first. The batch stays in the history, marked undone.
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: "The batch number, as 'sales-import history' lists it.")
        var batch: Int64

        func run() throws {
            try runReportingErrors(tool: "sales-import") {
                let opened = try store.open()
                defer { opened.close() }
                let result = try BatchHistory.undo(batch, in: opened)
                OutputBuffer.standardOutput.write(
                    "Undid batch \(result.batch): \(result.deleted) rows removed, \(result.restored) rows restored.\n")
            }
        }
    }
}
