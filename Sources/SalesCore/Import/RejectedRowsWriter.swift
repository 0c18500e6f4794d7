import Foundation
import XLSX

/// Writes the rows `--skip-invalid` left out to a workbook the admin can fix and import again.
///
/// `orders.xlsx` gives `orders.rejected.xlsx` beside it: for each sheet with rejected rows, the same
/// header row and cells as read, plus a last column saying what is wrong with each row.
enum RejectedRowsWriter {
    /// The header of the added column; it maps to no field, so the fixed file imports as is.
    static let reasonHeader = "导入错误 Import error"

    static func outputPath(for input: String) -> String {
        let url = URL(fileURLWithPath: input)
        let base = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent("\(base).rejected.xlsx").path
    }

    /// Writes the workbook and returns its path.
    static func write(for input: String, plans: [SheetPlan], staging: Staging) throws -> String {
        let path = outputPath(for: input)
        let writer = try XLSXWriter(path: path)
        var used = Set<String>()
        var wroteSheet = false
        for (index, plan) in plans.enumerated() where plan.entity != nil {
            var rows: [(Int, [CellValue?], String)] = []
            try staging.forEachRejected(index) { rows.append(($0, $1, $2)) }
            guard !rows.isEmpty else { continue }
            var name = plan.sheet.name
            while used.contains(name.lowercased()) { name += "_" }
            used.insert(name.lowercased())
            let width = max(plan.headers.count, rows.map(\.1.count).max() ?? 0)
            var widths = [Double](repeating: 14, count: width)
            widths.append(48)
            try writer.beginSheet(name: name, columnWidths: widths, freezeHeaderRow: true)
            var header: [Cell] = (0..<width).map { i in
                i < plan.headers.count ? plan.headers[i].map(Cell.text) ?? .empty : .empty
            }
            header.append(.text(reasonHeader))
            try writer.writeRow(header, bold: true)
            for (_, cells, reason) in rows {
                var out: [Cell] = (0..<width).map { i in i < cells.count ? cell(cells[i]) : .empty }
                out.append(.text(reason))
                try writer.writeRow(out)
            }
            wroteSheet = true
        }
        if !wroteSheet {
            try writer.beginSheet(name: "rejected")
        }
        try writer.close()
        return path
    }

    private static func cell(_ value: CellValue?) -> Cell {
        guard let value else { return .empty }
        switch value {
        case .text(let s): return .text(s)
        case .number(let x): return .number(x)
        case .boolean(let b): return .boolean(b)
        case .date(let d): return .date(d, d.time.millisecondOfDay == 0 ? .date : .dateTime)
        case .time(let t): return .text(t.isoString)
        case .duration(let s): return .number(s / 86_400, .custom("[h]:mm:ss"))
        case .error(let e): return .text(e)
        }
    }
}
