import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore
@testable import XLSX

#if canImport(FoundationXML)
    import FoundationXML
#endif

// MARK: - Helpers

/// The summary report of ``ExportTestStore`` (2026Q1 against 2025Q1 unless told otherwise).
private func buildReport(
    _ store: Store, _ period: String = "2026Q1", compare: ComparisonMode = .yearOverYear,
    scope: ReportScope = .company, stamp: String? = nil
) throws -> SummaryReport {
    try SummaryReport.build(
        store: store, period: try ReportPeriod.parse(period), compare: compare, scope: scope,
        stamp: stamp)
}

/// The JSON rendering parsed with JSONSerialization.
private func jsonDocument(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

/// `object[key]` as a dictionary.
private func dict(_ object: Any?, _ key: String) throws -> [String: Any] {
    try #require((object as? [String: Any])?[key] as? [String: Any], "no object at \(key)")
}

/// `object[key]` as an array of dictionaries.
private func list(_ object: Any?, _ key: String) throws -> [[String: Any]] {
    try #require((object as? [String: Any])?[key] as? [[String: Any]], "no array at \(key)")
}

/// A JSON number as a double (`nil` for null or anything else).
private func double(_ value: Any?) -> Double? {
    (value as? NSNumber)?.doubleValue
}

/// Every capture group of every match of `pattern` in `text`.
private func captures(_ pattern: String, in text: String) throws -> [[String]] {
    let regex = try NSRegularExpression(pattern: pattern)
    let ns = text as NSString
    return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { match in
        (0..<match.numberOfRanges).map { index in
            let range = match.range(at: index)
            return range.location == NSNotFound ? "" : ns.substring(with: range)
        }
    }
}

/// How often `needle` occurs in `text` (non-overlapping, by UTF-8 bytes).
private func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

/// The records of an RFC 4180 CSV text: the byte order mark dropped, CRLF line ends, `""` inside quotes.
private func csvRecords(_ text: String) -> [[String]] {
    var scalars = Array(text.unicodeScalars)
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    var records: [[String]] = []
    var record: [String] = []
    var field = String.UnicodeScalarView()
    var quoted = false
    var wasQuoted = false
    var index = 0
    while index < scalars.count {
        let scalar = scalars[index]
        if quoted {
            if scalar == "\"" {
                if index + 1 < scalars.count && scalars[index + 1] == "\"" {
                    field.append("\"")
                    index += 2
                    continue
                }
                quoted = false
            } else {
                field.append(scalar)
            }
        } else if scalar == "\"" && field.isEmpty && !wasQuoted {
            quoted = true
            wasQuoted = true
        } else if scalar == "," {
            record.append(String(field))
            field = String.UnicodeScalarView()
            wasQuoted = false
        } else if scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n" {
            record.append(String(field))
            records.append(record)
            record = []
            field = String.UnicodeScalarView()
            wasQuoted = false
            index += 2
            continue
        } else {
            field.append(scalar)
        }
        index += 1
    }
    if !field.isEmpty || !record.isEmpty {
        record.append(String(field))
        records.append(record)
    }
    return records
}

/// Whether `text` is well-formed XML (FoundationXML's parser).
private func isWellFormedXML(_ text: String) -> Bool {
    let parser = XMLParser(data: Data(text.utf8))
    return parser.parse()
}

/// Every `<svg …</svg>` fragment of an HTML page.
private func svgFragments(_ html: String) throws -> [String] {
    try captures("<svg[\\s\\S]*?</svg>", in: html).map { $0[0] }
}

/// Rows of a sheet: row number → column (1-based) → value.
private func sheetRows(_ workbook: Workbook, _ index: Int) throws -> [Int: [Int: CellValue]] {
    var rows: [Int: [Int: CellValue]] = [:]
    try workbook.readSheet(workbook.sheets[index]) { row in
        var cells: [Int: CellValue] = [:]
        for i in 0..<row.count { cells[row.column(at: i)] = row.value(at: i) }
        rows[row.number] = cells
    }
    return rows
}

/// The first row (in row order) whose column A is the text `label`.
private func row(labelled label: String, in rows: [Int: [Int: CellValue]]) -> [Int: CellValue]? {
    rows.keys.sorted().lazy.compactMap { rows[$0] }.first { $0[1] == .text(label) }
}

/// Every text cell of a sheet.
private func texts(_ rows: [Int: [Int: CellValue]]) -> [String] {
    rows.values.flatMap { $0.values }.compactMap { value -> String? in
        if case .text(let text) = value { return text }
        return nil
    }
}

/// The inflated text of every part of a zip package (our own reader, so formulas can be looked for in the XML).
private func packageParts(_ path: String) throws -> [String: String] {
    let archive = try ZipArchive(path: path, displayName: path, limits: .default)
    var parts: [String: String] = [:]
    let capacity = 1 << 16
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    defer { buffer.deallocate() }
    for entry in archive.entries where !entry.isDirectory {
        let stream = try ZipEntryStream(archive: archive, entry: entry)
        var bytes: [UInt8] = []
        while true {
            let count = try stream.read(into: buffer, capacity: capacity)
            if count == 0 { break }
            bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: count))
        }
        parts[entry.name] = String(decoding: bytes, as: UTF8.self)
    }
    return parts
}

/// `text` as HTML content carries it: markup escaped, a tab (like a line break) a space.
private func htmlEscaped(_ text: String) -> String {
    let spaced = text.replacingOccurrences(of: "\t", with: " ")
    return spaced.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        .replacingOccurrences(of: "'", with: "&#39;")
}

/// Differences other than in strings between two parsed JSON values, as paths.
private func nonTextDifferences(_ a: Any, _ b: Any, path: String = "$") -> [String] {
    switch (a, b) {
    case (let x as [String: Any], let y as [String: Any]):
        guard Set(x.keys) == Set(y.keys) else { return ["\(path): keys \(x.keys.sorted()) ≠ \(y.keys.sorted())"] }
        return x.keys.sorted().flatMap { nonTextDifferences(x[$0]!, y[$0]!, path: path + "." + $0) }
    case (let x as [Any], let y as [Any]):
        guard x.count == y.count else { return ["\(path): \(x.count) ≠ \(y.count) items"] }
        return zip(x, y).enumerated().flatMap { nonTextDifferences($1.0, $1.1, path: "\(path)[\($0)]") }
    case (is String, is String):
        return []
    case (is NSNull, is NSNull):
        return []
    default:
        if a is String || b is String || a is NSNull || b is NSNull { return ["\(path): \(a) ≠ \(b)"] }
        return "\(a)" == "\(b)" ? [] : ["\(path): \(a) ≠ \(b)"]
    }
}

private let sheetNamesZh = [
    "1 工作概述与核心目标", "2 销售业绩", "3 团队", "4 市场与客户", "5 费用与预算", "6 客户反馈", "7 展望",
    "A 销售人员完整排名", "B 全部预算明细", "C 逾期应收款明细", "D 超期未结投诉明细", "E 全部关注事项", "F 口径与数据来源",
]
private let sheetNamesEn = [
    "1 Work overview and core goals", "2 Sales performance", "3 Team", "4 Market and customers",
    "5 Expenses and budget", "6 Customer feedback", "7 Outlook", "A Full rep ranking", "B Every budget line",
    "C Overdue receivables", "D Complaints open too long", "E Every point for attention",
    "F Definitions and provenance",
]
private let csvNames = [
    "1-work-overview-core-goals.csv", "2-sales-performance.csv", "3-team.csv", "4-market-customers.csv",
    "5-expenses-budget.csv", "6-customer-feedback.csv", "7-outlook.csv", "A-full-rep-ranking.csv",
    "B-every-budget-line.csv", "C-overdue-receivables.csv", "D-complaints-open-too-long.csv",
    "E-every-point-for-attention.csv", "F-definitions-provenance.csv",
]
/// The section objects of the JSON, in the outline's order.
private let sectionKeys = [
    "core_goals", "sales_performance", "team", "market_and_customers", "expenses_and_budget", "customer_feedback",
    "outlook",
]

/// Names a spreadsheet would run as formulas, and one that only HTML must take care of.
private enum Hostile {
    static let names = ["=HYPERLINK(\"http://x\",\"y\")", "  +SUM(1)", "＝1+1", "@cmd", "-2+3", "\tTAB"]
    static let markup = "<b>粗</b> & \"引号\""
    static let channel = "=1+1&\"<b>\""

    /// ``ExportTestStore`` plus one customer per hostile name, each with an invoice overdue at 2026-03-31 and a
    /// complaint open since January; the `@cmd` customer also bought through a hostile channel.
    static func store() throws -> Store {
        let store = try ExportTestStore.make()
        try store.write { c in
            for (index, name) in (names + [markup]).enumerated() {
                try c.execute("INSERT INTO customer (code, name) VALUES (?, ?)", [.text("X\(index)"), .text(name)])
                try c.execute(
                    """
                    INSERT INTO receivable (invoice_no, customer_id, invoiced_on, due_on, amount_cents, paid_amount_cents)
                    VALUES (?, (SELECT id FROM customer WHERE code = ?), '2026-01-10', '2026-02-10', 10000, 0)
                    """, [.text("INV-X\(index)"), .text("X\(index)")])
                try c.execute(
                    """
                    INSERT INTO feedback (code, customer_id, received_on, kind, status)
                    VALUES (?, (SELECT id FROM customer WHERE code = ?), '2026-01-05', 'complaint', 'open')
                    """, [.text("KX\(index)"), .text("X\(index)")])
            }
            try c.execute(
                """
                INSERT INTO order_line (order_no, order_date, customer_id, product_id, amount_cents, channel, status)
                VALUES ('SO-X1', '2026-03-20', (SELECT id FROM customer WHERE code = 'X3'),
                        (SELECT id FROM product WHERE sku = 'P3'), 10000, ?, 'completed')
                """, [.text(channel)])
        }
        return store
    }
}

// MARK: - JSON

@Suite("sales-export output: JSON")
struct SummaryOutputJSONTests {
    @Test("the document has its format, the seven sections in the outline's order and complete metric objects")
    func shape() throws {
        let report = try buildReport(try ExportTestStore.make())
        let text = SummaryJSON.render(report, language: .en)
        let document = try jsonDocument(text)
        #expect(document["format"] as? String == "sales-summary/3")
        #expect(document["language"] as? String == "en")
        #expect(try dict(document, "period")["id"] as? String == "2026Q1")
        let comparison = try dict(document, "comparison")
        #expect(comparison["mode"] as? String == "yoy")
        #expect(try dict(comparison, "period")["id"] as? String == "2025Q1")
        #expect(document["scope"] as? String == "company")
        #expect(document["generated_at"] is NSNull)

        let sections = try dict(document, "sections")
        #expect(Set(sections.keys) == Set(sectionKeys))
        let positions = sectionKeys.compactMap { text.range(of: "\"\($0)\":{")?.lowerBound }
        #expect(positions.count == sectionKeys.count && positions == positions.sorted(), "sections out of order")

        // Every metric object under "sections" has exactly the documented keys.
        var metrics: [[String: Any]] = []
        func collect(_ value: Any) {
            if let object = value as? [String: Any] {
                if object["metric"] != nil { metrics.append(object) }
                object.values.forEach(collect)
            } else if let array = value as? [Any] {
                array.forEach(collect)
            }
        }
        collect(sections)
        #expect(metrics.count > 50)
        let keys: Set<String> = ["metric", "value", "unit", "missing", "comparison", "definition"]
        for metric in metrics {
            #expect(Set(metric.keys) == keys, "\(metric)")
            #expect((metric["definition"] as? String)?.isEmpty == false)
            #expect(MetricUnit(rawValue: metric["unit"] as? String ?? "") != nil)
        }
        // The definitions list every metric.
        let definitions = try list(document, "definitions")
        let ids = definitions.compactMap { $0["metric"] as? String }
        #expect(ids.count == MetricID.allCases.count && Set(ids) == Set(MetricID.allCases.map(\.rawValue)))
    }

    @Test("findings: template sentences citing the figures, largest money at stake first, first in every format")
    func findings() throws {
        let report = try buildReport(try ExportTestStore.make())
        let json = try jsonDocument(SummaryJSON.render(report, language: .en))
        let findings = try list(json, "findings")
        #expect(findings.count == report.findings.count && findings.count >= 5)
        // Growth: 18,000 against 6,500, +11,500 (176.9%), the most money; overdue money (6,000) comes next,
        // then the gap to target (18,000 against 16,000, 112.5%).
        #expect(
            findings.first?["text"] as? String == "Revenue grew 176.9% on 2025 Q1's ¥6,500.00 (+¥11,500.00).")
        #expect(findings.first?["metrics"] as? [String] == ["revenue", "growth"])
        #expect(double(findings.first?["money_at_stake"]) == 11_500)
        #expect(
            findings.contains {
                $0["text"] as? String
                    == "Revenue of ¥18,000.00 in 2026 Q1 is 112.5% of the ¥16,000.00 target (¥2,000.00 above it)."
            })
        let stakes = findings.compactMap { double($0["money_at_stake"]) }
        #expect(stakes.count == findings.count && stakes == stakes.sorted(by: >))
        for finding in findings {
            for id in finding["metrics"] as? [String] ?? [] { #expect(MetricID(rawValue: id) != nil, "\(id)") }
            #expect((1...7).contains(finding["section"] as? Int ?? 0))
        }
        let zh = try list(try jsonDocument(SummaryJSON.render(report, language: .zh)), "findings")
        #expect(zh.first?["text"] as? String == "销售额比2025年第1季度的 ¥6,500.00 增长 176.9%（+¥11,500.00）。")
        // First in the Markdown: the first table of section 1.
        let markdown = SummaryMarkdown.render(report, language: .zh)
        let sectionOne = try #require(markdown.range(of: "## 1. 工作概述与核心目标\n"))
        #expect(markdown[sectionOne.upperBound...].hasPrefix("\n### 要点\n"))
    }

    @Test("revenue is the hand-worked 18,000 yuan against 6,500, written with exactly two decimals")
    func revenue() throws {
        let report = try buildReport(try ExportTestStore.make())
        for language in OutputLanguage.allCases {
            let text = SummaryJSON.render(report, language: language)
            let revenue = try dict(try dict(try jsonDocument(text), "sections"), "core_goals")["revenue"]
            let object = try #require(revenue as? [String: Any])
            // SummaryMetricsTests.revenue: 1,800,000 cents against 650,000.
            #expect(double(object["value"]) == 18_000.00)
            #expect(object["unit"] as? String == "cny")
            #expect(object["missing"] is NSNull)
            let comparison = try dict(object, "comparison")
            #expect(double(comparison["value"]) == 6_500.00)
            #expect(comparison["period"] as? String == "2025Q1")
            #expect(comparison["direction"] as? String == "up")
            #expect(text.contains("{\"metric\":\"revenue\",\"value\":18000.00,\"unit\":\"cny\""))
            // Completion 18,000 ÷ 16,000 as a fraction.
            let completion = try dict(
                try dict(try dict(try jsonDocument(text), "sections"), "core_goals"),
                "target_completion")
            #expect(double(completion["value"]) == 1.125)
        }
    }

    @Test("every money figure has exactly two decimals in the raw text")
    func moneyDecimals() throws {
        let text = SummaryJSON.render(try buildReport(try ExportTestStore.make()), language: .zh)
        let string = "\"(?:[^\"\\\\]|\\\\.)*\""
        let number = "-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?"
        // Metric values of unit cny, and the comparison value that follows them.
        let values = try captures("\"value\":(\(number)|null),\"unit\":\"cny\"", in: text).map { $0[1] }
        let compared = try captures(
            "\"unit\":\"cny\",\"missing\":(?:null|\(string)),\"comparison\":\\{\"period\":(?:null|\(string)),"
                + "\"value\":(\(number)|null)", in: text
        ).map { $0[1] }
        // Plain money fields of the lists.
        let plain = try captures("\"(?:outstanding|budget|spent)\":(\(number))", in: text).map { $0[1] }
        #expect(values.count > 20 && compared.count > 10 && plain.count > 10)
        for raw in values + compared + plain where raw != "null" {
            #expect(try captures("^-?[0-9]+\\.[0-9]{2}$", in: raw).count == 1, "money written as \(raw)")
        }
    }

    @Test("a figure that cannot be computed is null with its reason, never 0")
    func missing() throws {
        let document = try jsonDocument(SummaryJSON.render(try buildReport(try ExportTestStore.make()), language: .en))
        let regions = try list(try dict(document, "sections")["sales_performance"], "regions")
        #expect(regions.compactMap { $0["name"] as? String } == ["华东", "华南", "西部"])
        // 西部 has no target for 2026Q1 (SummaryMetricsTests.regions).
        let west = try #require(regions.last)
        for key in ["target", "completion"] {
            let metric = try dict(west, key)
            #expect(metric["value"] is NSNull, "\(key)")
            let reason = try #require(metric["missing"] as? String)
            #expect(reason.contains("西部"))
        }
        #expect(west["under_target"] as? Bool == false)
        // 华南's 2025Q1 target covers only two months: the comparison value is null with the reason.
        let south = try dict(try #require(regions.dropFirst().first), "target")
        #expect(double(south["value"]) == 6_000.00)
        let comparison = try dict(south, "comparison")
        #expect(comparison["value"] is NSNull)
        #expect((comparison["missing"] as? String)?.isEmpty == false)
        // The months after the period are missing, not 0.
        let months = try list(try dict(document, "sections")["sales_performance"], "months")
        let april = try dict(try #require(months.dropFirst(3).first), "revenue")
        #expect(april["value"] is NSNull && (april["missing"] as? String)?.isEmpty == false)
    }

    @Test("zh and en carry the same numbers; only the texts differ")
    func languagesDifferOnlyInText() throws {
        let report = try buildReport(try ExportTestStore.make())
        let zhText = SummaryJSON.render(report, language: .zh)
        let enText = SummaryJSON.render(report, language: .en)
        #expect(zhText != enText)
        let zh = try jsonDocument(zhText)
        let en = try jsonDocument(enText)
        #expect(nonTextDifferences(zh, en) == [])
        #expect(zh["language"] as? String == "zh" && en["language"] as? String == "en")
        // The labels really are translated.
        let zhFlags = try list(zh, "flags").compactMap { $0["text"] as? String }
        let enFlags = try list(en, "flags").compactMap { $0["text"] as? String }
        #expect(!zhFlags.isEmpty && zhFlags != enFlags)
    }

    @Test("the flags of the hand-worked store: what is under target, shrinking, over budget, overdue, stale")
    func flags() throws {
        let document = try jsonDocument(SummaryJSON.render(try buildReport(try ExportTestStore.make()), language: .en))
        let flags = try list(document, "flags")
        let pairs = flags.map { "\($0["kind"] as? String ?? "?") \($0["subject"] as? String ?? "?")" }
        // From SummaryMetricsTests: 华东 97.5% of target (华南 above, 西部 without target); 耗材 fell from 500 to 0;
        // han under 80% in 2025Q4 and 2026Q1; zhao the quarterly star of 2026Q1 and East-1 its team award (nobody
        // has three rated customers for the satisfaction award);
        // budget rows 1 (company advertising 3,000 of 2,500), 3 (华东 travel 500 of 400) and 7 (li advertising
        // 2,000 of 1,000) overrun; two invoices overdue; two complaints open over 30 days.
        let expected = [
            "region_under_target 华东", "product_line_shrinking 耗材", "improvement_plan han", "award_winner zhao",
            "award_winner East-1", "budget_overrun company//advertising/2026Q1",
            "budget_overrun region/华东/travel/2026-02", "budget_overrun rep/li/advertising/2026Q1",
            "overdue_receivables ", "stale_complaints ",
        ]
        #expect(Set(pairs) == Set(expected))
        #expect(pairs.count == expected.count)
        let byKind = Dictionary(grouping: flags) { $0["kind"] as? String ?? "" }
        let sectionOf = { (kind: String) in byKind[kind]?.compactMap { $0["section"] as? Int } ?? [] }
        #expect(sectionOf("region_under_target") == [2] && sectionOf("budget_overrun") == [5, 5, 5])
        #expect(sectionOf("overdue_receivables") == [2] && sectionOf("stale_complaints") == [6])
        // The three overruns (500, 100 and 1,000 yuan) are all within ¥10,000: none is material.
        let material = { (kind: String) in byKind[kind]?.compactMap { $0["material"] as? Bool } ?? [] }
        #expect(material("budget_overrun") == [false, false, false])
        #expect(material("region_under_target") == [true] && material("overdue_receivables") == [true])

        let text = { (kind: String) in byKind[kind]?.first?["text"] as? String ?? "" }
        #expect(text("region_under_target") == "Region 华东 is under target: 97.5% completion")
        #expect(text("product_line_shrinking") == "Product line 耗材 is shrinking: -100.0% growth")
        #expect(text("overdue_receivables") == "2 overdue invoices, ¥6,000.00 in all")
        #expect(text("stale_complaints") == "2 complaints open longer than 30 days")
        #expect(
            text("budget_overrun") == "Budget overrun: Company Advertising 2026Q1, budget ¥2,500.00, spent ¥3,000.00")
        #expect(
            text("improvement_plan")
                == "韩梅 (han) under 80.0% completion two quarters running (2025 Q4 50.0%, 2026 Q1 62.5%)")

        let zh = try list(
            try jsonDocument(
                SummaryJSON.render(
                    try buildReport(try ExportTestStore.make()),
                    language: .zh)), "flags")
        #expect(zh.first?["text"] as? String == "区域 华东 未完成目标：完成率 97.5%")
        #expect(zh.contains { $0["text"] as? String == "逾期应收款 2 笔，共 ¥6,000.00" })
        #expect(zh.contains { $0["text"] as? String == "预算超支：全公司 广告 2026Q1 预算 ¥2,500.00，已花费 ¥3,000.00" })
    }

    @Test("flags come in section order, as ReportFlag.flags(of:options:) documents")
    func flagsInSectionOrder() throws {
        let report = try buildReport(try ExportTestStore.make())
        let sections = report.flags.map(\.section.rawValue)
        #expect(sections.contains(2) && sections.contains(5))
        #expect(sections == sections.sorted())
    }
}

// MARK: - XLSX

@Suite("sales-export output: XLSX")
struct SummaryOutputXLSXTests {
    @Test("a sheet per section and appendix, in the report's order and language", arguments: OutputLanguage.allCases)
    func sheets(language: OutputLanguage) throws {
        let report = try buildReport(try ExportTestStore.make())
        let path = try temporaryDirectory().appendingPathComponent("summary.xlsx").path
        try SummaryXLSX.write(report, language: language, to: path)
        let workbook = try Workbook(path: path)
        #expect(workbook.sheets.map(\.name) == (language == .zh ? sheetNamesZh : sheetNamesEn))
        #expect(workbook.sheets.allSatisfy { $0.kind == .worksheet && $0.state == .visible })
    }

    @Test(
        "figures are numbers: revenue equals the JSON value, percentages are fractions, due dates are dates",
        arguments: OutputLanguage.allCases)
    func numbers(language: OutputLanguage) throws {
        let report = try buildReport(try ExportTestStore.make())
        let path = try temporaryDirectory().appendingPathComponent("summary.xlsx").path
        try SummaryXLSX.write(report, language: language, to: path)
        let workbook = try Workbook(path: path)

        let core = try sheetRows(workbook, 0)
        let json = try jsonDocument(SummaryJSON.render(report, language: language))
        let jsonRevenue = try #require(
            double(
                try dict(try dict(json, "sections"), "core_goals")["revenue"]
                    .flatMap { ($0 as? [String: Any])?["value"] }))
        let revenue = try #require(row(labelled: MetricID.revenue.definition.name(language), in: core))
        #expect(revenue[2] == .number(jsonRevenue))
        #expect(revenue[2] == .number(18_000))
        #expect(revenue[3] == .number(6_500))

        for id in [
            MetricID.targetCompletion, .growth, .newCustomerShare, .repurchaseRate, .complaintRate,
            .tierARetention,
        ] {
            let cells = try #require(row(labelled: id.definition.name(language), in: core), "\(id)")
            guard case .number(let value)? = cells[2] else {
                Issue.record("\(id): \(String(describing: cells[2])) is not a number")
                continue
            }
            #expect(value >= 0 && value <= 10, "\(id): \(value)")
        }
        let completion = try #require(row(labelled: MetricID.targetCompletion.definition.name(language), in: core))
        #expect(completion[2] == .number(1.125))

        // Overdue invoices (SummaryMetricsTests.receivables): INV-4 due 2025-12-11, INV-2 due 2026-03-14.
        let indicators = try sheetRows(workbook, 9)
        #expect(row(labelled: "INV-4", in: indicators)?[4] == .date(ExcelDateTime(year: 2025, month: 12, day: 11)))
        #expect(row(labelled: "INV-2", in: indicators)?[4] == .date(ExcelDateTime(year: 2026, month: 3, day: 14)))
        #expect(row(labelled: "INV-4", in: indicators)?[5] == .number(3_000))
        #expect(row(labelled: "INV-4", in: indicators)?[6] == .number(110))
        // Stale complaints (SummaryMetricsTests.complaints): K2 received 2026-02-01.
        let feedback = try sheetRows(workbook, 10)
        #expect(row(labelled: "K2", in: feedback)?[4] == .date(ExcelDateTime(year: 2026, month: 2, day: 1)))

        // A missing figure is the text "—", never 0: 西部 has no target.
        let sales = try sheetRows(workbook, 1)
        let west = try #require(row(labelled: "西部", in: sales))
        #expect(west[2] == .number(0))
        #expect(west[3] == .text("—"))
    }

    @Test("every sheet prints on A4, one page wide, landscape when wide, with the title row on every page")
    func printSetup() throws {
        let report = try buildReport(try ExportTestStore.make())
        let path = try temporaryDirectory().appendingPathComponent("summary.xlsx").path
        try SummaryXLSX.write(report, language: .zh, to: path)
        let parts = try packageParts(path)
        let workbookPart = try #require(parts["xl/workbook.xml"])
        var orientations: [String] = []
        for section in ReportSection.allCases {
            let index = section.rawValue - 1
            let sheet = try #require(parts["xl/worksheets/sheet\(index + 1).xml"])
            #expect(sheet.contains("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr><sheetViews>"), "\(section)")
            // Wider than about 90 characters of columns: landscape (the widths are the sheet's own <col> widths).
            let widths = try captures("<col min=\"[0-9]+\" max=\"[0-9]+\" width=\"([0-9.]+)\"", in: sheet)
                .compactMap { Double($0[1]) }
            let orientation = widths.reduce(0, +) > 90 ? "landscape" : "portrait"
            orientations.append(orientation)
            #expect(
                sheet.contains(
                    "<pageSetup paperSize=\"9\" orientation=\"\(orientation)\" fitToWidth=\"1\" fitToHeight=\"0\"/></worksheet>"
                ),
                "\(section)")
            let name = SummaryXLSX.sheetName(section, language: .zh)
            // A sheet of one table (the outlook, appendices A–E) has its header row in row 2, printed on every
            // page with the title line.
            let single = report.tables(.zh).first { $0.section == section }?.tables.count == 1
            #expect(single == (section.isAppendix && section != .definitions || section == .outlook), "\(section)")
            let rows = single ? "$1:$2" : "$1:$1"
            #expect(
                workbookPart.contains(
                    "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(index)\">'\(name)'!\(rows)</definedName>"
                ),
                "\(section)")
        }
        // The definitions (formula and rule columns of up to 60 characters) are wide.
        #expect(orientations.last == "landscape")
        #expect(Set(orientations).count == 2)
    }

    @Test("the change column is a fraction, as in CSV and JSON; growth is not repeated in it")
    func changeColumn() throws {
        let report = try buildReport(try ExportTestStore.make())
        let path = try temporaryDirectory().appendingPathComponent("summary.xlsx").path
        try SummaryXLSX.write(report, language: .en, to: path)
        let workbook = try Workbook(path: path)
        let core = try sheetRows(workbook, 0)
        let goals = report.data.coreGoals
        // Revenue 18,000 against 6,500: a relative change.
        #expect(row(labelled: "Revenue", in: core)?[4] == .number((18_000.0 - 6_500) / 6_500))
        // Repurchase 2 of 5 against 2025Q1's: the change in points ÷ 100, as CSV writes it.
        let repurchase = try #require(goals.repurchaseRate.comparison?.doubleValue)
        guard case .number(let points)? = row(labelled: "Repurchase rate", in: core)?[4] else {
            Issue.record("the repurchase change is not a number")
            return
        }
        #expect(abs(points - (0.4 - repurchase)) < 1e-12)
        #expect(abs(points) < 1)
        // Growth's change is against 2025Q1's own growth, which needs 2024Q1's revenue (none): no change to
        // show, and the note says why; the growth itself is not repeated in the change column.
        let growth = try #require(row(labelled: "Growth", in: core))
        #expect(growth[4] == nil || growth[4] == .text(""))
        guard case .text(let note)? = growth[5] else {
            Issue.record("the growth row has no note")
            return
        }
        #expect(note.hasSuffix("no revenue in 2024Q1 to compare with"))
        // A channel's share change: the same fraction as the JSON's share_change.
        let market = try sheetRows(workbook, 3)
        let json = try jsonDocument(SummaryJSON.render(report, language: .en))
        let channels = try list(try dict(try dict(json, "sections"), "market_and_customers"), "channels")
        let ecommerce = try #require(channels.first { $0["channel"] as? String == "ecommerce" })
        let change = try #require(double(ecommerce["share_change"]))
        guard case .number(let cell)? = row(labelled: "E-commerce", in: market)?[5] else {
            Issue.record("the e-commerce share change is not a number")
            return
        }
        #expect(abs(cell - change) < 0.000001)
    }

    @Test("writing the same report twice gives byte-identical workbooks")
    func deterministic() throws {
        let report = try buildReport(try ExportTestStore.make())
        let dir = try temporaryDirectory()
        for language in OutputLanguage.allCases {
            let first = dir.appendingPathComponent("a-\(language).xlsx").path
            let second = dir.appendingPathComponent("b-\(language).xlsx").path
            try SummaryXLSX.write(report, language: language, to: first)
            try SummaryXLSX.write(report, language: language, to: second)
            let a = try Data(contentsOf: URL(fileURLWithPath: first))
            let b = try Data(contentsOf: URL(fileURLWithPath: second))
            #expect(!a.isEmpty && a == b, "\(language)")
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
                == ["a-en.xlsx", "a-zh.xlsx", "b-en.xlsx", "b-zh.xlsx"])
    }
}

// MARK: - CSV

@Suite("sales-export output: CSV")
struct SummaryOutputCSVTests {
    @Test("a file per section and appendix, BOM, CRLF, written whole into the folder")
    func files() throws {
        let report = try buildReport(try ExportTestStore.make())
        #expect(ReportSection.allCases.map(SummaryCSV.fileName) == csvNames)
        for language in OutputLanguage.allCases {
            let files = SummaryCSV.files(report, language: language)
            #expect(files.map(\.name) == csvNames)
            for file in files {
                let bytes = Array(file.text.utf8)
                #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(file.name)")
                #expect(bytes.count > 3 && bytes.suffix(2) == [0x0D, 0x0A], "\(file.name)")
                for (index, byte) in bytes.enumerated() where byte == 0x0A {
                    #expect(index > 0 && bytes[index - 1] == 0x0D, "\(file.name): bare LF at byte \(index)")
                }
            }
        }
        let dir = try temporaryDirectory().appendingPathComponent("csv")
        let written = try SummaryOutput.write(report, format: .csv, language: .en, to: dir.path)
        #expect(written.map { URL(fileURLWithPath: $0).lastPathComponent } == csvNames)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == csvNames.sorted())
        let onDisk = try Data(contentsOf: dir.appendingPathComponent(csvNames[0]))
        #expect(onDisk == Data(SummaryCSV.files(report, language: .en)[0].text.utf8))
    }

    @Test("the core-goals block holds the revenue row with plain numbers", arguments: OutputLanguage.allCases)
    func revenueRow(language: OutputLanguage) throws {
        let report = try buildReport(try ExportTestStore.make())
        let core = try #require(SummaryCSV.files(report, language: language).first)
        let records = csvRecords(core.text)
        // The file starts with the findings block: its title, then its header; the headline table follows.
        let title = try #require(report.tables(language).first?.tables.first?.title)
        #expect(!title.isEmpty && records.first == [title] && title == ReportString.findingsTitle.text(language))
        #expect(records.dropFirst().first?.first == ReportString.rank.text(language))
        #expect(records.contains { $0.first == ReportString.metric.text(language) })
        let revenue = try #require(records.first { $0.first == MetricID.revenue.definition.name(language) })
        #expect(Array(revenue.prefix(3)) == [MetricID.revenue.definition.name(language), "18000.00", "6500.00"])
        let completion = try #require(records.first { $0.first == MetricID.targetCompletion.definition.name(language) })
        #expect(completion.dropFirst().first.flatMap { Double($0) } == 1.125)
        // The blocks are separated by an empty line.
        #expect(records.contains([""]))
    }
}

// MARK: - Formula injection

@Suite("sales-export output: text a spreadsheet could run as a formula")
struct SummaryOutputInjectionTests {
    @Test(
        "isRisky on formula starts, also after spaces, full-width and behind a tab",
        arguments: [
            ("=1+1", true), ("+1", true), ("-1", true), ("@SUM(A1)", true), ("\t=1", true), ("\r=1", true),
            ("＝1+1", true), ("＋1", true), ("－1", true), ("＠x", true), ("  +SUM(1)", true), ("\u{3000}=1", true),
            ("\u{00A0}-1", true), ("=HYPERLINK(\"http://x\",\"y\")", true), ("\tTAB", true),
            ("abc", false), ("中文", false), ("1-2", false), ("", false), ("   ", false), ("a=b", false),
            ("'=1", false), ("1+1", false), (" abc", false), ("李雷 (li)", false),
        ] as [(String, Bool)])
    func isRisky(text: String, risky: Bool) {
        #expect(SpreadsheetSafety.isRisky(text) == risky)
        #expect(SpreadsheetSafety.neutralized(text) == (risky ? "'" + text : text))
    }

    @Test("a carriage return that starts a CR LF pair is still a leading carriage return")
    func carriageReturnLineFeed() {
        // Swift reads "\r\n" as one Character, which is neither "\r" nor "\n".
        #expect(SpreadsheetSafety.isRisky("\r=1+1"))
        #expect(SpreadsheetSafety.isRisky("\r\n=1+1"))
        #expect(SpreadsheetSafety.neutralized("\r\n=1+1") == "'\r\n=1+1")
    }

    @Test("Markdown keeps a name with a CR LF on its table row")
    func markdownLineBreaks() throws {
        #expect(SummaryMarkdown.escape("甲\n乙") == "甲 乙" && SummaryMarkdown.escape("甲\r乙") == "甲 乙")
        let store = try ExportTestStore.make()
        try store.write { c in
            try c.execute("INSERT INTO customer (code, name) VALUES ('XCR', ?)", [.text("甲\r\n| 乙 |")])
            try c.execute(
                """
                INSERT INTO receivable (invoice_no, customer_id, invoiced_on, due_on, amount_cents, paid_amount_cents)
                VALUES ('INV-CR', (SELECT id FROM customer WHERE code = 'XCR'), '2026-01-10', '2026-02-10', 10000, 0)
                """)
        }
        let markdown = SummaryMarkdown.render(try buildReport(store), language: .en)
        // Lines split at every LF scalar, as a Markdown reader splits them.
        let lines = markdown.unicodeScalars.split(separator: "\n").map { String(String.UnicodeScalarView($0)) }
        let line = try #require(lines.first { $0.contains("INV-CR") })
        #expect(!SummaryMarkdown.escape("甲\r\n乙").unicodeScalars.contains { $0 == "\r" || $0 == "\n" })
        #expect(line.contains("乙"), "the table row was broken: \(line)")
    }

    @Test("CSV fields start with a quote mark, keeping the rest as it was")
    func csv() throws {
        let report = try buildReport(try Hostile.store())
        let files = Dictionary(uniqueKeysWithValues: SummaryCSV.files(report, language: .en).map { ($0.name, $0.text) })
        for name in ["C-overdue-receivables.csv", "D-complaints-open-too-long.csv"] {
            let fields = Set(csvRecords(try #require(files[name])).flatMap { $0 })
            for hostile in Hostile.names {
                #expect(fields.contains("'" + hostile), "\(name): \(hostile.debugDescription)")
                #expect(!fields.contains(hostile), "\(name): \(hostile.debugDescription) left as is")
            }
            #expect(fields.contains(Hostile.markup))
        }
        let channels = Set(csvRecords(try #require(files["4-market-customers.csv"])).flatMap { $0 })
        #expect(channels.contains("'" + Hostile.channel) && !channels.contains(Hostile.channel))
    }

    @Test("XLSX cells read back as the very text, as string cells without a quote or a formula")
    func xlsx() throws {
        let report = try buildReport(try Hostile.store())
        let path = try temporaryDirectory().appendingPathComponent("hostile.xlsx").path
        try SummaryXLSX.write(report, language: .zh, to: path)
        let workbook = try Workbook(path: path)
        for index in [9, 10] {
            let cells = texts(try sheetRows(workbook, index))
            for hostile in Hostile.names + [Hostile.markup] {
                #expect(cells.contains(hostile), "sheet \(index + 1): \(hostile.debugDescription)")
                #expect(!cells.contains("'" + hostile), "sheet \(index + 1): \(hostile.debugDescription)")
            }
        }
        #expect(texts(try sheetRows(workbook, 3)).contains(Hostile.channel))
        let parts = try packageParts(path)
        let sheets = parts.filter { $0.key.hasPrefix("xl/worksheets/") && $0.key.hasSuffix(".xml") }
        #expect(sheets.count == ReportSection.allCases.count)
        for (name, xml) in sheets {
            #expect(!xml.contains("<f>") && !xml.contains("<f ") && !xml.contains("t=\"str\""), "\(name) has a formula")
        }
    }

    @Test("JSON keeps the names as they are; HTML and Markdown escape them")
    func textFormats() throws {
        let report = try buildReport(try Hostile.store())
        let all = Hostile.names + [Hostile.markup]
        let document = try jsonDocument(SummaryJSON.render(report, language: .en))
        let sections = try dict(document, "sections")
        let overdue = try list(sections["sales_performance"], "overdue_list").compactMap {
            $0["customer_name"] as? String
        }
        let stale = try list(sections["customer_feedback"], "stale_list").compactMap { $0["customer_name"] as? String }
        let channels = try list(sections["market_and_customers"], "channels").compactMap { $0["channel"] as? String }
        #expect(Set(all).isSubset(of: Set(overdue)) && Set(all).isSubset(of: Set(stale)))
        #expect(channels.contains(Hostile.channel))

        for language in OutputLanguage.allCases {
            let html = SummaryHTML.render(report, language: language)
            for name in all + [Hostile.channel] {
                #expect(html.contains(htmlEscaped(name)), "\(name.debugDescription)")
            }
            #expect(!html.contains("<b>"), "raw markup from the data")
            #expect(!html.contains("=HYPERLINK(\"http"))
            // The channel's name is drawn in the charts too: they must stay well-formed.
            for svg in try svgFragments(html) { #expect(isWellFormedXML(svg), "\(svg.prefix(200))") }

            let markdown = SummaryMarkdown.render(report, language: language)
            #expect(!markdown.contains("<b>") && markdown.contains("&lt;b&gt;粗&lt;/b&gt;"))
        }
    }
}

// MARK: - HTML

@Suite("sales-export output: HTML")
struct SummaryOutputHTMLTests {
    @Test(
        "one self-contained document: seven sections and six appendices, inline SVG charts that parse, nothing fetched or run",
        arguments: OutputLanguage.allCases)
    func document(language: OutputLanguage) throws {
        let html = SummaryHTML.render(try buildReport(try ExportTestStore.make()), language: language)
        #expect(html.hasPrefix("<!DOCTYPE html>\n"))
        #expect(occurrences(of: "<!DOCTYPE", in: html) == 1)
        #expect(occurrences(of: "<html", in: html) == 1 && occurrences(of: "</html>", in: html) == 1)
        #expect(html.hasSuffix("</html>\n"))
        #expect(occurrences(of: "<section", in: html) == 13 && occurrences(of: "</section>", in: html) == 13)

        let svgs = try svgFragments(html)
        #expect(svgs.count >= 5)
        #expect(svgs.count == occurrences(of: "<svg", in: html))
        for svg in svgs { #expect(isWellFormedXML(svg), "\(svg.prefix(300))") }

        let lower = html.lowercased()
        for forbidden in [
            "<script", "http://", "https://", "src=", "@import", "<link", "<iframe", "<img", "<object",
            "<embed", "javascript:", "onload=", "onclick=", "onerror=",
        ] {
            #expect(!lower.contains(forbidden), "\(forbidden)")
        }
        // `url(` only for the charts' own hatching patterns (`url(#id)`), never for anything outside the page.
        let urls = try captures("url\\(([^)]*)\\)", in: lower).map { $0[1] }
        #expect(urls.allSatisfy { $0.hasPrefix("#") }, "\(urls.filter { !$0.hasPrefix("#") })")
        #expect(occurrences(of: "url(", in: lower) == urls.count)

        if language == .zh {
            #expect(html.contains("<html lang=\"zh-CN\">"))
            for label in ["销售工作总结", "工作概述与核心目标", "销售业绩", "附录 F 口径与数据来源", "需关注事项", "分区域业绩", "各区域销售额与目标", "展望"] {
                #expect(html.contains(label), "\(label)")
            }
        } else {
            #expect(html.contains("<html lang=\"en\">"))
            #expect(html.contains("Sales summary") && html.contains("Definitions and provenance"))
        }
    }
}

// MARK: - Reproducibility and provenance

@Suite("sales-export output: byte-identical files, stamp, data hash and batches")
struct SummaryOutputReproducibilityTests {
    @Test("building twice and rendering twice gives the same bytes in every format")
    func byteIdentical() throws {
        let store = try ExportTestStore.make()
        let first = try buildReport(store)
        let second = try buildReport(store)
        // The same company written into a second store gives the same bytes too.
        let other = try buildReport(try ExportTestStore.make())
        let dir = try temporaryDirectory()
        for language in OutputLanguage.allCases {
            for format in [SummaryFormat.md, .json, .html] {
                let a = SummaryOutput.text(first, format: format, language: language)
                #expect(a != nil && a == SummaryOutput.text(first, format: format, language: language))
                #expect(a == SummaryOutput.text(second, format: format, language: language), "\(format) \(language)")
                #expect(a == SummaryOutput.text(other, format: format, language: language), "\(format) \(language)")
            }
            let csv = SummaryCSV.files(first, language: language)
            #expect(csv.map(\.text) == SummaryCSV.files(second, language: language).map(\.text))
            var workbooks: [Data] = []
            for (index, report) in [first, second, other].enumerated() {
                let path = dir.appendingPathComponent("\(language)-\(index).xlsx").path
                try SummaryOutput.write(report, format: .xlsx, language: language, to: path)
                workbooks.append(try Data(contentsOf: URL(fileURLWithPath: path)))
            }
            #expect(workbooks[0] == workbooks[1] && workbooks[0] == workbooks[2], "xlsx \(language)")
        }
    }

    @Test(
        "on three snapshot twins or on one connection, the report is the same, in every scope",
        arguments: [ReportScope.company, .region("华东"), .team("South-1")])
    func parallelEqualsSerial(scope: ReportScope) throws {
        let store = try ExportTestStore.make()
        let period = try ReportPeriod.parse("2026Q1")
        let parallel = try SummaryReport.build(
            store: store, period: period, compare: .yearOverYear, scope: scope,
            options: SummaryOptions(), stamp: nil, hashInParallel: true)
        let serial = try SummaryReport.build(
            store: store, period: period, compare: .yearOverYear, scope: scope,
            options: SummaryOptions(), stamp: nil, hashInParallel: false)
        #expect(parallel.data == serial.data)
        #expect(parallel.provenance == serial.provenance)
        #expect(SummaryJSON.render(parallel, language: .en) == SummaryJSON.render(serial, language: .en))
        // Both saw the months, channels and product lines.
        #expect(
            !parallel.data.salesPerformance.productLines.isEmpty && !parallel.data.marketAndCustomers.channels.isEmpty)
    }

    @Test("while another connection holds the write lock, the report is computed on one connection, the same")
    func writeLockHeldFallsBackToOneConnection() throws {
        let store = try ExportTestStore.make()
        let expected = try buildReport(store)
        let writer = try Connection(path: store.path)
        try writer.execute("BEGIN IMMEDIATE")
        defer {
            try? writer.execute("ROLLBACK")
            writer.close()
        }
        #expect(try buildReport(store).provenance == expected.provenance)
        #expect(try buildReport(store).data == expected.data)
    }

    @Test("--stamp adds the time of writing and nothing else")
    func stamp() throws {
        let store = try ExportTestStore.make()
        let stampText = "2026-01-01T00:00:00Z"
        let plain = try buildReport(store)
        let stamped = try buildReport(store, stamp: stampText)
        #expect(stamped.stamp == stampText && plain.stamp == nil)
        for language in OutputLanguage.allCases {
            let label = ReportString.generatedAt.text(language)
            let md = SummaryMarkdown.render(stamped, language: language)
            let plainMD = SummaryMarkdown.render(plain, language: language)
            #expect(md.contains("- " + label + (language == .zh ? "：" : ": ") + stampText))
            #expect(!plainMD.contains(stampText) && !plainMD.contains(label))
            #expect(
                md.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains(stampText) }
                    == plainMD.split(separator: "\n", omittingEmptySubsequences: false))
            #expect(
                try jsonDocument(SummaryJSON.render(stamped, language: language))["generated_at"] as? String
                    == stampText)
            #expect(SummaryHTML.render(stamped, language: language).contains(stampText))
            #expect(!SummaryHTML.render(plain, language: language).contains(stampText))
            #expect(SummaryCSV.files(stamped, language: language).last?.text.contains(stampText) == true)
        }
        #expect(stamped.provenance.dataSHA256 == plain.provenance.dataSHA256)
    }

    @Test("the data SHA-256 is one per data: the same in every language and format, new when a figure changes")
    func dataHash() throws {
        let store = try ExportTestStore.make()
        let report = try buildReport(store)
        let hash = report.provenance.dataSHA256
        #expect(try captures("^[0-9a-f]{64}$", in: hash).count == 1)
        #expect(try buildReport(store).provenance.dataSHA256 == hash)
        #expect(try buildReport(store, compare: .previous).provenance.dataSHA256 == hash)

        var printed: [String] = []
        for language in OutputLanguage.allCases {
            let json = try jsonDocument(SummaryJSON.render(report, language: language))
            printed.append(try #require(try dict(json, "provenance")["data_sha256"] as? String))
            let md = SummaryMarkdown.render(report, language: language)
            let label = NSRegularExpression.escapedPattern(for: ReportString.dataSHA256.text(language))
            printed += try captures("- \(label)(?:：|: )([0-9a-f]{64})", in: md).map { $0[1] }
            #expect(SummaryHTML.render(report, language: language).contains(hash))
        }
        #expect(printed == Array(repeating: hash, count: 4))

        // One order line's amount changes by one fen: a new hash (and revenue 18,000.01).
        try store.write {
            try $0.execute("UPDATE order_line SET amount_cents = amount_cents + 1 WHERE order_no = 'SO-2604'")
        }
        let changed = try buildReport(store)
        #expect(changed.provenance.dataSHA256 != hash)
        #expect(SummaryJSON.render(changed, language: .en).contains("{\"metric\":\"revenue\",\"value\":18000.01,"))
        try store.write {
            try $0.execute("UPDATE order_line SET amount_cents = amount_cents - 1 WHERE order_no = 'SO-2604'")
        }
        #expect(try buildReport(store).provenance.dataSHA256 == hash, "back to the same data, back to the same hash")
        // A line outside the period is data the summary reads too (months, seasonality, first orders).
        try store.write {
            try $0.execute("UPDATE order_line SET amount_cents = amount_cents + 1 WHERE order_no = 'SO-2401'")
        }
        #expect(try buildReport(store).provenance.dataSHA256 != hash)
    }

    @Test("the batches list names the committed import batches only")
    func batches() throws {
        let store = try ExportTestStore.make()
        let before = try buildReport(store)
        #expect(before.provenance.batches.isEmpty)
        #expect(SummaryMarkdown.render(before, language: .zh).contains(ReportString.noBatches.text(.zh)))
        let sha = String(repeating: "ab", count: 32)
        try store.write { c in
            try c.execute(
                """
                INSERT INTO import_batch (id, file_name, file_sha256, started_at, finished_at, user_name, status) VALUES
                    (7, 'orders-2026Q1.xlsx', '\(sha)', '2026-04-01T09:00:00Z', '2026-04-01T09:00:05Z', 'analyst',
                     'committed'),
                    (8, 'half-done.xlsx', NULL, '2026-04-02T09:00:00Z', NULL, 'analyst', 'open'),
                    (9, 'mistake.xlsx', NULL, '2026-04-03T09:00:00Z', '2026-04-03T09:00:01Z', 'analyst', 'undone')
                """)
        }
        let report = try buildReport(store)
        #expect(report.provenance.batches.map(\.id) == [7])
        // Batches are bookkeeping, not data the figures are read from.
        #expect(report.provenance.dataSHA256 == before.provenance.dataSHA256)

        let batches = try list(
            try dict(try jsonDocument(SummaryJSON.render(report, language: .en)), "provenance"),
            "batches")
        #expect(batches.count == 1)
        let batch = try #require(batches.first)
        #expect(batch["id"] as? Int == 7 && batch["file_name"] as? String == "orders-2026Q1.xlsx")
        #expect(batch["file_sha256"] as? String == sha && batch["user_name"] as? String == "analyst")
        #expect(batch["finished_at"] as? String == "2026-04-01T09:00:05Z")

        for language in OutputLanguage.allCases {
            let md = SummaryMarkdown.render(report, language: language)
            #expect(md.contains("orders-2026Q1.xlsx") && md.contains(sha))
            #expect(!md.contains("half-done.xlsx") && !md.contains("mistake.xlsx"))
            #expect(!md.contains(ReportString.noBatches.text(language)))
            let csv = try #require(SummaryCSV.files(report, language: language).last)
            #expect(csv.name == "F-definitions-provenance.csv")
            #expect(csvRecords(csv.text).contains { $0.first == "7" && $0.dropFirst().first == "orders-2026Q1.xlsx" })
        }
        let path = try temporaryDirectory().appendingPathComponent("batches.xlsx").path
        try SummaryXLSX.write(report, language: .en, to: path)
        let provenance = try sheetRows(try Workbook(path: path), 12)
        #expect(texts(provenance).contains("orders-2026Q1.xlsx"))
    }
}

// MARK: - Writing files

@Suite("sales-export output: where --out points")
struct SummaryOutputWriteTests {
    @Test("a folder for a file format and a file for CSV are refused; a missing parent is an I/O error")
    func refusals() throws {
        let report = try buildReport(try ExportTestStore.make())
        let dir = try temporaryDirectory()
        #expect(throws: ExportError.self) {
            _ = try SummaryOutput.write(report, format: .md, language: .en, to: dir.path)
        }
        do {
            try SummaryOutput.write(report, format: .html, language: .en, to: dir.path)
            Issue.record("wrote HTML over a folder")
        } catch let error as ExportError {
            #expect(!error.isIO && error.message.contains(dir.path))
        }
        let file = dir.appendingPathComponent("taken.txt")
        try Data("x".utf8).write(to: file)
        do {
            try SummaryOutput.write(report, format: .csv, language: .en, to: file.path)
            Issue.record("wrote CSV into a file")
        } catch let error as ExportError {
            #expect(!error.isIO)
        }
        for format in [SummaryFormat.xlsx, .json] {
            let missing = dir.appendingPathComponent("no-such-folder").appendingPathComponent("out.\(format.rawValue)")
            do {
                try SummaryOutput.write(report, format: format, language: .en, to: missing.path)
                Issue.record("\(format): wrote into a missing folder")
            } catch let error as ExportError {
                #expect(error.isIO && error.message.contains(missing.path), "\(format)")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["taken.txt"])
        #expect(try Data(contentsOf: file) == Data("x".utf8))
    }

    @Test("the format follows --out's extension; CSV is never inferred")
    func inferred() {
        #expect(SummaryFormat.inferred(from: "a/summary.XLSX") == .xlsx)
        #expect(SummaryFormat.inferred(from: "summary.htm") == .html && SummaryFormat.inferred(from: "x.html") == .html)
        #expect(SummaryFormat.inferred(from: "summary.md") == .md && SummaryFormat.inferred(from: "s.json") == .json)
        #expect(SummaryFormat.inferred(from: "summary.csv") == nil && SummaryFormat.inferred(from: "folder") == nil)
    }
}
