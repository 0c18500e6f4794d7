import Foundation

/// What one import run did (or, in a dry run, would do).
public struct ImportReport: Sendable {
    public enum Status: String, Sendable {
        /// Written and committed as a batch.
        case committed
        /// Nothing written: a dry run.
        case dryRun = "dry-run"
        /// Nothing written: rows were invalid (and `--skip-invalid` was not given).
        case rejected
    }

    /// Counts for one sheet.
    public struct SheetCounts: Sendable {
        public var name: String
        /// The entity it loaded into; nil for a sheet that was skipped (see `note`).
        public var entity: Entity?
        public var rows = 0
        public var inserted = 0
        public var updated = 0
        public var unchanged = 0
        public var rejected = 0
        /// Why a sheet was skipped, or columns that were not imported.
        public var note: String?

        /// The counts as JSON fields (in the `--json` report and the batch's `sheet_counts_json`).
        func writeCounts(_ x: inout JSONWriter) {
            x.field("entity", entity?.rawValue)
            x.field("rows", rows)
            x.field("inserted", inserted)
            x.field("updated", updated)
            x.field("unchanged", unchanged)
            x.field("rejected", rejected)
        }
    }

    /// One invalid row: where, which value, and why.
    public struct RowError: Sendable, Equatable {
        public var sheet: String
        public var row: Int
        /// Column letter and header, e.g. `C (金额)`; nil for an error about the whole row.
        public var column: String?
        public var value: String?
        public var reason: String

        /// `订单明细 row 12, column C (金额): "12.345": more than 2 decimal places`.
        public var description: String {
            var text = "\(sheet) row \(row)"
            if let column { text += ", column \(column)" }
            if let value { text += ": \"\(value)\"" }
            return text + ": " + reason
        }
    }

    public var batch: Int64?
    public var status: Status
    public var file: String
    public var sha256: String
    /// `xlsx`, or the CSV's encoding.
    public var format: String
    public var sheets: [SheetCounts]
    /// Dimension rows created because facts referred to them, by entity (`customers`, `people`, …).
    public var created: [String: Int]
    /// Errors listed (every one, up to ``ImportReport/maxListedErrors``).
    public var errors: [RowError]
    /// All errors, including any beyond the listed ones.
    public var errorCount: Int
    /// The workbook of rejected rows written with `--skip-invalid`, if any.
    public var rejectedFile: String?
    public var user: String
    /// Whether invalid rows were set aside (`--skip-invalid`) rather than stopping the import.
    public var skipInvalid: Bool

    /// Whether invalid rows stopped (or, in a dry run, would stop) the whole file.
    public var blockedByErrors: Bool { errorCount > 0 && !skipInvalid }

    /// Errors kept for the report; past this, they are counted only.
    public static let maxListedErrors = 10_000

    public var totalRows: Int { sheets.reduce(0) { $0 + $1.rows } }
}

// MARK: - Rendering

extension ImportReport {
    /// The `--json` object: `{"batch", "status", "file", "sha256", "sheets": [...], "created": {...}, "errors": [...]}`.
    public func json() -> String {
        var w = JSONWriter()
        w.object { o in
            o.key("batch")
            if let batch { o.number(Int(batch)) } else { o.null() }
            o.field("status", status.rawValue)
            o.field("file", file)
            o.field("sha256", sha256)
            o.field("format", format)
            o.key("sheets")
            o.array { a in
                for s in sheets {
                    a.object { x in
                        x.field("name", s.name)
                        s.writeCounts(&x)
                        if let note = s.note { x.field("note", note) }
                    }
                }
            }
            o.key("created")
            o.object { c in
                for key in created.keys.sorted() { c.field(key, created[key] ?? 0) }
            }
            o.key("errors")
            o.array { a in
                for e in errors {
                    a.object { x in
                        x.field("sheet", e.sheet)
                        x.field("row", e.row)
                        x.field("column", e.column)
                        x.field("value", e.value)
                        x.field("reason", e.reason)
                    }
                }
            }
            o.field("error_count", errorCount)
            o.field("rejected_file", rejectedFile)
        }
        return w.text + "\n"
    }

    /// The summary for people, fitting a terminal.
    public func text(width: Int = 100) -> String {
        var out = ""
        switch status {
        case .committed:
            out +=
                "Imported \(file) as batch \(batch.map(String.init) ?? "?") (\(format), sha256 \(sha256.prefix(12))…)\n"
        case .dryRun where blockedByErrors:
            out +=
                "Dry run of \(file): nothing was written, and nothing would be imported: \(errorCount) invalid "
                + "row\(errorCount == 1 ? "" : "s") (fix them, or use --skip-invalid to import the rest)\n"
        case .dryRun:
            out += "Dry run of \(file): nothing was written (\(format), sha256 \(sha256.prefix(12))…)\n"
        case .rejected:
            out +=
                "Nothing imported from \(file): \(errorCount) invalid row\(errorCount == 1 ? "" : "s") "
                + "(fix them, or use --skip-invalid to import the rest)\n"
        }
        let nameWidth = min(24, max(5, sheets.map { DisplayWidth.of($0.name) }.max() ?? 5))
        out +=
            "  " + DisplayWidth.pad("sheet", width: nameWidth) + "  " + DisplayWidth.pad("entity", width: 13)
            + ["rows", "inserted", "updated", "unchanged", "rejected"].map {
                DisplayWidth.pad($0, width: 9, alignRight: true)
            }
            .joined(separator: " ") + "\n"
        for s in sheets {
            out +=
                "  " + DisplayWidth.pad(s.name, width: nameWidth) + "  "
                + DisplayWidth.pad(s.entity?.rawValue ?? "(skipped)", width: 13)
            if s.entity != nil {
                out += [s.rows, s.inserted, s.updated, s.unchanged, s.rejected]
                    .map { DisplayWidth.pad(grouped($0), width: 9, alignRight: true) }.joined(separator: " ")
            }
            out += "\n"
            if let note = s.note { out += "      " + DisplayWidth.fit(note, width: width - 6) + "\n" }
        }
        let made = created.filter { $0.value > 0 }
        if !made.isEmpty {
            out +=
                "  created from references: "
                + made.keys.sorted().map { "\(grouped(made[$0] ?? 0)) \($0)" }.joined(separator: ", ") + "\n"
        }
        if !errors.isEmpty {
            out += "  errors:\n"
            for e in errors.prefix(50) { out += "    " + DisplayWidth.fit(e.description, width: width - 4) + "\n" }
            if errorCount > 50 { out += "    … and \(errorCount - 50) more (--json lists them all)\n" }
        }
        if let rejectedFile {
            out += "  rejected rows saved to \(rejectedFile): fix them there and import that file again\n"
        }
        return out
    }
}

/// 12,345.
public func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + out
}
