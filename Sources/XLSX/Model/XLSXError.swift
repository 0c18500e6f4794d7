import Foundation

/// An error reading or writing a workbook, with enough context to name the file, part, sheet and cell.
///
/// Every case of ``Kind`` maps to one user-facing category; the message is one line.
public struct XLSXError: Error, LocalizedError, Sendable, Equatable {
    /// What went wrong, as a category callers can branch on.
    public enum Kind: String, Sendable, Equatable {
        /// The file has no bytes.
        case emptyFile = "empty-file"
        /// A password-protected workbook (an OLE container holding an encrypted package).
        case encrypted
        /// A legacy binary `.xls` workbook (an OLE container), not OOXML.
        case legacyXLS = "legacy-xls"
        /// Plain text (for example a CSV file renamed `.xlsx`).
        case textFile = "text-file"
        /// Not a zip archive, or a zip without the parts every workbook has.
        case notAPackage = "not-a-package"
        /// The zip structure is damaged: bad headers, CRC mismatch, sizes that lie, overlapping entries.
        case corruptZip = "corrupt-zip"
        /// A part name or relationship target that is unsafe: `..`, absolute, external, duplicated.
        case unsafePath = "unsafe-path"
        /// A part declares a DTD (entity definitions are never expanded).
        case entityExpansion = "entity-expansion"
        /// A limit on size, count or compression ratio was exceeded.
        case limitExceeded = "limit-exceeded"
        /// A part is not well-formed XML.
        case malformedXML = "malformed-xml"
        /// A cell's reference, type or value breaks the format's grammar.
        case invalidCell = "invalid-cell"
        /// A feature the reader does not support.
        case unsupported
        /// A caller asked the writer for something a workbook cannot hold (a bad sheet name or width).
        case invalidArgument = "invalid-argument"
        /// The file does not exist or may not be read.
        case cannotOpen = "cannot-open"
        /// The operating system refused a read or write.
        case io
    }

    public var kind: Kind
    /// The workbook file, as the user named it.
    public var file: String?
    /// The zip part involved, e.g. `xl/worksheets/sheet1.xml`.
    public var part: String?
    /// The sheet's name, when known.
    public var sheet: String?
    /// The cell reference, e.g. `B7`.
    public var cell: String?
    /// What happened, in words.
    public var detail: String

    public init(
        _ kind: Kind, _ detail: String, file: String? = nil, part: String? = nil,
        sheet: String? = nil, cell: String? = nil
    ) {
        self.kind = kind
        self.detail = detail
        self.file = file
        self.part = part
        self.sheet = sheet
        self.cell = cell
    }

    /// The same error with the file name filled in, if it was missing.
    public func inFile(_ name: String) -> XLSXError {
        var copy = self
        if copy.file == nil { copy.file = name }
        return copy
    }

    public var errorDescription: String? {
        var location: [String] = []
        if let file { location.append(file) }
        if let sheet { location.append("sheet '\(sheet)'") } else if let part { location.append(part) }
        if let cell { location.append("cell \(cell)") }
        let prefix = location.isEmpty ? "" : location.joined(separator: ", ") + ": "
        return prefix + detail
    }
}
