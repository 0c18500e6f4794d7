/// How a cell's number format makes a number read: as a plain number, a date or time, or elapsed time.
public enum FormatClass: UInt8, Sendable {
    case number
    /// A date, a date-time or a time of day (a serial below 1 reads as a time).
    case date
    /// Elapsed time, e.g. `[h]:mm:ss`.
    case duration
}

public enum NumberFormatClassifier {
    /// The class of a built-in format id (ECMA-376 Part 1, §18.8.30, plus the East Asian ids 27–36 and 50–58,
    /// which are all dates or times in the Chinese, Japanese and Korean locales).
    public static func builtInClass(_ id: Int) -> FormatClass? {
        switch id {
        case 14...22, 27...36, 45, 47, 50...58: return .date
        case 46: return .duration
        case 0...13, 37...44, 48, 49: return .number
        default: return nil
        }
    }

    /// The class of a format code, from its first section.
    ///
    /// Quoted text, backslash escapes, `_x` spacers, `*x` fills and bracketed colours, conditions and
    /// locales are ignored; `[h]`, `[m]` or `[s]` make it elapsed time; any remaining `d m y h s`
    /// (or the CJK `e`/`g` era letters before a date) make it a date.
    public static func classify(_ code: String) -> FormatClass {
        var scalars = Array(code.unicodeScalars)
        // Only the first section (positive numbers) decides, as Excel's own date detection does.
        var sectionEnd = scalars.count
        var i = 0
        var quoted = false
        while i < scalars.count {
            let c = scalars[i]
            if c == "\"" {
                quoted.toggle()
            } else if !quoted {
                if c == "\\" {
                    i += 1
                } else if c == ";" {
                    sectionEnd = i
                    break
                }
            }
            i += 1
        }
        scalars = Array(scalars[..<sectionEnd])
        var stripped: [Unicode.Scalar] = []
        i = 0
        while i < scalars.count {
            let c = scalars[i]
            switch c {
            case "\"":
                i += 1
                while i < scalars.count && scalars[i] != "\"" { i += 1 }
            case "\\", "_", "*":
                i += 1
            case "[":
                var j = i + 1
                var inside = ""
                while j < scalars.count && scalars[j] != "]" {
                    inside.unicodeScalars.append(scalars[j])
                    j += 1
                }
                let lower = inside.lowercased()
                if !lower.isEmpty && lower.allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" })
                    && Set(lower).count == 1
                {
                    return .duration
                }
                i = j
            default:
                stripped.append(c)
            }
            i += 1
        }
        let text = String(String.UnicodeScalarView(stripped)).lowercased()
        if text == "general" || text.isEmpty { return .number }
        let dateLetters: Set<Unicode.Scalar> = ["d", "m", "y", "h", "s"]
        if text.unicodeScalars.contains(where: dateLetters.contains) { return .date }
        return .number
    }
}

/// The format class of every cell style (`cellXfs` index) of a workbook.
struct StyleTable: Sendable {
    /// Indexed by style; styles past the end read as numbers.
    var classes: [FormatClass]
    /// The number format code of each style (built-in ids give their id as `#<id>`), for diagnostics.
    var codes: [String]

    static let empty = StyleTable(classes: [], codes: [])

    init(classes: [FormatClass], codes: [String]) {
        self.classes = classes
        self.codes = codes
    }

    init(customFormats: [Int: String], cellFormatIDs: [Int]) {
        var classes: [FormatClass] = []
        var codes: [String] = []
        classes.reserveCapacity(cellFormatIDs.count)
        for id in cellFormatIDs {
            if let code = customFormats[id] {
                classes.append(NumberFormatClassifier.classify(code))
                codes.append(code)
            } else {
                classes.append(NumberFormatClassifier.builtInClass(id) ?? .number)
                codes.append("#\(id)")
            }
        }
        self.init(classes: classes, codes: codes)
    }

    @inline(__always)
    func formatClass(style: Int) -> FormatClass {
        style >= 0 && style < classes.count ? classes[style] : .number
    }
}
