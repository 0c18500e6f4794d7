import Foundation
import Testing

@testable import SalesCore

@Suite("Export: value formatting and the metric catalogue")
struct ReportFormatTests {
    @Test("Fractions are rounded once, half away from zero, in integers")
    func exactRounding() {
        // 2/3 of a fen, 1/2, −1/2, and a value whose binary double rounds the wrong way (1.005 yuan).
        #expect(ReportFormat.scaled(2, 3, places: 0) == 1)
        #expect(ReportFormat.scaled(1, 2, places: 0) == 1)
        #expect(ReportFormat.scaled(-1, 2, places: 0) == -1)
        #expect(ReportFormat.scaled(1005, 1000, places: 2) == 101)
        #expect(ReportFormat.scaled(1, 0, places: 2) == nil)
        #expect(ReportFormat.scaled(Int64.max / 2, 1, places: 3) == nil)
    }

    @Test(
        "Money, percentages, days and counts print exactly",
        arguments: [
            (MetricValue.cents(123_456_789), MetricUnit.cny, "¥1,234,567.89"),
            (.cents(-5), .cny, "¥-0.05"),
            (.ratio(Ratio(100_001, 3)!), .cny, "¥333.34"),
            (.ratio(Ratio(1153, 1000)!), .percent, "115.3%"),
            (.ratio(Ratio(1, 8)!), .percent, "12.5%"),
            (.ratio(Ratio(-1, 3)!), .percent, "-33.3%"),
            (.ratio(Ratio(45, 4)!), .days, "11.3 days"),
            (.count(1_234_567), .count, "1,234,567"),
            (.ratio(Ratio(17, 4)!), .score, "4.25"),
            (.missing(MissingReason(en: "no targets", zh: "无目标")), .cny, "—"),
        ])
    func text(value: MetricValue, unit: MetricUnit, expected: String) {
        #expect(ReportFormat.text(value, unit: unit, language: .en) == expected)
    }

    @Test("Plain decimals for JSON and CSV keep the exact cents")
    func plainDecimals() {
        #expect(ReportFormat.plainDecimal(.cents(41_655_224_951), unit: .cny) == "416552249.51")
        #expect(ReportFormat.plainDecimal(.cents(-7), unit: .cny) == "-0.07")
        #expect(ReportFormat.plainDecimal(.ratio(Ratio(1, 3)!), unit: .percent, places: 6) == "0.333333")
        #expect(ReportFormat.plainDecimal(.ratio(Ratio(1_000_001, 3)!), unit: .cny) == "3333.34")
        #expect(ReportFormat.plainDecimal(.missing(MissingReason(en: "x", zh: "无")), unit: .cny) == nil)
    }

    @Test("Changes: percentage points for percentages, relative change otherwise, arrows for direction")
    func changes() {
        let revenue = MetricResult(.revenue, .cents(11_500), comparison: .cents(10_000))
        #expect(ReportFormat.changeText(revenue, language: .en) == "▲ +15.0%")
        let completion = MetricResult(.targetCompletion, .ratio(Ratio(90, 100)!), comparison: .ratio(Ratio(1, 1)!))
        #expect(ReportFormat.changeText(completion, language: .en) == "▼ -10.0 pp")
        #expect(ReportFormat.changeText(completion, language: .zh) == "▼ -10.0 个百分点")
        let flat = MetricResult(.orders, .count(3), comparison: .count(3))
        #expect(ReportFormat.changeText(flat, language: .en) == "＝ 0.0%")
    }

    @Test("Periods and scopes in both languages")
    func periodsAndScopes() throws {
        #expect(ReportFormat.periodText(try ReportPeriod.parse("2026Q3"), language: .zh) == "2026年第3季度")
        #expect(ReportFormat.periodText(try ReportPeriod.parse("2026-07"), language: .en) == "July 2026")
        #expect(ReportFormat.scopeText(.region("华东"), language: .zh) == "区域：华东")
        #expect(ReportFormat.scopeText(.company, language: .en) == "Company")
    }

    @Test("Every label has a Chinese and an English text, and they differ where words are involved")
    func strings() {
        for key in ReportString.allCases {
            #expect(!key.text(.zh).isEmpty && !key.text(.en).isEmpty, "\(key)")
        }
        #expect(ReportString.flagOverdue.text(.en, "3", "¥9.00") == "3 overdue invoices, ¥9.00 in all")
    }

    @Test("docs/metrics.md is what 'sales-export metrics --markdown' prints (run make docs after a change)")
    func metricsDocumentIsCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent("docs/metrics.md"), encoding: .utf8)
        #expect(committed == MetricCatalog.markdown())
        for definition in MetricDefinition.all {
            #expect(committed.contains("`\(definition.id.rawValue)`"))
        }
    }

    @Test("The metric catalogue as JSON lists every metric in both languages")
    func catalogueJSON() throws {
        let parsed = try JSONSerialization.jsonObject(with: Data(MetricCatalog.json().utf8)) as? [[String: Any]]
        let ids = parsed?.compactMap { $0["metric"] as? String } ?? []
        #expect(ids == MetricID.allCases.map(\.rawValue))
        #expect(parsed?.allSatisfy { ($0["name_zh"] as? String)?.isEmpty == false } == true)
    }
}
