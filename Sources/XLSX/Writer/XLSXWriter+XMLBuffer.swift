extension XLSXWriter {
    /// A reusable byte buffer that XML is appended to, with the escaping SpreadsheetML needs.
    ///
    /// Text escaping covers XML's markup characters, encodes what XML 1.0 cannot hold (control
    /// characters other than tab and LF, U+FFFE, U+FFFF) as `_xHHHH_`, writes CR as `_x000D_` so
    /// that XML line-end normalisation does not turn it into LF, and protects a literal `_xHHHH_`
    /// in the text as `_x005F_xHHHH_`. Excel and the reader decode both forms.
    struct XMLBuffer {
        var bytes: [UInt8] = []

        init(capacity: Int = 0) {
            bytes.reserveCapacity(capacity)
        }

        var count: Int { bytes.count }

        /// Empties the buffer, keeping its storage.
        mutating func removeAll() {
            bytes.removeAll(keepingCapacity: true)
        }

        // MARK: - Raw appends

        /// Appends markup verbatim.
        @inline(__always)
        mutating func append(_ literal: StaticString) {
            literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        /// Appends bytes verbatim.
        @inline(__always)
        mutating func append(_ raw: [UInt8]) {
            bytes.append(contentsOf: raw)
        }

        /// Appends a string's UTF-8 verbatim (the caller knows it needs no escaping).
        mutating func appendVerbatim(_ string: String) {
            bytes.append(contentsOf: string.utf8)
        }

        /// Appends an integer in decimal.
        mutating func appendInt(_ value: Int) {
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            var magnitude = value.magnitude
            var digits = 1
            var probe = magnitude
            while probe >= 10 {
                probe /= 10
                digits += 1
            }
            let end = bytes.count + digits
            bytes.append(contentsOf: repeatElement(0, count: digits))
            bytes.withUnsafeMutableBufferPointer { buffer in
                var index = end
                repeat {
                    index -= 1
                    buffer[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                    magnitude /= 10
                } while magnitude > 0
            }
        }

        /// Appends a finite number in its shortest round-trip form; integral values have no `.0`.
        mutating func appendNumber(_ value: Double) {
            if value == value.rounded(.towardZero), value.magnitude < 1e15 {
                appendInt(Int(value))
            } else {
                bytes.append(contentsOf: value.description.utf8)
            }
        }

        // MARK: - Escaped appends

        /// Appends text for element content (`<t>`), escaped as described on ``XMLBuffer``.
        mutating func appendText(_ text: String) {
            var text = text
            text.withUTF8 { source in
                guard let base = source.baseAddress else { return }
                let count = source.count
                var runStart = 0
                var i = 0
                while i < count {
                    let byte = base[i]
                    // Fast path: most bytes need nothing.
                    if byte >= 0x20, byte != UInt8(ascii: "&"), byte != UInt8(ascii: "<"),
                        byte != UInt8(ascii: ">"), byte != UInt8(ascii: "_"), byte != 0xEF
                    {
                        i += 1
                        continue
                    }
                    var replacement: StaticString?
                    var encoded: UInt16?
                    var width = 1
                    switch byte {
                    case UInt8(ascii: "&"): replacement = "&amp;"
                    case UInt8(ascii: "<"): replacement = "&lt;"
                    case UInt8(ascii: ">"): replacement = "&gt;"
                    case 0x09, 0x0A: break
                    case 0x00..<0x20: encoded = UInt16(byte)
                    case UInt8(ascii: "_"):
                        if Self.isEscapeSequence(base + i, count - i) { replacement = "_x005F_" }
                    case 0xEF:
                        // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
                        if i + 2 < count, base[i + 1] == 0xBF, base[i + 2] >= 0xBE {
                            encoded = base[i + 2] == 0xBE ? 0xFFFE : 0xFFFF
                            width = 3
                        }
                    default: break
                    }
                    if replacement == nil, encoded == nil {
                        i += 1
                        continue
                    }
                    bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart))
                    if let replacement {
                        append(replacement)
                    } else if let encoded {
                        appendEscapeSequence(encoded)
                    }
                    i += width
                    runStart = i
                }
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart))
            }
        }

        /// Appends an attribute value (between double quotes), escaping `& < > "`.
        ///
        /// Callers reject control characters first; attribute values carry no `_xHHHH_` escapes.
        mutating func appendAttribute(_ value: String) {
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "&"): append("&amp;")
                case UInt8(ascii: "<"): append("&lt;")
                case UInt8(ascii: ">"): append("&gt;")
                case UInt8(ascii: "\""): append("&quot;")
                default: bytes.append(byte)
                }
            }
        }

        /// Appends `<t>` or `<t xml:space="preserve">`, the text, and `</t>`.
        mutating func appendTextElement(_ text: String) {
            if Self.needsPreserve(text) {
                append("<t xml:space=\"preserve\">")
            } else {
                append("<t>")
            }
            appendText(text)
            append("</t>")
        }

        // MARK: - Helpers

        /// `_xHHHH_` with four upper-case hex digits.
        private mutating func appendEscapeSequence(_ value: UInt16) {
            let hex: StaticString = "0123456789ABCDEF"
            append("_x")
            hex.withUTF8Buffer { digits in
                for shift in stride(from: 12, through: 0, by: -4) {
                    bytes.append(digits[Int((value >> UInt16(shift)) & 0xF)])
                }
            }
            bytes.append(UInt8(ascii: "_"))
        }

        /// Whether the bytes at `p` spell `_xHHHH_` (hex digits of either case).
        private static func isEscapeSequence(_ p: UnsafePointer<UInt8>, _ available: Int) -> Bool {
            guard available >= 7, p[1] == UInt8(ascii: "x") || p[1] == UInt8(ascii: "X"),
                p[6] == UInt8(ascii: "_")
            else { return false }
            for k in 2...5 {
                switch p[k] {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                    UInt8(ascii: "A")...UInt8(ascii: "F"):
                    continue
                default:
                    return false
                }
            }
            return true
        }

        /// Whether text starts or ends with whitespace that XML consumers might otherwise trim.
        static func needsPreserve(_ text: String) -> Bool {
            guard let first = text.utf8.first, let last = text.utf8.last else { return false }
            return isSpace(first) || isSpace(last)
        }

        private static func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }
    }
}
