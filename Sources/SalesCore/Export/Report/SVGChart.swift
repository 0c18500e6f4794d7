/// Inline SVG charts for the HTML summary report (DESIGN §6): region vs target, product-line shares,
/// monthly trend, channel shift, tier distribution.
///
/// Every function returns one complete `<svg>…</svg>` element, 720 units wide (height depends on the chart),
/// `width="100%"`, with `<title>`, `<desc>` (the data as text), `role="img"` and `aria-label`.
/// Output uses only the standard library: numbers are printed by `number(_:)`, never by a locale, so the
/// same input gives byte-identical text. The element has no `xmlns` (so no "http" anywhere): it is meant
/// to be embedded in an HTML document, where the parser puts it in the SVG namespace.
/// Units are the caller's: every value and axis tick is printed through the `format` closure.
public enum SVGChart {
    public typealias Format = (Double) -> String

    /// One bar: `value` nil draws no bar and a "—" label; `target` draws a target mark across the slot.
    public struct BarItem: Sendable, Equatable {
        public var label: String
        public var value: Double?
        public var target: Double?
        public init(label: String, value: Double?, target: Double? = nil) {
            self.label = label
            self.value = value
            self.target = target
        }
    }

    /// One part of a whole; zero, negative and non-finite values are listed in the legend but not drawn.
    public struct ShareItem: Sendable, Equatable {
        public var label: String
        public var value: Double
        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }
    }

    /// One line; nil values leave gaps.
    public struct LineSeries: Sendable, Equatable {
        public var name: String
        public var values: [Double?]
        public init(name: String, values: [Double?]) {
            self.name = name
            self.values = values
        }
    }

    /// One 100% bar: `shares[i]` belongs to `categories[i]` (missing entries count as 0). Any unit: each
    /// bar is normalised by the sum of its positive shares.
    public struct StackGroup: Sendable, Equatable {
        public var label: String
        public var shares: [Double]
        public init(label: String, shares: [Double]) {
            self.label = label
            self.shares = shares
        }
    }

    public static let viewWidth = 720.0
    public static let fontFamily = "system-ui, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"
    /// Okabe–Ito colours (colour-blind safe), ordered so neighbours differ in grey level too; filled areas
    /// also get a pattern (`patternOf`) so they stay apart in greyscale print.
    public static let palette = [
        "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
        "#666666",
    ]
    /// Whether text and pattern lines on `palette[i]` should be dark (the colour is light).
    static let paletteIsLight = [false, true, false, true, true, false, true, false]
    public static let barColour = "#0072B2"
    /// Bars under their target: vermillion with white hatching.
    public static let warningColour = "#D55E00"

    /// "37.5%": one decimal, for the default percentage formatter of `shares` and `stacked`.
    public static func defaultPercent(_ fraction: Double) -> String {
        number(fraction * 100, decimals: 1) + "%"
    }

    // MARK: - Bars

    /// Vertical bars with value labels; a target mark where `target` exists; bars under target in
    /// `warningColour` with hatching. Optional legend texts name the target mark and the warning colour.
    public static func bars(
        title: String, items: [BarItem], format: Format, noData: String,
        targetLabel: String? = nil, underTargetLabel: String? = nil
    ) -> String {
        let values = items.map { clean($0.value) }
        let targets = items.map { clean($0.target) }
        let known = values.compactMap { $0 } + targets.compactMap { $0 }
        guard !items.isEmpty, !known.isEmpty else { return noDataChart(title: title, message: noData) }
        let id = chartID("bars", title, items.map(\.label))
        let under = items.indices.map { i in values[i].flatMap { v in targets[i].map { v < $0 } } ?? false }
        var keys: [(LegendKey, String)] = []
        if let t = targetLabel, targets.contains(where: { $0 != nil }) { keys.append((.target, t)) }
        if let u = underTargetLabel, under.contains(true) { keys.append((.fill(warningColour, 1, false), u)) }

        let scale = Scale(known)
        let tickLabels = scale.ticks.map(format)
        let left = plotLeft(tickLabels)
        let right = viewWidth - 10
        let legend = legendFlow(keys, x: left, y: 44, id: id)
        let top = 30 + legend.height + 18
        let height = 300.0
        let bottom = height - (known.contains { $0 < 0 } ? 48 : 34)
        var b = [legend.svg, axis(scale, tickLabels, left: left, right: right, top: top, bottom: bottom)]
        let slot = (right - left) / Double(items.count)
        let barW = min(slot * 0.6, 72)
        let y0 = scale.y(0, top, bottom)
        let valueSize = slot < 48 ? 10.0 : 11.0
        for (i, item) in items.enumerated() {
            let cx = left + slot * (Double(i) + 0.5)
            let targetY = targets[i].map { scale.y($0, top, bottom) }
            if let v = values[i] {
                let yv = scale.y(v, top, bottom)
                b.append(
                    fillRect(
                        x: cx - barW / 2, y: min(yv, y0), w: barW, h: abs(yv - y0),
                        colour: under[i] ? warningColour : barColour, pattern: under[i] ? 1 : 0,
                        light: false, id: id, cls: under[i] ? "bar under" : "bar"))
                var labelY = v >= 0 ? yv - 5 : yv + 13
                if v >= 0, let ty = targetY, ty < yv, yv - ty < 16 { labelY = ty - 6 }
                b.append(text(format(v), x: cx, y: labelY, anchor: "middle", size: valueSize, cls: "value"))
            } else {
                b.append(text("—", x: cx, y: y0 - 6, anchor: "middle", size: valueSize, cls: "value missing"))
            }
            if let ty = targetY {
                let half = min(slot * 0.45, barW / 2 + 10)
                let ends =
                    "x1=\"\(number(cx - half))\" y1=\"\(number(ty))\" x2=\"\(number(cx + half))\" y2=\"\(number(ty))\""
                b.append(
                    "<g class=\"target\"><line \(ends) stroke=\"#fff\" stroke-width=\"5\"/>"
                        + "<line \(ends) stroke=\"#000\" stroke-width=\"2\"/></g>")
            }
            b.append(text(item.label, x: cx, y: bottom + 18, anchor: "middle", maxWidth: slot - 4))
        }
        b.append(baseline(y0, left, right))
        let desc = items.indices.map { i in
            items[i].label + ": " + (values[i].map(format) ?? "—")
                + (targets[i].map { " / " + (targetLabel.map { $0 + " " } ?? "") + format($0) } ?? "")
        }.joined(separator: "; ")
        return document(kind: "bars", id: id, title: title, desc: desc, height: height, patterns: true, body: b)
    }

    /// Tier A–D counts and the like: `bars` with every target dropped.
    public static func distribution(title: String, items: [BarItem], format: Format, noData: String) -> String {
        bars(
            title: title, items: items.map { BarItem(label: $0.label, value: $0.value) }, format: format,
            noData: noData)
    }

    // MARK: - Shares

    /// Parts of a whole: one horizontal 100% bar (percentages inside segments that are wide enough) and a
    /// two-column legend: swatch, label, `format(value)`, `percent(value / total)` ("—" when not drawn).
    public static func shares(
        title: String, items: [ShareItem], format: Format, noData: String,
        percent: Format = defaultPercent
    ) -> String {
        guard !items.isEmpty else { return noDataChart(title: title, message: noData) }
        let id = chartID("shares", title, items.map(\.label))
        let values = items.map { clean($0.value) }
        let total = values.reduce(0) { $0 + max($1 ?? 0, 0) }
        let barX = 10.0
        let barY = 36.0
        let barW = viewWidth - 20
        let barH = 44.0
        var b = [String]()
        if total > 0 {
            b.append(
                contentsOf: segments(
                    values.map { max($0 ?? 0, 0) / total }, x: barX, y: barY, w: barW,
                    h: barH, percent: percent, id: id))
        } else {
            b.append(emptyBar(x: barX, y: barY, w: barW, h: barH, message: noData))
        }
        let rows = (items.count + 1) / 2
        let rowH = 22.0
        let legendY = barY + barH + 28
        for (i, item) in items.enumerated() {
            let x = i < rows ? 10.0 : 370.0
            let y = legendY + Double(i % rows) * rowH
            let drawn = (values[i] ?? 0) > 0
            b.append(drawn ? swatch(i, x: x, y: y, id: id) : outlineSwatch(x: x, y: y))
            b.append(text(item.label, x: x + 22, y: y, maxWidth: 180))
            b.append(text(values[i].map(format) ?? "—", x: x + 280, y: y, anchor: "end", cls: "value"))
            b.append(
                text(
                    drawn ? percent(values[i]! / total) : "—", x: x + 340, y: y, anchor: "end",
                    cls: "percent"))
        }
        let desc = items.indices.map { i in
            items[i].label + ": " + (values[i].map(format) ?? "—")
                + ((values[i] ?? 0) > 0 ? " (" + percent(values[i]! / total) + ")" : "")
        }.joined(separator: "; ")
        let height = legendY + Double(rows - 1) * rowH + 14
        return document(kind: "shares", id: id, title: title, desc: desc, height: height, patterns: true, body: b)
    }

    // MARK: - Lines

    /// One line per series over `xLabels` (points centred in equal slots), gaps at nil, a legend of
    /// series names (colour, dash and marker shape differ), y axis of 4–6 round ticks including 0.
    public static func lines(
        title: String, xLabels: [String], series: [LineSeries], format: Format,
        noData: String
    ) -> String {
        let n = max(xLabels.count, series.map(\.values.count).max() ?? 0)
        let values = series.map { $0.values.map(clean) }
        let known = values.flatMap { $0.compactMap { $0 } }
        guard n > 0, !known.isEmpty else { return noDataChart(title: title, message: noData) }
        let id = chartID("lines", title, xLabels + series.map(\.name))
        let scale = Scale(known)
        let tickLabels = scale.ticks.map(format)
        let left = plotLeft(tickLabels)
        let right = viewWidth - 10
        let legend = legendFlow(series.indices.map { (.line($0), series[$0].name) }, x: left, y: 44, id: id)
        let top = 30 + legend.height + 14
        let height = 300.0
        let bottom = height - 34
        var b = [legend.svg, axis(scale, tickLabels, left: left, right: right, top: top, bottom: bottom)]
        b.append(baseline(scale.y(0, top, bottom), left, right))
        let slot = (right - left) / Double(n)
        let widest = xLabels.map { textWidth($0, 12) }.max() ?? 0
        var every = 1
        while slot * Double(every) < min(widest + 8, 60) { every += 1 }
        for (i, label) in xLabels.enumerated() where i % every == 0 {
            b.append(
                text(
                    label, x: left + slot * (Double(i) + 0.5), y: bottom + 18, anchor: "middle",
                    maxWidth: slot * Double(every) - 4))
        }
        for (s, vals) in values.enumerated() {
            let style = lineStyle(s)
            var path = ""
            var runLength = 0
            var markers = ""
            for (i, v) in vals.enumerated() {
                guard let v else {
                    runLength = 0
                    continue
                }
                let x = left + slot * (Double(i) + 0.5)
                let y = scale.y(v, top, bottom)
                path += (runLength == 0 ? (path.isEmpty ? "M" : " M") : " L") + number(x) + " " + number(y)
                runLength += 1
                markers += marker(s, x: x, y: y, size: slot < 16 ? 2.5 : 3.5)
            }
            b.append(
                "<g class=\"series\"><path class=\"line\" d=\"\(path)\" fill=\"none\" stroke=\"\(style.colour)\""
                    + " stroke-width=\"2.5\" stroke-linejoin=\"round\"\(style.dash)/>\(markers)</g>")
        }
        let desc = series.indices.map { s in
            series[s].name + ": "
                + (0..<n).map { i in
                    (i < xLabels.count ? xLabels[i] + " " : "")
                        + ((i < values[s].count ? values[s][i] : nil).map(format) ?? "—")
                }.joined(separator: ", ")
        }.joined(separator: "; ")
        return document(kind: "lines", id: id, title: title, desc: desc, height: height, patterns: false, body: b)
    }

    // MARK: - Stacked

    /// One horizontal 100% bar per group (e.g. this period, comparison period), one segment per category
    /// in the same colour and pattern in every bar, percentages inside wide-enough segments, legend below.
    public static func stacked(
        title: String, categories: [String], groups: [StackGroup], noData: String,
        percent: Format = defaultPercent
    ) -> String {
        guard !categories.isEmpty, !groups.isEmpty else { return noDataChart(title: title, message: noData) }
        let id = chartID("stacked", title, categories + groups.map(\.label))
        let labelW = min(160, max(40, (groups.map { textWidth($0.label, 12) }.max() ?? 0) + 12))
        let barX = 10 + labelW
        let barW = viewWidth - 10 - barX
        let barH = 36.0
        let gap = 14.0
        let top = 36.0
        var b = [String]()
        var desc = [String]()
        for (g, group) in groups.enumerated() {
            let y = top + Double(g) * (barH + gap)
            let shares = categories.indices.map { $0 < group.shares.count ? max(clean(group.shares[$0]) ?? 0, 0) : 0 }
            let total = shares.reduce(0, +)
            b.append(text(group.label, x: barX - 8, y: y + barH / 2 + 4, anchor: "end", maxWidth: labelW - 10))
            if total > 0 {
                b.append(
                    contentsOf: segments(
                        shares.map { $0 / total }, x: barX, y: y, w: barW, h: barH,
                        percent: percent, id: id))
                desc.append(
                    group.label + ": "
                        + categories.indices.filter { shares[$0] > 0 }
                        .map { categories[$0] + " " + percent(shares[$0] / total) }.joined(separator: ", "))
            } else {
                b.append(emptyBar(x: barX, y: y, w: barW, h: barH, message: noData))
                desc.append(group.label + ": " + noData)
            }
        }
        let legendY = top + Double(groups.count) * (barH + gap) + 14
        let legend = legendFlow(categories.indices.map { (.palette($0), categories[$0]) }, x: barX, y: legendY, id: id)
        b.append(legend.svg)
        let height = legendY + legend.height - 4
        return document(
            kind: "stacked", id: id, title: title, desc: desc.joined(separator: "; "), height: height,
            patterns: true, body: b)
    }

    // MARK: - No data

    /// A small chart with the title and the caller's "no data" text.
    public static func noDataChart(title: String, message: String) -> String {
        document(
            kind: "empty", id: chartID("empty", title, []), title: title, desc: message, height: 110,
            patterns: false, body: [emptyBar(x: 10, y: 40, w: viewWidth - 20, h: 50, message: message)])
    }
}
