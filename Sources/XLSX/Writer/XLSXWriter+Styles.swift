extension XLSXWriter {
    /// The `cellXfs` table, built as cells ask for (number format, bold) pairs.
    ///
    /// Index 0 is always General, not bold. Custom number formats get ids from 164 in order of
    /// first use, so the same calls give the same `styles.xml`.
    struct StyleTable {
        private struct Key: Hashable {
            var numFmtID: Int
            var bold: Bool
        }

        /// Custom format codes, in id order from 164.
        private var customCodes: [String] = []
        private var customIDs: [String: Int] = [:]
        /// `cellXfs` entries, in index order.
        private var formats: [Key] = [Key(numFmtID: 0, bold: false)]
        private var indexes: [Key: Int] = [Key(numFmtID: 0, bold: false): 0]
        /// Style index per payload-free format and boldness (`ordinal * 2 + bold`), -1 until used.
        private var cache = [Int](repeating: -1, count: NumberFormat.ordinalCount * 2)

        /// The `s` attribute for a cell with this format and weight.
        ///
        /// - Throws: ``XLSXError/Kind/invalidCell`` for a custom code that is empty, longer than
        ///   255 characters or holds control characters.
        mutating func index(for format: NumberFormat, bold: Bool) throws -> Int {
            if let ordinal = format.ordinal {
                let slot = ordinal * 2 + (bold ? 1 : 0)
                let cached = cache[slot]
                if cached >= 0 { return cached }
                let index = try register(format, bold: bold)
                cache[slot] = index
                return index
            }
            return try register(format, bold: bold)
        }

        private mutating func register(_ format: NumberFormat, bold: Bool) throws -> Int {
            let id: Int
            if let builtin = format.builtinID {
                id = builtin
            } else {
                let code = format.code
                if let existing = customIDs[code] {
                    id = existing
                } else {
                    guard !code.isEmpty, code.utf16.count <= 255,
                        !code.unicodeScalars.contains(where: {
                            $0.value < 0x20 || $0.value == 0xFFFE || $0.value == 0xFFFF
                        })
                    else {
                        throw XLSXError(.invalidCell, "number format '\(code)' is not a valid format code")
                    }
                    id = 164 + customCodes.count
                    customCodes.append(code)
                    customIDs[code] = id
                }
            }
            let key = Key(numFmtID: id, bold: bold)
            if let existing = indexes[key] { return existing }
            formats.append(key)
            indexes[key] = formats.count - 1
            return formats.count - 1
        }

        /// `xl/styles.xml`.
        func xml() -> [UInt8] {
            var out = XMLBuffer(capacity: 2048)
            out.append(XLSXWriter.xmlDeclaration)
            out.append("<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">")
            if !customCodes.isEmpty {
                out.append("<numFmts count=\"")
                out.appendInt(customCodes.count)
                out.append("\">")
                for (offset, code) in customCodes.enumerated() {
                    out.append("<numFmt numFmtId=\"")
                    out.appendInt(164 + offset)
                    out.append("\" formatCode=\"")
                    out.appendAttribute(code)
                    out.append("\"/>")
                }
                out.append("</numFmts>")
            }
            out.appendVerbatim(
                "<fonts count=\"2\">"
                    + "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
                    + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
                    + "</fonts>"
                    + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
                    + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
                    + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                    + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            )
            out.append("<cellXfs count=\"")
            out.appendInt(formats.count)
            out.append("\">")
            for key in formats {
                out.append("<xf numFmtId=\"")
                out.appendInt(key.numFmtID)
                out.append("\" fontId=\"")
                out.appendInt(key.bold ? 1 : 0)
                out.append("\" fillId=\"0\" borderId=\"0\" xfId=\"0\"")
                if key.numFmtID != 0 { out.append(" applyNumberFormat=\"1\"") }
                if key.bold { out.append(" applyFont=\"1\"") }
                out.append("/>")
            }
            out.append("</cellXfs>")
            out.appendVerbatim(
                "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
                    + "<dxfs count=\"0\"/>"
                    + "<tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium2\" defaultPivotStyle=\"PivotStyleLight16\"/>"
                    + "</styleSheet>")
            return out.bytes
        }
    }
}
