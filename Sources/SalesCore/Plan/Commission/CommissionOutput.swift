import Foundation
import XLSX

/// The commission statements: a terminal summary, a workbook and an HTML page, each line of each statement
/// with its order line's id, so every amount can be traced to the store.
public enum CommissionOutput {
    /// millionths as a percentage with up to 4 decimals: 35000 → "3.5%".
    static func ratePercent(_ ppm: Int64) -> String {
        MoneyDisplay.trimmed(Double(ppm) / 10_000, decimals: 4) + "%"
    }

    static func factor(_ ppm: Int64) -> String {
        "×" + MoneyDisplay.trimmed(Double(ppm) / 1_000_000, decimals: 6)
    }

    static func noteText(_ note: String?, _ lang: OutputLanguage, days: Int) -> String {
        switch note {
        case "clawback": lang.pick("退货追回（\(days) 天内）", "clawback (return within \(days) days)")
        case "return_outside_window": lang.pick("退货超过 \(days) 天，不追回", "return after \(days) days: not clawed back")
        case "no_original_sale": lang.pick("找不到原销售，不追回", "no original sale found: not clawed back")
        case "returned_sale": lang.pick("已退货的销售，计 0", "sale marked returned: earns 0")
        default: ""
        }
    }

    public static func text(
        _ run: CommissionRun, plan: CommissionPlan, lang: OutputLanguage, written: [String]
    )
        -> String
    {
        func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
            ForecastText.pad(text, width, right: right)
        }
        var out = lang.pick("\(run.period) 提成", "Commission for \(run.period)")
        out += lang.pick(
            "：方案 \(TerminalText.visible(run.planName)) 版本 \(TerminalText.visible(run.planVersion))",
            ": plan \(TerminalText.visible(run.planName)), version \(TerminalText.visible(run.planVersion))")
        out += " (sha256 \(run.planSHA256.prefix(12))…)\n"
        out += lang.pick(
            "每行金额四舍五入到分（半数远离零）；合计为各行之和。\n\n",
            "Each line rounded half away from zero to the cent; totals are sums of lines.\n\n")
        out += pad(lang.pick("销售", "Rep"), 22) + pad(lang.pick("销售额", "Revenue"), 16, right: true)
        out += pad(lang.pick("完成率", "Done"), 8, right: true) + pad(lang.pick("费率", "Rate"), 7, right: true)
        out += pad(lang.pick("封顶扣减", "Capped"), 13, right: true) + pad(lang.pick("新客奖", "Bonus"), 11, right: true)
        out += pad(lang.pick("合计", "Total"), 15, right: true) + "\n"
        for s in run.statements {
            out +=
                pad(TerminalText.visible("\(s.name) (\(s.login))"), 22)
                + pad(MoneyDisplay.yuan(s.revenueCents), 16, right: true)
            out += pad(s.completion.map { ForecastText.percent($0 * 100, decimals: 0) } ?? "–", 8, right: true)
            out += pad(ratePercent(s.ratePPM), 7, right: true) + pad(MoneyDisplay.yuan(s.cappedCents), 13, right: true)
            out +=
                pad(MoneyDisplay.yuan(s.bonusCents), 11, right: true)
                + pad(MoneyDisplay.yuan(s.totalCents), 15, right: true) + "\n"
        }
        out += "\n" + lang.pick("按团队", "By team") + "\n"
        for t in run.teams {
            out += pad(TerminalText.visible(t.team.isEmpty ? lang.pick("（无团队）", "(no team)") : t.team), 22)
            out += pad(MoneyDisplay.yuan(t.revenueCents), 16, right: true) + pad("\(t.reps)", 8, right: true)
            out += pad(MoneyDisplay.yuan(t.totalCents), 15 + 7 + 13 + 11, right: true) + "\n"
        }
        out +=
            pad(lang.pick("全部", "All"), 22)
            + pad(MoneyDisplay.yuan(run.totalCents), 16 + 8 + 7 + 13 + 11 + 15, right: true) + "\n"
        for path in written { out += lang.pick("已写入 \(path)\n", "Written to \(path)\n") }
        return out
    }

    /// One workbook: a summary sheet, a team sheet, and every line of every statement (with the rep, so a
    /// filter gives one rep's statement).
    public static func writeXLSX(
        _ run: CommissionRun, plan: CommissionPlan, to path: String, lang: OutputLanguage
    )
        throws
    {
        do {
            let writer = try XLSXWriter(path: path)
            func money(_ cents: Int64) -> Cell { .decimal(ImportValue.moneyText(cents: cents), .currencyCNY) }
            try writer.beginSheet(
                name: lang.pick("提成汇总", "Statements"), columnWidths: [14, 12, 12, 16, 16, 10, 10, 14, 12, 30, 16],
                freezeHeaderRow: true)
            try writer.writeRow(
                [
                    lang.pick("账号", "Login"), lang.pick("姓名", "Name"), lang.pick("团队", "Team"),
                    lang.pick("销售额", "Revenue"), lang.pick("目标", "Target"), lang.pick("完成率", "Completion"),
                    lang.pick("费率", "Rate"), lang.pick("封顶扣减", "Taken by the cap"),
                    lang.pick("新客奖", "New-customer bonus"), lang.pick("新客户", "New customers"),
                    lang.pick("合计", "Total"),
                ].map { .text($0) }, bold: true)
            for s in run.statements {
                try writer.writeRow([
                    .text(s.login), .text(s.name), .text(s.team), money(s.revenueCents),
                    s.targetCents.map(money) ?? .empty, s.completion.map { .number($0, .percent1) } ?? .empty,
                    .number(Double(s.ratePPM) / 1_000_000, .custom("0.00##%")), money(s.cappedCents),
                    money(s.bonusCents), .text(s.newCustomers.joined(separator: "; ")), money(s.totalCents),
                ])
            }
            try writer.writeRow(
                [.text(lang.pick("全部", "All"))] + Array(repeating: Cell.empty, count: 9) + [money(run.totalCents)],
                bold: true)
            try writer.endSheet()
            try writer.beginSheet(name: lang.pick("团队", "Teams"), columnWidths: [16, 8, 16, 16], freezeHeaderRow: true)
            try writer.writeRow(
                [
                    lang.pick("团队", "Team"), lang.pick("人数", "Reps"), lang.pick("销售额", "Revenue"),
                    lang.pick("提成合计", "Total"),
                ]
                .map { .text($0) }, bold: true)
            for t in run.teams {
                try writer.writeRow([
                    .text(t.team), .number(Double(t.reps), .integer), money(t.revenueCents), money(t.totalCents),
                ])
            }
            try writer.endSheet()
            try writer.beginSheet(
                name: lang.pick("明细", "Lines"), columnWidths: [14, 10, 16, 12, 30, 30, 12, 8, 10, 14, 9, 9, 14, 30],
                freezeHeaderRow: true)
            try writer.writeRow(
                [
                    lang.pick("账号", "Login"), lang.pick("订单行ID", "Line id"), lang.pick("订单号", "Order"),
                    lang.pick("日期", "Date"), lang.pick("客户", "Customer"), lang.pick("产品", "Product"),
                    lang.pick("产品线", "Product line"), lang.pick("档次", "Tier"), lang.pick("状态", "Status"),
                    lang.pick("金额", "Amount"), lang.pick("费率", "Rate"), lang.pick("系数", "Multiplier"),
                    lang.pick("提成", "Commission"), lang.pick("说明", "Note"),
                ].map { .text($0) }, bold: true)
            for s in run.statements {
                for l in s.lines {
                    let date =
                        CivilDate(stored: l.date).map {
                            Cell.date(ExcelDateTime(year: $0.year, month: $0.month, day: $0.day))
                        } ?? .text(l.date)
                    try writer.writeRow([
                        .text(s.login), .number(Double(l.lineID), .integer), .text(l.orderNo), date, .text(l.customer),
                        .text(l.product), .text(l.productLine),
                        .text(l.tier.isEmpty ? "" : CodeLabels.label(l.tier, in: Codes.productTier, lang)),
                        .text(CodeLabels.label(l.status, in: Codes.orderStatus, lang)), money(l.amountCents),
                        .number(Double(l.ratePPM) / 1_000_000, .custom("0.00##%")),
                        .number(Double(l.multiplierPPM) / 1_000_000, .custom("0.0#####")), money(l.commissionCents),
                        .text(noteText(l.note, lang, days: plan.clawbackDays)),
                    ])
                }
            }
            try writer.endSheet()
            try writer.beginSheet(name: lang.pick("方案", "Plan"), columnWidths: [24, 70])
            var rows: [(String, String)] = [
                (lang.pick("期间", "Period"), run.period), (lang.pick("方案", "Plan"), run.planName),
                (lang.pick("版本", "Version"), run.planVersion), ("SHA-256", run.planSHA256),
                (
                    lang.pick("取整", "Rounding"),
                    lang.pick("每行四舍五入到分（半数远离零），合计为各行之和", "each line half away from zero to the cent; totals are sums")
                ),
            ]
            for band in plan.bands {
                rows.append(
                    (
                        lang.pick(
                            "完成率 ≥ \(Double(band.fromBasisPoints) / 100)%",
                            "completion ≥ \(Double(band.fromBasisPoints) / 100)%"), ratePercent(band.ratePPM)
                    ))
            }
            for (label, value) in rows { try writer.writeRow([.text(label), .text(value)]) }
            try writer.endSheet()
            try writer.close()
        } catch {
            throw PlanError(.io, "\(path): cannot be written (\(ExitStatus.message(for: error)))")
        }
    }

    static func html(_ text: String) -> String {
        var out = ""
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                if TerminalText.isControl(ch) { out += "&#\(ch.value);" } else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }

    /// One self-contained page: every rep's statement with its lines, then the team totals.
    public static func htmlPage(_ run: CommissionRun, plan: CommissionPlan, lang: OutputLanguage) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="\(lang == .zh ? "zh-CN" : "en")"><head><meta charset="utf-8">
            <title>\(html(lang.pick("\(run.period) 提成单", "Commission statements \(run.period)")))</title>
            <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:.5em 0 2em}\
            td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px}td.n{text-align:right}\
            section{page-break-after:always}</style></head><body>
            <h1>\(html(lang.pick("\(run.period) 提成单", "Commission statements \(run.period)")))</h1>
            <p>\(html(lang.pick("方案", "Plan"))) \(html(run.planName)) · \(html(lang.pick("版本", "version"))) \
            \(html(run.planVersion)) · SHA-256 \(run.planSHA256)</p>

            """
        for s in run.statements {
            out += "<section><h2>\(html(s.name)) (\(html(s.login))) · \(html(s.team))</h2>\n<p>"
            out += html(lang.pick("销售额", "Revenue")) + " \(html(MoneyDisplay.yuan(s.revenueCents))) · "
            out += html(lang.pick("目标", "Target")) + " \(html(s.targetCents.map(MoneyDisplay.yuan) ?? "–")) · "
            out += html(lang.pick("费率", "Rate")) + " \(html(ratePercent(s.ratePPM))) · "
            out += html(lang.pick("合计", "Total")) + " <b>\(html(MoneyDisplay.yuan(s.totalCents)))</b></p>\n<table><tr>"
            for h in [
                lang.pick("订单行ID", "Line id"), lang.pick("订单号", "Order"), lang.pick("日期", "Date"),
                lang.pick("客户", "Customer"), lang.pick("产品", "Product"), lang.pick("金额", "Amount"),
                lang.pick("费率", "Rate"), lang.pick("系数", "Multiplier"), lang.pick("提成", "Commission"),
                lang.pick("说明", "Note"),
            ] { out += "<th>\(html(h))</th>" }
            out += "</tr>\n"
            for l in s.lines {
                out += "<tr><td class=n>\(l.lineID)</td><td>\(html(l.orderNo))</td><td>\(l.date)</td>"
                out += "<td>\(html(l.customer))</td><td>\(html(l.product))</td>"
                out +=
                    "<td class=n>\(html(MoneyDisplay.yuan(l.amountCents)))</td><td class=n>\(ratePercent(l.ratePPM))</td>"
                out +=
                    "<td class=n>\(html(factor(l.multiplierPPM)))</td><td class=n>\(html(MoneyDisplay.yuan(l.commissionCents)))</td>"
                out += "<td>\(html(noteText(l.note, lang, days: plan.clawbackDays)))</td></tr>\n"
            }
            out += "</table>\n<p>" + html(lang.pick("各行合计", "Lines")) + " \(html(MoneyDisplay.yuan(s.linesCents)))"
            if s.cappedCents > 0 {
                out +=
                    " · " + html(lang.pick("封顶扣减", "taken by the cap")) + " \(html(MoneyDisplay.yuan(-s.cappedCents)))"
            }
            out += " · " + html(lang.pick("新客户奖", "new-customer bonus")) + " \(html(MoneyDisplay.yuan(s.bonusCents)))"
            if !s.newCustomers.isEmpty { out += " (\(html(s.newCustomers.joined(separator: ", "))))" }
            out += "</p></section>\n"
        }
        out += "<h2>\(html(lang.pick("按团队", "By team")))</h2><table>"
        for t in run.teams {
            out +=
                "<tr><td>\(html(t.team))</td><td class=n>\(t.reps)</td><td class=n>\(html(MoneyDisplay.yuan(t.revenueCents)))</td>"
            out += "<td class=n>\(html(MoneyDisplay.yuan(t.totalCents)))</td></tr>"
        }
        out +=
            "<tr><th>\(html(lang.pick("全部", "All")))</th><td></td><td></td><td class=n>\(html(MoneyDisplay.yuan(run.totalCents)))</td></tr>"
        out += "</table></body></html>\n"
        return out
    }
}
