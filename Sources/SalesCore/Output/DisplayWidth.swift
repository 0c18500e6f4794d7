/// Terminal column widths of text: East Asian wide and full-width characters take two columns.
public enum DisplayWidth {
    /// Columns the scalar occupies in a terminal (0 for combining marks and controls).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) || (0xFE00...0xFE0F).contains(v) { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v)
        {
            return 2
        }
        return 1
    }

    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// The text cut to at most `width` columns, with `…` when something was cut; newlines and tabs shown as spaces.
    public static func fit(_ text: String, width: Int) -> String {
        let flat = text.replacingNewlines()
        guard of(flat) > width else { return flat }
        guard width > 1 else { return width == 1 ? "…" : "" }
        var out = String.UnicodeScalarView()
        var used = 0
        for scalar in flat.unicodeScalars {
            let w = of(scalar)
            if used + w > width - 1 { break }
            out.append(scalar)
            used += w
        }
        return String(out) + "…"
    }

    /// The text broken into lines of at most `width` columns, at spaces where possible.
    public static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var used = 0
        for word in text.replacingNewlines().split(separator: " ", omittingEmptySubsequences: false) {
            let w = of(String(word))
            if used > 0 && used + 1 + w > width {
                lines.append(line)
                line = ""
                used = 0
            }
            if w > width {
                // A word longer than a line (CJK text has no spaces): cut it.
                var rest = Substring(word)
                while of(String(rest)) > width - used {
                    var piece = ""
                    var pw = 0
                    for ch in rest {
                        let cw = of(String(ch))
                        if used + pw + cw > width { break }
                        piece.append(ch)
                        pw += cw
                    }
                    if piece.isEmpty { break }
                    lines.append(line + (used > 0 ? " " : "") + piece)
                    rest = rest.dropFirst(piece.count)
                    line = ""
                    used = 0
                }
                line += (used > 0 ? " " : "") + rest
                used += (used > 0 ? 1 : 0) + of(String(rest))
                continue
            }
            line += (used > 0 ? " " : "") + word
            used += (used > 0 ? 1 : 0) + w
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// The text padded with spaces to `width` columns (after fitting).
    public static func pad(_ text: String, width: Int, alignRight: Bool = false) -> String {
        let fitted = fit(text, width: width)
        let gap = String(repeating: " ", count: max(0, width - of(fitted)))
        return alignRight ? gap + fitted : fitted + gap
    }
}

extension String {
    func replacingNewlines() -> String {
        guard contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" }) else { return self }
        return String(map { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" ? " " : $0 })
    }
}
