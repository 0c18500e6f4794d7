/// Text for a terminal: control characters written visibly, so text from a workbook or a store (a name,
/// a description, an error quoting a value) can never move the cursor, recolour or rewrite the screen.
public enum TerminalText {
    /// Whether `scalar` is a control character that must not be shown raw (nor typed into a claim): C0
    /// (U+0000–U+001F), DEL, C1 (U+0080–U+009F), the line and paragraph separators U+2028/U+2029, and the
    /// bidirectional embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `text` with every control character written visibly (`\n`, `\t`, `\r`, else `\u{1B}`).
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// `\n`, `\t`, `\r`, or `\u{1B}`.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": "\\n"
        case "\t": "\\t"
        case "\r": "\\r"
        default: "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }
}
