/// The language of labels in reports and tables (`--lang zh|en`); data is shown as stored.
public enum OutputLanguage: String, CaseIterable, Sendable {
    /// Simplified Chinese.
    case zh
    /// English.
    case en

    /// The language `LC_ALL`, `LC_MESSAGES` or `LANG` asks for (the first one set): Chinese for `zh…`,
    /// English otherwise.
    public static func fromEnvironment(_ environment: [String: String]) -> OutputLanguage {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("zh") ? .zh : .en
            }
        }
        return .en
    }

    /// `zh` or `en` of a pair.
    public func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }
}

/// Money for people to read: `1,234,567.50`, `-0.05`.
public enum MoneyDisplay {
    /// Cents as yuan with thousands separators and two decimals.
    public static func text(cents: Int64) -> String {
        let plain = ImportValue.moneyText(cents: cents)
        let negative = plain.hasPrefix("-")
        let digits = plain.dropFirst(negative ? 1 : 0)
        let dot = digits.firstIndex(of: ".") ?? digits.endIndex
        let whole = Array(digits[..<dot])
        var out = ""
        for (i, ch) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (negative ? "-" : "") + out + digits[dot...]
    }

    /// Cents as the plans' and scores' texts print them: `¥1,234.05`.
    public static func yuan(_ cents: Int64) -> String { "¥" + text(cents: cents) }

    /// `value` with at most `decimals` decimals and no trailing zeros: (80.5, 2) → "80.5", (100, 2) → "100".
    static func trimmed(_ value: Double, decimals: Int) -> String {
        var text = String(format: "%.\(decimals)f", value)
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
