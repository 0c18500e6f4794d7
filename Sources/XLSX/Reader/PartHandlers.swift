/// Handlers for the small XML parts read whole at open: relationships, workbook, styles.

// MARK: - Relationships

struct Relationship {
    var id: String
    var type: String
    var target: String
    var external: Bool

    /// The last path segment of the type URI (`officeDocument`, `worksheet`, `sharedStrings`, …),
    /// the same for transitional and strict namespaces.
    var kind: Substring { type.split(separator: "/").last ?? "" }
}

final class RelationshipsHandler: XMLEventHandler {
    var relationships: [Relationship] = []

    func startElement(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) throws {
        guard nameEquals(name, "Relationship") else { return }
        relationships.append(
            Relationship(
                id: attributes.string("Id") ?? "",
                type: attributes.string("Type") ?? "",
                target: attributes.string("Target") ?? "",
                external: attributes.string("TargetMode")?.lowercased() == "external"))
    }

    func endElement(_ name: UnsafePointer<UInt8>) throws {}
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {}
}

// MARK: - Workbook

struct SheetEntry {
    var name: String
    var state: SheetState
    var relationshipID: String
}

final class WorkbookHandler: XMLEventHandler {
    var date1904 = false
    var sheets: [SheetEntry] = []
    let maxSheets: Int

    init(maxSheets: Int) { self.maxSheets = maxSheets }

    func startElement(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) throws {
        if nameEquals(name, "sheet") {
            guard sheets.count < maxSheets else {
                throw XLSXError(.limitExceeded, "the workbook lists more than \(maxSheets) sheets")
            }
            let state: SheetState
            switch attributes.string("state") {
            case "hidden": state = .hidden
            case "veryHidden": state = .veryHidden
            default: state = .visible
            }
            sheets.append(
                SheetEntry(
                    name: attributes.string("name") ?? "",
                    state: state,
                    relationshipID: attributes.namespacedString("id") ?? ""))
        } else if nameEquals(name, "workbookPr") {
            if let v = attributes.string("date1904") { date1904 = (v == "1" || v.lowercased() == "true") }
        }
    }

    func endElement(_ name: UnsafePointer<UInt8>) throws {}
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {}
}

// MARK: - Styles

/// Collects custom number formats and, per cell style (`cellXfs` entry), its number format id.
final class StylesHandler: XMLEventHandler {
    var customFormats: [Int: String] = [:]
    var cellFormatIDs: [Int] = []
    private var inCellXfs = false
    private var depthInCellXfs = 0

    func startElement(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) throws {
        if nameEquals(name, "numFmt") {
            if let id = attributes.string("numFmtId").flatMap({ Int($0) }) {
                customFormats[id] = attributes.string("formatCode") ?? ""
            }
        } else if nameEquals(name, "cellXfs") {
            inCellXfs = true
        } else if inCellXfs && nameEquals(name, "xf") {
            guard cellFormatIDs.count < 1_000_000 else { throw XLSXError(.limitExceeded, "too many cell styles") }
            cellFormatIDs.append(attributes.string("numFmtId").flatMap { Int($0) } ?? 0)
        }
    }

    func endElement(_ name: UnsafePointer<UInt8>) throws {
        if nameEquals(name, "cellXfs") { inCellXfs = false }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {}
}
