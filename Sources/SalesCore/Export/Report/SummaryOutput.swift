import Foundation
import XLSX

/// The formats `sales-export summary` writes.
public enum SummaryFormat: String, CaseIterable, Sendable {
    case xlsx, html, md, json, csv

    /// The format a file name asks for by its extension (`.xlsx`, `.html`/`.htm`, `.md`, `.json`);
    /// `nil` for anything else (a CSV export goes to a folder, so it is never inferred).
    public static func inferred(from path: String) -> SummaryFormat? {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "xlsx": return .xlsx
        case "html", "htm": return .html
        case "md", "markdown": return .md
        case "json": return .json
        default: return nil
        }
    }

    /// Whether the format is one text that can go to standard output.
    public var isText: Bool { self == .html || self == .md || self == .json }
}

/// Renders a summary and writes it where `--out` says, all or nothing.
public enum SummaryOutput {
    /// The report as text, for the text formats (`nil` for XLSX and CSV).
    public static func text(_ report: SummaryReport, format: SummaryFormat, language: OutputLanguage) -> String? {
        switch format {
        case .md: return SummaryMarkdown.render(report, language: language)
        case .json: return SummaryJSON.render(report, language: language)
        case .html: return SummaryHTML.render(report, language: language)
        case .xlsx, .csv: return nil
        }
    }

    /// Writes the report to `path` (a folder for CSV) and returns the files written.
    ///
    /// Each file appears whole or not at all: it is written under a temporary name and renamed.
    /// - Throws: ``ExportError`` naming the path.
    @discardableResult
    public static func write(
        _ report: SummaryReport, format: SummaryFormat, language: OutputLanguage,
        to path: String
    ) throws -> [String] {
        try PhaseTimer.measure("summary: writing \(format)") {
            try writeUntimed(report, format: format, language: language, to: path)
        }
    }

    private static func writeUntimed(
        _ report: SummaryReport, format: SummaryFormat, language: OutputLanguage,
        to path: String
    ) throws -> [String] {
        switch format {
        case .xlsx:
            do {
                try SummaryXLSX.write(report, language: language, to: path)
            } catch {
                throw ExportError("\(path): cannot be written (\(ExitStatus.message(for: error)))", isIO: true)
            }
            return [path]
        case .csv:
            return try writeFolder(path, files: SummaryCSV.files(report, language: language))
        case .html, .md, .json:
            let text = self.text(report, format: format, language: language) ?? ""
            try writeFile(path, Data(text.utf8))
            return [path]
        }
    }

    static func writeFile(_ path: String, _ data: Data) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ExportError("\(path): is a folder; name a file for --out", isIO: false)
        }
        do {
            try FileDestination.write(data, to: path)
        } catch {
            throw ExportError("\(path): cannot be written (\(reason(error)))", isIO: true)
        }
    }

    /// Writes every file into `folder` (created if missing); the files are renamed into place only
    /// once all of them are written.
    static func writeFolder(_ folder: String, files: [(name: String, text: String)]) throws -> [String] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw ExportError(
                    "\(folder): is a file; --format csv writes one file per section into a folder",
                    isIO: false)
            }
        } else {
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw ExportError("\(folder): cannot create the folder (\(reason(error)))", isIO: true)
            }
        }
        let base = URL(fileURLWithPath: folder)
        let token = "\(getpid())"
        var staged: [(URL, URL)] = []
        do {
            for file in files {
                let final = base.appendingPathComponent(file.name)
                let temporary = base.appendingPathComponent(".\(file.name).tmp-\(token)")
                // Staged before writing, so a write that fails half-way is removed too.
                staged.append((temporary, final))
                try Data(file.text.utf8).write(to: temporary)
            }
            for (temporary, final) in staged {
                if rename(temporary.path, final.path) != 0 {
                    throw ExportError(
                        "\(final.path): cannot be written (\(String(cString: strerror(errno))))",
                        isIO: true)
                }
            }
        } catch let error as ExportError {
            for (temporary, _) in staged { try? manager.removeItem(at: temporary) }
            throw error
        } catch {
            for (temporary, _) in staged { try? manager.removeItem(at: temporary) }
            throw ExportError("\(folder): cannot be written (\(reason(error)))", isIO: true)
        }
        return staged.map { $0.1.path }
    }

    private static func reason(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError, let underlying = cocoa.underlying as? POSIXError {
            return String(cString: strerror(underlying.code.rawValue))
        }
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        return ExitStatus.message(for: error)
    }
}
