// MARK: - Package parts other than worksheets and shared strings

extension XLSXWriter {
    static let xmlDeclaration: StaticString = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// `_rels/.rels`: the workbook and the document properties.
    static func rootRelationships() -> [UInt8] {
        var out = XMLBuffer(capacity: 1024)
        out.append(xmlDeclaration)
        out.append("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
        out.append(
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
        )
        out.append(
            "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        )
        out.append(
            "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
        )
        out.append("</Relationships>")
        return out.bytes
    }

    /// `docProps/app.xml`, with nothing that changes from run to run.
    static func appProperties() -> [UInt8] {
        var out = XMLBuffer(capacity: 512)
        out.append(xmlDeclaration)
        out.append("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"")
        out.append(" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">")
        out.append("<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>")
        out.append(
            "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        )
        out.append("</Properties>")
        return out.bytes
    }

    /// `docProps/core.xml`, deliberately without creation or modification times.
    static func coreProperties() -> [UInt8] {
        var out = XMLBuffer(capacity: 512)
        out.append(xmlDeclaration)
        out.append(
            "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\"")
        out.append(" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\"")
        out.append(
            " xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/>"
        )
        return out.bytes
    }

    /// `xl/workbook.xml`: date system, the first visible tab, and the sheet list.
    func workbookPart() -> [UInt8] {
        var out = XMLBuffer(capacity: 1024 + sheets.count * 96)
        out.append(Self.xmlDeclaration)
        out.append("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"")
        out.append(" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">")
        out.append(options.dateSystem == .excel1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>")
        out.append("<bookViews><workbookView")
        let firstVisible = sheets.firstIndex { $0.state == .visible } ?? 0
        if firstVisible > 0 {
            out.append(" firstSheet=\"")
            out.appendInt(firstVisible)
            out.append("\" activeTab=\"")
            out.appendInt(firstVisible)
            out.append("\"")
        }
        out.append("/></bookViews><sheets>")
        for (index, sheet) in sheets.enumerated() {
            out.append("<sheet name=\"")
            out.appendAttribute(sheet.name)
            out.append("\" sheetId=\"")
            out.appendInt(index + 1)
            switch sheet.state {
            case .visible: break
            case .hidden: out.append("\" state=\"hidden")
            case .veryHidden: out.append("\" state=\"veryHidden")
            }
            out.append("\" r:id=\"rId")
            out.appendInt(index + 1)
            out.append("\"/>")
        }
        out.append("</sheets>")
        let titled = sheets.enumerated().compactMap { index, sheet in
            sheet.printTitleRows.map { (index: index, name: sheet.name, rows: $0) }
        }
        if !titled.isEmpty {
            out.append("<definedNames>")
            for title in titled {
                out.append("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"")
                out.appendInt(title.index)
                out.append("\">")
                // The sheet's name in quotes, its own quotes doubled, then the rows: 'Name'!$1:$1.
                out.appendText("'" + title.name.replacingOccurrences(of: "'", with: "''") + "'!$")
                out.appendInt(title.rows.lowerBound)
                out.append(":$")
                out.appendInt(title.rows.upperBound)
                out.append("</definedName>")
            }
            out.append("</definedNames>")
        }
        out.append("</workbook>")
        return out.bytes
    }

    /// `xl/_rels/workbook.xml.rels`: sheets as rId1…rIdN, then styles and shared strings.
    func workbookRelationships() -> [UInt8] {
        var out = XMLBuffer(capacity: 512 + sheets.count * 160)
        out.append(Self.xmlDeclaration)
        out.append("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
        for index in sheets.indices {
            out.append("<Relationship Id=\"rId")
            out.appendInt(index + 1)
            out.append(
                "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet"
            )
            out.appendInt(index + 1)
            out.append(".xml\"/>")
        }
        out.append("<Relationship Id=\"rId")
        out.appendInt(sheets.count + 1)
        out.append(
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        )
        if options.sharedStrings {
            out.append("<Relationship Id=\"rId")
            out.appendInt(sheets.count + 2)
            out.append(
                "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            )
        }
        out.append("</Relationships>")
        return out.bytes
    }

    /// `[Content_Types].xml`.
    func contentTypes() -> [UInt8] {
        var out = XMLBuffer(capacity: 1024 + sheets.count * 160)
        out.append(Self.xmlDeclaration)
        out.append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
        out.append(
            "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
        out.append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
        out.append(
            "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        )
        for index in sheets.indices {
            out.append("<Override PartName=\"/xl/worksheets/sheet")
            out.appendInt(index + 1)
            out.append(
                ".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>")
        }
        out.append(
            "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        )
        if options.sharedStrings {
            out.append(
                "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
            )
        }
        out.append(
            "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        )
        out.append(
            "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        )
        out.append("</Types>")
        return out.bytes
    }
}
