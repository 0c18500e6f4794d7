/// The target plan for a terminal.
public enum TargetText {
    static func share(_ part: Int64, _ whole: Int64) -> String {
        whole > 0 ? ForecastText.percent(Double(part) / Double(whole) * 100) : "–"
    }

    public static func text(_ p: TargetPlan, lang: OutputLanguage, written: String?) -> String {
        func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
            ForecastText.pad(text, width, right: right)
        }
        var out = lang.pick(
            "\(p.year) 年销售目标：\(MoneyDisplay.yuan(p.totalCents))\n",
            "Sales targets for \(p.year): \(MoneyDisplay.yuan(p.totalCents))\n")
        if let g = p.growthPercent {
            out += lang.pick(
                "= 近 12 个月销售额 \(MoneyDisplay.yuan(p.lastTwelveMonthsCents)) × (1 \(g < 0 ? "−" : "+") \(abs(g))%)，四舍五入到分\n",
                "= the last 12 months' revenue \(MoneyDisplay.yuan(p.lastTwelveMonthsCents)) × (1 \(g < 0 ? "−" : "+") \(abs(g))%), "
                    + "rounded to the cent\n")
        }
        out += lang.pick(
            "分解依据：\(p.basisFirst) 至 \(p.basisLast)（\(p.basisMonths) 个月）销售额 \(MoneyDisplay.yuan(p.basisCents)) 的占比；\n"
                + "整数分、最大余数法，每层之和恰好等于上一层\n\n",
            "Split by the shares of \(p.basisFirst) to \(p.basisLast) (\(p.basisMonths) months, \(MoneyDisplay.yuan(p.basisCents)));\n"
                + "whole cents by largest remainder, every split summing exactly\n\n")
        var head = pad("", 12) + pad(lang.pick("占比", "Share"), 7, right: true)
        head += pad(lang.pick("全年", "Year"), 17, right: true)
        for q in 1...4 { head += pad("Q\(q)", 16, right: true) }
        func line(_ name: String, _ basis: Int64, _ whole: Int64, _ year: Int64, _ quarters: [Int64]) -> String {
            var text = pad(TerminalText.visible(name), 12) + pad(share(basis, whole), 7, right: true)
            text += pad(MoneyDisplay.yuan(year), 17, right: true)
            for cents in quarters { text += pad(MoneyDisplay.yuan(cents), 16, right: true) }
            return text + "\n"
        }
        out += head + "\n"
        out += line(lang.pick("全公司", "Company"), p.basisCents, p.basisCents, p.totalCents, p.quarterCents)
        out += pad(lang.pick("季节占比", "Seasonality"), 12) + pad("", 7) + pad("", 17)
        out += p.quarterBasisCents.map { pad(share($0, p.basisCents), 16, right: true) }.joined() + "\n"
        let regionBasis = p.regions.reduce(Int64(0)) { $0 + $1.basisCents }
        if !p.regions.isEmpty {
            out += "\n" + lang.pick("区域", "Regions") + "\n"
            for r in p.regions { out += line(r.name, r.basisCents, regionBasis, r.yearCents, r.quarterCents) }
        }
        if p.unassignedRegionCents != 0 {
            out += lang.pick(
                "（\(MoneyDisplay.yuan(p.unassignedRegionCents)) 的依据销售额没有区域，不参与区域占比）\n",
                "(\(MoneyDisplay.yuan(p.unassignedRegionCents)) of basis revenue has no region and is left out of the shares)\n"
            )
        }
        if !p.teams.isEmpty {
            let teamBasis = p.teams.reduce(Int64(0)) { $0 + $1.basisCents }
            out += "\n" + lang.pick("团队（其销售目标之和）", "Teams (the sums of their reps)") + "\n"
            for t in p.teams { out += line(t.name, t.basisCents, teamBasis, t.yearCents, t.quarterCents) }
        }
        if !p.reps.isEmpty {
            out +=
                "\n"
                + lang.pick(
                    "销售：\(p.reps.count) 人，各区域目标按其在职销售的依据销售额分解（见工作簿）",
                    "Reps: \(p.reps.count), each region's target split by its active reps' basis revenue (in the workbook)"
                )
            out += "\n"
        }
        if !p.regionsWithoutReps.isEmpty {
            out += lang.pick(
                "没有在职销售的区域（目标不再向下分解）：\(p.regionsWithoutReps.joined(separator: "、"))\n",
                "Regions without active reps (not split further): \(p.regionsWithoutReps.joined(separator: ", "))\n")
        }
        if !p.productLines.isEmpty {
            let lineBasis = p.productLines.reduce(Int64(0)) { $0 + $1.basisCents }
            out += "\n" + lang.pick("产品线（备货参考，不导入）", "Product lines (for stock planning; not imported)") + "\n"
            for l in p.productLines {
                out += line(
                    l.key.isEmpty ? lang.pick("（未指定）", "(none)") : l.key, l.basisCents, lineBasis, l.yearCents,
                    l.quarterCents)
            }
        }
        if let written {
            out +=
                "\n"
                + lang.pick(
                    "已写入 \(written)：\(p.rows.count) 行目标（sales-import 可直接导入）",
                    "Written to \(written): \(p.rows.count) target rows (sales-import loads it as it is)") + "\n"
        }
        return out
    }
}
