import XLSX

/// Turns one cell into a typed, validated value of its field's ``ValueKind``, or a ``ValueError`` the admin can act on.
///
/// Blank cells are the importer's business (a missing value), not the parser's; see `isBlank(_:)`.
/// Text is trimmed of spaces of every width before parsing. The rules per kind:
///
/// - **text**: trimmed; a number cell becomes its shortest text (`1001`, not `1001.0`; whole numbers keep every
///   digit, fractions are read at Excel's 15 significant digits, so `0.30000000000000004` is `0.3`), a date cell
///   its ISO date (`2026-03-05`, or `2026-03-05T10:20:30` with a time),
///   a `TRUE`/`FALSE` cell `TRUE`/`FALSE`, a time `10:20:30`, a duration `25:30:00`.
/// - **date**: a date cell (the time of day is dropped: a sales date is the day, whatever the hour);
///   a plain number cell between 20000 and 80000 as an Excel serial in the workbook's date system
///   (fraction dropped), or an 8-digit number such as 20260305; text as in ``DateGrammar``. Years outside 1900–2199
///   and days that do not exist (including Excel's phantom 1900-02-29, serial 60) are errors.
/// - **money**: exact cents. Text as in ``NumberGrammar`` with `¥ ￥ $ RMB CNY 人民币 元` and `千 万 百万 千万 亿`;
///   at most 2 decimal places once units and the column's `moneyScale` apply; Int64 cents at most.
///   A number cell is read from its exact `<v>` digits, never from the `Double`: whole cents as they are; else,
///   to absorb binary artefacts (`2469.1300000000001`, `0.30000000000000004`), rounded to the nearest cent when
///   within 1e-6 of it, or when whole cents at Excel's 15 significant digits (for amounts over a billion);
///   anything else is an error. Currencies are not converted: `$12.30` is 1230 cents of the store's currency.
/// - **decimal**: exact, canonical (`12.5`); the money grammar without currencies; units allowed; number cells
///   at Excel's 15 significant digits.
/// - **integer**: whole numbers (`3.0` is 3; `3.5` is an error).
/// - **enumeration**: a code or a label of ``EnumerationLabels``, compared folded.
/// - **boolean**: `是/否`, `在职/离职`, `Y/N`, `yes/no`, `true/false`, `1/0`, `✓/✗`, `√/×`, `TRUE`/`FALSE` cells.
/// - **period**: as in ``PeriodGrammar``; a year or `YYYYMM` number cell; a date cell on the 1st is its month.
/// - **score1to5**: whole numbers 1–5, also `4分` and `4.0`.
///
/// Error cells (`#N/A`) are errors for every kind; times and durations for every kind but text; a number
/// formatted as a date is refused for money, decimal, integer, score and boolean fields.
public struct ValueParser: Sendable {
    /// How day-first or month-first dates (`05/03/2026`) are read; year-first dates are read whatever it is.
    public enum DateOrder: String, CaseIterable, Sendable {
        /// Year, month, day: dates that do not start with the year are refused.
        case ymd
        /// Day, month, year (`05/03/2026` is 5 March).
        case dmy
        /// Month, day, year (`05/03/2026` is 3 May).
        case mdy
    }

    /// The `--date-order`, or nil when day-first and month-first dates are refused as ambiguous.
    public var dateOrder: DateOrder?
    /// The workbook's date system, for plain numbers read as Excel serial dates.
    public var dateSystem: DateSystem

    /// Plain number cells read as serial dates in a date field (1954-10-03 to 2119-01-11 in the 1900 system).
    public static let serialDateRange = 20_000.0...80_000.0

    public init(dateOrder: DateOrder? = nil, dateSystem: DateSystem = .excel1900) {
        self.dateOrder = dateOrder
        self.dateSystem = dateSystem
    }

    // MARK: - Entry points

    /// Parses one cell as `kind`.
    /// - Parameter moneyScale: the column header's money unit (10 000 for `金额(万元)`), applied to money only.
    public func parse(_ input: CellInput, kind: ValueKind, moneyScale: Int = 1) -> Result<ImportValue, ValueError> {
        switch input {
        case .text(let s):
            return parse(text: s, kind: kind, moneyScale: moneyScale)
        case .number(let raw, let value, let isDate, let dateValue):
            return parseNumber(
                raw: raw, value: value, isDate: isDate, dateValue: dateValue, kind: kind,
                moneyScale: moneyScale)
        case .boolean(let b):
            switch kind {
            case .boolean: return .success(.boolean(b))
            case .text: return .success(.text(b ? "TRUE" : "FALSE"))
            default: return .failure(error(kind, found: b ? "TRUE" : "FALSE", "a TRUE/FALSE cell is not accepted here"))
            }
        case .error(let e):
            return .failure(error(kind, found: e, "the cell holds the spreadsheet error \(e)"))
        case .date(let d):
            return parseDate(d, kind: kind)
        case .time(let t):
            if kind == .text { return .success(.text(t.isoString)) }
            return .failure(error(kind, found: t.isoString, "the cell holds a time of day without a date"))
        case .duration(let seconds):
            let text = Self.durationText(seconds)
            if kind == .text { return .success(.text(text)) }
            return .failure(error(kind, found: text, "the cell holds a duration"))
        }
    }

    /// Parses the `index`-th non-empty cell of a row; text and plain numbers are read without making strings
    /// (except the result of a text field and error messages).
    public func parse(
        _ row: SheetRow, at index: Int, kind: ValueKind, moneyScale: Int = 1
    )
        -> Result<ImportValue, ValueError>
    {
        switch row.type(at: index) {
        case .sharedString, .inlineString, .formulaString:
            return parse(utf8: row.bytes(at: index), kind: kind, moneyScale: moneyScale)
        case .number where row.formatClass(at: index) == .number:
            let value = row.number(at: index)
            guard let raw = ExactNumber(raw: row.bytes(at: index)) ?? ExactNumber(value) else {
                return parse(CellInput(row, at: index), kind: kind, moneyScale: moneyScale)
            }
            return parseNumber(
                raw: raw, value: value, isDate: false, dateValue: nil, kind: kind,
                moneyScale: moneyScale)
        default:
            return parse(CellInput(row, at: index), kind: kind, moneyScale: moneyScale)
        }
    }

    /// Parses text (a text cell or a CSV field).
    public func parse(text: String, kind: ValueKind, moneyScale: Int = 1) -> Result<ImportValue, ValueError> {
        if kind == .text { return .success(.text(Self.trimmed(text))) }
        var text = text
        return text.withUTF8 { parse(utf8: $0, kind: kind, moneyScale: moneyScale) }
    }

    /// Parses text given as UTF-8 bytes (a text cell's or a CSV field's), allocating only for text results and errors.
    public func parse(
        utf8: UnsafeBufferPointer<UInt8>, kind: ValueKind, moneyScale: Int = 1
    )
        -> Result<ImportValue, ValueError>
    {
        let outcome: Result<ImportValue, Reason>?
        switch kind {
        case .text:
            return .success(.text(Self.trimmed(utf8)))
        case .money:
            outcome = FoldedText.with(utf8) { t in
                NumberGrammar.money.scan(t).flatMap { $0.cents(scale: moneyScale, tolerance: false) }
                    .map { ImportValue.money(cents: $0) }
            }
        case .decimal:
            outcome = FoldedText.with(utf8) { t in
                NumberGrammar.decimal.scan(t).flatMap { $0.decimalText() }.map { ImportValue.decimal($0) }
            }
        case .integer:
            outcome = FoldedText.with(utf8) { t in
                NumberGrammar.integer.scan(t).flatMap { $0.integer() }.map { ImportValue.integer($0) }
            }
        case .score1to5:
            outcome = FoldedText.with(utf8) { t in
                NumberGrammar.score.scan(t).flatMap(Self.score).map { ImportValue.score($0) }
            }
        case .date:
            let grammar = DateGrammar(order: dateOrder)
            outcome = FoldedText.with(utf8) { t in grammar.parse(t).map { ImportValue.date($0) } }
        case .period:
            outcome = FoldedText.with(utf8) { t in PeriodGrammar.parse(t).map { ImportValue.period($0) } }
        case .boolean:
            outcome = FoldedText.with(utf8) { t in
                guard let key = t.labelKey(dropping: EnumerationLabels.isSeparator),
                    let b = BooleanLabels.index[key]
                else {
                    return .failure(Reason("it is not a yes or no"))
                }
                return .success(.boolean(b))
            }
        case .enumeration(let codes):
            outcome = FoldedText.with(utf8) { t in
                guard let key = t.labelKey(dropping: EnumerationLabels.isSeparator),
                    let code = EnumerationLabels.code(forKey: key, in: codes)
                else {
                    return .failure(Reason("it is not one of the accepted codes or their Chinese names"))
                }
                return .success(.code(code))
            }
        }
        switch outcome {
        case .success(let value)?: return .success(value)
        case .failure(let reason)?: return .failure(error(kind, found: Self.trimmed(utf8), reason.text))
        case nil: return .failure(error(kind, found: Self.trimmed(utf8), "it is too long"))
        }
    }

    /// Parses an amount typed as text into cents; the money rule of ``parse(utf8:kind:moneyScale:)``.
    public func parseMoney(utf8: UnsafeBufferPointer<UInt8>, moneyScale: Int = 1) -> Result<Int64, ValueError> {
        switch parse(utf8: utf8, kind: .money, moneyScale: moneyScale) {
        case .success(.money(let cents)): .success(cents)
        case .success: preconditionFailure("money parsed as another kind")
        case .failure(let e): .failure(e)
        }
    }

    // MARK: - Numbers

    /// A number cell, read at Excel's 15 significant digits.
    func parseNumber(
        raw: ExactNumber, value: Double, isDate: Bool, dateValue: ExcelDateTime?, kind: ValueKind,
        moneyScale: Int
    ) -> Result<ImportValue, ValueError> {
        if isDate {
            guard let date = dateValue else {
                let shown = raw.rounded(toSignificantDigits: 15).description
                if kind == .text { return .success(.text(shown)) }
                return .failure(
                    error(
                        kind, found: shown,
                        "the cell is formatted as a date but is outside Excel's dates"))
            }
            if kind == .date, dateSystem == .excel1900, value >= 60, value < 61 {
                return .failure(
                    error(
                        kind, found: Self.dateText(date),
                        "serial 60 is 1900-02-29, a day that does not exist (Excel's 1900 leap-year error)"))
            }
            return parseDate(date, kind: kind)
        }
        let number = raw.rounded(toSignificantDigits: 15)
        // What Excel shows; made only for errors and text.
        func found() -> String { number.description }
        func fail(_ reason: Reason) -> Result<ImportValue, ValueError> {
            .failure(error(kind, found: found(), reason.text))
        }
        switch kind {
        case .text:
            // Whole numbers keep every digit (a long order number a library wrote); others read as Excel shows them.
            return .success(.text(raw.isInteger && !raw.isRounded ? raw.description : found()))
        case .money:
            // Exact digits first, then within 1e-6 of a cent, then at Excel's 15 significant digits.
            switch raw.cents(scale: moneyScale, tolerance: true) {
            case .success(let cents): return .success(.money(cents: cents))
            case .failure(let reason) where raw == number: return fail(reason)
            case .failure:
                switch number.cents(scale: moneyScale, tolerance: true) {
                case .success(let cents): return .success(.money(cents: cents))
                case .failure(let reason): return fail(reason)
                }
            }
        case .decimal:
            switch number.decimalText() {
            case .success(let text): return .success(.decimal(text))
            case .failure(let reason): return fail(reason)
            }
        case .integer:
            switch (raw.isInteger && !raw.isRounded ? raw : number).integer() {
            case .success(let v): return .success(.integer(v))
            case .failure(let reason): return fail(reason)
            }
        case .score1to5:
            switch Self.score(number) {
            case .success(let v): return .success(.score(v))
            case .failure(let reason): return fail(reason)
            }
        case .boolean:
            if number.significand == 0 { return .success(.boolean(false)) }
            if number == ExactNumber(significand: 1, exponent: 0) { return .success(.boolean(true)) }
            return fail(Reason("only 1 and 0 are numbers for yes and no"))
        case .enumeration:
            return fail(Reason("a number is not one of the accepted codes"))
        case .period:
            switch number.integer() {
            case .success(let v) where v >= 1000 && v <= 9999:
                return Self.result(PeriodGrammar.year(Int(v)), kind, ImportValue.period, found())
            case .success(let v) where v >= 100_000 && v <= 999_999:
                return Self.result(PeriodGrammar.month(Int(v / 100), Int(v % 100)), kind, ImportValue.period, found())
            default:
                return fail(Reason("a number is a period only as a year (2026) or a month (202607)"))
            }
        case .date:
            if case .success(let v) = number.integer(), v >= 10_000_000 && v <= 99_999_999 {
                let n = Int(v)
                return Self.result(
                    DateGrammar.validate(year: n / 10_000, month: n / 100 % 100, day: n % 100), kind,
                    ImportValue.date, found())
            }
            guard !number.isNegative, Self.serialDateRange.contains(value),
                let date = ExcelDate.dateTime(serial: value.rounded(.down), system: dateSystem)
            else {
                return fail(
                    Reason(
                        "a number is read as a date only as an Excel serial between 20000 and 80000"
                            + " or as 20260305; format the column as a date"))
            }
            return Self.result(
                DateGrammar.validate(year: date.year, month: date.month, day: date.day), kind,
                ImportValue.date, found())
        }
    }

    private static func score(_ number: ExactNumber) -> Result<Int, Reason> {
        guard case .success(let v) = number.integer(), v >= 1 && v <= 5 else {
            return .failure(Reason("scores are whole numbers from 1 to 5"))
        }
        return .success(Int(v))
    }

    /// A grammar's outcome as the parser's: the value wrapped, or an error echoing `found`.
    private static func result<T>(
        _ r: Result<T, Reason>, _ kind: ValueKind, _ wrap: (T) -> ImportValue,
        _ found: @autoclosure () -> String
    ) -> Result<ImportValue, ValueError> {
        switch r {
        case .success(let v):
            return .success(wrap(v))
        case .failure(let reason):
            return .failure(ValueError(expected: expectation(for: kind), found: found(), reason: reason.text))
        }
    }

    // MARK: - Dates

    /// A date cell (or `t="d"`) read as `kind`.
    func parseDate(_ d: ExcelDateTime, kind: ValueKind) -> Result<ImportValue, ValueError> {
        switch kind {
        case .text:
            return .success(.text(Self.dateText(d)))
        case .date:
            return Self.result(
                DateGrammar.validate(year: d.year, month: d.month, day: d.day), kind, ImportValue.date,
                Self.dateText(d))
        case .period:
            return Self.result(
                DateGrammar.validate(year: d.year, month: d.month, day: d.day)
                    .flatMap(PeriodGrammar.month(of:)), kind, ImportValue.period, Self.dateText(d))
        default:
            return .failure(
                error(
                    kind, found: Self.dateText(d),
                    "the cell holds a date; format the column as a number or text"))
        }
    }

    /// `2026-03-05`, or `2026-03-05T10:20:30` when the time is not midnight.
    static func dateText(_ d: ExcelDateTime) -> String {
        d.time.millisecondOfDay == 0 ? d.dateString : d.isoString
    }

    /// `25:30:00`: hours, minutes and seconds of elapsed time.
    static func durationText(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let sign = total < 0 ? "-" : ""
        let t = abs(total)
        let m = t / 60 % 60
        let s = t % 60
        return sign + String(t / 3600) + (m < 10 ? ":0" : ":") + String(m) + (s < 10 ? ":0" : ":") + String(s)
    }

    // MARK: - Errors

    /// What a field of `kind` accepts, with an example, as error messages say it.
    public static func expectation(for kind: ValueKind) -> String {
        switch kind {
        case .text: "text"
        case .date: "a date such as 2026-03-05 or 2026年3月5日"
        case .money: "an amount such as 1,234.50, ¥1234 or 12.5万"
        case .decimal: "a number such as 12.5"
        case .integer: "a whole number such as 12"
        case .enumeration(let codes): EnumerationLabels.expectation(codes)
        case .boolean: "yes or no (是/否, Y/N, TRUE/FALSE, 1/0)"
        case .period: "a period such as 2026, 2026Q3 or 2026-07"
        case .score1to5: "a score from 1 to 5"
        }
    }

    private func error(_ kind: ValueKind, found: String, _ reason: String) -> ValueError {
        ValueError(expected: Self.expectation(for: kind), found: found, reason: reason)
    }

    // MARK: - Blank and trimming

    /// Whether a scalar is trimmed from text: Unicode whitespace, zero-width characters and byte-order marks.
    @inline(__always)
    static func isTrimmed(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09...0x0D: true
        case 0x21...0x7F: false
        case 0x200B...0x200D, 0x2060, 0xFEFF: true
        default: s.properties.isWhitespace
        }
    }

    /// Whether text is empty or only spaces (of any width): the importer's missing value.
    public static func isBlank(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        for scalar in String(decoding: utf8, as: UTF8.self).unicodeScalars where !isTrimmed(scalar) { return false }
        return true
    }

    /// Whether text is empty or only spaces (of any width).
    public static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(isTrimmed)
    }

    /// Text without leading and trailing spaces of any width.
    public static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last, isTrimmed(first) || isTrimmed(last) else {
            return text
        }
        guard let start = scalars.firstIndex(where: { !isTrimmed($0) }),
            let end = scalars.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        return String(scalars[start...end])
    }

    /// UTF-8 bytes as trimmed text.
    static func trimmed(_ utf8: UnsafeBufferPointer<UInt8>) -> String {
        guard let first = utf8.first, let last = utf8.last else { return "" }
        if first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80 {
            return String(decoding: utf8, as: UTF8.self)
        }
        // Common non-ASCII text (Chinese names) starts and ends with scalars that are never trimmed:
        // decide that from the bytes instead of asking Unicode properties through a String.
        if let head = firstScalar(utf8), let tail = lastScalar(utf8), !isTrimmedFast(head), !isTrimmedFast(tail) {
            return String(decoding: utf8, as: UTF8.self)
        }
        return trimmed(String(decoding: utf8, as: UTF8.self))
    }

    /// Whether a scalar is trimmed, for the scalars this can answer without Unicode tables: false only for
    /// printable ASCII and the CJK, kana and hangul blocks (none of which are white space or zero-width).
    @inline(__always)
    private static func isTrimmedFast(_ v: UInt32) -> Bool {
        switch v {
        case 0x21...0x7E, 0x3040...0x9FFF, 0xAC00...0xD7A3, 0xF900...0xFAFF: false
        default: true  // unknown here: the slow path decides
        }
    }

    /// The first scalar of well-formed UTF-8 bytes, or nil when they do not start with one.
    private static func firstScalar(_ p: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let b0 = UInt32(p[0])
        if b0 < 0x80 { return b0 }
        if b0 & 0xF0 == 0xE0, p.count >= 3, p[1] & 0xC0 == 0x80, p[2] & 0xC0 == 0x80 {
            return (b0 & 0x0F) << 12 | UInt32(p[1] & 0x3F) << 6 | UInt32(p[2] & 0x3F)
        }
        return nil
    }

    /// The last scalar of well-formed UTF-8 bytes (a one- or three-byte sequence), or nil.
    private static func lastScalar(_ p: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let n = p.count
        let b = UInt32(p[n - 1])
        if b < 0x80 { return b }
        if n >= 3, p[n - 3] & 0xF0 == 0xE0, p[n - 2] & 0xC0 == 0x80, b & 0xC0 == 0x80 {
            return (UInt32(p[n - 3]) & 0x0F) << 12 | UInt32(p[n - 2] & 0x3F) << 6 | (b & 0x3F)
        }
        return nil
    }
}
