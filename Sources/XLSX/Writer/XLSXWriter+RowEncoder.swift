extension XLSXWriter {
    /// Turns rows of ``Cell`` values into `<row>` XML, filling the style and shared-string tables.
    ///
    /// A value type, so the hot path runs without the dynamic exclusivity checks that a class's
    /// stored properties would cost on every access.
    struct RowEncoder {
        /// Encoded rows not yet handed to the sheet's deflate stream.
        var pending: XMLBuffer
        var styles = StyleTable()
        var strings = SharedStringTable()
        let sharedStrings: Bool
        let dateSystem: DateSystem

        /// The current row number's ASCII digits, packed little-endian, and how many there are.
        private var rowDigits: UInt64 = 0
        private var rowDigitCount = 0

        init(sharedStrings: Bool, dateSystem: DateSystem, capacity: Int) {
            self.sharedStrings = sharedStrings
            self.dateSystem = dateSystem
            pending = XMLBuffer(capacity: capacity)
        }

        // MARK: - Rows

        /// Appends one `<row>` (nothing when every cell is empty).
        ///
        /// On a thrown error nothing of the row stays behind, in the XML or the string table.
        /// - Throws: ``XLSXError/Kind/invalidCell`` with ``XLSXError/cell`` set.
        mutating func appendRow(_ cells: [Cell], number: Int, bold: Bool) throws {
            let rollback = pending.count
            let stringsCheckpoint = strings.checkpoint
            setRowDigits(number)

            pending.append("<row r=\"")
            appendRowDigits()
            pending.append("\">")
            let opened = pending.count
            var column = 0
            do {
                while column < cells.count {
                    try appendCell(cells[column], column: column, bold: bold)
                    column += 1
                }
            } catch var error as XLSXError {
                pending.bytes.removeSubrange(rollback...)
                strings.rollback(to: stringsCheckpoint)
                error.cell = error.cell ?? "\(XLSXWriter.columnName(column))\(number)"
                throw error
            }
            if pending.count == opened {
                pending.bytes.removeSubrange(rollback...)
            } else {
                pending.append("</row>")
            }
        }

        // MARK: - Cells

        /// Appends one `<c>` element.
        private mutating func appendCell(_ cell: Cell, column: Int, bold: Bool) throws {
            switch cell {
            case .empty:
                return

            case .text(let text):
                if text.isEmpty { return }  // an empty string is a blank cell, as Excel writes it
                if text.utf8.count > XLSXWriter.maxTextLength, text.utf16.count > XLSXWriter.maxTextLength {
                    throw XLSXError(
                        .invalidCell,
                        "text of \(text.utf16.count) characters is longer than Excel's \(XLSXWriter.maxTextLength)")
                }
                openCell(column, style: bold ? try styles.index(for: .general, bold: true) : 0)
                if sharedStrings {
                    pending.append(" t=\"s\"><v>")
                    pending.appendInt(strings.index(of: text))
                    pending.append("</v></c>")
                } else {
                    pending.append(" t=\"inlineStr\"><is>")
                    pending.appendTextElement(text)
                    pending.append("</is></c>")
                }

            case .number(let value, let format):
                guard value.isFinite else { throw XLSXError(.invalidCell, "number \(value) is not finite") }
                openCell(column, style: try styles.index(for: format, bold: bold))
                pending.append("><v>")
                pending.appendNumber(value)
                pending.append("</v></c>")

            case .decimal(let text, let format):
                guard Self.isDecimal(text) else {
                    throw XLSXError(.invalidCell, "'\(text)' is not a decimal number like -1234.50")
                }
                openCell(column, style: try styles.index(for: format, bold: bold))
                pending.append("><v>")
                pending.appendVerbatim(text)
                pending.append("</v></c>")

            case .boolean(let value):
                openCell(column, style: bold ? try styles.index(for: .general, bold: true) : 0)
                pending.append(value ? " t=\"b\"><v>1</v></c>" : " t=\"b\"><v>0</v></c>")

            case .date(let value, let format):
                let serial = try serialNumber(value)
                openCell(column, style: try styles.index(for: format, bold: bold))
                pending.append("><v>")
                pending.appendNumber(serial)
                pending.append("</v></c>")

            case .error(let code):
                guard Self.errorCodes.contains(code) else {
                    throw XLSXError(.invalidCell, "'\(code)' is not an Excel error value")
                }
                openCell(column, style: bold ? try styles.index(for: .general, bold: true) : 0)
                pending.append(" t=\"e\"><v>")
                pending.appendVerbatim(code)
                pending.append("</v></c>")
            }
        }

        /// Appends `<c r="REF"`, then ` s="N"` unless the style is the default.
        @inline(__always)
        private mutating func openCell(_ column: Int, style: Int) {
            pending.append("<c r=\"")
            appendColumnLetters(column)
            appendRowDigits()
            if style != 0 {
                pending.append("\" s=\"")
                pending.appendInt(style)
            }
            pending.append("\"")
        }

        /// The serial number of a date in the workbook's date system.
        private func serialNumber(_ value: ExcelDateTime) throws -> Double {
            let firstYear = dateSystem == .excel1900 ? 1900 : 1904
            guard ExcelDate.isValid(year: value.year, month: value.month, day: value.day),
                (0..<86_400_000).contains(value.time.millisecondOfDay)
            else { throw XLSXError(.invalidCell, "\(value) is not a valid date and time") }
            guard (firstYear...9999).contains(value.year) else {
                throw XLSXError(.invalidCell, "\(value) is outside Excel's dates (\(firstYear)–9999)")
            }
            return ExcelDate.serial(value, system: dateSystem)
        }

        // MARK: - References

        /// Column letters for a 0-based column below 16,384 (`A` … `XFD`).
        @inline(__always)
        private mutating func appendColumnLetters(_ column: Int) {
            let a = UInt8(ascii: "A")
            if column < 26 {
                pending.bytes.append(a + UInt8(column))
            } else if column < 702 {
                pending.bytes.append(a + UInt8(column / 26 - 1))
                pending.bytes.append(a + UInt8(column % 26))
            } else {
                let rest = column - 702
                pending.bytes.append(a + UInt8(rest / 676))
                pending.bytes.append(a + UInt8(rest / 26 % 26))
                pending.bytes.append(a + UInt8(rest % 26))
            }
        }

        private mutating func setRowDigits(_ number: Int) {
            var n = number
            var packed: UInt64 = 0
            var count = 0
            repeat {
                packed = packed << 8 | UInt64(UInt8(ascii: "0") + UInt8(n % 10))
                n /= 10
                count += 1
            } while n > 0
            rowDigits = packed
            rowDigitCount = count
        }

        @inline(__always)
        private mutating func appendRowDigits() {
            withUnsafeBytes(of: rowDigits.littleEndian) { raw in
                pending.bytes.append(contentsOf: raw.prefix(rowDigitCount))
            }
        }

        // MARK: - Validation

        /// Whether text matches `-?[0-9]+(\.[0-9]+)?`.
        static func isDecimal(_ text: String) -> Bool {
            var bytes = text.utf8[...]
            if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            let isDigit = { (b: UInt8) in b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
            let integer = bytes.prefix(while: isDigit)
            guard !integer.isEmpty else { return false }
            bytes = bytes[integer.endIndex...]
            if bytes.isEmpty { return true }
            guard bytes.first == UInt8(ascii: ".") else { return false }
            let fraction = bytes.dropFirst()
            return !fraction.isEmpty && fraction.allSatisfy(isDigit)
        }

        /// The error values a cell can hold.
        static let errorCodes: Set<String> = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]
    }
}
