/// Folds a header cell (or sheet name) to the form aliases are compared in.
///
/// Steps, in order:
/// 1. Width folding, NFKC-like for the characters headers use: full-width ASCII forms
///    (`Ａ`→`A`, `０`→`0`, `（`→`(`, `：`→`:`), the ideographic space, full-width `￥`, and the wave dash.
/// 2. Removing one or more trailing unit annotations, in brackets (`(元)`, `（万元）`, `[RMB]`, `【单位：元】`)
///    or after a slash (`金额/元`), but only when the annotation is in the safe list below.
/// 3. Lowercasing.
/// 4. Removing whitespace (line breaks included), invisible marks (BOM, zero-width), and the separators
///    `_ - – — . 。 · ・ / \ : * ( ) [ ] { } 【 】 〔 〕 〖 〗 「 」 『 』 《 》 < >`.
///
/// Safe unit annotations are those that say nothing a field's alias would not already say:
/// Chinese-yuan money units (`元 人民币 RMB CNY ¥`, with the scales `千元 万元 百万元 亿元`; see
/// `HeaderNormalizer.moneyScale(ofHeader:)`), count units (`pcs 个 件 台 套 箱 只 支 盒 份 units`), days (`天 days`) and
/// 1–5 score ranges (`1-5`, `1~5分`, `5分制`). Never stripped, so the column stays unmatched and the
/// admin decides: other currencies (`USD`, `$`, `美元`), percentages (`%`, a discount rate is not a
/// discount amount), and tax qualifiers (`含税`, `不含税`). Traditional and Simplified Chinese are not
/// converted; both spellings are listed as aliases instead.
public func normalizeHeader(_ s: String) -> String {
    HeaderNormalizer.normalize(s)
}

/// Header normalisation and the unit annotations it removes; see `normalizeHeader(_:)`.
public enum HeaderNormalizer {
    /// Folds `s` to the form aliases are compared in; the same as `normalizeHeader(_:)`.
    public static func normalize(_ s: String) -> String {
        normalizedCore(Substring(stripUnitAnnotations(foldWidth(s))))
    }

    /// The factor a header's money unit annotation implies: 10 000 for `金额(万元)`, 1 otherwise.
    ///
    /// The importer multiplies the column's amounts by it, because normalisation drops the unit.
    public static func moneyScale(ofHeader header: String) -> Int {
        unitAnnotations(ofHeader: header).reduce(1) { $0 * (moneyScales[$1] ?? 1) }
    }

    /// The safe unit annotations normalisation removes from this header, in reading order (`["万元"]`).
    public static func unitAnnotations(ofHeader header: String) -> [String] {
        var units: [String] = []
        _ = stripUnitAnnotations(foldWidth(header), collecting: &units)
        return units
    }

    // MARK: - Width folding

    /// Maps full-width ASCII forms to ASCII, the ideographic space to a space, `￥` to `¥`, `〜` to `~`.
    ///
    /// Also useful to value parsers (full-width digits in amounts).
    public static func foldWidth(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: out.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000: out.append(" ")
            case 0xFFE5: out.append("¥")
            case 0xFFE0: out.append("¢")
            case 0xFFE1: out.append("£")
            case 0x301C: out.append("~")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    // MARK: - Unit annotations

    /// Money units and the factor each implies, keyed by the normalised annotation.
    private static let moneyScales: [String: Int] = [
        "元": 1, "人民币": 1, "人民币元": 1, "人民幣": 1, "人民幣元": 1, "rmb": 1, "cny": 1, "¥": 1, "rmb元": 1,
        "千元": 1_000, "万": 10_000, "万元": 10_000, "萬": 10_000, "萬元": 10_000, "rmb万元": 10_000,
        "百万": 1_000_000, "百万元": 1_000_000, "百萬": 1_000_000, "百萬元": 1_000_000,
        "亿": 100_000_000, "亿元": 100_000_000, "億": 100_000_000, "億元": 100_000_000,
    ]

    /// Every annotation `normalizeHeader` may remove, normalised.
    private static let safeUnits: Set<String> = Set(moneyScales.keys).union([
        // Counts.
        "pcs", "pc", "个", "個", "件", "台", "套", "箱", "只", "支", "盒", "份", "units", "unit", "ea",
        // Days.
        "天", "days", "day",
        // Score ranges (hyphens and dashes are already removed: `1-5` becomes `15`).
        "15", "15分", "1~5", "1~5分", "1至5", "1至5分", "1到5", "1到5分", "5分制", "满分5", "满分5分", "滿分5",
        "滿分5分", "分",
    ])

    /// Prefixes that may precede a unit inside an annotation (`单位：元`, `in RMB`).
    private static let unitPrefixes = ["单位", "單位", "unit", "in"]

    /// Bracket pairs that can enclose a unit annotation (after width folding).
    private static let bracketPairs: [Character: Character] = [
        ")": "(", "]": "[", "】": "【", "〕": "〔", "〗": "〖", "」": "「",
    ]

    /// Removes trailing safe unit annotations, repeatedly (`单价(元)(pcs)` → `单价`).
    private static func stripUnitAnnotations(_ s: String) -> String {
        var ignored: [String] = []
        return stripUnitAnnotations(s, collecting: &ignored)
    }

    /// Removes trailing safe unit annotations and appends each removed one, normalised, to `units`.
    private static func stripUnitAnnotations(_ s: String, collecting units: inout [String]) -> String {
        var text = Substring(s)
        while true {
            text = trimmedTrailingWhitespace(text)
            guard let last = text.last else { break }
            let head: Substring
            let annotation: Substring
            if let open = bracketPairs[last] {
                guard let openIndex = text.dropLast().lastIndex(of: open) else { break }
                head = text[..<openIndex]
                annotation = text[text.index(after: openIndex)..<text.index(before: text.endIndex)]
            } else if let slash = text.lastIndex(where: { $0 == "/" || $0 == "\\" }) {
                head = text[..<slash]
                annotation = text[text.index(after: slash)...]
            } else {
                break
            }
            guard let unit = safeUnit(annotation), !normalizedCore(head).isEmpty else { break }
            units.insert(unit, at: 0)
            text = head
        }
        return String(text)
    }

    /// The annotation, normalised, when it is a safe unit (an optional `单位:` prefix allowed).
    private static func safeUnit(_ annotation: Substring) -> String? {
        var unit = normalizedCore(annotation)
        if safeUnits.contains(unit) { return unit }
        for prefix in unitPrefixes where unit.hasPrefix(prefix) {
            unit.removeFirst(prefix.count)
            if safeUnits.contains(unit) { return unit }
        }
        return nil
    }

    /// Lowercases and drops ignored characters, without touching unit annotations.
    private static func normalizedCore(_ s: Substring) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.lowercased().unicodeScalars where !isIgnoredInHeader(scalar) {
            out.append(scalar)
        }
        return String(out)
    }

    /// Drops trailing whitespace, including the ideographic space.
    private static func trimmedTrailingWhitespace(_ s: Substring) -> Substring {
        var s = s
        while let last = s.unicodeScalars.last, last.properties.isWhitespace || isInvisible(last) {
            s = s.dropLast()
        }
        return s
    }

    // MARK: - Ignored characters

    /// Separators and punctuation that carry no meaning in a header.
    private static let ignoredScalars: Set<Unicode.Scalar> = [
        "_", "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}",
        ".", "\u{3002}", "\u{00B7}", "\u{30FB}", "/", "\\", ":", "*",
        "(", ")", "[", "]", "{", "}", "<", ">",
        "\u{3010}", "\u{3011}", "\u{3014}", "\u{3015}", "\u{3016}", "\u{3017}",
        "\u{300C}", "\u{300D}", "\u{300E}", "\u{300F}", "\u{300A}", "\u{300B}",
    ]

    /// Whether normalisation drops this scalar.
    private static func isIgnoredInHeader(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || isInvisible(scalar) || ignoredScalars.contains(scalar)
    }

    /// Byte-order marks, zero-width characters and control characters.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F, 0x200B...0x200D, 0x2060, 0xFEFF: true
        default: false
        }
    }
}
