import Foundation
import XLSX

/// The targets workbook: a sheet 目标 in the import layout (范围, 对象, 期间, 目标金额) that `sales-import`
/// loads as it is, a product-line sheet for stock planning, and a sheet of notes; neither of the last two is
/// a sheet the import reads.
public enum TargetWorkbook {
    /// The name of the sheet `sales-import` reads (one of its sheet names for targets).
    public static let targetSheet = "目标"

    /// Writes the workbook to `path` (through a temporary file, so a failed write leaves nothing behind).
    /// - Throws: ``PlanError`` (``PlanError/Kind/io``) when the file cannot be written.
    public static func write(_ plan: TargetPlan, to path: String, lang: OutputLanguage) throws {
        do {
            let writer = try XLSXWriter(path: path)
            try writer.beginSheet(name: targetSheet, columnWidths: [10, 20, 10, 18], freezeHeaderRow: true)
            try writer.writeRow(["范围", "对象", "期间", "目标金额"].map { .text($0) }, bold: true)
            for row in plan.rows {
                let scope = EnumerationLabels.displayLabel(of: row.scope, in: Codes.scope) ?? row.scope
                try writer.writeRow([
                    .text(scope), row.key.isEmpty ? .empty : .text(row.key), .text(row.period),
                    .decimal(ImportValue.moneyText(cents: row.cents), .currencyCNY),
                ])
            }
            try writer.endSheet()

            let periods = [String(plan.year)] + (1...4).map { "\(plan.year)Q\($0)" }
            try writer.beginSheet(
                name: lang.pick("产品线参考", "Product lines"), columnWidths: [22, 18, 18, 18, 18, 18],
                freezeHeaderRow: true)
            try writer.writeRow(
                ([lang.pick("产品线（参考，不导入）", "Product line (for planning; not imported)")] + periods).map {
                    .text($0)
                }, bold: true)
            for line in plan.productLines {
                let name = line.key.isEmpty ? lang.pick("（未指定）", "(none)") : line.key
                try writer.writeRow(
                    [.text(name)]
                        + ([line.yearCents] + line.quarterCents).map {
                            .decimal(ImportValue.moneyText(cents: $0), .currencyCNY)
                        })
            }
            try writer.endSheet()

            try writer.beginSheet(name: lang.pick("说明", "Notes"), columnWidths: [30, 60])
            let notes: [(String, String)] = [
                (lang.pick("年度", "Year"), String(plan.year)),
                (lang.pick("公司目标", "Company target"), MoneyDisplay.yuan(plan.totalCents)),
                (
                    lang.pick("目标来源", "Set by"),
                    plan.growthPercent.map {
                        lang.pick(
                            "近 12 个月销售额 ¥\(MoneyDisplay.text(cents: plan.lastTwelveMonthsCents)) × (1 + \($0)%)",
                            "last 12 months' revenue ¥\(MoneyDisplay.text(cents: plan.lastTwelveMonthsCents)) × (1 + \($0)%)"
                        )
                    } ?? lang.pick("--total 指定", "--total")
                ),
                (
                    lang.pick("分解依据", "Split by"),
                    lang.pick(
                        "\(plan.basisFirst) 至 \(plan.basisLast)（\(plan.basisMonths) 个月）各区域、销售、产品线的销售额占比与季度分布",
                        "shares of \(plan.basisFirst) to \(plan.basisLast) (\(plan.basisMonths) months) by region, rep, "
                            + "product line, and its quarterly profile")
                ),
                (
                    lang.pick("取整", "Rounding"),
                    lang.pick(
                        "整数分，最大余数法：每一层分解之和恰好等于上一层", "whole cents, largest remainder: every split sums exactly")
                ),
            ]
            for (label, value) in notes { try writer.writeRow([.text(label), .text(value)]) }
            try writer.endSheet()
            try writer.close()
        } catch let error as PlanError {
            throw error
        } catch {
            throw PlanError(.io, "\(path): cannot be written (\(ExitStatus.message(for: error)))")
        }
    }
}
