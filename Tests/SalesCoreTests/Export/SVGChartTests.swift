import Foundation
import Testing

@testable import SalesCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The elements of a chart, parsed with XMLParser (which also proves the text is well-formed XML).
private final class SVGElements: NSObject, XMLParserDelegate {
    struct Element {
        let name: String
        let attributes: [String: String]
    }
    var elements: [Element] = []
    var texts: [String] = []
    private var open: [String] = []

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append(Element(name: name, attributes: attributes))
        open.append("")
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !open.isEmpty { open[open.count - 1] += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let text = open.popLast() ?? ""
        if name == "text" || name == "title" || name == "desc" { texts.append(text) }
    }

    /// Elements whose class list contains `cls`.
    func classed(_ cls: String, _ name: String? = nil) -> [Element] {
        elements.filter { e in
            (name == nil || e.name == name)
                && (e.attributes["class"] ?? "").split(separator: " ").contains { $0 == cls }
        }
    }
}

private func parse(_ svg: String) -> SVGElements? {
    let parser = XMLParser(data: Data(svg.utf8))
    let collected = SVGElements()
    parser.delegate = collected
    return parser.parse() ? collected : nil
}

private func number(_ e: SVGElements.Element, _ key: String) -> Double { Double(e.attributes[key] ?? "") ?? .nan }

/// Money in 万 with at most 2 decimals, locale-free.
private func wan(_ value: Double) -> String { SVGChart.number(value / 10_000) + "万" }

/// Well-formed, one `<svg>` with the accessibility attributes, nothing external or broken.
private func checkCommon(_ svg: String, title: String) throws -> SVGElements {
    let parsed = try #require(parse(svg), "not well-formed XML:\n\(svg)")
    #expect(parsed.elements.first?.name == "svg")
    #expect(parsed.elements.filter { $0.name == "svg" }.count == 1)
    let root = parsed.elements[0].attributes
    #expect(root["role"] == "img" && root["aria-label"] == title && root["width"] == "100%")
    #expect(root["viewBox"]?.hasPrefix("0 0 720 ") == true)
    #expect(parsed.elements.count > 1 && parsed.elements[1].name == "title")
    #expect(svg.hasSuffix("</svg>"))
    for bad in ["http", "script", "NaN", "nan", "inf", "Inf", "<image", "@import", "href", "-0 ", "-0\""] {
        #expect(!svg.contains(bad), "contains \(bad)")
    }
    let numeric: Set = ["x", "y", "width", "height", "x1", "x2", "y1", "y2", "cx", "cy", "r", "d"]
    for e in parsed.elements {
        for (key, value) in e.attributes where numeric.contains(key) {
            #expect(!value.contains("e") && !value.contains("E"), "\(key)=\(value)")
        }
    }
    return parsed
}

@Suite("SVGChart: inline charts for the HTML summary")
struct SVGChartTests {
    static let regions = [
        SVGChart.BarItem(label: "华东", value: 120_000, target: 100_000),
        SVGChart.BarItem(label: "华南", value: 80_000, target: 100_000),
        SVGChart.BarItem(label: "R&D <\"test\"> 'x'", value: nil, target: 50_000),
        SVGChart.BarItem(label: "西部", value: 30_000),
        SVGChart.BarItem(label: "一个非常非常非常非常非常非常非常长的区域名称", value: 200_000),
    ]

    @Test("bars: heights follow values, target marks exactly where targets are, under-target flagged")
    func bars() throws {
        let svg = SVGChart.bars(
            title: "区域 vs 目标", items: Self.regions, format: wan, noData: "无数据",
            targetLabel: "目标", underTargetLabel: "未达标")
        let parsed = try checkCommon(svg, title: "区域 vs 目标")
        #expect(
            svg
                == SVGChart.bars(
                    title: "区域 vs 目标", items: Self.regions, format: wan, noData: "无数据",
                    targetLabel: "目标", underTargetLabel: "未达标"))
        #expect(svg.contains("R&amp;D &lt;&quot;test&quot;&gt; &apos;x&apos;"))
        #expect(svg.contains(">华东<") && svg.contains("12万") && svg.contains("20万"))
        let bars = parsed.classed("bar", "rect")
        #expect(bars.count == 4)  // the nil value has no bar
        let heights = bars.map { number($0, "height") }
        let values = Self.regions.compactMap(\.value)
        for i in values.indices {
            for j in values.indices where values[i] < values[j] { #expect(heights[i] < heights[j]) }
        }
        #expect(parsed.classed("target", "g").count == Self.regions.filter { $0.target != nil }.count)
        #expect(parsed.classed("under").count == 1)
        #expect(parsed.classed("missing").count == 1 && parsed.texts.contains("—"))
        // The long label is cut with … in the drawing, and kept whole in its tooltip and the description.
        #expect(parsed.texts.contains { $0.hasSuffix("…") && $0.hasPrefix("一个非常") })
        #expect(parsed.texts.contains { $0.contains("一个非常非常非常非常非常非常非常长的区域名称") })
        let ticks = parsed.classed("tick")
        #expect((4...6).contains(ticks.count))
        #expect(parsed.texts.contains("目标") && parsed.texts.contains("未达标"))
    }

    @Test("bars: empty, all-zero and all-nil input")
    func barsEdges() throws {
        let empty = SVGChart.bars(title: "Revenue", items: [], format: wan, noData: "No data")
        let e = try checkCommon(empty, title: "Revenue")
        #expect(e.texts.contains("No data"))

        let zeros = [SVGChart.BarItem(label: "A", value: 0), SVGChart.BarItem(label: "B", value: 0)]
        let z = try checkCommon(SVGChart.bars(title: "Z", items: zeros, format: wan, noData: "-"), title: "Z")
        #expect(z.classed("bar").map { number($0, "height") } == [0, 0])
        #expect(z.classed("tick").count == 1)

        let nils = [SVGChart.BarItem(label: "A", value: nil), SVGChart.BarItem(label: "B", value: .nan)]
        let n = try checkCommon(SVGChart.bars(title: "N", items: nils, format: wan, noData: "无数据"), title: "N")
        #expect(n.texts.contains("无数据") && n.classed("bar").isEmpty)

        let negative = [SVGChart.BarItem(label: "A", value: -5), SVGChart.BarItem(label: "B", value: 10)]
        let neg = try checkCommon(
            SVGChart.bars(
                title: "G", items: negative, format: { SVGChart.number($0) },
                noData: ""), title: "G")
        #expect(neg.classed("bar").count == 2)
    }

    @Test("distribution: bars without target marks")
    func distribution() throws {
        let svg = SVGChart.distribution(title: "Tiers", items: Self.regions, format: wan, noData: "-")
        let parsed = try checkCommon(svg, title: "Tiers")
        #expect(parsed.classed("target").isEmpty && parsed.classed("under").isEmpty)
    }

    @Test("shares: one segment per positive value, all listed in the legend, widths proportional")
    func shares() throws {
        let items = [
            SVGChart.ShareItem(label: "传感器", value: 300), .init(label: "软件", value: 100),
            .init(label: "退货 <adj>", value: -20), .init(label: "耗材", value: 0),
        ]
        let svg = SVGChart.shares(title: "产品线占比", items: items, format: { SVGChart.number($0) }, noData: "无数据")
        let parsed = try checkCommon(svg, title: "产品线占比")
        #expect(svg == SVGChart.shares(title: "产品线占比", items: items, format: { SVGChart.number($0) }, noData: "无数据"))
        let segments = parsed.classed("segment")
        #expect(segments.count == 2)
        #expect(abs(number(segments[0], "width") - 3 * number(segments[1], "width")) < 0.05)
        let total: Double = segments.map { number($0, "width") }.reduce(0, +)
        #expect(abs(total - 700) < 0.05)
        #expect(parsed.texts.contains("75%") && parsed.texts.contains("25%"))
        #expect(svg.contains("退货 &lt;adj&gt;") && parsed.texts.contains("耗材") && parsed.texts.contains("-20"))
        #expect(parsed.classed("swatch").count == 4)

        let zero = SVGChart.shares(title: "S", items: [.init(label: "a", value: 0)], format: wan, noData: "无数据")
        let z = try checkCommon(zero, title: "S")
        #expect(z.classed("segment").isEmpty && z.texts.contains("无数据"))
        _ = try checkCommon(SVGChart.shares(title: "S", items: [], format: wan, noData: "none"), title: "S")
    }

    @Test("lines: gaps at nil, legend, round ticks")
    func lines() throws {
        let months = (1...12).map { "\($0)月" }
        let series = [
            SVGChart.LineSeries(
                name: "2026", values: [1, 2, 3, nil, 5, 6, 7, nil, nil, 10, 11, 12].map { $0.map { $0 * 10_000 } }),
            SVGChart.LineSeries(
                name: "2025 & <prev>", values: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2].map { Double($0) * 10_000 }),
        ]
        let svg = SVGChart.lines(title: "月度趋势", xLabels: months, series: series, format: wan, noData: "无数据")
        let parsed = try checkCommon(svg, title: "月度趋势")
        #expect(svg == SVGChart.lines(title: "月度趋势", xLabels: months, series: series, format: wan, noData: "无数据"))
        let paths = parsed.classed("line", "path").map { $0.attributes["d"] ?? "" }
        #expect(paths.count == 2)
        #expect(paths[0].filter { $0 == "M" }.count == 3 && paths[1].filter { $0 == "M" }.count == 1)
        #expect(parsed.classed("point").count == 9 + 12 + 2)  // and one marker per legend entry
        #expect(svg.contains("2025 &amp; &lt;prev&gt;") && parsed.texts.contains("2026"))
        #expect(parsed.classed("tick").count == 4)
        #expect(parsed.texts.contains("0万") && parsed.texts.contains("5万") && parsed.texts.contains("15万"))

        let none = SVGChart.lines(
            title: "T", xLabels: months, series: [.init(name: "x", values: [nil, nil])],
            format: wan, noData: "无数据")
        #expect(try checkCommon(none, title: "T").texts.contains("无数据"))
        let zero = SVGChart.lines(
            title: "T", xLabels: ["a", "b"], series: [.init(name: "x", values: [0, 0])],
            format: wan, noData: "-")
        _ = try checkCommon(zero, title: "T")
    }

    @Test("stacked: one 100% bar per group, one segment per positive category")
    func stacked() throws {
        let groups = [
            SVGChart.StackGroup(label: "2026Q1", shares: [50, 30, 20]),
            SVGChart.StackGroup(label: "2025Q1", shares: [0.6, 0.4]),
        ]
        let svg = SVGChart.stacked(
            title: "渠道变化", categories: ["直销", "电商", "线下 & 代理"], groups: groups,
            noData: "无数据")
        let parsed = try checkCommon(svg, title: "渠道变化")
        #expect(
            svg
                == SVGChart.stacked(
                    title: "渠道变化", categories: ["直销", "电商", "线下 & 代理"], groups: groups,
                    noData: "无数据"))
        let widths = parsed.classed("segment").map { number($0, "width") }
        #expect(widths.count == 5)
        let first: Double = widths[0] + widths[1] + widths[2]
        let second: Double = widths[3] + widths[4]
        #expect(abs(first - second) < 0.05)
        #expect(parsed.texts.contains("50%") && parsed.texts.contains("40%"))
        #expect(svg.contains("线下 &amp; 代理") && parsed.classed("swatch").count == 3)

        let zero = SVGChart.stacked(
            title: "S", categories: ["a"], groups: [.init(label: "g", shares: [0])],
            noData: "无数据")
        #expect(try checkCommon(zero, title: "S").texts.contains("无数据"))
        _ = try checkCommon(SVGChart.stacked(title: "S", categories: [], groups: [], noData: "x"), title: "S")
    }

    @Test("numbers: at most 2 decimals, no exponent, no -0")
    func numbers() {
        #expect(SVGChart.number(0) == "0" && SVGChart.number(-0.0) == "0" && SVGChart.number(-0.001) == "0")
        #expect(SVGChart.number(1.5) == "1.5" && SVGChart.number(2.004) == "2" && SVGChart.number(0.07) == "0.07")
        #expect(SVGChart.number(-12.04) == "-12.04" && SVGChart.number(100) == "100")
        #expect(SVGChart.number(1e20) == "1000000000000000" && SVGChart.number(1e-9) == "0")
        #expect(SVGChart.number(.nan) == "0" && SVGChart.number(.infinity) == "0")
        #expect(SVGChart.number(0.05, decimals: 1) == "0.1" && SVGChart.number(-0.04, decimals: 1) == "0")
        #expect(SVGChart.defaultPercent(0.375) == "37.5%")
    }

    @Test(
        "ticks: 4 or 5 round values covering the data",
        arguments: [
            (0.0, 87.0, [0.0, 25, 50, 75, 100]), (0, 1, [0, 0.25, 0.5, 0.75, 1]),
            (0, 120_000, [0, 50_000, 100_000, 150_000]),
            (-5, 10, [-5, 0, 5, 10]), (0, 0.03, [0, 0.01, 0.02, 0.03]),
        ])
    func ticks(lo: Double, hi: Double, expected: [Double]) {
        #expect(SVGChart.niceTicks(lo, hi) == expected)
    }

    @Test("text: escaped, cut to width with CJK counted double")
    func text() {
        // A control character is written visibly, as a terminal shows it; a line break or tab is a space.
        #expect(SVGChart.escape("a&b<c>\"d\"'e'\u{7}") == "a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;\\u{7}")
        #expect(SVGChart.escape("a\tb\nc\u{1B}[2J") == "a b c\\u{1B}[2J")
        #expect(SVGChart.truncate("华东区域销售", columns: 8) == "华东区…")
        #expect(SVGChart.truncate("abcdefgh", columns: 8) == "abcdefgh")
        #expect(SVGChart.truncate("abcdefghi", columns: 8) == "abcdef…")
    }
}
