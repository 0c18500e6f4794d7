import XLSX

/// Builds JSON text with keys in the order written, so output is stable and diff-friendly.
///
/// Values are appended with `value`, `string`, `number`… inside `object { }` and `array { }` scopes;
/// commas are placed automatically.
public struct JSONWriter {
    public private(set) var text = ""
    private var needsComma: [Bool] = [false]
    private var afterKey = false

    public init() {}

    private mutating func separator() {
        if afterKey {
            afterKey = false
            return
        }
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func key(_ name: String) {
        separator()
        JSONWriter.appendQuoted(name, to: &text)
        text += ":"
        afterKey = true
    }

    public mutating func object(_ body: (inout JSONWriter) throws -> Void) rethrows {
        separator()
        text += "{"
        needsComma.append(false)
        try body(&self)
        needsComma.removeLast()
        text += "}"
    }

    public mutating func array(_ body: (inout JSONWriter) throws -> Void) rethrows {
        separator()
        text += "["
        needsComma.append(false)
        try body(&self)
        needsComma.removeLast()
        text += "]"
    }

    public mutating func string(_ value: String?) {
        separator()
        if let value { JSONWriter.appendQuoted(value, to: &text) } else { text += "null" }
    }

    public mutating func number(_ value: Int) {
        separator()
        text += String(value)
    }

    /// A finite number in its shortest round-trip form; integers without a fraction. Non-finite → null.
    public mutating func number(_ value: Double) {
        separator()
        text += JSONWriter.format(value)
    }

    public mutating func bool(_ value: Bool) {
        separator()
        text += value ? "true" : "false"
    }

    public mutating func null() {
        separator()
        text += "null"
    }

    /// Raw, already valid JSON (e.g. a decimal string that must not pass through a Double).
    public mutating func raw(_ json: String) {
        separator()
        text += json
    }

    public mutating func field(_ name: String, _ value: String?) {
        key(name)
        string(value)
    }
    public mutating func field(_ name: String, _ value: Int) {
        key(name)
        number(value)
    }
    public mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// Empties the text written so far (for streaming it out in pieces); scopes stay open.
    public mutating func flush() -> String {
        defer { text = "" }
        return text
    }

    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func appendQuoted(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                // Every control character TerminalText names (C0, DEL, C1, line separators, bidi controls) is
                // written as an escape, so JSON printed on a terminal cannot drive it; parsers read the same text.
                if TerminalText.isControl(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

extension JSONWriter {
    /// A cell in the shape of the corpus's `expected.json`: a string, number or boolean, null when empty,
    /// `{"date": …}`, `{"time": …}`, `{"duration_seconds": n}` or `{"error": …}`.
    public mutating func cell(_ value: CellValue?) {
        guard let value else { return null() }
        switch value {
        case .text(let s): string(s)
        case .number(let x): number(x)
        case .boolean(let b): bool(b)
        case .date(let d): object { $0.field("date", d.isoString) }
        case .time(let t): object { $0.field("time", t.isoString) }
        case .duration(let s):
            object {
                $0.key("duration_seconds")
                $0.number(s)
            }
        case .error(let e): object { $0.field("error", e) }
        }
    }
}
