import Foundation
import XLSX

/// What `sales-score` prints and writes: the run's summary and table (100 columns), reasons in words,
/// CSV, JSON and XLSX, a customer's history, the changes between runs, the list of runs.
public enum ScoreReport {
    // MARK: - Words

    static func segmentName(_ code: String, _ lang: OutputLanguage) -> String {
        guard let s = Segment(rawValue: code) else { return code }
        return lang == .zh ? s.chineseName : s.englishName
    }

    /// A short segment label for tables: 重要价值, or `Imp. value`.
    static func segmentShort(_ code: String, _ lang: OutputLanguage) -> String {
        guard let s = Segment(rawValue: code) else { return code }
        if lang == .zh { return s.chineseName }
        let kind = s.isRecent ? (s.isFrequent ? "value" : "develop") : (s.isFrequent ? "retain" : "win-back")
        return (s.isHighValue ? "Imp. " : "Gen. ") + kind
    }

    static func churn(_ risk: String, _ lang: OutputLanguage) -> String {
        guard lang == .zh else { return risk }
        return ["low": "低", "rising": "上升", "high": "高", "lost": "已流失"][risk] ?? risk
    }

    /// The reasons behind a customer's scores, in one sentence.
    public static func reasons(_ c: CustomerScore, lang: OutputLanguage) -> String {
        var text = TextBytes()
        writeReasons(c, lang: lang, to: &text)
        return String(decoding: text.bytes, as: UTF8.self)
    }

    /// ``reasons(_:lang:)`` written as UTF-8 bytes, without a `String` per part (the CSV of every customer
    /// writes 50,000 of them).
    static func writeReasons(_ c: CustomerScore, lang: OutputLanguage, to t: inout TextBytes) {
        let zh = lang == .zh
        let separator = zh ? "，" : ", "
        if c.orders > 0 {
            t.append(zh ? "最近一次下单在 " : "last order ")
            t.append(c.recencyDays)
            t.append(zh ? " 天前（R" : " days ago (R")
            t.append(c.r)
            t.append(zh ? "）" : ")")
            t.append(separator)
            if zh {
                t.append("窗口内 ")
                t.append(c.orders)
                t.append(" 笔订单（F")
            } else {
                t.append(c.orders)
                t.append(c.orders == 1 ? " order (F" : " orders (F")
            }
            t.append(c.f)
            t.append(zh ? "）" : ")")
            t.append(separator)
            if zh { t.append("金额 ") }
            t.append("¥")
            t.appendGroupedMoney(cents: c.amountCents)
            if !zh { t.append(" in the window") }
            if let top = c.topPercent {
                t.append(zh ? "，前 " : ", top ")
                t.append(top)
                t.append("%")
            }
            t.append(zh ? "（M" : " (M")
            t.append(c.m)
            t.append(zh ? "）" : ")")
        } else {
            t.append(zh ? "窗口内没有订单，最近一次下单在 " : "no order in the window, last order ")
            t.append(c.recencyDays)
            t.append(zh ? " 天前（R" : " days ago (R")
            t.append(c.r)
            t.append(zh ? "）" : ")")
        }
        t.append(" → ")
        t.append(segmentName(c.segment, lang))
        t.append(separator)
        if zh {
            t.append(c.tier)
            t.append(" 类")
        } else {
            t.append("tier ")
            t.append(c.tier)
        }
        t.append(separator)
        t.append(zh ? "流失风险" : "churn risk ")
        t.append(churn(c.churnRisk, lang))
        if let alive = c.probabilityAlive {
            t.append(separator)
            t.append(zh ? "存活概率 " : "P(alive) ")
            t.appendFixed(alive, 2)
        }
    }

    // MARK: - Run: summary and table

    /// The run's summary: models, tier and segment distribution, churn.
    public static func summaryText(_ run: ScoreRun, lang: OutputLanguage) -> String {
        var out = lang.pick(
            "评分 #\(run.id)：截至 \(run.asOf)，窗口 \(run.settings.windowDays) 天（\(run.windowStart) 起），\(grouped(run.customers.count)) 位有订单的客户\n",
            "Scoring run #\(run.id): as of \(run.asOf), window \(run.settings.windowDays) days (from \(run.windowStart)), \(grouped(run.customers.count)) customers with orders\n"
        )
        let total = run.customers.reduce(Int64(0)) { $0 + max($1.amountCents, 0) }
        out += lang.pick("分层        客户数      窗口金额            占比\n", "tier     customers   amount in window    share\n")
        for tier in ["A", "B", "C", "D"] {
            let group = run.customers.filter { $0.tier == tier }
            let amount = group.reduce(Int64(0)) { $0 + max($1.amountCents, 0) }
            let share = total > 0 ? Double(amount) / Double(total) * 100 : 0
            out +=
                "  " + DisplayWidth.pad(tier, width: 6)
                + DisplayWidth.pad(grouped(group.count), width: 10, alignRight: true)
                + "  " + DisplayWidth.pad(MoneyDisplay.yuan(amount), width: 18, alignRight: true)
                + DisplayWidth.pad(String(format: "%.1f%%", share), width: 9, alignRight: true) + "\n"
        }
        out += lang.pick("分群\n", "segments\n")
        for segment in Segment.allCases {
            let n = run.customers.filter { $0.segment == segment.code }.count
            guard n > 0 else { continue }
            out +=
                "  " + DisplayWidth.pad(segmentName(segment.code, lang), width: 24)
                + DisplayWidth.pad(grouped(n), width: 8, alignRight: true) + "\n"
        }
        let churnCounts = ["low", "rising", "high", "lost"].map { risk in
            "\(churn(risk, lang)) \(grouped(run.customers.filter { $0.churnRisk == risk }.count))"
        }
        out += lang.pick("流失风险：", "churn risk: ") + churnCounts.joined(separator: " · ") + "\n"
        out += modelText(run.fit, lang: lang)
        return out
    }

    /// The fitted models in one or two lines.
    public static func modelText(_ fit: ModelFit, lang: OutputLanguage) -> String {
        var out = ""
        if let p = fit.purchases {
            out += String(format: "BG/NBD (weeks): r %.4f, alpha %.4f, a %.4f, b %.4f\n", p.r, p.alpha, p.a, p.b)
            out += lang.pick(
                String(format: "  对数似然 %.2f，%@ 位客户\n", p.logLikelihood, grouped(p.customers)),
                String(format: "  log-likelihood %.2f over %@ customers\n", p.logLikelihood, grouped(p.customers)))
        }
        if let s = fit.spend {
            out += String(format: "Gamma-Gamma (¥): p %.4f, q %.4f, gamma %.4f\n", s.p, s.q, s.gamma)
            out += lang.pick(
                String(format: "  对数似然 %.2f，%@ 位客户\n", s.logLikelihood, grouped(s.customers)),
                String(format: "  log-likelihood %.2f over %@ customers\n", s.logLikelihood, grouped(s.customers)))
            out += lang.pick(
                String(format: "  购买频次与客单价的相关系数 %.3f（模型假设二者大致无关）\n", s.frequencyValueCorrelation),
                String(
                    format: "  correlation of frequency and order value %.3f (the model assumes little)\n",
                    s.frequencyValueCorrelation))
        }
        for note in fit.notes { out += ApprovalReport.wrapped("  ! ", note) }
        return out
    }

    /// The customers' table, `limit` rows at most (0 for all).
    public static func tableText(_ run: ScoreRun, lang: OutputLanguage, limit: Int) -> String {
        let head = [
            pad(lang.pick("客户", "customer"), 20), pad(lang.pick("层", "tr"), 2), "RFM",
            pad(lang.pick("分群", "segment"), 14), pad(lang.pick("天数", "days"), 5, right: true),
            pad(lang.pick("订单", "orders"), 6, right: true), pad(lang.pick("窗口金额", "amount"), 14, right: true),
            pad(lang.pick("流失", "churn"), 6), pad(lang.pick("存活", "alive"), 5, right: true),
            pad(lang.pick("12月价值", "12m value"), 12, right: true),
        ]
        var out = head.joined(separator: " ") + "\n"
        let shown = limit > 0 ? run.customers.prefix(limit) : run.customers[...]
        for c in shown {
            let who = [c.code, c.name].compactMap { $0 }.joined(separator: " ")
            let row = [
                pad(who, 20), pad(c.tier, 2), "\(c.r)\(c.f)\(c.m)", pad(segmentShort(c.segment, lang), 14),
                pad(String(c.recencyDays), 5, right: true), pad(grouped(c.orders), 6, right: true),
                pad(MoneyDisplay.text(cents: c.amountCents), 14, right: true), pad(churn(c.churnRisk, lang), 6),
                pad(c.probabilityAlive.map { String(format: "%.2f", $0) } ?? "—", 5, right: true),
                pad(c.lifetimeValueCents.map { MoneyDisplay.text(cents: $0) } ?? "—", 12, right: true),
            ]
            out += row.joined(separator: " ") + "\n"
        }
        if shown.count < run.customers.count {
            let more = run.customers.count - shown.count
            out += lang.pick(
                "……另有 \(grouped(more)) 位客户：--top 0 显示全部，或 --format csv|json|xlsx\n",
                "… \(grouped(more)) more customers: --top 0 shows all, or use --format csv|json|xlsx\n")
        }
        return out
    }

    // MARK: - CSV, JSON, XLSX

    static let csvColumns = [
        "customer_id", "code", "name", "tier", "segment", "segment_zh", "segment_en", "r", "f", "m", "recency_days",
        "last_order_on", "orders", "amount", "revenue_rank", "top_percent", "churn_risk", "typical_gap_days",
        "gap_source", "probability_alive", "expected_orders", "expected_order_value", "lifetime_value", "days_to_pay",
        "complaints", "reasons",
    ]

    /// One line per customer, RFC 4180 quoting, money as exact decimals in yuan; UTF-8 with a byte-order
    /// mark, so that spreadsheet programs on Chinese systems read the names right.
    public static func csv(_ run: ScoreRun, lang: OutputLanguage) -> String {
        var out = TextBytes()
        out.append("\u{FEFF}" + csvColumns.joined(separator: ",") + "\r\n")
        // Rows are written in chunks on every core, then joined in order: the same text as one loop.
        for chunk in Parallel.map(chunksOf: run.customers, { csvRows($0, lang: lang) }) {
            out.bytes.append(contentsOf: chunk)
        }
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// The CSV lines of `customers`, in order, as UTF-8: each field written as bytes, then quoted (RFC 4180)
    /// when it holds a comma, a quote or a line break.
    private static func csvRows(_ customers: ArraySlice<CustomerScore>, lang: OutputLanguage) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(customers.count * 420)
        var field = TextBytes()
        var lineStart = true
        func put(_ write: (inout TextBytes) -> Void) {
            field.bytes.removeAll(keepingCapacity: true)
            write(&field)
            if !lineStart { out.append(0x2C) }
            lineStart = false
            if field.bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                out.append(0x22)
                for byte in field.bytes {
                    if byte == 0x22 { out.append(0x22) }
                    out.append(byte)
                }
                out.append(0x22)
            } else {
                out.append(contentsOf: field.bytes)
            }
        }
        func put(_ text: String) { put { $0.append(text) } }
        func put(_ n: Int?) { put { t in if let n { t.append(n) } } }
        func put(money cents: Int64?) { put { t in if let cents { t.appendMoney(cents: cents) } } }
        func put(_ x: Double?, digits: Int) { put { t in if let x { t.appendFixed(x, digits) } } }
        for c in customers {
            put { $0.append(c.customerID) }
            put(SpreadsheetSafety.neutralized(c.code ?? ""))
            put(SpreadsheetSafety.neutralized(c.name))
            put(c.tier)
            put(c.segment)
            put(segmentName(c.segment, .zh))
            put(segmentName(c.segment, .en))
            put(c.r)
            put(c.f)
            put(c.m)
            put(c.recencyDays)
            put(c.lastOrderOn)
            put(c.orders)
            put(money: c.amountCents)
            put(c.revenueRank)
            put(c.topPercent)
            put(c.churnRisk)
            put(c.typicalGapDays, digits: 1)
            put(c.gapSource)
            put(c.probabilityAlive, digits: 4)
            put(c.expectedOrders, digits: 4)
            put(money: c.expectedOrderValueCents)
            put(money: c.lifetimeValueCents)
            put(c.daysToPay, digits: 1)
            put(c.complaints)
            put { writeReasons(c, lang: lang, to: &$0) }
            out.append(0x0D)
            out.append(0x0A)
            lineStart = true
        }
        return out
    }

    static func csvField(_ s: String) -> String {
        // Byte scan: the four bytes that need quoting are ASCII, so UTF-8 continuation bytes never match.
        guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        // Every quote is doubled, also one that a combining mark joins into a larger `Character`.
        var quoted = "\""
        for scalar in s.unicodeScalars {
            if scalar == "\"" { quoted.unicodeScalars.append(scalar) }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }

    /// `x` with `digits` decimals (0–6), rounded half away from zero, without Foundation's formatter.
    static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite, abs(x) < 1e12 else { return String(x) }
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let n = Int64((x * Double(scale)).rounded())
        let magnitude = n.magnitude
        let whole = magnitude / UInt64(scale)
        let fraction = magnitude % UInt64(scale)
        var out = (n < 0 ? "-" : "") + String(whole)
        if digits > 0 {
            let f = String(fraction)
            out += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return out
    }

    /// The run as JSON: `{"run", "as_of", "window_start", "settings", "fit", "customers": [{…, "reasons"}]}`.
    public static func json(_ run: ScoreRun, lang: OutputLanguage) throws -> String {
        struct Row: Encodable {
            var score: CustomerScore
            var reasons: String
            func encode(to encoder: any Encoder) throws {
                try score.encode(to: encoder)
                var c = encoder.container(keyedBy: Key.self)
                try c.encode(reasons, forKey: .reasons)
            }
            enum Key: String, CodingKey { case reasons }
        }
        struct Document: Encodable {
            var run: Int64
            var startedAt: String
            var asOf: String
            var windowStart: String
            var settings: ScoreSettings
            var fit: ModelFit
            var customers: [Row]
        }
        let document = Document(
            run: run.id, startedAt: run.startedAt, asOf: run.asOf, windowStart: run.windowStart,
            settings: run.settings, fit: run.fit,
            customers: run.customers.map { Row(score: $0, reasons: reasons($0, lang: lang)) })
        return try JSONOutput.encode(document)
    }

    /// The run as a workbook: the customers (客户分层 Customer tiers) and the models (模型 Models).
    public static func writeXLSX(_ run: ScoreRun, to path: String, lang: OutputLanguage) throws {
        let writer = try XLSXWriter(path: path)
        try writer.beginSheet(
            name: "客户分层 Customer tiers",
            columnWidths: [10, 12, 28, 6, 14, 6, 6, 6, 10, 12, 8, 16, 10, 10, 10, 12, 16, 16, 10, 10, 80],
            freezeHeaderRow: true)
        let header = [
            lang.pick("客户ID", "Customer ID"), lang.pick("客户编码", "Code"), lang.pick("客户名称", "Customer"),
            lang.pick("分层", "Tier"), lang.pick("分群", "Segment"), "R", "F", "M", lang.pick("距今天数", "Recency (days)"),
            lang.pick("最近下单", "Last order"), lang.pick("订单数", "Orders"), lang.pick("窗口金额", "Amount in window"),
            lang.pick("金额排名", "Rank"), lang.pick("前百分比", "Top %"), lang.pick("流失风险", "Churn risk"),
            lang.pick("存活概率", "P(alive)"), lang.pick("未来12月订单", "Expected orders (12 months)"),
            lang.pick("客户终身价值", "Lifetime value (12 months)"), lang.pick("回款天数", "Days to pay"),
            lang.pick("投诉", "Complaints"), lang.pick("原因", "Reasons"),
        ]
        try writer.writeRow(header.map { .text($0) }, bold: true)
        for c in run.customers {
            let date =
                CivilDate(stored: c.lastOrderOn).map {
                    Cell.date(ExcelDateTime(year: $0.year, month: $0.month, day: $0.day))
                } ?? .empty
            try writer.writeRow([
                .number(Double(c.customerID), .integer), c.code.map { .text($0) } ?? .empty, .text(c.name),
                .text(c.tier),
                .text(segmentName(c.segment, lang)), .number(Double(c.r), .integer), .number(Double(c.f), .integer),
                .number(Double(c.m), .integer), .number(Double(c.recencyDays), .integer), date,
                .number(Double(c.orders), .integer),
                .decimal(ImportValue.moneyText(cents: c.amountCents), .currencyCNY),
                c.revenueRank.map { .number(Double($0), .integer) } ?? .empty,
                c.topPercent.map { .number(Double($0) / 100, .percent) } ?? .empty, .text(churn(c.churnRisk, lang)),
                c.probabilityAlive.map { .number($0, .custom("0.00")) } ?? .empty,
                c.expectedOrders.map { .number($0, .custom("0.00")) } ?? .empty,
                c.lifetimeValueCents.map { .decimal(ImportValue.moneyText(cents: $0), .currencyCNY) } ?? .empty,
                c.daysToPay.map { .number($0, .custom("0.0")) } ?? .empty, .number(Double(c.complaints), .integer),
                .text(reasons(c, lang: lang)),
            ])
        }
        try writer.endSheet()
        try writer.beginSheet(name: "模型 Models", columnWidths: [28, 16])
        var rows: [(String, Cell)] = [
            (lang.pick("截至", "As of"), .text(run.asOf)),
            (lang.pick("窗口（天）", "Window (days)"), .number(Double(run.settings.windowDays), .integer)),
            (lang.pick("客户数", "Customers"), .number(Double(run.customers.count), .integer)),
        ]
        if let p = run.fit.purchases {
            rows += [
                ("BG/NBD r", .number(p.r)), ("BG/NBD alpha (weeks)", .number(p.alpha)), ("BG/NBD a", .number(p.a)),
                ("BG/NBD b", .number(p.b)), ("BG/NBD log-likelihood", .number(p.logLikelihood)),
            ]
        }
        if let s = run.fit.spend {
            rows += [
                ("Gamma-Gamma p", .number(s.p)), ("Gamma-Gamma q", .number(s.q)),
                ("Gamma-Gamma gamma", .number(s.gamma)),
                ("Gamma-Gamma log-likelihood", .number(s.logLikelihood)),
                (lang.pick("频次与客单价相关系数", "Frequency–value correlation"), .number(s.frequencyValueCorrelation)),
            ]
        }
        for note in run.fit.notes { rows.append((lang.pick("说明", "Note"), .text(note))) }
        for (label, value) in rows { try writer.writeRow([.text(label), value]) }
        try writer.endSheet()
        try writer.close()
    }

    // MARK: - show, changes, runs

    /// One customer's latest result with reasons, and their tier and segment in every run.
    public static func showText(
        _ history: [(run: Int64, asOf: String, score: CustomerScore)], lang: OutputLanguage
    ) -> String {
        guard let latest = history.first else { return "" }
        let c = latest.score
        var out =
            [c.code, c.name].compactMap { $0 }.joined(separator: " ")
            + lang.pick("（评分 #\(latest.run)，截至 \(latest.asOf)）\n", " (run #\(latest.run), as of \(latest.asOf))\n")
        out += ApprovalReport.wrapped("  ", reasons(c, lang: lang))
        func line(_ zh: String, _ en: String, _ value: String?) {
            guard let value else { return }
            out += "  " + DisplayWidth.pad(lang.pick(zh, en), width: 24) + value + "\n"
        }
        line("最近下单", "last order", c.lastOrderOn)
        let source =
            lang == .zh
            ? (["own": "自身", "population": "全体客户", "fallback": "默认值"][c.gapSource] ?? c.gapSource) : c.gapSource
        line("典型下单间隔", "typical gap", gapText(c.typicalGapDays) + lang.pick(" 天（\(source)）", " days (\(source))"))
        line("未来12个月订单", "expected orders (12 m)", c.expectedOrders.map { String(format: "%.2f", $0) })
        line("预计客单价", "expected order value", c.expectedOrderValueCents.map(MoneyDisplay.yuan))
        line("客户终身价值（12个月）", "lifetime value (12 m)", c.lifetimeValueCents.map(MoneyDisplay.yuan))
        line("平均回款天数", "days to pay", c.daysToPay.map { String(format: "%.1f", $0) })
        line("窗口内投诉", "complaints in window", String(c.complaints))
        if history.count > 1 {
            out += lang.pick("历次评分\n", "runs\n")
            for h in history {
                out +=
                    "  #\(h.run)  \(h.asOf)  \(h.score.tier)  \(pad(segmentName(h.score.segment, lang), 22))  "
                    + MoneyDisplay.text(cents: h.score.amountCents) + "\n"
            }
        }
        return out
    }

    /// The `changes` table.
    public static func changesText(
        _ changes: [ScoreStore.Change], from: Int64, to: Int64, lang: OutputLanguage
    ) -> String {
        guard !changes.isEmpty else {
            return lang.pick(
                "评分 #\(from) 与 #\(to) 之间没有客户的分层或分群发生变化。\n",
                "No customer's tier or segment moved between runs #\(from) and #\(to).\n")
        }
        var out = lang.pick(
            "评分 #\(from) → #\(to)：\(grouped(changes.count)) 位客户的分层或分群变化，按两次中较大的金额排序\n",
            "Runs #\(from) → #\(to): \(grouped(changes.count)) customers moved, largest amount (of either run) first\n")
        out +=
            [
                pad(lang.pick("客户", "customer"), 26), pad(lang.pick("分层", "tier"), 6),
                pad(lang.pick("分群", "segment"), 30),
                pad(lang.pick("当前金额", "amount now"), 14, right: true), pad(lang.pick("此前", "before"), 14, right: true),
            ]
            .joined(separator: " ") + "\n"
        for c in changes {
            let who = [c.code, c.name].compactMap { $0 }.joined(separator: " ")
            let tier = "\(c.tierBefore ?? "–")→\(c.tierAfter ?? "–")"
            let segment =
                c.segmentBefore == c.segmentAfter
                ? segmentShort(c.segmentAfter ?? "", lang)
                : segmentShort(c.segmentBefore ?? "–", lang) + "→" + segmentShort(c.segmentAfter ?? "–", lang)
            out +=
                [
                    pad(who, 26), pad(tier, 6), pad(segment, 30),
                    pad(MoneyDisplay.text(cents: c.amountAfterCents), 14, right: true),
                    pad(MoneyDisplay.text(cents: c.amountBeforeCents), 14, right: true),
                ].joined(separator: " ") + "\n"
        }
        return out
    }

    /// The `runs` list, with each run's fitted parameters.
    public static func runsText(_ runs: [ScoreStore.RunSummary], lang: OutputLanguage) -> String {
        guard !runs.isEmpty else {
            return lang.pick("还没有评分记录（sales-score run）。\n", "No scoring runs yet (sales-score run).\n")
        }
        var out = ""
        for r in runs {
            let tiers = ["A", "B", "C", "D"].map { "\($0) \(grouped(r.tiers[$0] ?? 0))" }.joined(separator: " · ")
            out += lang.pick(
                "#\(r.id)  \(r.startedAt)  \(r.user)  截至 \(r.asOf)，窗口 \(r.windowDays) 天，\(grouped(r.customers)) 位客户：\(tiers)\n",
                "#\(r.id)  \(r.startedAt)  \(r.user)  as of \(r.asOf), \(r.windowDays) days, \(grouped(r.customers)) customers: \(tiers)\n"
            )
            out += modelText(r.fit, lang: lang).split(separator: "\n").map { "    " + $0 + "\n" }.joined()
        }
        return out
    }

    /// `29` or `70.5`: a gap in days without a needless decimal.
    static func gapText(_ days: Double) -> String {
        days == days.rounded() ? String(format: "%.0f", days) : String(format: "%.1f", days)
    }

    // MARK: - Layout

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        DisplayWidth.pad(DisplayWidth.fit(TerminalText.visible(text), width: width), width: width, alignRight: right)
    }
}

/// UTF-8 text built byte by byte: numbers, money and fixed decimals written as ``ScoreReport`` and
/// ``ImportValue`` write them, without a `String` per piece.
struct TextBytes {
    var bytes: [UInt8] = []

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ n: Int) { append(Int64(n)) }

    mutating func append(_ n: Int64) {
        if n < 0 { bytes.append(0x2D) }
        appendDigits(n.magnitude)
    }

    /// The decimal digits of `n`, with leading zeros up to `width` digits (at most 20).
    ///
    /// The digits are written from the end of a buffer on the stack and appended at once: appending them
    /// one at a time and reversing them cost about a quarter of writing a scoring run's CSV.
    mutating func appendDigits(_ n: UInt64, width: Int = 0) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var n = n
            var i = buffer.count
            repeat {
                i -= 1
                buffer[i] = 0x30 + UInt8(truncatingIfNeeded: n % 10)
                n /= 10
            } while n > 0
            while buffer.count - i < min(width, buffer.count) {
                i -= 1
                buffer[i] = 0x30
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i...]))
        }
    }

    /// ``ImportValue/moneyText(cents:)``: `-1234.05`.
    mutating func appendMoney(cents: Int64) {
        if cents < 0 { bytes.append(0x2D) }
        appendDigits(cents.magnitude / 100)
        appendCents(cents.magnitude % 100)
    }

    /// ``MoneyDisplay/text(cents:)``: `-1,234.05`.
    mutating func appendGroupedMoney(cents: Int64) {
        if cents < 0 { bytes.append(0x2D) }
        var yuan = cents.magnitude / 100
        // Groups of three digits from the right; the first (leftmost) group without leading zeros.
        var groups: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &groups) { raw in
            let group = raw.bindMemory(to: UInt64.self)
            repeat {
                group[count] = yuan % 1000
                yuan /= 1000
                count += 1
            } while yuan > 0
            appendDigits(group[count - 1])
            for k in stride(from: count - 2, through: 0, by: -1) {
                bytes.append(0x2C)
                appendDigits(group[k], width: 3)
            }
        }
        appendCents(cents.magnitude % 100)
    }

    private mutating func appendCents(_ fraction: UInt64) {
        bytes.append(0x2E)
        bytes.append(0x30 + UInt8(fraction / 10))
        bytes.append(0x30 + UInt8(fraction % 10))
    }

    /// ``ScoreReport/fixed(_:_:)``: `x` with `digits` decimals (0–6), rounded half away from zero.
    mutating func appendFixed(_ x: Double, _ digits: Int) {
        guard x.isFinite, abs(x) < 1e12 else { return append(String(x)) }
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let n = Int64((x * Double(scale)).rounded())
        if n < 0 { bytes.append(0x2D) }
        appendDigits(n.magnitude / UInt64(scale))
        guard digits > 0 else { return }
        bytes.append(0x2E)
        appendDigits(n.magnitude % UInt64(scale), width: digits)
    }
}
