/// Drawing pieces shared by the charts in SVGChart.swift: numbers, escaping, text fitting, axes, legends.
extension SVGChart {
    // MARK: - Numbers and text

    /// At most `decimals` decimals, trailing zeros dropped, no exponent, never "-0"; non-finite prints "0"
    /// and magnitudes are capped at 1e15.
    static func number(_ x: Double, decimals: Int = 2) -> String {
        guard x.isFinite else { return "0" }
        var scale: Int64 = 1
        for _ in 0..<min(max(decimals, 0), 3) { scale *= 10 }
        let r = (min(max(x, -1e15), 1e15) * Double(scale)).rounded()
        if r == 0 { return "0" }
        let n = Int64(abs(r))
        var s = (r < 0 ? "-" : "") + String(n / scale)
        if n % scale != 0 {
            var fraction = String(n % scale)
            while fraction.count < String(scale).count - 1 { fraction = "0" + fraction }
            while fraction.hasSuffix("0") { fraction.removeLast() }
            s += "." + fraction
        }
        return s
    }

    /// Text safe in XML content and attribute values; control characters become spaces.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for u in text.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if u == "\n" || u == "\r" || u == "\t" {
                    out += " "
                } else if TerminalText.isControl(u) {
                    out += TerminalText.escape(u)
                } else if u.value == 0xFFFE || u.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    /// Estimated width in user units: half an em per column, CJK and full-width characters two columns.
    static func textWidth(_ text: String, _ size: Double) -> Double {
        Double(DisplayWidth.of(text)) * size * 0.55
    }

    /// The text cut to `columns` display columns with "…" (counted as two) when something was cut.
    static func truncate(_ text: String, columns: Int) -> String {
        guard DisplayWidth.of(text) > columns else { return text }
        guard columns >= 3 else { return "…" }
        var out = ""
        var used = 0
        for ch in text {
            let w = DisplayWidth.of(String(ch))
            if used + w > columns - 2 { break }
            out.append(ch)
            used += w
        }
        return out + "…"
    }

    /// A `<text>`; cut to `maxWidth` when given, with the full text in a `<title>` tooltip.
    static func text(
        _ s: String, x: Double, y: Double, anchor: String = "start", size: Double = 12,
        cls: String? = nil, fill: String? = nil, bold: Bool = false, halo: String? = nil,
        maxWidth: Double? = nil
    ) -> String {
        var shown = s
        var tip = ""
        if let maxWidth {
            shown = truncate(s, columns: max(0, Int(maxWidth / (size * 0.55))))
            if shown != s { tip = "<title>" + escape(s) + "</title>" }
        }
        var attrs = "x=\"\(number(x))\" y=\"\(number(y))\""
        if anchor != "start" { attrs += " text-anchor=\"\(anchor)\"" }
        if size != 12 { attrs += " font-size=\"\(number(size))\"" }
        if let cls { attrs += " class=\"\(cls)\"" }
        if let fill { attrs += " fill=\"\(fill)\"" }
        if bold { attrs += " font-weight=\"bold\"" }
        if let halo {
            attrs += " stroke=\"\(halo)\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\""
        }
        return "<text \(attrs)>\(escape(shown))\(tip)</text>"
    }

    static func clean(_ v: Double?) -> Double? {
        guard let v, v.isFinite else { return nil }
        return min(max(v, -1e15), 1e15)
    }

    /// A prefix for pattern ids, the same for the same chart (FNV-1a over kind, title and labels), so two
    /// charts in one page don't share ids unless they are identical.
    static func chartID(_ kind: String, _ title: String, _ labels: [String]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in ([kind, title] + labels).joined(separator: "\u{1}").utf8 {
            h = (h ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return "svgc" + String(h, radix: 16)
    }

    // MARK: - Document

    static func document(
        kind: String, id: String, title: String, desc: String, height: Double, patterns: Bool,
        body: [String]
    ) -> String {
        var out =
            "<svg class=\"sales-chart sales-chart-\(kind)\" viewBox=\"0 0 \(number(viewWidth)) \(number(height))\""
            + " width=\"100%\" role=\"img\" aria-label=\"\(escape(title))\" font-family=\"\(fontFamily)\""
            + " font-size=\"12\" fill=\"#222\" style=\"height:auto\">\n"
        out += "<title>\(escape(title))</title>\n"
        if !desc.isEmpty { out += "<desc>\(escape(desc))</desc>\n" }
        if patterns { out += patternDefs(id) + "\n" }
        out += text(title, x: 10, y: 20, size: 14, cls: "chart-title", bold: true, maxWidth: viewWidth - 20) + "\n"
        for part in body where !part.isEmpty { out += part + "\n" }
        return out + "</svg>"
    }

    /// Pattern n (1…5) in white ("w", for dark colours) and dark ("k", for light ones).
    static func patternDefs(_ id: String) -> String {
        let shapes = [
            (" patternTransform=\"rotate(45)\"", "<rect width=\"2\" height=\"6\"/>"),
            ("", "<circle cx=\"3\" cy=\"3\" r=\"1.2\"/>"),
            (" patternTransform=\"rotate(-45)\"", "<rect width=\"2\" height=\"6\"/>"),
            ("", "<rect width=\"6\" height=\"1.5\"/>"),
            (
                " patternTransform=\"rotate(45)\"",
                "<rect width=\"1.5\" height=\"6\"/><rect width=\"6\" height=\"1.5\"/>"
            ),
        ]
        var out = "<defs>"
        for (tone, paint) in [
            ("w", "fill=\"#fff\" fill-opacity=\"0.55\""), ("k", "fill=\"#000\" fill-opacity=\"0.3\""),
        ] {
            for (n, shape) in shapes.enumerated() {
                out +=
                    "<pattern id=\"\(id)-p\(n + 1)\(tone)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
                    + "\(shape.0)><g \(paint)>\(shape.1)</g></pattern>"
            }
        }
        return out + "</defs>"
    }

    // MARK: - Fills, legends, axes

    /// Pattern number for palette index `i` (0 = solid): colour and pattern cycle at different lengths.
    static func patternOf(_ i: Int) -> Int { i % 6 }

    static func fillRect(
        x: Double, y: Double, w: Double, h: Double, colour: String, pattern: Int, light: Bool,
        id: String, cls: String
    ) -> String {
        let box = "x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(w))\" height=\"\(number(h))\""
        var s = "<rect class=\"\(cls)\" \(box) fill=\"\(colour)\"/>"
        if pattern > 0 && w > 0 && h > 0 {
            s += "<rect class=\"pattern\" \(box) fill=\"url(#\(id)-p\(pattern)\(light ? "k" : "w"))\"/>"
        }
        return s
    }

    /// 100% bar segments, one per fraction > 0, coloured by index; percentages where they fit.
    static func segments(
        _ fractions: [Double], x: Double, y: Double, w: Double, h: Double, percent: Format,
        id: String
    ) -> [String] {
        var out = [String]()
        var left = x
        for (i, f) in fractions.enumerated() where f > 0 {
            let width = f * w
            let light = paletteIsLight[i % palette.count]
            out.append(
                fillRect(
                    x: left, y: y, w: width, h: h, colour: palette[i % palette.count],
                    pattern: patternOf(i), light: light, id: id, cls: "segment")
                    + "<line x1=\"\(number(left + width))\" y1=\"\(number(y))\" x2=\"\(number(left + width))\""
                    + " y2=\"\(number(y + h))\" stroke=\"#fff\" stroke-width=\"1.5\"/>")
            let label = percent(f)
            if width >= textWidth(label, 11) + 8 {
                out.append(
                    text(
                        label, x: left + width / 2, y: y + h / 2 + 4, anchor: "middle", size: 11,
                        cls: "percent", fill: light ? "#000" : "#fff", halo: palette[i % palette.count]))
            }
            left += width
        }
        return out
    }

    static func emptyBar(x: Double, y: Double, w: Double, h: Double, message: String) -> String {
        "<rect class=\"empty\" x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(w))\" height=\"\(number(h))\""
            + " fill=\"none\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>"
            + text(
                message, x: x + w / 2, y: y + h / 2 + 4, anchor: "middle", cls: "no-data", fill: "#666",
                maxWidth: w - 8)
    }

    /// A 14×12 swatch with its text baseline at `y`.
    static func swatch(_ i: Int, x: Double, y: Double, id: String) -> String {
        fillRect(
            x: x, y: y - 10, w: 14, h: 12, colour: palette[i % palette.count], pattern: patternOf(i),
            light: paletteIsLight[i % palette.count], id: id, cls: "swatch")
    }

    static func outlineSwatch(x: Double, y: Double) -> String {
        "<rect class=\"swatch\" x=\"\(number(x + 0.5))\" y=\"\(number(y - 9.5))\" width=\"13\" height=\"11\""
            + " fill=\"none\" stroke=\"#999\" stroke-dasharray=\"2 2\"/>"
    }

    enum LegendKey {
        case palette(Int)
        case fill(String, Int, Bool)
        case target
        case line(Int)
    }

    /// Legend entries left to right, wrapping at the right edge; returns the rows' total height (20 a row).
    static func legendFlow(
        _ keys: [(LegendKey, String)], x: Double, y: Double, id: String
    ) -> (svg: String, height: Double) {
        guard !keys.isEmpty else { return ("", 0) }
        var out = "<g class=\"legend\">"
        var cx = x
        var cy = y
        for (key, label) in keys {
            let shown = truncate(label, columns: 28)
            let width = 24 + textWidth(shown, 12) + 16
            if cx > x && cx + width > viewWidth - 10 {
                cx = x
                cy += 20
            }
            switch key {
            case .palette(let i): out += swatch(i, x: cx, y: cy, id: id)
            case .fill(let colour, let pattern, let light):
                out += fillRect(
                    x: cx, y: cy - 10, w: 14, h: 12, colour: colour, pattern: pattern, light: light,
                    id: id, cls: "swatch")
            case .target:
                let ends =
                    "x1=\"\(number(cx))\" y1=\"\(number(cy - 4))\" x2=\"\(number(cx + 18))\" y2=\"\(number(cy - 4))\""
                out += "<line \(ends) stroke=\"#000\" stroke-width=\"2\"/>"
            case .line(let s):
                let style = lineStyle(s)
                out +=
                    "<line x1=\"\(number(cx))\" y1=\"\(number(cy - 4))\" x2=\"\(number(cx + 18))\""
                    + " y2=\"\(number(cy - 4))\" stroke=\"\(style.colour)\" stroke-width=\"2.5\"\(style.dash)/>"
                    + marker(s, x: cx + 9, y: cy - 4, size: 3.5)
            }
            out += text(label, x: cx + 24, y: cy, maxWidth: textWidth(shown, 12) + 1)
            cx += width
        }
        return (out + "</g>", cy - y + 20)
    }

    static func lineStyle(_ s: Int) -> (colour: String, dash: String) {
        let dashes = ["", " stroke-dasharray=\"7 4\"", " stroke-dasharray=\"2 3\"", " stroke-dasharray=\"9 3 2 3\""]
        return (palette[s % palette.count], dashes[s % dashes.count])
    }

    /// Circle, square, triangle, diamond by series, white-outlined.
    static func marker(_ s: Int, x: Double, y: Double, size r: Double) -> String {
        let colour = palette[s % palette.count]
        let paint = " fill=\"\(colour)\" stroke=\"#fff\" stroke-width=\"1\"/>"
        switch s % 4 {
        case 0: return "<circle class=\"point\" cx=\"\(number(x))\" cy=\"\(number(y))\" r=\"\(number(r))\"" + paint
        case 1:
            return "<rect class=\"point\" x=\"\(number(x - r))\" y=\"\(number(y - r))\" width=\"\(number(2 * r))\""
                + " height=\"\(number(2 * r))\"" + paint
        case 2:
            return "<path class=\"point\" d=\"M\(number(x)) \(number(y - r * 1.2)) L\(number(x + r * 1.1))"
                + " \(number(y + r * 0.8)) L\(number(x - r * 1.1)) \(number(y + r * 0.8)) Z\"" + paint
        default:
            return "<path class=\"point\" d=\"M\(number(x)) \(number(y - r * 1.3)) L\(number(x + r * 1.3))"
                + " \(number(y)) L\(number(x)) \(number(y + r * 1.3)) L\(number(x - r * 1.3)) \(number(y)) Z\"" + paint
        }
    }

    /// A value axis from round ticks; always spans 0. All-zero data gives the single tick 0 over 0…1.
    struct Scale {
        let ticks: [Double]
        let lo: Double
        let hi: Double

        init(_ values: [Double]) {
            let lo = min(0, values.min() ?? 0)
            let hi = max(0, values.max() ?? 0)
            if lo == hi {
                (ticks, self.lo, self.hi) = ([0], 0, 1)
            } else {
                ticks = SVGChart.niceTicks(lo, hi)
                (self.lo, self.hi) = (ticks.first ?? lo, ticks.last ?? hi)
            }
        }

        func y(_ v: Double, _ top: Double, _ bottom: Double) -> Double {
            bottom - (v - lo) / (hi - lo) * (bottom - top)
        }
    }

    /// 4–5 ticks (3–4 intervals) at 1, 2, 2.5 or 5 × 10ⁿ covering lo…hi (lo < hi), tightest span first.
    static func niceTicks(_ lo: Double, _ hi: Double) -> [Double] {
        /// 10^|e|, exact for |e| ≤ 22.
        func power(_ e: Int) -> Double {
            var p = 1.0
            for _ in 0..<abs(e) { p *= 10 }
            return p
        }
        // A step is m × 10^(q-1) with m in tenths, so ticks are one correctly rounded operation each.
        func value(_ k: Int, _ m: Int, _ q: Int) -> Double {
            q - 1 >= 0 ? Double(k * m) * power(q - 1) : Double(k * m) / power(q - 1)
        }
        let raw = (hi - lo) / 4
        var e = 0  // 10^e ≤ raw < 10^(e+1)
        while value(1, 10, e) > raw && e > -20 { e -= 1 }
        while value(1, 10, e + 1) <= raw && e < 20 { e += 1 }
        var best: (span: Double, n: Int, k0: Int, m: Int, q: Int)?
        for q in (e - 1)...(e + 1) {
            for m in [10, 20, 25, 50] {
                let step = value(1, m, q)
                let k0 = Int((lo / step + 1e-9).rounded(.down))
                let k1 = Int((hi / step - 1e-9).rounded(.up))
                let n = k1 - k0
                let span = Double(n) * step
                let fits = (3...4).contains(n)
                guard let current = best else {
                    best = (span, n, k0, m, q)
                    continue
                }
                let currentFits = (3...4).contains(current.n)
                if (fits && !currentFits)
                    || (fits == currentFits
                        && (fits
                            ? span < current.span
                            : abs(n - 4) < abs(current.n - 4)))
                {
                    best = (span, n, k0, m, q)
                }
            }
        }
        guard let best else { return [lo, hi] }
        return (best.k0...(best.k0 + best.n)).map { value($0, best.m, best.q) }
    }

    static func plotLeft(_ tickLabels: [String]) -> Double {
        min(200, max(40, (tickLabels.map { textWidth($0, 11) }.max() ?? 0) + 14))
    }

    static func axis(
        _ scale: Scale, _ labels: [String], left: Double, right: Double, top: Double,
        bottom: Double
    ) -> String {
        var out = "<g class=\"axis\">"
        for (t, label) in zip(scale.ticks, labels) {
            let y = number(scale.y(t, top, bottom))
            out +=
                "<line class=\"grid\" x1=\"\(number(left))\" y1=\"\(y)\" x2=\"\(number(right))\" y2=\"\(y)\""
                + " stroke=\"#ddd\" stroke-width=\"1\"/>"
            out += text(
                label, x: left - 6, y: scale.y(t, top, bottom) + 4, anchor: "end", size: 11, cls: "tick",
                fill: "#444")
        }
        return out + "</g>"
    }

    static func baseline(_ y: Double, _ left: Double, _ right: Double) -> String {
        "<line class=\"baseline\" x1=\"\(number(left))\" y1=\"\(number(y))\" x2=\"\(number(right))\" y2=\"\(number(y))\""
            + " stroke=\"#333\" stroke-width=\"1\"/>"
    }
}
