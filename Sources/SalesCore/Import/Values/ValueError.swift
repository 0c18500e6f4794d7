/// Why a cell's value could not be read as its field's kind; the importer adds sheet, row and column.
///
/// `description` reads: `expected a date such as 2026-03-05 or 2026年3月5日, found "2026/13/45": month 13 does not exist`.
public struct ValueError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What the field accepts, with an example: `a date such as 2026-03-05 or 2026年3月5日`.
    public var expected: String
    /// The value as the admin typed it (trimmed, shortened to ``maxFoundLength`` characters).
    public var found: String
    /// One short sentence: what is wrong with it.
    public var reason: String

    /// Longest echo of the value found, in characters; longer values end in `…`.
    public static let maxFoundLength = 40

    public init(expected: String, found: String, reason: String) {
        self.expected = expected
        self.found = ValueError.shorten(found)
        self.reason = reason
    }

    public var description: String { "expected \(expected), found \"\(found)\": \(reason)" }

    /// `text` cut to ``maxFoundLength`` characters, marked with `…`.
    static func shorten(_ text: String) -> String {
        guard text.utf8.count > maxFoundLength else { return text }
        guard let cut = text.index(text.startIndex, offsetBy: maxFoundLength, limitedBy: text.endIndex),
            cut < text.endIndex
        else { return text }
        return String(text[..<cut]) + "…"
    }
}

/// A failed parse before the value found is known: the reason only.
struct Reason: Error {
    let text: String
    init(_ text: String) { self.text = text }
}
