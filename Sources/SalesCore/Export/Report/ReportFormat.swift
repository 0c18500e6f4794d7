/// How the summary prints values: exact decimal rounding of the stored fractions, one rule per unit.
///
/// Money is shown to the fen (two decimals) with thousands separators, percentages to one decimal,
/// days, indexes and scores to one or two decimals. Fractions are rounded once, half away from zero,
/// in integer arithmetic; nothing passes through a binary floating-point number on its way to text.
public enum ReportFormat {
    /// Decimal places per unit in text.
    static func places(_ unit: MetricUnit) -> Int {
        switch unit {
        case .cny: return 2
        case .percent: return 1
        case .days: return 1
        case .count: return 0
        case .index, .score: return 2
        }
    }

    /// `numerator ÷ denominator × 10^places`, rounded half away from zero; `nil` when it does not fit.
    static func scaled(_ numerator: Int64, _ denominator: Int64, places: Int) -> Int64? {
        guard denominator > 0 else { return nil }
        var factor: Int64 = 1
        for _ in 0..<places { factor *= 10 }
        guard numerator.magnitude <= UInt64(Int64.max) / UInt64(factor) else { return nil }
        let product = numerator * factor
        let quotient = product / denominator
        let remainder = product % denominator
        if remainder.magnitude * 2 >= denominator.magnitude {
            return numerator < 0 ? quotient - 1 : quotient + 1
        }
        return quotient
    }

    /// An integer of `places` implied decimals as text: `123456, 2` → `1,234.56` (separators optional).
    public static func decimalText(_ scaled: Int64, places: Int, grouping: Bool = true) -> String {
        let negative = scaled < 0
        var digits = String(scaled.magnitude)
        if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
        let split = digits.index(digits.endIndex, offsetBy: -places)
        var whole = String(digits[..<split])
        if grouping && whole.count > 3 {
            var grouped = ""
            for (index, character) in whole.enumerated() {
                if index > 0 && (whole.count - index) % 3 == 0 { grouped.append(",") }
                grouped.append(character)
            }
            whole = grouped
        }
        let text = places > 0 ? whole + "." + digits[split...] : whole
        return negative && scaled != 0 ? "-" + text : text
    }

    /// The value as a plain decimal in the unit's natural scale (yuan for money, `1.153` for 115.3%),
    /// `digits` places, no separators: what JSON and CSV carry. `nil` when missing.
    public static func plainDecimal(_ value: MetricValue, unit: MetricUnit, places digits: Int? = nil) -> String? {
        switch value {
        case .missing:
            return nil
        case .count(let count):
            return String(count)
        case .cents(let cents):
            return decimalText(cents, places: 2, grouping: false)
        case .ratio(let ratio):
            let places = digits ?? (unit == .cny ? 2 : unit == .percent ? 4 : 4)
            // Money ratios are cents ÷ something: shift two places to yuan.
            let shift = unit == .cny ? 2 : 0
            guard let scaled = scaled(ratio.numerator, ratio.denominator, places: places - shift) else {
                return JSONWriter.format(ratio.value / (unit == .cny ? 100 : 1))
            }
            return decimalText(scaled, places: places, grouping: false)
        }
    }

    /// The value for people: `¥1,234,567.89`, `115.3%`, `12.5 天`, `1,234`, `1.08`; `—` when missing.
    public static func text(_ value: MetricValue, unit: MetricUnit, language: OutputLanguage) -> String {
        switch value {
        case .missing:
            return "—"
        case .count(let count):
            return unit == .cny ? "¥" + decimalText(count * 100, places: 2) : decimalText(count, places: 0)
        case .cents(let cents):
            return "¥" + decimalText(cents, places: 2)
        case .ratio(let ratio):
            switch unit {
            case .cny:
                guard let cents = scaled(ratio.numerator, ratio.denominator, places: 0) else { return "—" }
                return "¥" + decimalText(cents, places: 2)
            case .percent:
                guard let tenths = scaled(ratio.numerator, ratio.denominator, places: 3) else { return "—" }
                return decimalText(tenths, places: 1) + "%"
            case .days:
                guard let tenths = scaled(ratio.numerator, ratio.denominator, places: 1) else { return "—" }
                return decimalText(tenths, places: 1) + (language == .zh ? " 天" : " days")
            case .count, .index, .score:
                let places = places(unit)
                guard let value = scaled(ratio.numerator, ratio.denominator, places: places) else { return "—" }
                return decimalText(value, places: places)
            }
        }
    }

    /// The text of a metric result's value.
    public static func text(_ result: MetricResult, language: OutputLanguage) -> String {
        text(result.value, unit: result.definition.unit, language: language)
    }

    /// Why a value is missing, in `language`; `nil` when it is not.
    public static func reason(_ value: MetricValue, language: OutputLanguage) -> String? {
        value.missingReason?.text(language)
    }

    /// The arrow of a direction: ▲ up, ▼ down, ＝ flat; empty for none.
    public static func arrow(_ direction: Direction?) -> String {
        switch direction {
        case .up: return "▲"
        case .down: return "▼"
        case .flat: return "＝"
        case nil: return ""
        }
    }

    /// The change of a compared figure, as a double: percentage points ÷ 100 for percentages
    /// (`0.021` is +2.1 pp), the relative change for everything else; `nil` when not computable.
    public static func changeValue(_ result: MetricResult) -> (value: Double, isPoints: Bool)? {
        guard let comparison = result.comparison, let current = result.value.doubleValue,
            let previous = comparison.doubleValue
        else { return nil }
        if result.definition.unit == .percent { return (current - previous, true) }
        guard previous != 0 else { return nil }
        return ((current - previous) / abs(previous), false)
    }

    /// The change for people: `▲ +12.3%`, `▼ -2.1 pp`, `＝`; nothing without a comparison.
    public static func changeText(_ result: MetricResult, language: OutputLanguage) -> String {
        let arrow = arrow(result.direction)
        guard let change = changeValue(result) else { return arrow }
        let tenths = (change.value * 1000).rounded(.toNearestOrAwayFromZero)
        let sign = tenths > 0 ? "+" : ""
        let number = sign + decimalText(Int64(tenths), places: 1)
        let suffix = change.isPoints ? " " + ReportString.percentagePoints.text(language) : "%"
        return (arrow.isEmpty ? "" : arrow + " ") + number + suffix
    }

    /// A share change in percentage points (`0.05` → `+5.0 pp`).
    public static func pointsText(_ change: Double?, language: OutputLanguage) -> String {
        guard let change else { return "—" }
        let tenths = (change * 1000).rounded(.toNearestOrAwayFromZero)
        return (tenths > 0 ? "+" : "") + decimalText(Int64(tenths), places: 1) + " "
            + ReportString.percentagePoints.text(language)
    }

    /// The period as people say it: `2026年`, `2026年第3季度`, `2026年7月`; `2026`, `2026 Q3`, `July 2026`.
    public static func periodText(_ period: ReportPeriod, language: OutputLanguage) -> String {
        switch (period.kind, language) {
        case (.year, .zh): return "\(period.year)年"
        case (.quarter, .zh): return "\(period.year)年第\(period.number)季度"
        case (.month, .zh): return "\(period.year)年\(period.number)月"
        case (.year, .en): return "\(period.year)"
        case (.quarter, .en): return "\(period.year) Q\(period.number)"
        case (.month, .en): return "\(monthNames[period.number - 1]) \(period.year)"
        }
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ]

    /// The comparison as people say it: `同比` (the same period a year earlier), `环比` (the period just before).
    public static func comparisonModeText(_ mode: ComparisonMode, language: OutputLanguage) -> String {
        switch mode {
        case .yearOverYear: return language.pick("同比，去年同期", "year on year")
        case .previous: return language.pick("环比，上一期", "the period before")
        case .none: return ReportString.comparisonNone.text(language)
        }
    }

    /// A store table as the data-read table names it: its name in English (`order_line`, as docs/schema.md
    /// has it), what it holds in Chinese (`订单行`).
    public static func tableText(_ table: String, language: OutputLanguage) -> String {
        guard language == .zh else { return table }
        let names = [
            "region": "区域", "person": "人员", "customer": "客户", "product": "产品", "order_line": "订单行",
            "sales_target": "销售目标", "opportunity": "商机", "receivable": "应收账款", "expense": "报销单",
            "budget": "预算", "feedback": "客户反馈", "score_run": "客户评分运行", "score_result": "客户评分结果",
            "approval_claim": "审批中的报销单",
        ]
        return names[table] ?? table
    }

    /// The scope as people say it: `全公司`, `区域：华东`; `Company`, `Region: East`.
    public static func scopeText(_ scope: ReportScope, language: OutputLanguage) -> String {
        let separator = language == .zh ? "：" : ": "
        switch scope {
        case .company: return ReportString.scopeCompany.text(language)
        case .region(let name): return ReportString.scopeRegion.text(language) + separator + name
        case .team(let name): return ReportString.scopeTeam.text(language) + separator + name
        }
    }
}

extension String {
    /// Text that is the same in every language (lets a reason be plain text or a bilingual pair).
    fileprivate func text(_ language: OutputLanguage) -> String { self }
}
