import ArgumentParser
import SalesCLI
import SalesCore

extension SalesImport {
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a workbook's sheets, how each maps to an entity, and its first rows.",
            discussion: """
                For every sheet: its state (visible, hidden, veryHidden), the header row and the entity and \
                field each column maps to (orders, customers, …; headers in Simplified or Traditional \
                Chinese or English), then the first rows as the importer reads them. Nothing is written.
                With --json, one object: {"file", "date1904", "sheets": [{"name", "state", "kind", "entity", \
                "reason", "header_row", "columns": [{"header", "field"}], "rows", "dimension", "rows_read", \
                "complete"}]}. rows[i] is sheet row i+1; cells are strings, numbers, booleans, null, \
                {"date": …}, {"time": …}, {"duration_seconds": …} or {"error": …}. The object is written once it is \
                complete: when the workbook cannot be read, standard output stays empty and the error is one \
                line on standard error.
                """)

        @Argument(help: "The workbook (.xlsx or .xlsm).")
        var file: String

        @Option(help: "Only this sheet.")
        var sheet: String?

        @Option(help: ArgumentHelp("How many rows to list: a number, or 'all'.", valueName: "n|all"))
        var rows: String = "10"

        @Flag(help: "Print one JSON object instead of text.")
        var json = false

        func validate() throws {
            if rows != "all", Int(rows).map({ $0 < 0 }) ?? true {
                throw ValidationError("--rows takes a number of rows or 'all', not '\(rows)'")
            }
        }

        func run() throws {
            let limit: InspectOptions.RowLimit = rows == "all" ? .all : .first(Int(rows) ?? 10)
            let options = InspectOptions(sheet: sheet, rows: limit, json: json, width: Terminal.width)
            try runReportingErrors(tool: "sales-import") {
                try WorkbookInspector.inspect(path: file, displayName: file, options: options) {
                    OutputBuffer.standardOutput.write($0)
                }
            }
        }
    }
}
